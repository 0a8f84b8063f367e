// What can ring, and how the person wants it to ring.
// Why: reminders are derived data. The medication schedule, the goal's check-in rhythm, the
// appointment and the claimed task are the truth; this module only names the minimal inputs the
// reminder rules need, so the rules never depend on the shape of full journal records.
// Invariants: every input is validated by a zod schema here before the rules see it; kinds are a
// closed set and each one can be switched off; custom snoozes are 1–720 minutes.
import * as z from 'zod';
import type { ScheduledMedication, TravelPolicy } from '../time/schedule';
import { localTimeSchema, timeZoneSchema } from '../time/zoned';
import { isoWeekdaySchema, travelPolicySchema } from '../time/schedule';

export const REMINDER_KINDS = ['medication', 'goal-check-in', 'appointment', 'task'] as const;
export const reminderKindSchema = z.enum(REMINDER_KINDS);
export type ReminderKind = z.infer<typeof reminderKindSchema>;

/** A medication's dose slots ring; `as-needed` schedules never do. */
export type MedicationSource = ScheduledMedication;

/** A goal's check-in rhythm, at a wall-clock time in the schedule's zone. */
export const goalCheckInSchema = z.object({
	goalId: z.string().min(1),
	frequency: z.discriminatedUnion('type', [
		z.object({ type: z.literal('daily') }),
		z.object({ type: z.literal('weekly'), weekday: isoWeekdaySchema }),
		/** Day 29–31 in a shorter month rings on the month's last day. */
		z.object({ type: z.literal('monthly'), dayOfMonth: z.int().min(1).max(31) })
	]),
	time: localTimeSchema,
	/** First instant a check-in may ring (the goal's creation). */
	startAt: z.int().min(0),
	stopAt: z.int().min(0).nullable()
});
export type GoalCheckIn = z.infer<typeof goalCheckInSchema>;

/** An appointment is a fixed instant (it happens in a place), reminded `leadMinutes` before. */
export const appointmentSourceSchema = z.object({
	appointmentId: z.string().min(1),
	startsAt: z.int().min(0),
	durationMinutes: z
		.int()
		.min(1)
		.max(24 * 60),
	leadMinutes: z
		.int()
		.min(0)
		.max(7 * 24 * 60)
});
export type AppointmentSource = z.infer<typeof appointmentSourceSchema>;

/** A task the person (or a carer on this device) claimed, reminded `leadMinutes` before it is due. */
export const claimedTaskSourceSchema = z.object({
	taskId: z.string().min(1),
	dueAt: z.int().min(0),
	leadMinutes: z
		.int()
		.min(0)
		.max(7 * 24 * 60)
});
export type ClaimedTaskSource = z.infer<typeof claimedTaskSourceSchema>;

/** Quiet hours in the local time where the person is; `start > end` wraps midnight (22:00–07:00). */
export const quietHoursSchema = z
	.object({ start: localTimeSchema, end: localTimeSchema })
	.refine((q) => q.start !== q.end, { error: 'reminders_error_quiet_hours_empty' });
export type QuietHours = z.infer<typeof quietHoursSchema>;

export const reminderSettingsSchema = z.object({
	enabled: z.object({
		medication: z.boolean(),
		'goal-check-in': z.boolean(),
		appointment: z.boolean(),
		task: z.boolean()
	}),
	quietHours: quietHoursSchema.nullable(),
	travel: travelPolicySchema
});
export type ReminderSettings = z.infer<typeof reminderSettingsSchema>;

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = {
	enabled: { medication: true, 'goal-check-in': true, appointment: true, task: true },
	quietHours: null,
	travel: { mode: 'keep-local-time' }
};

export interface ReminderSources {
	readonly medications: readonly MedicationSource[];
	readonly goals: readonly GoalCheckIn[];
	readonly appointments: readonly AppointmentSource[];
	readonly tasks: readonly ClaimedTaskSource[];
}

export const EMPTY_SOURCES: ReminderSources = {
	medications: [],
	goals: [],
	appointments: [],
	tasks: []
};

/** Where the person is now, and which zone drives wall-clock schedules. */
export interface ReminderContext {
	/** The IANA zone of the device now. */
	readonly timeZone: string;
	readonly settings: ReminderSettings;
}

export const reminderContextSchema = z.object({
	timeZone: timeZoneSchema,
	settings: reminderSettingsSchema
});

export const snoozeChoiceSchema = z.discriminatedUnion('type', [
	z.object({ type: z.literal('10-minutes') }),
	z.object({ type: z.literal('1-hour') }),
	z.object({
		type: z.literal('custom'),
		minutes: z
			.int({ error: 'reminders_error_snooze_range' })
			.min(1, { error: 'reminders_error_snooze_range' })
			.max(720, { error: 'reminders_error_snooze_range' })
	})
]);
export type SnoozeChoice = z.infer<typeof snoozeChoiceSchema>;

export type { TravelPolicy };
