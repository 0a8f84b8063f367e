// From the plan's tasks to reminder sources (issue 7 §1): appointments in the plan and the tasks
// this person has claimed.
// Why: the reminder rules take fixed instants for appointments and tasks (sources.ts); a task is
// due on a local calendar date, optionally at a wall time, and may repeat. This module expands
// each task into its dates in a window and turns each into an instant in one zone.
// Invariants:
// - an appointment is a task of kind "appointment" WITH a time; a done task never rings;
// - a claimed task rings only for its claimant; an appointment rings for everyone who reads it
//   here (the person's own plan); a claimed appointment rings once, as an appointment;
// - each occurrence is named `<taskId>:<date>` (ids hold no colon), so snoozes and the due list
//   follow one date of a repeating task; the source names nothing but ids (no title);
// - wall times become instants with `zonedToInstant` in the given zone, so 10:00 stays 10:00
//   local on both sides of a daylight-saving change (a time in the spring gap moves forward).
import { occurrences, type TaskState } from '../plan';
import { zonedToInstant, type LocalDate } from '../time/zoned';
import type { AppointmentSource, ClaimedTaskSource } from './sources';

/** Appointments are reminded this long before they start, and last this long in calendars. */
export const APPOINTMENT_LEAD_MINUTES = 60;
export const APPOINTMENT_DURATION_MINUTES = 60;
/** Timed tasks are reminded this long before; a task with no time rings at `UNTIMED_TASK_TIME`. */
export const TASK_LEAD_MINUTES = 60;
export const UNTIMED_TASK_TIME = '09:00';

export interface PlanReminderWindow {
	/** The account that claims tasks on this device. */
	readonly me: string;
	/** The zone whose wall clock the tasks' times are read in. */
	readonly timeZone: string;
	/** First and last local dates to expand (inclusive). */
	readonly from: LocalDate;
	readonly to: LocalDate;
}

export interface PlanSources {
	readonly appointments: readonly AppointmentSource[];
	readonly tasks: readonly ClaimedTaskSource[];
}

/** The sourceRef prefix of a plan occurrence: the task id. */
export const taskIdOfRef = (sourceRef: string): string => {
	const colon = sourceRef.indexOf(':');
	return colon < 0 ? sourceRef : sourceRef.slice(0, colon);
};

export const isAppointment = (state: TaskState): boolean =>
	state.task.kind === 'appointment' && state.task.dueTime !== null;

export function planToSources(
	states: readonly TaskState[],
	window: PlanReminderWindow
): PlanSources {
	const appointments: AppointmentSource[] = [];
	const tasks: ClaimedTaskSource[] = [];
	for (const state of states) {
		if (state.status === 'done') continue;
		const { task } = state;
		const appointment = isAppointment(state);
		const mine = state.status === 'claimed' && state.claimedBy === window.me;
		if (!appointment && !mine) continue;
		for (const date of occurrences(task.dueDate, task.recurrence, window.from, window.to)) {
			const ref = `${task.id}:${date}`;
			if (appointment) {
				appointments.push({
					appointmentId: ref,
					startsAt: zonedToInstant(date, task.dueTime ?? UNTIMED_TASK_TIME, window.timeZone),
					durationMinutes: APPOINTMENT_DURATION_MINUTES,
					leadMinutes: APPOINTMENT_LEAD_MINUTES
				});
			} else {
				tasks.push({
					taskId: ref,
					dueAt: zonedToInstant(date, task.dueTime ?? UNTIMED_TASK_TIME, window.timeZone),
					leadMinutes: task.dueTime === null ? 0 : TASK_LEAD_MINUTES
				});
			}
		}
	}
	return { appointments, tasks };
}
