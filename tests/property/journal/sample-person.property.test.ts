import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateSamplePerson } from '$lib/domain/journal/sample-person';
import { createPrng } from '$lib/domain/journal/prng';
import { createUuidV7Factory, uuidv7Time } from '$lib/domain/ids';
import { parseNewJournalBody } from '$lib/domain/journal/records';

describe('sample person properties', () => {
	it('for any seed, time and zone, every entry is valid and none is in the future', () => {
		fc.assert(
			fc.property(
				fc.integer(),
				fc.integer({ min: 1_700_000_000_000, max: 1_900_000_000_000 }),
				fc.constantFrom('Europe/Paris', 'America/New_York', 'Pacific/Auckland'),
				fc.constantFrom('fr' as const, 'en' as const),
				(seed, now, timeZone, locale) => {
					const { entries } = generateSamplePerson({
						seed,
						now,
						locale,
						timeZone,
						days: 60,
						newId: createUuidV7Factory(createPrng(seed).next)
					});
					expect(entries.length).toBeGreaterThan(400);
					const invalid = entries.filter((e) => !parseNewJournalBody(e.body, now).ok || e.at > now);
					expect(invalid).toEqual([]);
				}
			),
			{ numRuns: 6 }
		);
	});
});

describe('UUIDv7 properties', () => {
	it('the timestamp reads back, and ids for later times sort later', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 2 ** 48 - 1 }),
				fc.integer({ min: 1, max: 1e9 }),
				fc.integer(),
				(ms, gap, seed) => {
					const newId = createUuidV7Factory(createPrng(seed).next);
					const a = newId(ms);
					expect(uuidv7Time(a)).toBe(ms);
					if (ms + gap < 2 ** 48) expect(newId(ms + gap) > a).toBe(true);
				}
			)
		);
	});
});
