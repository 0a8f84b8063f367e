// Medication schedules and their expansion into dose slots.
// Why: the dose log, reminders, Today and adherence all need the same list of "doses that were
// due", computed the same way on every device and every day.
// Invariants:
// - A slot id is `${medicationId}:${localDate}T${HH:MM}` (the scheduled wall-clock time), so it is
//   stable across calls, windows and devices; the dose log refers to slots by this id.
// - Times-of-day schedules keep the wall clock: an 08:00 dose is at 08:00 local on both sides of a
//   daylight-saving change. A time inside a spring-forward gap is shifted forward by the gap; a
//   time inside a fall-back overlap happens once, at its first occurrence.
// - Interval schedules ("every N hours") are exact instants from their anchor; when the wall-clock
//   label happens twice (fall-back), the second occurrence gets the suffix `+1`.
// - Slots are limited to [startAt, stopAt): stopping a medication removes future slots only.
import * as z from 'zod/mini';
import {
	addDays,
	instantToZoned,
	isoWeekday,
	localDateOf,
	localDatesBetween,
	localTimeSchema,
	timeZoneSchema,
	weekdayOf,
	zonedToInstant,
	type IsoWeekday,
	type LocalDate,
	type LocalTime
} from './zoned';

const HOUR = 3_600_000;

export const isoWeekdaySchema = z
	.int({ error: 'journal_error_weekday_invalid' })
	.check(
		z.gte(1, { error: 'journal_error_weekday_invalid' }),
		z.lte(7, { error: 'journal_error_weekday_invalid' })
	);

const timesSchema = z.array(localTimeSchema).check(
	z.minLength(1, { error: 'journal_error_schedule_times_required' }),
	z.maxLength(24, { error: 'journal_error_schedule_too_many_times' }),
	z.refine((times) => new Set(times).size === times.length, {
		error: 'journal_error_schedule_duplicate_time'
	})
);

export const dailyScheduleSchema = z.object({
	type: z.literal('daily'),
	times: timesSchema
});

export const weeklyScheduleSchema = z.object({
	type: z.literal('weekly'),
	days: z.array(isoWeekdaySchema).check(
		z.minLength(1, { error: 'journal_error_schedule_days_required' }),
		z.refine((days) => new Set(days).size === days.length, {
			error: 'journal_error_schedule_duplicate_day'
		})
	),
	times: timesSchema
});

export const intervalScheduleSchema = z.object({
	type: z.literal('interval'),
	everyHours: z
		.int({ error: 'journal_error_schedule_interval_range' })
		.check(
			z.gte(1, { error: 'journal_error_schedule_interval_range' }),
			z.lte(72, { error: 'journal_error_schedule_interval_range' })
		),
	/** The instant of one dose; the others are every `everyHours` before and after it. */
	anchorAt: z
		.int({ error: 'journal_error_time_invalid' })
		.check(z.gte(0, { error: 'journal_error_time_invalid' }))
});

export const asNeededScheduleSchema = z.object({
	type: z.literal('as-needed'),
	/** Optional safety limit shown to the person (e.g. paracetamol: 4 a day). */
	maxPerDay: z.optional(
		z
			.int({ error: 'journal_error_schedule_max_per_day_range' })
			.check(
				z.gte(1, { error: 'journal_error_schedule_max_per_day_range' }),
				z.lte(24, { error: 'journal_error_schedule_max_per_day_range' })
			)
	),
	minHoursBetween: z.optional(
		z
			.number({ error: 'journal_error_schedule_interval_range' })
			.check(
				z.gte(0, { error: 'journal_error_schedule_interval_range' }),
				z.lte(72, { error: 'journal_error_schedule_interval_range' })
			)
	)
});

export const scheduleSchema = z.discriminatedUnion(
	'type',
	[dailyScheduleSchema, weeklyScheduleSchema, intervalScheduleSchema, asNeededScheduleSchema],
	{ error: 'journal_error_schedule_type_invalid' }
);
export type Schedule = z.infer<typeof scheduleSchema>;

/**
 * What to do when the person travels to another time zone.
 * - keep-local-time (default): doses follow the wall clock of the zone the person is in now.
 * - keep-home-instants: doses stay at the same instants as at home (e.g. every 24 h exactly).
 */
export const travelPolicySchema = z.discriminatedUnion('mode', [
	z.object({ mode: z.literal('keep-local-time') }),
	z.object({ mode: z.literal('keep-home-instants'), homeTimeZone: timeZoneSchema })
]);
export type TravelPolicy = z.infer<typeof travelPolicySchema>;
export const KEEP_LOCAL_TIME: TravelPolicy = { mode: 'keep-local-time' };

/** A medication as far as expansion is concerned. */
export interface ScheduledMedication {
	readonly medicationId: string;
	readonly schedule: Schedule;
	readonly startAt: number;
	readonly stopAt: number | null;
}

export interface DoseSlot {
	readonly id: string;
	readonly medicationId: string;
	/** The instant the dose is due. */
	readonly scheduledAt: number;
	/** The scheduled wall-clock date and time (before any gap shift), in `timeZone`. */
	readonly localDate: LocalDate;
	readonly localTime: LocalTime;
	readonly timeZone: string;
}

export const slotId = (medicationId: string, date: LocalDate, time: LocalTime): string =>
	`${medicationId}:${date}T${time}`;

/** The zone whose wall clock drives the schedule under `policy`. */
export const scheduleTimeZone = (timeZone: string, policy: TravelPolicy): string => {
	switch (policy.mode) {
		case 'keep-local-time':
			return timeZone;
		case 'keep-home-instants':
			return policy.homeTimeZone;
	}
};

const wallClockSlots = (
	medication: ScheduledMedication,
	times: readonly LocalTime[],
	days: ReadonlySet<IsoWeekday> | null,
	fromMs: number,
	toMs: number,
	zone: string
): DoseSlot[] => {
	// One day of margin each side: a local day can start up to ~26 h away from a UTC instant.
	const dates = localDatesBetween(
		addDays(localDateOf(fromMs, zone), -1),
		addDays(localDateOf(toMs, zone), 1)
	);
	const sortedTimes = [...times].sort();
	const slots: DoseSlot[] = [];
	for (const date of dates) {
		if (days !== null && !days.has(weekdayOf(date))) continue;
		for (const time of sortedTimes) {
			const scheduledAt = zonedToInstant(date, time, zone);
			slots.push({
				id: slotId(medication.medicationId, date, time),
				medicationId: medication.medicationId,
				scheduledAt,
				localDate: date,
				localTime: time,
				timeZone: zone
			});
		}
	}
	return slots;
};

const intervalSlots = (
	medication: ScheduledMedication,
	everyHours: number,
	anchorAt: number,
	fromMs: number,
	toMs: number,
	zone: string
): DoseSlot[] => {
	const step = everyHours * HOUR;
	const first = anchorAt + Math.ceil((fromMs - anchorAt) / step) * step;
	const slots: DoseSlot[] = [];
	for (let scheduledAt = first; scheduledAt < toMs; scheduledAt += step) {
		const zoned = instantToZoned(scheduledAt, zone);
		const isSecondOccurrence =
			zonedToInstant(zoned.date, zoned.time, zone) !== scheduledAt - (scheduledAt % 60_000);
		const base = slotId(medication.medicationId, zoned.date, zoned.time);
		slots.push({
			id: isSecondOccurrence ? `${base}+1` : base,
			medicationId: medication.medicationId,
			scheduledAt,
			localDate: zoned.date,
			localTime: zoned.time,
			timeZone: zone
		});
	}
	return slots;
};

/**
 * The dose slots of `medication` due in [fromMs, toMs), sorted by time.
 * `timeZone` is where the person is now; `policy` says whether the schedule follows it or home.
 * As-needed medications have no slots.
 */
export const expandSchedule = (
	medication: ScheduledMedication,
	fromMs: number,
	toMs: number,
	timeZone: string,
	policy: TravelPolicy = KEEP_LOCAL_TIME
): readonly DoseSlot[] => {
	const from = Math.max(fromMs, medication.startAt);
	const to = medication.stopAt === null ? toMs : Math.min(toMs, medication.stopAt);
	if (to <= from) return [];
	const zone = scheduleTimeZone(timeZone, policy);
	const { schedule } = medication;
	let slots: DoseSlot[];
	switch (schedule.type) {
		case 'as-needed':
			return [];
		case 'daily':
			slots = wallClockSlots(medication, schedule.times, null, from, to, zone);
			break;
		case 'weekly':
			slots = wallClockSlots(
				medication,
				schedule.times,
				new Set(schedule.days.map((day) => isoWeekday(day))),
				from,
				to,
				zone
			);
			break;
		case 'interval':
			slots = intervalSlots(medication, schedule.everyHours, schedule.anchorAt, from, to, zone);
			break;
	}
	return slots
		.filter((slot) => slot.scheduledAt >= from && slot.scheduledAt < to)
		.sort((a, b) => a.scheduledAt - b.scheduledAt || a.id.localeCompare(b.id));
};

/** Expands several medications at once, merged and sorted by time. */
export const expandSchedules = (
	medications: readonly (ScheduledMedication & { readonly policy?: TravelPolicy })[],
	fromMs: number,
	toMs: number,
	timeZone: string
): readonly DoseSlot[] =>
	medications
		.flatMap((medication) => expandSchedule(medication, fromMs, toMs, timeZone, medication.policy))
		.sort((a, b) => a.scheduledAt - b.scheduledAt || a.id.localeCompare(b.id));
