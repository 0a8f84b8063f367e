// Progress towards a goal: from check-ins (latest value and trend), for frequency targets (days
// this week meeting the target) and for measurement targets; and when the next check-in is due.
// Why: the person sees "3 of 5 days this week" and "check in on your goal" without anyone
// computing it by hand, identically on every device.
// Invariants: days are local days in the given time zone, weeks are ISO weeks (Monday first);
// a check-in is due only for an active goal, counted in whole local days (or calendar months)
// from the later of its last check-in and its last (re)activation.
import type { CheckInFrequency, GoalBody, GoalCheckInBody, GoalTarget } from './goals';
import { addDays, addMonths, localDateOf, startOfWeek, type LocalDate } from '../time/zoned';

export type Direction = 'up' | 'down' | 'flat';

export interface GoalProgress {
	readonly count: number;
	readonly latest: GoalCheckInBody | null;
	/** Which number the trend is about: the 0–100 progress, or the value. */
	readonly measure: 'progress' | 'value' | null;
	/** Latest compared with the previous check-in carrying the same measure. */
	readonly trend: Direction | null;
	/** Average confidence over the last three check-ins (0–10), or null. */
	readonly recentConfidence: number | null;
}

const byTime = (a: GoalCheckInBody, b: GoalCheckInBody): number => a.at - b.at;

/** Progress of one goal from its check-ins (in any order). */
export const goalProgress = (checkIns: readonly GoalCheckInBody[]): GoalProgress => {
	const sorted = [...checkIns].sort(byTime);
	const latest = sorted.at(-1) ?? null;
	const measure = latest === null ? null : latest.progress !== undefined ? 'progress' : 'value';
	const numberOf = (c: GoalCheckInBody): number | undefined =>
		measure === 'progress' ? c.progress : c.value;
	const withMeasure = sorted.filter((c) => numberOf(c) !== undefined);
	const last = withMeasure.at(-1);
	const previous = withMeasure.at(-2);
	const lastValue = last === undefined ? undefined : numberOf(last);
	const previousValue = previous === undefined ? undefined : numberOf(previous);
	const trend =
		lastValue === undefined || previousValue === undefined
			? null
			: lastValue > previousValue
				? 'up'
				: lastValue < previousValue
					? 'down'
					: 'flat';
	const recent = sorted.slice(-3);
	return {
		count: sorted.length,
		latest,
		measure,
		trend,
		recentConfidence:
			recent.length === 0 ? null : recent.reduce((sum, c) => sum + c.confidence, 0) / recent.length
	};
};

export interface FrequencyDay {
	readonly date: LocalDate;
	/** Sum of the check-in values logged that day (e.g. minutes walked). */
	readonly total: number;
	readonly met: boolean;
}

export interface FrequencyWeek {
	readonly weekStart: LocalDate;
	readonly days: readonly FrequencyDay[];
	readonly daysMet: number;
	readonly daysTarget: number;
	readonly achieved: boolean;
}

/**
 * How a frequency target went in the ISO week containing `date`: the days whose check-in values
 * add up to at least the target amount ("walked 20 minutes or more").
 */
export const frequencyWeek = (
	target: Extract<GoalTarget, { type: 'frequency' }>,
	checkIns: readonly GoalCheckInBody[],
	date: LocalDate,
	timeZone: string
): FrequencyWeek => {
	const weekStart = startOfWeek(date);
	const totals = new Map<LocalDate, number>();
	for (const checkIn of checkIns) {
		if (checkIn.value === undefined) continue;
		const day = localDateOf(checkIn.at, timeZone);
		totals.set(day, (totals.get(day) ?? 0) + checkIn.value);
	}
	const days = Array.from({ length: 7 }, (_, index): FrequencyDay => {
		const day = addDays(weekStart, index);
		const total = totals.get(day) ?? 0;
		return { date: day, total, met: total >= target.amount };
	});
	const daysMet = days.filter((d) => d.met).length;
	return {
		weekStart,
		days,
		daysMet,
		daysTarget: target.daysPerWeek,
		achieved: daysMet >= target.daysPerWeek
	};
};

/** Whether a reading meets a measurement target ("systolic at most 140"). */
export const isMeasurementTargetMet = (
	target: Extract<GoalTarget, { type: 'measurement' }>,
	value: number
): boolean => (target.comparison === 'at-most' ? value <= target.value : value >= target.value);

const nextDueDate = (from: LocalDate, every: CheckInFrequency): LocalDate => {
	switch (every) {
		case 'daily':
			return addDays(from, 1);
		case 'weekly':
			return addDays(from, 7);
		case 'fortnightly':
			return addDays(from, 14);
		case 'monthly':
			return addMonths(from, 1);
	}
};

export interface CheckInDue {
	readonly due: boolean;
	/** The local date from which a check-in is due, or null for a goal that is not active. */
	readonly dueDate: LocalDate | null;
	readonly lastCheckInAt: number | null;
}

/** Whether the person is due to check in on `goal` at `now`. */
export const checkInDue = (
	goal: GoalBody,
	checkIns: readonly GoalCheckInBody[],
	now: number,
	timeZone: string
): CheckInDue => {
	const lastCheckInAt = checkIns.reduce<number | null>(
		(latest, c) => (latest === null || c.at > latest ? c.at : latest),
		null
	);
	if (goal.status !== 'active') return { due: false, dueDate: null, lastCheckInAt };
	const activatedAt =
		[...goal.statusHistory].reverse().find((change) => change.status === 'active')?.at ?? goal.at;
	const since = Math.max(activatedAt, lastCheckInAt ?? activatedAt);
	const dueDate = nextDueDate(localDateOf(since, timeZone), goal.checkInEvery);
	return { due: localDateOf(now, timeZone) >= dueDate, dueDate, lastCheckInAt };
};
