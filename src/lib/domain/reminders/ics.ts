// iCalendar (RFC 5545) export of medication times and appointments.
// Why: some people trust their phone's own calendar alarms more than a web app; the export lets
// them keep Cercle's schedule there, without health details unless they ask for them.
// Invariants:
// - Lines end in CRLF and are folded at 75 octets (UTF-8, never inside a character); TEXT values
//   escape `\`, `;`, `,` and newlines.
// - Titles are the generic `genericTitle` ("Cercle reminder") unless `showDetails` is set, in which
//   case the medication or appointment label is used. Nothing else from the journal is exported.
// - Daily and weekly dose times are one recurring event per time (RRULE FREQ=DAILY / WEEKLY with
//   BYDAY). Under the `keep-local-time` travel policy their DTSTART is floating local time, so the
//   phone rings at 08:00 wherever it is; under `keep-home-instants` it carries the home TZID and a
//   VTIMEZONE. Interval schedules are FREQ=HOURLY from a UTC DTSTART (exact instants). Appointments
//   are single UTC events with an alarm `leadMinutes` before. As-needed medications are not exported.
// - UIDs are stable per (medication, time) and per appointment, so re-importing updates events.
import {
	expandSchedule,
	type ScheduledMedication,
	type Schedule,
	type TravelPolicy
} from '../time/schedule';
import { instantToZoned, type LocalDate, type LocalTime } from '../time/zoned';
import { vtimezoneLines, yearIn } from './ics-timezone';
import type { AppointmentSource } from './sources';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const MAX_LINE_OCTETS = 75;
const BYDAY = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

export interface IcsMedication extends ScheduledMedication {
	/** The medication's name, exported only with `showDetails`. */
	readonly label: string;
}

export interface IcsAppointment extends AppointmentSource {
	readonly label: string;
	readonly location: string | null;
}

export interface IcsOptions {
	/** The zone the person is in now. */
	readonly timeZone: string;
	readonly travel: TravelPolicy;
	/** DTSTAMP of every event. */
	readonly now: number;
	/** Right-hand side of every UID, e.g. the app's host name. */
	readonly uidDomain: string;
	readonly showDetails: boolean;
	/** Localised generic title ("Cercle reminder" / "Rappel Cercle"). */
	readonly genericTitle: string;
}

/** Escapes an iCalendar TEXT value (RFC 5545 §3.3.11). */
export const escapeIcsText = (value: string): string =>
	value
		.replace(/\\/g, '\\\\')
		.replace(/;/g, '\\;')
		.replace(/,/g, '\\,')
		.replace(/\r\n|\r|\n/g, '\\n');

const encoder = new TextEncoder();

/** Folds one content line into ≤ 75-octet lines joined by CRLF + space (RFC 5545 §3.1). */
export const foldIcsLine = (line: string): string => {
	const parts: string[] = [];
	let current = '';
	let currentOctets = 0;
	let limit = MAX_LINE_OCTETS;
	for (const char of line) {
		const octets = encoder.encode(char).length;
		if (currentOctets + octets > limit) {
			parts.push(current);
			current = '';
			currentOctets = 0;
			limit = MAX_LINE_OCTETS - 1;
		}
		current += char;
		currentOctets += octets;
	}
	parts.push(current);
	return parts.join('\r\n ');
};

export const formatIcsUtc = (instant: number): string => {
	const iso = new Date(instant).toISOString();
	return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
};

const formatIcsLocal = (date: LocalDate, time: LocalTime): string =>
	`${date.replace(/-/g, '')}T${time.replace(':', '')}00`;

/** UNTIL must be UTC when DTSTART has a TZID, and floating when DTSTART is floating. */
const untilValue = (stopAt: number, zone: string, home: string | null): string => {
	if (home !== null) return formatIcsUtc(stopAt);
	const local = instantToZoned(stopAt, zone);
	return formatIcsLocal(local.date, local.time);
};

const alarmLines = (title: string, leadMinutes: number): readonly string[] => [
	'BEGIN:VALARM',
	'ACTION:DISPLAY',
	`DESCRIPTION:${escapeIcsText(title)}`,
	`TRIGGER:${leadMinutes === 0 ? 'PT0S' : `-PT${leadMinutes}M`}`,
	'END:VALARM'
];

interface MedicationEvents {
	readonly lines: readonly string[];
	/** Set when the events use a TZID, with the earliest year they need. */
	readonly tzid: { readonly zone: string; readonly year: number } | null;
}

const singleTimeSchedule = (schedule: Schedule, time: LocalTime): Schedule => {
	switch (schedule.type) {
		case 'weekly':
			return { ...schedule, times: [time] };
		case 'daily':
		case 'interval':
		case 'as-needed':
			return { type: 'daily', times: [time] };
	}
};

const wallClockEvents = (
	medication: IcsMedication,
	times: readonly LocalTime[],
	days: readonly number[] | null,
	options: IcsOptions,
	title: string
): MedicationEvents => {
	const home = options.travel.mode === 'keep-home-instants' ? options.travel.homeTimeZone : null;
	const zone = home ?? options.timeZone;
	const lines: string[] = [];
	let year: number | null = null;
	for (const time of [...times].sort()) {
		const first = expandSchedule(
			{ ...medication, schedule: singleTimeSchedule(medication.schedule, time) },
			medication.startAt,
			medication.startAt + 8 * DAY,
			zone
		)[0];
		if (first === undefined) continue;
		const local = formatIcsLocal(first.localDate, first.localTime);
		const byDay =
			days === null
				? ''
				: `;BYDAY=${[...days]
						.sort((a, b) => a - b)
						.map((d) => BYDAY[d - 1] ?? 'MO')
						.join(',')}`;
		const until =
			medication.stopAt === null ? '' : `;UNTIL=${untilValue(medication.stopAt, zone, home)}`;
		year =
			year === null
				? yearIn(first.scheduledAt, zone)
				: Math.min(year, yearIn(first.scheduledAt, zone));
		lines.push(
			'BEGIN:VEVENT',
			`UID:medication-${medication.medicationId}-${time.replace(':', '')}@${options.uidDomain}`,
			`DTSTAMP:${formatIcsUtc(options.now)}`,
			home === null ? `DTSTART:${local}` : `DTSTART;TZID=${home}:${local}`,
			'DURATION:PT15M',
			`RRULE:FREQ=${days === null ? 'DAILY' : 'WEEKLY'}${byDay}${until}`,
			`SUMMARY:${escapeIcsText(title)}`,
			'TRANSP:TRANSPARENT',
			...alarmLines(title, 0),
			'END:VEVENT'
		);
	}
	return { lines, tzid: home === null || year === null ? null : { zone: home, year } };
};

const intervalEvents = (
	medication: IcsMedication,
	everyHours: number,
	anchorAt: number,
	options: IcsOptions,
	title: string
): MedicationEvents => {
	const step = everyHours * HOUR;
	const first = anchorAt + Math.ceil((medication.startAt - anchorAt) / step) * step;
	const until =
		medication.stopAt === null ? '' : `;UNTIL=${formatIcsUtc(medication.stopAt - MINUTE)}`;
	return {
		lines: [
			'BEGIN:VEVENT',
			`UID:medication-${medication.medicationId}-every-${everyHours}h@${options.uidDomain}`,
			`DTSTAMP:${formatIcsUtc(options.now)}`,
			`DTSTART:${formatIcsUtc(first)}`,
			'DURATION:PT15M',
			`RRULE:FREQ=HOURLY;INTERVAL=${everyHours}${until}`,
			`SUMMARY:${escapeIcsText(title)}`,
			'TRANSP:TRANSPARENT',
			...alarmLines(title, 0),
			'END:VEVENT'
		],
		tzid: null
	};
};

const medicationEvents = (medication: IcsMedication, options: IcsOptions): MedicationEvents => {
	const title = options.showDetails ? medication.label : options.genericTitle;
	const { schedule } = medication;
	switch (schedule.type) {
		case 'as-needed':
			return { lines: [], tzid: null };
		case 'daily':
			return wallClockEvents(medication, schedule.times, null, options, title);
		case 'weekly':
			return wallClockEvents(medication, schedule.times, schedule.days, options, title);
		case 'interval':
			return intervalEvents(medication, schedule.everyHours, schedule.anchorAt, options, title);
	}
};

const appointmentEvent = (appointment: IcsAppointment, options: IcsOptions): readonly string[] => {
	const title = options.showDetails ? appointment.label : options.genericTitle;
	return [
		'BEGIN:VEVENT',
		`UID:appointment-${appointment.appointmentId}@${options.uidDomain}`,
		`DTSTAMP:${formatIcsUtc(options.now)}`,
		`DTSTART:${formatIcsUtc(appointment.startsAt)}`,
		`DTEND:${formatIcsUtc(appointment.startsAt + appointment.durationMinutes * MINUTE)}`,
		`SUMMARY:${escapeIcsText(title)}`,
		...(options.showDetails && appointment.location !== null
			? [`LOCATION:${escapeIcsText(appointment.location)}`]
			: []),
		...alarmLines(title, appointment.leadMinutes),
		'END:VEVENT'
	];
};

/** A complete VCALENDAR document (CRLF line endings, folded) for the given sources. */
export const buildIcsCalendar = (
	sources: {
		readonly medications: readonly IcsMedication[];
		readonly appointments: readonly IcsAppointment[];
	},
	options: IcsOptions
): string => {
	const events: string[] = [];
	const zones = new Map<string, number>();
	for (const medication of sources.medications) {
		const { lines, tzid } = medicationEvents(medication, options);
		events.push(...lines);
		if (tzid !== null) zones.set(tzid.zone, Math.min(zones.get(tzid.zone) ?? tzid.year, tzid.year));
	}
	for (const appointment of sources.appointments)
		events.push(...appointmentEvent(appointment, options));
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//Cercle//Reminders//EN',
		'CALSCALE:GREGORIAN',
		'METHOD:PUBLISH',
		...[...zones].flatMap(([zone, year]) => vtimezoneLines(zone, year - 1)),
		...events,
		'END:VCALENDAR'
	];
	return lines.map(foldIcsLine).join('\r\n') + '\r\n';
};
