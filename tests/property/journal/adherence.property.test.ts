import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adherenceByPeriod, slotStatuses, summariseAdherence } from '$lib/domain/journal/adherence';
import type { DoseBody } from '$lib/domain/journal/medications';
import { expandSchedule } from '$lib/domain/time/schedule';

const MED = '01977000-0000-7000-8000-00000000000b';
const FROM = Date.parse('2025-03-01T00:00:00Z');
const HOUR = 3_600_000;
const slots = expandSchedule(
	{
		medicationId: MED,
		schedule: { type: 'daily', times: ['08:00', '13:00', '20:00'] },
		startAt: 0,
		stopAt: null
	},
	FROM,
	FROM + 40 * 24 * HOUR,
	'Europe/Paris'
);

type Log =
	| { readonly kind: 'none' }
	| { readonly kind: 'taken'; readonly delay: number }
	| { readonly kind: 'skipped' };
const logs = fc.array(
	fc.oneof(
		fc.constant<Log>({ kind: 'none' }),
		fc.integer({ min: -2 * HOUR, max: 6 * HOUR }).map((delay): Log => ({ kind: 'taken', delay })),
		fc.constant<Log>({ kind: 'skipped' })
	),
	{ minLength: slots.length, maxLength: slots.length }
);

const toDoses = (plan: readonly Log[]): DoseBody[] =>
	slots.flatMap((slot, index): DoseBody[] => {
		const log = plan[index];
		if (log === undefined || log.kind === 'none') return [];
		const base = {
			kind: 'dose' as const,
			medicationId: MED,
			slotId: slot.id,
			scheduledAt: slot.scheduledAt
		};
		return log.kind === 'taken'
			? [
					{
						...base,
						at: slot.scheduledAt + log.delay,
						status: 'taken',
						takenAt: slot.scheduledAt + log.delay
					}
				]
			: [{ ...base, at: slot.scheduledAt, status: 'skipped', takenAt: null, skipReason: 'other' }];
	});

const nowArb = fc.integer({ min: FROM - HOUR, max: FROM + 45 * 24 * HOUR });

describe('adherence properties', () => {
	it('every slot has exactly one outcome; the rate is in [0, 1] and null only when nothing was due', () => {
		fc.assert(
			fc.property(logs, nowArb, (plan, now) => {
				const summary = summariseAdherence(slotStatuses(slots, toDoses(plan), now));
				expect(summary.scheduled + summary.pending).toBe(slots.length);
				expect(summary.onTime + summary.late + summary.skipped + summary.missed).toBe(
					summary.scheduled
				);
				if (summary.rate === null) expect(summary.scheduled).toBe(0);
				else expect(summary.rate >= 0 && summary.rate <= 1).toBe(true);
			})
		);
	});

	it('as-needed doses never change the rate or the denominator', () => {
		fc.assert(
			fc.property(
				logs,
				nowArb,
				fc.array(fc.integer({ min: FROM, max: FROM + 40 * 24 * HOUR })),
				(plan, now, extra) => {
					const doses = toDoses(plan);
					const asNeeded = extra.map((at): DoseBody => ({
						kind: 'dose',
						at,
						medicationId: MED,
						slotId: null,
						scheduledAt: null,
						status: 'taken',
						takenAt: at
					}));
					const without = summariseAdherence(slotStatuses(slots, doses, now), doses);
					const withExtra = summariseAdherence(slotStatuses(slots, [...doses, ...asNeeded], now), [
						...doses,
						...asNeeded
					]);
					expect(withExtra.rate).toBe(without.rate);
					expect(withExtra.scheduled).toBe(without.scheduled);
					expect(withExtra.asNeeded - without.asNeeded).toBe(asNeeded.length);
				}
			)
		);
	});

	it('per-day and per-week totals add up to the whole', () => {
		fc.assert(
			fc.property(
				logs,
				nowArb,
				fc.constantFrom('day' as const, 'week' as const, 'month' as const),
				(plan, now, period) => {
					const statuses = slotStatuses(slots, toDoses(plan), now);
					const total = summariseAdherence(statuses);
					const periods = adherenceByPeriod(
						statuses,
						[],
						period,
						'2025-03-01',
						'2025-04-10',
						'Europe/Paris'
					);
					const sum = (field: 'scheduled' | 'onTime' | 'late' | 'missed' | 'skipped') =>
						periods.reduce((acc, p) => acc + p.summary[field], 0);
					expect(sum('scheduled')).toBe(total.scheduled);
					expect(sum('onTime') + sum('late')).toBe(total.onTime + total.late);
					expect(sum('missed') + sum('skipped')).toBe(total.missed + total.skipped);
				}
			),
			{ numRuns: 50 }
		);
	});

	it('taking a missed dose never lowers the rate', () => {
		fc.assert(
			fc.property(logs, fc.nat({ max: slots.length - 1 }), (plan, index) => {
				const now = FROM + 45 * 24 * HOUR;
				const before = summariseAdherence(slotStatuses(slots, toDoses(plan), now));
				const fixed = plan.map((log, i): Log =>
					i === index ? { kind: 'taken', delay: 4 * HOUR } : log
				);
				const after = summariseAdherence(slotStatuses(slots, toDoses(fixed), now));
				expect(after.rate ?? 0).toBeGreaterThanOrEqual(before.rate ?? 0);
			})
		);
	});
});
