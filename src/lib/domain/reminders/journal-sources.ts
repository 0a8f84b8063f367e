// From journal records to reminder sources, acknowledgements and dose logs: the glue between the
// journal and the reminders domain, pure so that Today, the manager and the tests agree.
// Why: the reminder rules take minimal inputs (src/lib/domain/reminders/sources.ts); the journal
// holds full records. Appointments and claimed tasks are not in the app yet (the plan and the
// circle's tasks have no records on this device), so they contribute nothing until they exist.
// Invariants: a stopped or deleted medication and a goal that is not active never ring; a dose slot
// with any log (taken, late or skipped) is acknowledged, so is a goal check-in answered that day.
import type { DoseInput, JournalRecord } from '$lib/domain/journal/entries';
import { localDateOf, weekdayOf, type IsoWeekday } from '$lib/domain/time/zoned';
import type { GoalCheckIn, ReminderKind, ReminderSources } from './sources';

/** What a dose log needs of a reminder (an occurrence, or one the service worker queued). */
export interface ReminderSlot {
	readonly kind: ReminderKind;
	readonly sourceRef: string;
	readonly dueAt: number;
}

/** Goal check-ins ring at this local time (the goal has no time of its own). */
export const GOAL_CHECK_IN_TIME = '18:00';

const goalFrequency = (
	every: 'daily' | 'weekly' | 'fortnightly' | 'monthly',
	createdAt: number,
	zone: string
): GoalCheckIn['frequency'] => {
	const date = localDateOf(createdAt, zone);
	switch (every) {
		case 'daily':
			return { type: 'daily' };
		// Fortnightly rhythms are reminded weekly: a nudge a week early is better than none.
		case 'weekly':
		case 'fortnightly':
			return { type: 'weekly', weekday: weekdayOf(date) satisfies IsoWeekday };
		case 'monthly':
			return { type: 'monthly', dayOfMonth: Number(date.slice(8, 10)) };
	}
};

export const journalToSources = (
	records: readonly JournalRecord[],
	zone: string
): ReminderSources => {
	const medications: ReminderSources['medications'][number][] = [];
	const goals: GoalCheckIn[] = [];
	for (const record of records) {
		if (record.deleted) continue;
		const body = record.body;
		if (body.kind === 'medication') {
			medications.push({
				medicationId: record.id,
				schedule: body.schedule,
				startAt: body.startAt,
				stopAt: body.stopAt
			});
		} else if (body.kind === 'goal' && body.status === 'active') {
			goals.push({
				goalId: record.id,
				frequency: goalFrequency(body.checkInEvery, body.at, zone),
				time: GOAL_CHECK_IN_TIME,
				startAt: body.at,
				stopAt: null
			});
		}
	}
	return { medications, goals, appointments: [], tasks: [] };
};

/** Source refs already dealt with: dose slots with a log, goal check-ins answered that day. */
export const acknowledgedRefs = (
	records: readonly JournalRecord[],
	zone: string
): ReadonlySet<string> => {
	const refs = new Set<string>();
	for (const record of records) {
		if (record.deleted) continue;
		const body = record.body;
		if (body.kind === 'dose' && body.slotId !== null) refs.add(body.slotId);
		else if (body.kind === 'goal-checkin') refs.add(`${body.goalId}:${localDateOf(body.at, zone)}`);
	}
	return refs;
};

/** The medication id of a dose slot id (`<medicationId>:<date>T<HH:MM>`; ids hold no colon). */
export const medicationIdOfSlot = (slotId: string): string => slotId.slice(0, slotId.indexOf(':'));

/** The "taken" dose log for a medication reminder, or null for any other kind. */
export const takenDoseFor = (reminder: ReminderSlot, at: number): DoseInput | null =>
	reminder.kind === 'medication' && reminder.sourceRef.includes(':')
		? {
				medicationId: medicationIdOfSlot(reminder.sourceRef),
				slot: { id: reminder.sourceRef, scheduledAt: reminder.dueAt },
				status: 'taken',
				takenAt: at
			}
		: null;
