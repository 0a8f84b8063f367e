// VTIMEZONE components for iCalendar export, derived from the platform's time-zone data.
// Why: RFC 5545 §3.6.5 requires a VTIMEZONE for every TZID an export uses; we have no tz database
// of our own, so the offsets and transitions are read back from Intl (through time/zoned.ts).
// Invariants: transitions are found to the minute by sampling each day of a year and bisecting;
// a yearly rule (BYMONTH + BYDAY, "-1SU" for "last Sunday") is emitted only when it predicts the
// next year's transition too; otherwise each transition of the next years is listed on its own.
// A zone without transitions gets one STANDARD observance.
import { instantToZoned, weekdayOf, zoneOffsetMs, type LocalDate } from '../time/zoned';

const MINUTE = 60_000;
const DAY = 86_400_000;
const LISTED_YEARS = 12;
const BYDAY = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

interface Transition {
	/** First instant of the new offset. */
	readonly at: number;
	readonly fromOffsetMs: number;
	readonly toOffsetMs: number;
}

const transitionsInYear = (year: number, timeZone: string): readonly Transition[] => {
	const transitions: Transition[] = [];
	const end = Date.UTC(year + 1, 0, 1);
	let previous = Date.UTC(year, 0, 1);
	let previousOffset = zoneOffsetMs(previous, timeZone);
	for (let sample = previous + DAY; sample <= end; sample += DAY) {
		const offset = zoneOffsetMs(sample, timeZone);
		if (offset !== previousOffset) {
			let low = previous;
			let high = sample;
			while (high - low > MINUTE) {
				const middle = low + Math.floor((high - low) / 2 / MINUTE) * MINUTE;
				if (zoneOffsetMs(middle, timeZone) === previousOffset) low = middle;
				else high = middle;
			}
			transitions.push({ at: high, fromOffsetMs: previousOffset, toOffsetMs: offset });
		}
		previous = sample;
		previousOffset = offset;
	}
	return transitions;
};

export const formatOffset = (offsetMs: number): string => {
	const sign = offsetMs < 0 ? '-' : '+';
	const minutes = Math.abs(offsetMs) / MINUTE;
	const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
	const mm = String(minutes % 60).padStart(2, '0');
	return `${sign}${hh}${mm}`;
};

/** The transition's wall-clock time in the offset in force before it, as iCalendar local time. */
const localStart = (transition: Transition): string => {
	const local = new Date(transition.at + transition.fromOffsetMs);
	const iso = local.toISOString();
	return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}00`;
};

const localDateOfTransition = (transition: Transition): LocalDate =>
	new Date(transition.at + transition.fromOffsetMs).toISOString().slice(0, 10);

const yearlyRule = (transition: Transition): { readonly month: number; readonly byDay: string } => {
	const date = localDateOfTransition(transition);
	const [year, month, day] = [
		Number(date.slice(0, 4)),
		Number(date.slice(5, 7)),
		Number(date.slice(8, 10))
	];
	const length = new Date(Date.UTC(year, month, 0)).getUTCDate();
	const weekday = BYDAY[weekdayOf(date) - 1] ?? 'SU';
	const nth = day + 7 > length ? '-1' : String(Math.ceil(day / 7));
	return { month, byDay: `${nth}${weekday}` };
};

const sameRule = (a: Transition, b: Transition): boolean => {
	const ra = yearlyRule(a);
	const rb = yearlyRule(b);
	const timeOf = (t: Transition): string => localStart(t).slice(9);
	return ra.month === rb.month && ra.byDay === rb.byDay && timeOf(a) === timeOf(b);
};

const observance = (transition: Transition, rrule: string | null): readonly string[] => {
	const name = transition.toOffsetMs > transition.fromOffsetMs ? 'DAYLIGHT' : 'STANDARD';
	return [
		`BEGIN:${name}`,
		`DTSTART:${localStart(transition)}`,
		...(rrule === null ? [] : [`RRULE:${rrule}`]),
		`TZOFFSETFROM:${formatOffset(transition.fromOffsetMs)}`,
		`TZOFFSETTO:${formatOffset(transition.toOffsetMs)}`,
		`END:${name}`
	];
};

/** The content lines of a VTIMEZONE for `timeZone`, valid from `fromYear` on. */
export const vtimezoneLines = (timeZone: string, fromYear: number): readonly string[] => {
	const first = transitionsInYear(fromYear, timeZone);
	const second = transitionsInYear(fromYear + 1, timeZone);
	const body: string[] = [];
	if (first.length === 0) {
		const offset = formatOffset(zoneOffsetMs(Date.UTC(fromYear, 0, 1), timeZone));
		body.push(
			'BEGIN:STANDARD',
			`DTSTART:${fromYear}0101T000000`,
			`TZOFFSETFROM:${offset}`,
			`TZOFFSETTO:${offset}`,
			'END:STANDARD'
		);
	} else if (
		first.length === second.length &&
		first.every((t, i) => {
			const next = second[i];
			return next !== undefined && sameRule(t, next) && t.toOffsetMs === next.toOffsetMs;
		})
	) {
		for (const transition of first) {
			const { month, byDay } = yearlyRule(transition);
			body.push(...observance(transition, `FREQ=YEARLY;BYMONTH=${month};BYDAY=${byDay}`));
		}
	} else {
		for (let year = fromYear; year < fromYear + LISTED_YEARS; year += 1) {
			for (const transition of transitionsInYear(year, timeZone)) {
				body.push(...observance(transition, null));
			}
		}
	}
	return ['BEGIN:VTIMEZONE', `TZID:${timeZone}`, ...body, 'END:VTIMEZONE'];
};

/** The calendar year of `instant` in `timeZone`. */
export const yearIn = (instant: number, timeZone: string): number =>
	Number(instantToZoned(instant, timeZone).date.slice(0, 4));
