// What rings, derived from the reminders manager's inputs: the due questionnaires as task sources,
// the occurrences of a window with snoozes folded in, and the words a reminder is shown with.
// Why apart: the manager (reminders.svelte.ts) holds runes and timers; these are plain functions of
// their inputs (`now` passed in), so a test pins a minute and reads what rings.
// Invariants: a snooze replaces its original ring and rings only when its kind is enabled; labels
// are read on this device only (never sent anywhere).
import { m } from '$lib/paraglide/messages.js';
import {
	expandReminders,
	planToSources,
	taskIdOfRef,
	toPushSchedule,
	type ClaimedTaskSource,
	type OpaqueIdMinter,
	type ReminderOccurrence,
	type ReminderSettings,
	type ReminderSources
} from '$lib/domain/reminders';
import { dueAt, missedAt, MINUTE_MS } from '$lib/domain/reminders/ringing';
import type { StoredSnooze } from '$lib/domain/reminders/stored';
import type { JournalRecord } from '$lib/domain/journal/entries';
import type { TaskState } from '$lib/domain/plan';
import type { VaultRecord } from '$lib/domain/records';
import { scheduleTimeZone, type TravelPolicy } from '$lib/domain/time/schedule';
import { localDateOf } from '$lib/domain/time/zoned';
import {
	SURVEY_RESPONSE,
	dueNow,
	dueToReminderSources,
	isSurveyReminderRef,
	responseRefSchema
} from '$lib/domain/surveys/due';
import { journalToSources } from '$lib/domain/reminders/journal-sources';

export const DAY_MS = 24 * 60 * MINUTE_MS;
/** How far ahead the push schedule reaches. */
export const PUSH_HORIZON_MS = 3 * DAY_MS;

export interface DueReminder {
	readonly occurrence: ReminderOccurrence;
	/** What the reminder is about, on this device only (never sent anywhere). */
	readonly label: string;
	readonly state: 'soon' | 'due' | 'missed';
}

/** Due questionnaires ring as tasks (domain/surveys/due.ts), named by ids only. */
export function surveyReminderSources(
	records: readonly VaultRecord[],
	now: number,
	timeZone: string
): readonly ClaimedTaskSource[] {
	const responses = records.flatMap((r) => {
		if (r.kind !== SURVEY_RESPONSE || r.deleted) return [];
		const p = responseRefSchema.safeParse(r.body);
		return p.success ? [{ questionnaireId: p.data.questionnaireId, at: r.at }] : [];
	});
	return dueToReminderSources(
		dueNow({ assignments: records, responses, tasks: [], now, timeZone }),
		timeZone
	);
}

export interface OccurrenceInputs {
	readonly sources: ReminderSources;
	readonly timeZone: string;
	readonly settings: ReminderSettings;
	readonly snoozes: readonly StoredSnooze[];
	/** The person's opaque-id minter; null until the key is loaded (nothing rings then). */
	readonly mint: OpaqueIdMinter | null;
}

/** Occurrences in [from, to), snoozes included, by fire time. */
export function occurrencesBetween(
	inputs: OccurrenceInputs,
	from: number,
	to: number
): readonly ReminderOccurrence[] {
	const { mint, settings } = inputs;
	if (mint === null) return [];
	const base = expandReminders(
		inputs.sources,
		{ timeZone: inputs.timeZone, settings },
		from,
		to,
		mint
	);
	const snoozed = inputs.snoozes
		.filter((s) => s.fireAt >= from && s.fireAt < to && settings.enabled[s.kind])
		.map((s) => ({
			opaqueId: mint({ kind: s.kind, sourceRef: s.sourceRef, fireAt: s.fireAt }),
			fireAt: s.fireAt,
			dueAt: s.dueAt,
			kind: s.kind,
			sourceRef: s.sourceRef
		}));
	return [...base, ...snoozed].sort((a, b) => a.fireAt - b.fireAt);
}

/** What a reminder is about, in the person's words: the medication, the goal, the task's title. */
export function reminderLabel(
	occurrence: ReminderOccurrence,
	journal: readonly JournalRecord[],
	plan: readonly TaskState[]
): string {
	if (isSurveyReminderRef(occurrence.sourceRef)) return m.surveys_reminder_label();
	if (occurrence.kind === 'appointment' || occurrence.kind === 'task') {
		const taskId = taskIdOfRef(occurrence.sourceRef);
		const state = plan.find((s) => s.task.id === taskId);
		return state?.task.title ?? m.reminders_generic_label();
	}
	const id = occurrence.sourceRef.slice(0, occurrence.sourceRef.indexOf(':'));
	const record = journal.find((r) => r.id === id || r.id === occurrence.sourceRef);
	if (record?.body.kind === 'medication') return record.body.name;
	if (record?.body.kind === 'goal') return m.reminders_goal_label({ goal: record.body.text });
	return m.reminders_generic_label();
}

export interface SourceInputs {
	readonly journal: readonly JournalRecord[];
	readonly plan: readonly TaskState[];
	readonly surveys: readonly VaultRecord[];
	/** This account's id (LOCAL_ACCOUNT without one): whose claimed tasks ring. */
	readonly me: string;
	readonly timeZone: string;
	readonly travel: TravelPolicy;
	readonly now: number;
}

/**
 * Every source that rings: the journal's medications and goals, the plan's appointments and this
 * account's claimed tasks, and the due questionnaires. The plan's dates are expanded a little
 * beyond the push horizon on both sides (day-long windows), read in the zone the travel policy
 * chooses.
 */
export function reminderSources(input: SourceInputs): ReminderSources {
	const { now, timeZone: zone } = input;
	const plan = planToSources(input.plan, {
		me: input.me,
		timeZone: scheduleTimeZone(zone, input.travel),
		from: localDateOf(now - 2 * DAY_MS, zone),
		to: localDateOf(now + PUSH_HORIZON_MS + 2 * DAY_MS, zone)
	});
	return {
		...journalToSources(input.journal, zone),
		...plan,
		tasks: [...plan.tasks, ...surveyReminderSources(input.surveys, now, zone)]
	};
}

/** Today's list: what is soon or due now and not acknowledged, with its words. */
export const dueReminders = (
	occurrences: readonly ReminderOccurrence[],
	acknowledged: ReadonlySet<string>,
	now: number,
	labelOf: (occurrence: ReminderOccurrence) => string
): readonly DueReminder[] =>
	dueAt(occurrences, acknowledged, now).map(({ occurrence, state }) => ({
		occurrence,
		label: labelOf(occurrence),
		state
	}));

/** The missed-reminders banner: what rang since `seenUntil` and was never acknowledged. */
export const missedReminders = (
	occurrences: readonly ReminderOccurrence[],
	acknowledged: ReadonlySet<string>,
	seenUntil: number,
	now: number,
	labelOf: (occurrence: ReminderOccurrence) => string
): readonly DueReminder[] =>
	missedAt(occurrences, acknowledged, seenUntil, now).map((occurrence) => ({
		occurrence,
		label: labelOf(occurrence),
		state: 'missed'
	}));

/** What the push server is sent from `now`: opaque ids and fire times within the horizon. */
export const pushScheduleFrom = (
	occurrences: readonly ReminderOccurrence[],
	now: number
): ReturnType<typeof toPushSchedule> =>
	toPushSchedule(occurrences.filter((o) => o.fireAt >= now && o.fireAt < now + PUSH_HORIZON_MS));

/** The occurrence behind an opaque id (a notification tapped), if this device knows it. */
export function findReminder(
	occurrences: readonly ReminderOccurrence[],
	opaqueId: string,
	labelOf: (occurrence: ReminderOccurrence) => string
): DueReminder | null {
	const occurrence = occurrences.find((o) => o.opaqueId === opaqueId);
	return occurrence === undefined ? null : { occurrence, label: labelOf(occurrence), state: 'due' };
}
