import { describe, expect, it } from 'vitest';
import {
	changeGoalStatus,
	goalBodySchema,
	goalTransitionErrorMessage,
	newGoal,
	type GoalCheckInBody
} from '$lib/domain/journal/goals';
import {
	checkInDue,
	frequencyWeek,
	goalProgress,
	isMeasurementTargetMet
} from '$lib/domain/journal/goal-progress';

const GOAL_ID = '01977000-0000-7000-8000-0000000000c1';
const utc = (iso: string): number => Date.parse(iso);
const checkIn = (at: string, fields: Partial<GoalCheckInBody>): GoalCheckInBody => ({
	kind: 'goal-checkin',
	at: utc(at),
	goalId: GOAL_ID,
	confidence: 6,
	...fields
});

describe('goal status', () => {
	const goal = newGoal({
		text: 'Walk to the market with my granddaughter without stopping',
		at: utc('2025-05-01T09:00:00Z')
	});

	it('moves through statuses keeping the history, and can be picked up again', () => {
		const paused = changeGoalStatus(goal, 'paused', utc('2025-05-10T09:00:00Z'));
		if (!paused.ok) throw new Error('pause refused');
		const resumed = changeGoalStatus(paused.value, 'active', utc('2025-05-20T09:00:00Z'));
		if (!resumed.ok) throw new Error('resume refused');
		const achieved = changeGoalStatus(resumed.value, 'achieved', utc('2025-06-20T09:00:00Z'));
		expect(achieved.ok && achieved.value.statusHistory.map((c) => c.status)).toEqual([
			'active',
			'paused',
			'active',
			'achieved'
		]);
		expect(achieved.ok && goalBodySchema.safeParse(achieved.value).success).toBe(true);
	});

	it('refuses a transition to the same status, from achieved to paused, or back in time', () => {
		expect(changeGoalStatus(goal, 'active', utc('2025-05-02T00:00:00Z'))).toEqual({
			ok: false,
			error: { type: 'invalid-transition', from: 'active', to: 'active' }
		});
		const achieved = changeGoalStatus(goal, 'achieved', utc('2025-05-03T00:00:00Z'));
		expect(
			achieved.ok && changeGoalStatus(achieved.value, 'paused', utc('2025-05-04T00:00:00Z')).ok
		).toBe(false);
		expect(changeGoalStatus(goal, 'paused', utc('2025-04-01T00:00:00Z'))).toEqual({
			ok: false,
			error: { type: 'before-last-change', lastChangeAt: goal.at }
		});
	});
});

describe('goal progress', () => {
	it('gives the latest check-in, the trend and recent confidence', () => {
		const progress = goalProgress([
			checkIn('2025-05-14T18:00:00Z', { progress: 40, confidence: 5 }),
			checkIn('2025-05-07T18:00:00Z', { progress: 20, confidence: 4 }),
			checkIn('2025-05-21T18:00:00Z', { progress: 35, confidence: 9 })
		]);
		expect(progress.latest?.progress).toBe(35);
		expect(progress.measure).toBe('progress');
		expect(progress.trend).toBe('down');
		expect(progress.recentConfidence).toBe(6);
		expect(goalProgress([]).trend).toBeNull();
		expect(goalProgress([checkIn('2025-05-07T18:00:00Z', { value: 10 })]).trend).toBeNull();
	});

	it('counts the days this week meeting a frequency target, adding same-day check-ins', () => {
		const target = { type: 'frequency', amount: 20, unit: 'minutes', daysPerWeek: 5 } as const;
		const week = frequencyWeek(
			target,
			[
				checkIn('2025-05-12T08:00:00Z', { value: 25 }), // Monday
				checkIn('2025-05-13T08:00:00Z', { value: 10 }),
				checkIn('2025-05-13T17:00:00Z', { value: 12 }), // Tuesday: 22 in total
				checkIn('2025-05-14T08:00:00Z', { value: 19 }),
				checkIn('2025-05-19T08:00:00Z', { value: 40 }) // next week
			],
			'2025-05-15',
			'Europe/Paris'
		);
		expect(week.weekStart).toBe('2025-05-12');
		expect(week.days.filter((d) => d.met).map((d) => d.date)).toEqual(['2025-05-12', '2025-05-13']);
		expect([week.daysMet, week.daysTarget, week.achieved]).toEqual([2, 5, false]);
	});

	it('places a late-evening check-in on the local day', () => {
		const target = { type: 'frequency', amount: 20, unit: 'minutes', daysPerWeek: 1 } as const;
		// 23:30 in Paris on Sunday 18 May is 21:30 UTC: still that Sunday, not Monday.
		const week = frequencyWeek(
			target,
			[checkIn('2025-05-18T21:30:00Z', { value: 30 })],
			'2025-05-18',
			'Europe/Paris'
		);
		expect(week.days.at(-1)).toEqual({ date: '2025-05-18', total: 30, met: true });
	});

	it('checks measurement targets', () => {
		const target = {
			type: 'measurement',
			metric: 'systolic',
			comparison: 'at-most',
			value: 140
		} as const;
		expect([139, 140, 141].map((v) => isMeasurementTargetMet(target, v))).toEqual([
			true,
			true,
			false
		]);
		expect(isMeasurementTargetMet({ ...target, comparison: 'at-least' }, 139)).toBe(false);
	});
});

describe('check-in due', () => {
	const goal = newGoal({
		text: 'Sleep through the night',
		at: utc('2025-05-01T09:00:00Z'),
		checkInEvery: 'weekly'
	});

	it('is due a week after the last check-in, by local date', () => {
		const checkIns = [checkIn('2025-05-05T20:00:00Z', { progress: 10 })];
		expect(checkInDue(goal, checkIns, utc('2025-05-11T21:00:00Z'), 'Europe/Paris')).toMatchObject({
			due: false,
			dueDate: '2025-05-12'
		});
		expect(checkInDue(goal, checkIns, utc('2025-05-11T22:30:00Z'), 'Europe/Paris').due).toBe(true);
	});

	it('counts from creation when there is no check-in, and never for a paused goal', () => {
		expect(checkInDue(goal, [], utc('2025-05-08T10:00:00Z'), 'UTC')).toMatchObject({
			due: true,
			dueDate: '2025-05-08'
		});
		const paused = changeGoalStatus(goal, 'paused', utc('2025-05-02T00:00:00Z'));
		expect(paused.ok && checkInDue(paused.value, [], utc('2025-06-01T00:00:00Z'), 'UTC').due).toBe(
			false
		);
	});

	it('restarts the clock when a goal is picked up again, and handles months', () => {
		const paused = changeGoalStatus(
			{ ...goal, checkInEvery: 'monthly' },
			'paused',
			utc('2025-05-02T00:00:00Z')
		);
		const active = paused.ok
			? changeGoalStatus(paused.value, 'active', utc('2025-07-31T10:00:00Z'))
			: paused;
		expect(
			active.ok && checkInDue(active.value, [], utc('2025-08-30T10:00:00Z'), 'UTC')
		).toMatchObject({
			due: false,
			dueDate: '2025-08-31'
		});
	});
});

describe('goal transition messages', () => {
	it('explains a refused change with message keys', () => {
		expect(
			goalTransitionErrorMessage({ type: 'invalid-transition', from: 'achieved', to: 'paused' })
		).toEqual({
			key: 'journal_error_goal_invalid_transition',
			params: { from: 'journal_goal_status_achieved', to: 'journal_goal_status_paused' }
		});
		expect(goalTransitionErrorMessage({ type: 'before-last-change', lastChangeAt: 5 }).key).toBe(
			'journal_error_goal_before_last_change'
		);
	});
});
