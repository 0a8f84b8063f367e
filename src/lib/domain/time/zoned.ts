// Wall-clock time in IANA time zones, using only the platform Intl API.
// Why: medication schedules and daily summaries are about the person's local days and clock times,
// while records store instants (ms since epoch). This module is the only bridge between the two.
// Invariants: `zonedToInstant` always returns an instant; a wall-clock time that does not exist
// (spring-forward gap) is shifted forward by the gap, and an ambiguous one (fall-back overlap)
// resolves to the first occurrence. Local dates are 'YYYY-MM-DD', local times 'HH:MM' (24 h).
import * as z from 'zod/mini';

export type LocalDate = string;
export type LocalTime = string;
/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface ZonedDateTime {
	readonly date: LocalDate;
	readonly time: LocalTime;
	readonly weekday: IsoWeekday;
	/** Offset from UTC in ms at that instant (positive east of Greenwich). */
	readonly offsetMs: number;
}

const DAY = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** True when the platform knows this IANA time zone name. */
export const isValidTimeZone = (timeZone: string): boolean => {
	if (timeZone.length === 0) return false;
	try {
		new Intl.DateTimeFormat('en-US', { timeZone });
		return true;
	} catch {
		return false;
	}
};

export const timeZoneSchema = z
	.string({ error: 'journal_error_time_zone_invalid' })
	.check(z.refine(isValidTimeZone, { error: 'journal_error_time_zone_invalid' }));

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

const isRealDate = (year: number, month: number, day: number): boolean => {
	const d = new Date(Date.UTC(year, month - 1, day));
	return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
};

const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

export const isLocalDate = (value: string): boolean => {
	const match = LOCAL_DATE_PATTERN.exec(value);
	return match !== null && isRealDate(Number(match[1]), Number(match[2]), Number(match[3]));
};

export const isLocalTime = (value: string): boolean => LOCAL_TIME_PATTERN.test(value);

export const localDateSchema = z
	.string({ error: 'journal_error_date_invalid' })
	.check(z.refine(isLocalDate, { error: 'journal_error_date_invalid' }));

export const localTimeSchema = z
	.string({ error: 'journal_error_time_of_day_invalid' })
	.check(z.refine(isLocalTime, { error: 'journal_error_time_of_day_invalid' }));

const dateParts = (date: LocalDate): readonly [number, number, number] => {
	const match = LOCAL_DATE_PATTERN.exec(date);
	if (match === null || !isLocalDate(date)) throw new RangeError(`Not a local date: ${date}`);
	return [Number(match[1]), Number(match[2]), Number(match[3])];
};

const timeParts = (time: LocalTime): readonly [number, number] => {
	const match = LOCAL_TIME_PATTERN.exec(time);
	if (match === null) throw new RangeError(`Not a local time: ${time}`);
	return [Number(match[1]), Number(match[2])];
};

const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
	let formatter = formatters.get(timeZone);
	if (formatter === undefined) {
		formatter = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit'
		});
		formatters.set(timeZone, formatter);
	}
	return formatter;
};

/** The wall-clock fields of an instant in a zone, as a UTC timestamp ("local as if UTC"). */
const wallClockAsUtc = (instant: number, timeZone: string): number => {
	const fields = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
	for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) {
		const { type } = part;
		if (
			type === 'year' ||
			type === 'month' ||
			type === 'day' ||
			type === 'hour' ||
			type === 'minute' ||
			type === 'second'
		) {
			fields[type] = Number(part.value);
		}
	}
	return Date.UTC(
		fields.year,
		fields.month - 1,
		fields.day,
		fields.hour,
		fields.minute,
		fields.second
	);
};

const exactOffsetMs = (instant: number, timeZone: string): number => {
	const wholeSeconds = Math.floor(instant / 1000) * 1000;
	return wallClockAsUtc(wholeSeconds, timeZone) - wholeSeconds;
};

// Intl lookups are slow (~30 µs); offsets change at most a few times a year. Per zone and UTC
// day we remember the offset when it is the same at both ends of the day (no change inside it);
// days with a change always use the exact lookup.
const MAX_CACHED_DAYS = 50_000;
const constantDayOffsets = new Map<string, number | null>();

/** Offset from UTC (ms) of `timeZone` at `instant`. */
export const zoneOffsetMs = (instant: number, timeZone: string): number => {
	const day = Math.floor(instant / DAY);
	const key = `${timeZone}|${day}`;
	let offset = constantDayOffsets.get(key);
	if (offset === undefined) {
		const atStart = exactOffsetMs(day * DAY, timeZone);
		const atEnd = exactOffsetMs(day * DAY + DAY - 1000, timeZone);
		offset = atStart === atEnd ? atStart : null;
		if (constantDayOffsets.size >= MAX_CACHED_DAYS) constantDayOffsets.clear();
		constantDayOffsets.set(key, offset);
	}
	return offset ?? exactOffsetMs(instant, timeZone);
};

/** Local date, time, weekday and offset of `instant` in `timeZone`. */
export const instantToZoned = (instant: number, timeZone: string): ZonedDateTime => {
	const offsetMs = zoneOffsetMs(instant, timeZone);
	const local = new Date(instant + offsetMs);
	const weekday = local.getUTCDay();
	return {
		date: `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`,
		time: `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`,
		weekday: toIsoWeekday(weekday),
		offsetMs
	};
};

/** `day` (1 = Monday … 7 = Sunday) as an ISO weekday; anything else is a bug (throws). */
export const isoWeekday = (day: number): IsoWeekday => {
	switch (day) {
		case 1:
		case 2:
		case 3:
		case 4:
		case 5:
		case 6:
		case 7:
			return day;
		default:
			throw new RangeError(`Not an ISO weekday: ${day}`);
	}
};

/** A `Date#getUTCDay()` (0 = Sunday) as an ISO weekday. */
const toIsoWeekday = (utcDay: number): IsoWeekday => isoWeekday(utcDay === 0 ? 7 : utcDay);

/** The local date of `instant` in `timeZone`. */
export const localDateOf = (instant: number, timeZone: string): LocalDate =>
	instantToZoned(instant, timeZone).date;

/**
 * The instant at which the wall clock in `timeZone` shows `date` `time`.
 * Gap (the time does not exist): shifted forward by the length of the gap (02:30 → 03:30).
 * Overlap (the time happens twice): the first occurrence.
 */
export const zonedToInstant = (date: LocalDate, time: LocalTime, timeZone: string): number => {
	const [year, month, day] = dateParts(date);
	const [hour, minute] = timeParts(time);
	const local = Date.UTC(year, month - 1, day, hour, minute);
	const offsetBefore = zoneOffsetMs(local - DAY, timeZone);
	const offsetAfter = zoneOffsetMs(local + DAY, timeZone);
	const candidates = [local - offsetBefore, local - offsetAfter].filter(
		(instant) => zoneOffsetMs(instant, timeZone) === local - instant
	);
	if (candidates.length > 0) return Math.min(...candidates);
	// In a gap: the offset in force before the change puts us just as far past the change.
	return local - offsetBefore;
};

/** Midnight (or the first instant) of `date` in `timeZone`. */
export const startOfLocalDate = (date: LocalDate, timeZone: string): number =>
	zonedToInstant(date, '00:00', timeZone);

/** The first instant of the local day containing `instant`. */
export const startOfLocalDay = (instant: number, timeZone: string): number =>
	startOfLocalDate(localDateOf(instant, timeZone), timeZone);

/** `date` plus `days` calendar days (negative to go back). */
export const addDays = (date: LocalDate, days: number): LocalDate => {
	const [year, month, day] = dateParts(date);
	const shifted = new Date(Date.UTC(year, month - 1, day + days));
	return `${pad(shifted.getUTCFullYear(), 4)}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`;
};

/** `date` plus `months` calendar months, the day clamped to the month's length (31 Jan + 1 → 28/29 Feb). */
export const addMonths = (date: LocalDate, months: number): LocalDate => {
	const [year, month, day] = dateParts(date);
	const firstOfTarget = new Date(Date.UTC(year, month - 1 + months, 1));
	const targetYear = firstOfTarget.getUTCFullYear();
	const targetMonth = firstOfTarget.getUTCMonth();
	const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
	return `${pad(targetYear, 4)}-${pad(targetMonth + 1)}-${pad(Math.min(day, lastDay))}`;
};

/** Whole calendar days from `from` to `to` (positive when `to` is later). */
export const daysBetween = (from: LocalDate, to: LocalDate): number => {
	const [y1, m1, d1] = dateParts(from);
	const [y2, m2, d2] = dateParts(to);
	return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / DAY);
};

/** ISO weekday of a local date. */
export const weekdayOf = (date: LocalDate): IsoWeekday => {
	const [year, month, day] = dateParts(date);
	return toIsoWeekday(new Date(Date.UTC(year, month - 1, day)).getUTCDay());
};

/** The Monday starting the ISO week that contains `date`. */
export const startOfWeek = (date: LocalDate): LocalDate => addDays(date, 1 - weekdayOf(date));

/** The first day of the month containing `date`. */
export const startOfMonth = (date: LocalDate): LocalDate => `${date.slice(0, 8)}01`;

/** Every local date from `from` to `to`, both included (empty when `to` is before `from`). */
export const localDatesBetween = (from: LocalDate, to: LocalDate): readonly LocalDate[] => {
	const count = daysBetween(from, to);
	return Array.from({ length: Math.max(0, count + 1) }, (_, index) => addDays(from, index));
};
