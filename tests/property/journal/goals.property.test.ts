import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	changeGoalStatus,
	goalBodySchema,
	GOAL_STATUSES,
	GOAL_TRANSITIONS,
	newGoal,
	type GoalCheckInBody
} from '$lib/domain/journal/goals';
import { frequencyWeek } from '$lib/domain/journal/goal-progress';

const START = Date.parse('2025-05-01T00:00:00Z');
const GOAL_ID = '01977000-0000-7000-8000-0000000000c2';

describe('goal properties', () => {
	it('any sequence of status changes keeps a valid, ordered history ending at the current status', () => {
		fc.assert(
			fc.property(
				fc.array(
					fc.record({ to: fc.constantFrom(...GOAL_STATUSES), gap: fc.nat({ max: 86_400_000 }) }),
					{ maxLength: 20 }
				),
				(changes) => {
					let goal = newGoal({ text: 'Garden again', at: START });
					let at = START;
					for (const change of changes) {
						at += change.gap;
						const result = changeGoalStatus(goal, change.to, at);
						expect(result.ok).toBe(GOAL_TRANSITIONS[goal.status].includes(change.to));
						if (result.ok) {
							expect(result.value.statusHistory).toHaveLength(goal.statusHistory.length + 1);
							goal = result.value;
						}
					}
					expect(goal.statusHistory.at(-1)?.status).toBe(goal.status);
					expect(goalBodySchema.safeParse(goal).success).toBe(true);
				}
			)
		);
	});

	it('frequency weeks: days met is between 0 and 7, and more activity never lowers it', () => {
		const checkIns = fc.array(
			fc.record({
				day: fc.nat({ max: 6 }),
				hour: fc.nat({ max: 23 }),
				value: fc.integer({ min: 0, max: 60 })
			}),
			{ maxLength: 20 }
		);
		fc.assert(
			fc.property(
				checkIns,
				fc.integer({ min: 1, max: 60 }),
				fc.nat({ max: 6 }),
				fc.integer({ min: 1, max: 30 }),
				(list, amount, extraDay, extra) => {
					const toBody = (c: { day: number; hour: number; value: number }): GoalCheckInBody => ({
						kind: 'goal-checkin',
						at: Date.parse('2025-05-12T00:00:00Z') + c.day * 86_400_000 + c.hour * 3_600_000,
						goalId: GOAL_ID,
						value: c.value,
						confidence: 5
					});
					const target = { type: 'frequency', amount, unit: 'minutes', daysPerWeek: 5 } as const;
					const before = frequencyWeek(target, list.map(toBody), '2025-05-14', 'UTC');
					const after = frequencyWeek(
						target,
						[...list, { day: extraDay, hour: 12, value: extra }].map(toBody),
						'2025-05-14',
						'UTC'
					);
					expect(before.daysMet).toBeGreaterThanOrEqual(0);
					expect(before.daysMet).toBeLessThanOrEqual(7);
					expect(after.daysMet).toBeGreaterThanOrEqual(before.daysMet);
					expect(before.achieved).toBe(before.daysMet >= 5);
				}
			)
		);
	});
});
