// iCalendar (RFC 5545) export of the tasks a member has claimed, for their own phone calendar.
// Reuses the reminders module's escaping, folding and UTC stamp so both exports follow one
// implementation. Times are floating local times (the task's wall time, wherever the carer is);
// a task without a time is an all-day event. Invariant: CRLF line endings, lines folded at 75
// octets, TEXT values escaped, one VEVENT per task with its recurrence as an RRULE.
import { escapeIcsText, foldIcsLine, formatIcsUtc } from '../reminders/ics';
import type { Recurrence, TaskState } from './tasks';

export interface TaskIcsOptions {
	/** DTSTAMP of every event. */
	readonly now: number;
	/** Right-hand side of every UID, e.g. the app's host name. */
	readonly uidDomain: string;
	/** Default event length for timed tasks, in minutes. */
	readonly durationMinutes?: number;
}

const compactDate = (date: string): string => date.replace(/-/g, '');

const rrule = (recurrence: Recurrence): readonly string[] => {
	if (recurrence.freq === 'none') return [];
	const until = recurrence.until === null ? '' : `;UNTIL=${compactDate(recurrence.until)}`;
	return [`RRULE:FREQ=${recurrence.freq.toUpperCase()};INTERVAL=${recurrence.interval}${until}`];
};

const nextDate = (date: string): string =>
	new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The tasks `memberId` has claimed (and not completed), as a VCALENDAR document. */
export function claimedTasksToIcs(
	states: readonly TaskState[],
	memberId: string,
	options: TaskIcsOptions
): string {
	const events = states
		.filter((s) => s.status === 'claimed' && s.claimedBy === memberId)
		.flatMap((s) => {
			const t = s.task;
			const when =
				t.dueTime === null
					? [
							`DTSTART;VALUE=DATE:${compactDate(t.dueDate)}`,
							`DTEND;VALUE=DATE:${compactDate(nextDate(t.dueDate))}`
						]
					: [
							`DTSTART:${compactDate(t.dueDate)}T${t.dueTime.replace(':', '')}00`,
							`DURATION:PT${options.durationMinutes ?? 60}M`
						];
			return [
				'BEGIN:VEVENT',
				`UID:task-${t.id}@${options.uidDomain}`,
				`DTSTAMP:${formatIcsUtc(options.now)}`,
				...when,
				...rrule(t.recurrence),
				`SUMMARY:${escapeIcsText(t.title)}`,
				...(t.details === '' ? [] : [`DESCRIPTION:${escapeIcsText(t.details)}`]),
				...(t.place === '' ? [] : [`LOCATION:${escapeIcsText(t.place)}`]),
				`CATEGORIES:${t.kind.toUpperCase()}`,
				'END:VEVENT'
			];
		});
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//Cercle//Tasks//EN',
		'CALSCALE:GREGORIAN',
		'METHOD:PUBLISH',
		...events,
		'END:VCALENDAR'
	];
	return lines.map(foldIcsLine).join('\r\n') + '\r\n';
}
