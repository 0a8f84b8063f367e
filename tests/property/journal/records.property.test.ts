import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CLOCK_SLACK_MS } from '$lib/domain/journal/common';
import { JOURNAL_KINDS, parseJournalBody, parseNewJournalBody } from '$lib/domain/journal/records';
import en from '$lib/i18n/messages/journal/en.json';

const known: Record<string, unknown> = en;

describe('record parsing properties', () => {
	it('whatever the input, every error carries a journal message key that exists (no English from zod)', () => {
		const bodies = fc.oneof(
			fc.anything(),
			fc.record(
				{
					kind: fc.constantFrom(...JOURNAL_KINDS, 'unknown'),
					at: fc.oneof(fc.integer(), fc.double(), fc.string()),
					severity: fc.oneof(fc.integer({ min: -5, max: 15 }), fc.string()),
					measurement: fc.record(
						{
							type: fc.constantFrom('weight', 'blood-pressure', 'custom', 'x'),
							value: fc.double()
						},
						{ requiredKeys: [] }
					),
					text: fc.string({ maxLength: 3 }),
					status: fc.constantFrom('taken', 'skipped', 'late', 'lost')
				},
				{ requiredKeys: ['kind'] }
			)
		);
		fc.assert(
			fc.property(bodies, (input) => {
				const result = parseJournalBody(input);
				if (!result.ok) {
					expect(result.error.length).toBeGreaterThan(0);
					for (const error of result.error) expect(known[error.key]).toBeDefined();
				}
			})
		);
	});

	it('a stated time is accepted exactly when it is at most a minute after now', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 2e12 }),
				fc.integer({ min: -1e9, max: 1e9 }),
				(now, delta) => {
					fc.pre(now + delta >= 0);
					const result = parseNewJournalBody({ kind: 'note', at: now + delta, text: 'ok' }, now);
					expect(result.ok).toBe(delta <= CLOCK_SLACK_MS);
				}
			)
		);
	});
});
