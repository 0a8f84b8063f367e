// The reminders as a calendar file (.ics): medicines from the journal and appointments from the
// plan, with titles only when the person asked for details (otherwise one generic title).
import type { TaskState } from '$lib/domain/plan';
import type { JournalRecord } from '$lib/domain/journal/entries';
import {
	APPOINTMENT_DURATION_MINUTES,
	buildIcsCalendar,
	taskIdOfRef,
	type AppointmentSource,
	type ReminderSettings
} from '$lib/domain/reminders';
import { icsToFeedEvents, type CalendarFeedEvent } from '$lib/domain/reminders/feed';
import { m } from '$lib/paraglide/messages.js';

export interface CalendarInput {
	readonly journal: readonly JournalRecord[];
	readonly appointments: readonly AppointmentSource[];
	readonly plan: readonly TaskState[];
	readonly timeZone: string;
	readonly travel: ReminderSettings['travel'];
	readonly now: number;
}

export function reminderCalendarText(input: CalendarInput, showDetails: boolean): string {
	return buildIcsCalendar(
		{
			medications: input.journal.flatMap((r) =>
				r.body.kind === 'medication' && !r.deleted
					? [
							{
								medicationId: r.id,
								schedule: r.body.schedule,
								startAt: r.body.startAt,
								stopAt: r.body.stopAt,
								label: r.body.name
							}
						]
					: []
			),
			appointments: input.appointments.map((appointment) => {
				const task = input.plan.find(
					(s) => s.task.id === taskIdOfRef(appointment.appointmentId)
				)?.task;
				return {
					...appointment,
					durationMinutes: APPOINTMENT_DURATION_MINUTES,
					label: task?.title ?? m.reminders_ics_title(),
					location: task === undefined || task.place === '' ? null : task.place
				};
			})
		},
		{
			timeZone: input.timeZone,
			travel: input.travel,
			now: input.now,
			uidDomain: typeof location === 'undefined' ? 'cercle.local' : location.host,
			showDetails,
			genericTitle: m.reminders_ics_title()
		}
	);
}

/** The calendar feed's events: the same calendar, generic (no titles, no places). */
export const reminderFeedEvents = (input: CalendarInput): readonly CalendarFeedEvent[] =>
	icsToFeedEvents(reminderCalendarText(input, false));

/** The calendar as a file to download (.ics), with details only when the person asked. */
export const reminderCalendarFile = (input: CalendarInput, showDetails: boolean): Blob =>
	new Blob([reminderCalendarText(input, showDetails)], { type: 'text/calendar' });
