// Goals in the person's own words ("what matters to me"), their check-ins and status history.
// Why: goals are the person's, not the clinic's; the text is free, the target optional, and the
// status can move back and forth (paused, picked up again) without losing where it has been.
// Invariants: `statusHistory` is non-empty, in time order, and its last entry is `status`;
// a check-in carries a progress (0–100) or a value (for measurable targets), or both.
import * as z from 'zod/mini';
import { err, ok, type Result } from '../result';
import { noteSchema, recordIdSchema, requiredText, timestampSchema } from './common';
import { metricSchema } from './measurements';

export const GOAL_STATUSES = ['active', 'achieved', 'paused', 'let-go'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];
export const goalStatusKey = (status: GoalStatus): string =>
	`journal_goal_status_${status.replaceAll('-', '_')}`;

export const CHECK_IN_FREQUENCIES = ['daily', 'weekly', 'fortnightly', 'monthly'] as const;
export type CheckInFrequency = (typeof CHECK_IN_FREQUENCIES)[number];

export const FREQUENCY_UNITS = ['minutes', 'times', 'steps', 'km', 'glasses', 'pages'] as const;

/** "Walk 20 minutes, 5 days a week": `amount` per day on `daysPerWeek` days. */
export const frequencyTargetSchema = z.object({
	type: z.literal('frequency'),
	activity: z.optional(requiredText(120)),
	amount: z
		.number({ error: 'journal_error_number_invalid' })
		.check(
			z.positive({ error: 'journal_error_goal_amount_positive' }),
			z.lte(100_000, { error: 'journal_error_goal_amount_positive' })
		),
	unit: z.enum(FREQUENCY_UNITS, { error: 'journal_error_choice_invalid' }),
	daysPerWeek: z
		.int({ error: 'journal_error_goal_days_per_week_range' })
		.check(
			z.gte(1, { error: 'journal_error_goal_days_per_week_range' }),
			z.lte(7, { error: 'journal_error_goal_days_per_week_range' })
		)
});

/** "Keep my systolic pressure at most 140": a measurement compared with a value. */
export const measurementTargetSchema = z.object({
	type: z.literal('measurement'),
	metric: metricSchema,
	comparison: z.enum(['at-most', 'at-least'], { error: 'journal_error_choice_invalid' }),
	value: z.number({ error: 'journal_error_number_invalid' })
});

export const goalTargetSchema = z.discriminatedUnion('type', [
	frequencyTargetSchema,
	measurementTargetSchema
]);
export type GoalTarget = z.infer<typeof goalTargetSchema>;

export const statusChangeSchema = z.object({
	status: z.enum(GOAL_STATUSES, { error: 'journal_error_choice_invalid' }),
	at: timestampSchema
});
export type StatusChange = z.infer<typeof statusChangeSchema>;

export const goalBodySchema = z
	.object({
		kind: z.literal('goal'),
		at: timestampSchema,
		/** The person's own words. */
		text: requiredText(500),
		/** Why it matters, also in their words (optional). */
		why: z.optional(noteSchema),
		target: z.nullable(goalTargetSchema),
		status: z.enum(GOAL_STATUSES, { error: 'journal_error_choice_invalid' }),
		statusHistory: z
			.array(statusChangeSchema)
			.check(z.minLength(1, { error: 'journal_error_goal_history_invalid' })),
		checkInEvery: z.enum(CHECK_IN_FREQUENCIES, { error: 'journal_error_choice_invalid' })
	})
	.check(
		z.refine(
			(goal) =>
				goal.statusHistory.at(-1)?.status === goal.status &&
				goal.statusHistory.every(
					(change, i) => i === 0 || change.at >= (goal.statusHistory[i - 1]?.at ?? 0)
				),
			{ error: 'journal_error_goal_history_invalid', path: ['statusHistory'] }
		)
	);
export type GoalBody = z.infer<typeof goalBodySchema>;

export const goalCheckInBodySchema = z
	.object({
		kind: z.literal('goal-checkin'),
		at: timestampSchema,
		goalId: recordIdSchema,
		progress: z.optional(
			z
				.int({ error: 'journal_error_goal_progress_range' })
				.check(
					z.gte(0, { error: 'journal_error_goal_progress_range' }),
					z.lte(100, { error: 'journal_error_goal_progress_range' })
				)
		),
		/** A value for measurable targets (minutes walked today, a reading). */
		value: z.optional(
			z
				.number({ error: 'journal_error_number_invalid' })
				.check(
					z.gte(0, { error: 'journal_error_number_invalid' }),
					z.lte(1_000_000, { error: 'journal_error_number_invalid' })
				)
		),
		confidence: z
			.int({ error: 'journal_error_goal_confidence_range' })
			.check(
				z.gte(0, { error: 'journal_error_goal_confidence_range' }),
				z.lte(10, { error: 'journal_error_goal_confidence_range' })
			),
		note: z.optional(noteSchema)
	})
	.check(
		z.refine((checkIn) => checkIn.progress !== undefined || checkIn.value !== undefined, {
			error: 'journal_error_checkin_progress_or_value',
			path: ['progress']
		})
	);
export type GoalCheckInBody = z.infer<typeof goalCheckInBodySchema>;

/** Creates a new, active goal. */
export const newGoal = (input: {
	readonly text: string;
	readonly at: number;
	readonly target?: GoalTarget | null;
	readonly checkInEvery?: CheckInFrequency;
	readonly why?: string;
}): GoalBody => ({
	kind: 'goal',
	at: input.at,
	text: input.text,
	...(input.why === undefined ? {} : { why: input.why }),
	target: input.target ?? null,
	status: 'active',
	statusHistory: [{ status: 'active', at: input.at }],
	checkInEvery: input.checkInEvery ?? 'weekly'
});

/** Which statuses each status may move to. A goal let go or achieved can be picked up again. */
export const GOAL_TRANSITIONS: Readonly<Record<GoalStatus, readonly GoalStatus[]>> = {
	active: ['achieved', 'paused', 'let-go'],
	paused: ['active', 'achieved', 'let-go'],
	achieved: ['active'],
	'let-go': ['active']
};

export type GoalTransitionError =
	| { readonly type: 'invalid-transition'; readonly from: GoalStatus; readonly to: GoalStatus }
	| { readonly type: 'before-last-change'; readonly lastChangeAt: number };

export const canChangeGoalStatus = (from: GoalStatus, to: GoalStatus): boolean =>
	GOAL_TRANSITIONS[from].includes(to);

/** Moves a goal to `to` at `at`, appending to its history. */
export const changeGoalStatus = (
	goal: GoalBody,
	to: GoalStatus,
	at: number
): Result<GoalBody, GoalTransitionError> => {
	if (!canChangeGoalStatus(goal.status, to)) {
		return err({ type: 'invalid-transition', from: goal.status, to });
	}
	const lastChangeAt = goal.statusHistory.at(-1)?.at ?? goal.at;
	if (at < lastChangeAt) return err({ type: 'before-last-change', lastChangeAt });
	return ok({ ...goal, status: to, statusHistory: [...goal.statusHistory, { status: to, at }] });
};

/** The message key and params that explain a refused status change to the person. */
export const goalTransitionErrorMessage = (
	error: GoalTransitionError
): { readonly key: string; readonly params: Readonly<Record<string, string | number>> } => {
	switch (error.type) {
		case 'invalid-transition':
			return {
				key: 'journal_error_goal_invalid_transition',
				params: { from: goalStatusKey(error.from), to: goalStatusKey(error.to) }
			};
		case 'before-last-change':
			return {
				key: 'journal_error_goal_before_last_change',
				params: { lastChangeAt: error.lastChangeAt }
			};
	}
};
