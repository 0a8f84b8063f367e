// Reminder rules: from medication schedules, goal check-ins, appointments and claimed tasks to the
// list of reminders that ring in a window.
// Why: Today's due list, in-app timers, missed reminders on opening, the Web Push schedule and the
// calendar export must all agree on what rings when; they all start from `expandReminders`.
// Invariants:
// - Wall-clock sources (dose times, check-ins) keep their local time across daylight-saving
//   changes; when travelling they follow the zone chosen by the travel policy (time/schedule.ts:
//   `keep-local-time` is the default, `keep-home-instants` keeps the home zone's clock).
//   Appointments and tasks are fixed instants and never move with the traveller.
// - Quiet hours apply in the zone the person is in now (quiet-hours.ts), after the lead time.
// - Each occurrence names its source by `sourceRef` (the dose slot id for medication, so the
//   dose log and the reminder agree) and carries an `opaqueId` that reveals nothing (opaque-id.ts).
// - Results are sorted by `fireAt`, then `opaqueId`, and contain each (kind, sourceRef) once.
import {
	expandSchedule,
	scheduleTimeZone,
	type ScheduledMedication,
	type TravelPolicy
} from '../time/schedule';
import {
	addDays,
	localDateOf,
	localDatesBetween,
	weekdayOf,
	zonedToInstant,
	type LocalDate
} from '../time/zoned';
import type { OpaqueIdMinter } from './opaque-id';
import { applyQuietHours } from './quiet-hours';
import type {
	GoalCheckIn,
	ReminderContext,
	ReminderKind,
	ReminderSources,
	SnoozeChoice
} from './sources';

const MINUTE = 60_000;
const DAY = 86_400_000;

export interface ReminderOccurrence {
	/** Opaque to everyone but this device; the only thing the push server sees with `fireAt`. */
	readonly opaqueId: string;
	/** When the reminder rings (after lead time, quiet hours or snooze). */
	readonly fireAt: number;
	/** When the thing itself is due (the dose, the appointment's start, the task's due time). */
	readonly dueAt: number;
	readonly kind: ReminderKind;
	readonly sourceRef: string;
}

interface Candidate {
	readonly kind: ReminderKind;
	readonly sourceRef: string;
	readonly dueAt: number;
	readonly fireAt: number;
}

const medicationCandidates = (
	medications: readonly ScheduledMedication[],
	fromMs: number,
	toMs: number,
	timeZone: string,
	policy: TravelPolicy
): Candidate[] =>
	medications.flatMap((medication) =>
		expandSchedule(medication, fromMs, toMs, timeZone, policy).map((slot) => ({
			kind: 'medication' as const,
			sourceRef: slot.id,
			dueAt: slot.scheduledAt,
			fireAt: slot.scheduledAt
		}))
	);

const daysInMonth = (date: LocalDate): number => {
	const year = Number(date.slice(0, 4));
	const month = Number(date.slice(5, 7));
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
};

const isCheckInDate = (goal: GoalCheckIn, date: LocalDate): boolean => {
	const { frequency } = goal;
	switch (frequency.type) {
		case 'daily':
			return true;
		case 'weekly':
			return weekdayOf(date) === frequency.weekday;
		case 'monthly':
			return Number(date.slice(8, 10)) === Math.min(frequency.dayOfMonth, daysInMonth(date));
	}
};

/** Check-in instants of `goal` in [fromMs, toMs), on the wall clock of `zone`. */
export const expandGoalCheckIns = (
	goal: GoalCheckIn,
	fromMs: number,
	toMs: number,
	zone: string
): readonly { readonly date: LocalDate; readonly at: number }[] => {
	const from = Math.max(fromMs, goal.startAt);
	const to = goal.stopAt === null ? toMs : Math.min(toMs, goal.stopAt);
	if (to <= from) return [];
	const dates = localDatesBetween(
		addDays(localDateOf(from, zone), -1),
		addDays(localDateOf(to, zone), 1)
	);
	return dates
		.filter((date) => isCheckInDate(goal, date))
		.map((date) => ({ date, at: zonedToInstant(date, goal.time, zone) }))
		.filter(({ at }) => at >= from && at < to);
};

const goalCandidates = (
	goals: readonly GoalCheckIn[],
	fromMs: number,
	toMs: number,
	zone: string
): Candidate[] =>
	goals.flatMap((goal) =>
		expandGoalCheckIns(goal, fromMs, toMs, zone).map(({ date, at }) => ({
			kind: 'goal-check-in' as const,
			sourceRef: `${goal.goalId}:${date}`,
			dueAt: at,
			fireAt: at
		}))
	);

const sourceCandidates = (
	sources: ReminderSources,
	context: ReminderContext,
	fromMs: number,
	toMs: number
): Candidate[] => {
	const { enabled, travel } = context.settings;
	const zone = scheduleTimeZone(context.timeZone, travel);
	const candidates: Candidate[] = [];
	if (enabled.medication) {
		candidates.push(
			...medicationCandidates(sources.medications, fromMs, toMs, context.timeZone, travel)
		);
	}
	if (enabled['goal-check-in'])
		candidates.push(...goalCandidates(sources.goals, fromMs, toMs, zone));
	if (enabled.appointment) {
		for (const appointment of sources.appointments) {
			candidates.push({
				kind: 'appointment',
				sourceRef: appointment.appointmentId,
				dueAt: appointment.startsAt,
				fireAt: appointment.startsAt - appointment.leadMinutes * MINUTE
			});
		}
	}
	if (enabled.task) {
		for (const task of sources.tasks) {
			candidates.push({
				kind: 'task',
				sourceRef: task.taskId,
				dueAt: task.dueAt,
				fireAt: task.dueAt - task.leadMinutes * MINUTE
			});
		}
	}
	return candidates;
};

const compareOccurrences = (a: ReminderOccurrence, b: ReminderOccurrence): number =>
	a.fireAt - b.fireAt || (a.opaqueId < b.opaqueId ? -1 : a.opaqueId > b.opaqueId ? 1 : 0);

/**
 * Every reminder that rings in [fromMs, toMs) for the enabled kinds, sorted by `fireAt`.
 * Sources due up to a day before `fromMs` are considered too, so a dose deferred out of last
 * night's quiet hours into the window is not lost.
 */
export const expandReminders = (
	sources: ReminderSources,
	context: ReminderContext,
	fromMs: number,
	toMs: number,
	mintId: OpaqueIdMinter
): readonly ReminderOccurrence[] => {
	if (toMs <= fromMs) return [];
	const seen = new Set<string>();
	const occurrences: ReminderOccurrence[] = [];
	for (const candidate of sourceCandidates(sources, context, fromMs - DAY, toMs)) {
		const fireAt = applyQuietHours(
			candidate.fireAt,
			candidate.kind,
			context.settings.quietHours,
			context.timeZone
		);
		if (fireAt === null || fireAt < fromMs || fireAt >= toMs) continue;
		const key = `${candidate.kind}\n${candidate.sourceRef}`;
		if (seen.has(key)) continue;
		seen.add(key);
		occurrences.push({
			opaqueId: mintId({ kind: candidate.kind, sourceRef: candidate.sourceRef, fireAt }),
			fireAt,
			dueAt: candidate.dueAt,
			kind: candidate.kind,
			sourceRef: candidate.sourceRef
		});
	}
	return occurrences.sort(compareOccurrences);
};

/** Minutes a snooze choice stands for. */
export const snoozeMinutes = (choice: SnoozeChoice): number => {
	switch (choice.type) {
		case '10-minutes':
			return 10;
		case '1-hour':
			return 60;
		case 'custom':
			return choice.minutes;
	}
};

/**
 * The occurrence rung again `choice` after `now`. A snooze is an explicit request, so quiet hours
 * do not apply to it. The new opaque id differs from the original (it is a different push).
 */
export const snoozeOccurrence = (
	occurrence: ReminderOccurrence,
	choice: SnoozeChoice,
	now: number,
	mintId: OpaqueIdMinter
): ReminderOccurrence => {
	const fireAt = now + snoozeMinutes(choice) * MINUTE;
	return {
		...occurrence,
		fireAt,
		opaqueId: mintId({ kind: occurrence.kind, sourceRef: occurrence.sourceRef, fireAt })
	};
};

/**
 * Reminders that rang (fireAt ≤ now) and were not acknowledged, once per source, the latest
 * ring kept (a snoozed reminder replaces its original). `acknowledged` holds source refs (a dose
 * slot id once the dose is logged as taken or skipped; a goal check-in once answered).
 */
export const missedReminders = (
	occurrences: readonly ReminderOccurrence[],
	acknowledged: ReadonlySet<string>,
	now: number
): readonly ReminderOccurrence[] => {
	const latest = new Map<string, ReminderOccurrence>();
	for (const occurrence of occurrences) {
		if (occurrence.fireAt > now || acknowledged.has(occurrence.sourceRef)) continue;
		const key = `${occurrence.kind}\n${occurrence.sourceRef}`;
		const previous = latest.get(key);
		if (previous === undefined || previous.fireAt < occurrence.fireAt) latest.set(key, occurrence);
	}
	return [...latest.values()].sort(compareOccurrences);
};

export interface ReminderSourceEntry {
	readonly kind: ReminderKind;
	readonly sourceRef: string;
	readonly dueAt: number;
	readonly fireAt: number;
}

/** The device-only map from opaque id back to the reminder's source. Never uploaded. */
export const indexByOpaqueId = (
	occurrences: readonly ReminderOccurrence[]
): ReadonlyMap<string, ReminderSourceEntry> =>
	new Map(
		occurrences.map(({ opaqueId, kind, sourceRef, dueAt, fireAt }) => [
			opaqueId,
			{ kind, sourceRef, dueAt, fireAt }
		])
	);

/** What the device uploads for Web Push: the fire time and opaque id, nothing else. */
export const toPushSchedule = (
	occurrences: readonly ReminderOccurrence[]
): readonly { readonly fireAt: number; readonly opaqueId: string }[] =>
	occurrences.map(({ fireAt, opaqueId }) => ({ fireAt, opaqueId }));
