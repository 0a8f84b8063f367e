// The people digest gives the row the full records give (issue 14 §3 figures): for random people
// (the sample person over 60–120 days, Monique's decisions, visit and targets, records deleted at
// random), a digest computed at T, sealed as JSON and parsed back, yields at any later `now` the
// same flags, the same "changed since my last visit" count and the same last news as computing
// from every record with the live clock (any seen marker, any "no news" setting).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY_MS, flagsFor } from '../../../src/lib/domain/care-team/flags';
import {
	decodeTimes,
	encodeTimes,
	peopleDigestOf,
	peopleDigestSchema,
	rowFromDigest
} from '../../../src/lib/domain/care-team/people-digest';
import {
	changesSince,
	flagInputOf,
	readShared,
	type SharedRecord
} from '../../../src/lib/domain/care-team/shared-records';
import { SHAREABLE_CATEGORIES } from '../../../src/lib/domain/categories';
import { generateSamplePerson } from '../../../src/lib/domain/journal/sample-person';
import { uuidv7 } from '../../../src/lib/domain/ids';
import { moniqueRecords, NOW, OWNER } from '../../fixtures/people';

const ZONE = 'Europe/Paris';

function person(seed: number, days: number, deletedEvery: number): SharedRecord[] {
	const sample = generateSamplePerson({
		seed,
		now: NOW,
		locale: seed % 2 === 0 ? 'fr' : 'en',
		newId: (at) => uuidv7(at),
		days
	}).entries.map((e) => ({
		id: e.id,
		kind: e.kind,
		category: e.category,
		at: e.at,
		hlc: `${String(NOW).padStart(15, '0')}-0000-00000000000000aa`,
		deleted: false,
		body: e.body
	}));
	return [...sample, ...moniqueRecords()].map((r, i) =>
		deletedEvery > 0 && i % deletedEvery === 0 ? { ...r, deleted: true } : r
	);
}

describe('people digest (properties)', () => {
	it('encodes entry times without loss', () => {
		fc.assert(
			fc.property(fc.array(fc.integer({ min: 0, max: 2 ** 47 })), (times) => {
				expect(decodeTimes(encodeTimes(times))).toEqual([...times].sort((a, b) => a - b));
			})
		);
	});

	it('gives the flags, changes and last news of the full records, at any later time', () => {
		const arbitrary = fc.record({
			seed: fc.integer({ min: 1, max: 100_000 }),
			days: fc.integer({ min: 60, max: 120 }),
			deletedEvery: fc.constantFrom(0, 3, 7, 20),
			lag: fc.integer({ min: 0, max: 3 * DAY_MS }),
			later: fc.integer({ min: 0, max: 25 * DAY_MS }),
			seen: fc.option(fc.integer({ min: 0, max: 120 * DAY_MS }), { nil: null }),
			noNewsDays: fc.integer({ min: 1, max: 30 })
		});
		fc.assert(
			fc.property(arbitrary, (p) => {
				const records = person(p.seed, p.days, p.deletedEvery);
				const computedAt = NOW + p.lag;
				const now = computedAt + p.later;
				const follow = {
					circleId: 'c',
					name: 'Monique',
					seenAt: p.seen === null ? null : NOW - p.seen,
					noNewsDays: p.noNewsDays
				};
				// Full path: every record, parsed at `now`.
				const data = readShared(records, OWNER);
				const flags = flagsFor(
					flagInputOf(data, {
						now,
						timeZone: ZONE,
						seenAt: follow.seenAt,
						noNewsDays: follow.noNewsDays
					})
				);
				// Digest path: computed at T, through JSON and its schema, drawn at `now`.
				const live = records.filter((r) => !r.deleted);
				const digest = peopleDigestOf({
					records,
					times: live.map((r) => ({ category: r.category, at: r.at })),
					ownerId: OWNER,
					readable: SHAREABLE_CATEGORIES,
					computedAt
				});
				const back = peopleDigestSchema.parse(JSON.parse(JSON.stringify(digest)));
				const row = rowFromDigest('c', 'Monique', back, follow, { now, timeZone: ZONE });
				expect(row.flags).toEqual(flags);
				expect(row.changes).toBe(changesSince(data, follow.seenAt).total);
				expect(row.lastEntryAt).toBe(data.lastEntryAt);
				// Small: far fewer records than the person has.
				expect(back.records.length).toBeLessThan(live.length);
			}),
			{ numRuns: 40 }
		);
	});
});
