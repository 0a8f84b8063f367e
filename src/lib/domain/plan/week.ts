// "This week": who does what, day by day. Recurring tasks are expanded into occurrences on local
// calendar dates (no time zones involved: a task is due on a date, optionally at a wall time).
// Invariant: days are the 7 dates from `weekStart`; within a day, groups are ordered by assignee
// (claimant first, else the proposed assignee, else "unassigned") and tasks by time then title.
import type { Recurrence, TaskState } from './tasks';

const DAY_MS = 86_400_000;
const toDay = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const fromDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

export const addDays = (date: string, days: number): string => fromDay(toDay(date) + days);

/** Monday of the ISO week containing `date`. */
export const weekStartOf = (date: string): string => {
	const weekday = (new Date(toDay(date) * DAY_MS).getUTCDay() + 6) % 7;
	return addDays(date, -weekday);
};

const addMonths = (date: string, months: number): string | null => {
	const [y, m, d] = date.split('-').map(Number);
	if (y === undefined || m === undefined || d === undefined) return null;
	const total = y * 12 + (m - 1) + months;
	const candidate = new Date(Date.UTC(Math.floor(total / 12), total % 12, d));
	// Skip months without that day (31st), as RFC 5545 RRULE:FREQ=MONTHLY does.
	return candidate.getUTCDate() === d ? candidate.toISOString().slice(0, 10) : null;
};

/** The dates in [from, to] on which a task starting `start` with `recurrence` falls. */
export function occurrences(
	start: string,
	recurrence: Recurrence,
	from: string,
	to: string
): string[] {
	if (recurrence.freq === 'none') return start >= from && start <= to ? [start] : [];
	const out: string[] = [];
	const last = recurrence.until !== null && recurrence.until < to ? recurrence.until : to;
	for (let n = 0; n < 10_000; n++) {
		let date: string | null;
		if (recurrence.freq === 'daily') date = addDays(start, n * recurrence.interval);
		else if (recurrence.freq === 'weekly') date = addDays(start, n * 7 * recurrence.interval);
		else date = addMonths(start, n * recurrence.interval);
		if (date === null) continue;
		if (date > last) break;
		if (date >= from) out.push(date);
	}
	return out;
}

export interface WeekGroup {
	/** Account id of who does it (claimant, else proposed assignee), or null when nobody yet. */
	readonly assignee: string | null;
	readonly tasks: readonly TaskState[];
}

export interface WeekDay {
	readonly date: string;
	readonly groups: readonly WeekGroup[];
}

export const whoDoesIt = (state: TaskState): string | null =>
	state.claimedBy ?? state.task.assignee;

export function thisWeek(states: readonly TaskState[], weekStart: string): readonly WeekDay[] {
	const end = addDays(weekStart, 6);
	const days = Array.from({ length: 7 }, (_, i) => ({
		date: addDays(weekStart, i),
		items: [] as TaskState[]
	}));
	for (const state of states) {
		for (const date of occurrences(state.task.dueDate, state.task.recurrence, weekStart, end)) {
			days[toDay(date) - toDay(weekStart)]?.items.push(state);
		}
	}
	return days.map(({ date, items }) => {
		const groups = new Map<string | null, TaskState[]>();
		for (const item of items) {
			const key = whoDoesIt(item);
			groups.set(key, [...(groups.get(key) ?? []), item]);
		}
		return {
			date,
			groups: [...groups]
				.sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a < b ? -1 : a > b ? 1 : 0))
				.map(([assignee, tasks]) => ({
					assignee,
					tasks: tasks.sort(
						(x, y) =>
							(x.task.dueTime ?? '').localeCompare(y.task.dueTime ?? '') ||
							x.task.title.localeCompare(y.task.title)
					)
				}))
		};
	});
}
