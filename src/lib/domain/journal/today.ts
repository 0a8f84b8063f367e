// Helpers for the Today screen (what is due now, the last few days in short) and the Journal
// timeline (filter by kind, category, date range and words; group by local day).
// Why: Today must render in well under a second from a few pure passes over the person's
// records, and show the same thing on every device.
// Invariants: a dose appears in `dueNow` only while no log exists for its slot; `soon` means
// due within `windowMs`, `due` means inside the grace window, `overdue` means past it (up to
// `overdueMs` back). Journal lists are newest first, ties broken by id so order is stable.
import { HOUR_MS, MINUTE_MS, appendTo } from './common';
import { DEFAULT_GRACE_MS, latestDoseBySlot } from './adherence';
import { checkInDue } from './goal-progress';
import type { GoalBody, GoalCheckInBody } from './goals';
import { metricValues, type Metric } from './measurements';
import { toScheduledMedication, type DoseBody, type MedicationBody } from './medications';
import type { JournalEntry, JournalKind } from './records';
import { symptomKey } from './symptoms';
import { mean, type SeriesPoint } from './trends';
import type { Category } from '../categories';
import type { RingState } from '../reminders/ringing';
import { expandSchedules, type DoseSlot } from '../time/schedule';
import { addDays, localDateOf, startOfLocalDate, type LocalDate } from '../time/zoned';

/** One word for a ring's state on Today, shared with the reminders (`'missed'`, never `'overdue'`). */
export type DueState = RingState;

export interface DueDose {
	readonly slot: DoseSlot;
	readonly medicationName: string;
	readonly state: DueState;
}

export interface DueCheckIn {
	readonly goalId: string;
	readonly text: string;
	readonly dueDate: LocalDate;
}

export interface DueNowInput {
	readonly now: number;
	readonly timeZone: string;
	readonly medications: readonly { readonly id: string; readonly body: MedicationBody }[];
	readonly doses: readonly DoseBody[];
	readonly goals: readonly { readonly id: string; readonly body: GoalBody }[];
	readonly checkIns: readonly GoalCheckInBody[];
	/** How far ahead a dose counts as coming up (default 60 min). */
	readonly windowMs?: number;
	/** How far back an unlogged dose is still offered (default 12 h). */
	readonly overdueMs?: number;
	readonly graceMs?: number;
}

export interface DueNow {
	readonly doses: readonly DueDose[];
	readonly checkIns: readonly DueCheckIn[];
}

/** Doses coming up, due or overdue and not logged, and goal check-ins due, at `now`. */
export const dueNow = (input: DueNowInput): DueNow => {
	const windowMs = input.windowMs ?? 60 * MINUTE_MS;
	const overdueMs = input.overdueMs ?? 12 * HOUR_MS;
	const graceMs = input.graceMs ?? DEFAULT_GRACE_MS;
	const names = new Map(input.medications.map((m) => [m.id, m.body.name]));
	const slots = expandSchedules(
		input.medications.map((m) => toScheduledMedication(m.id, m.body)),
		input.now - overdueMs,
		input.now + windowMs + 1,
		input.timeZone
	);
	const logged = latestDoseBySlot(input.doses);
	const doses = slots
		.filter((slot) => !logged.has(slot.id))
		.map((slot): DueDose => ({
			slot,
			medicationName: names.get(slot.medicationId) ?? '',
			state:
				slot.scheduledAt > input.now
					? 'soon'
					: slot.scheduledAt >= input.now - graceMs
						? 'due'
						: 'missed'
		}));
	const checkIns = input.goals.flatMap((goal): DueCheckIn[] => {
		const own = input.checkIns.filter((c) => c.goalId === goal.id);
		const due = checkInDue(goal.body, own, input.now, input.timeZone);
		return due.due && due.dueDate !== null
			? [{ goalId: goal.id, text: goal.body.text, dueDate: due.dueDate }]
			: [];
	});
	return { doses, checkIns };
};

export interface SymptomDigest {
	readonly key: string;
	readonly count: number;
	readonly average: number;
	readonly max: number;
	readonly latest: SeriesPoint;
}

export interface MetricDigest {
	readonly metric: Metric;
	readonly count: number;
	readonly average: number;
	readonly latest: SeriesPoint;
}

export interface DaysSummary {
	readonly fromDate: LocalDate;
	readonly toDate: LocalDate;
	readonly entryCount: number;
	readonly symptoms: readonly SymptomDigest[];
	readonly metrics: readonly MetricDigest[];
	readonly mood: { readonly count: number; readonly average: number | null };
	readonly doses: {
		readonly taken: number;
		readonly late: number;
		readonly skipped: number;
		readonly asNeeded: number;
	};
}

const digest = (points: readonly SeriesPoint[]) => {
	const sorted = [...points].sort((a, b) => a.at - b.at);
	const values = sorted.map((p) => p.value);
	return {
		count: values.length,
		average: mean(values) ?? 0,
		max: Math.max(...values),
		latest: sorted.at(-1)
	};
};

const groupPoints = <K>(
	items: readonly { key: K; point: SeriesPoint }[]
): Map<K, SeriesPoint[]> => {
	const groups = new Map<K, SeriesPoint[]>();
	for (const { key, point } of items) appendTo(groups, key, point);
	return groups;
};

/**
 * A short summary of the last `days` local days up to the day of `now` (all of today): symptoms,
 * measurements, mood and doses logged.
 */
export const summariseDays = (
	entries: readonly JournalEntry[],
	now: number,
	days: number,
	timeZone: string
): DaysSummary => {
	const toDate = localDateOf(now, timeZone);
	const fromDate = addDays(toDate, 1 - Math.max(1, Math.floor(days)));
	const fromMs = startOfLocalDate(fromDate, timeZone);
	// Whole local days, today until midnight: an entry saved after the screen last read its clock
	// (Today ticks once a minute) counts at once, not a minute later (issue 11 §6).
	const endMs = startOfLocalDate(addDays(toDate, 1), timeZone);
	const recent = entries.filter((e) => e.at >= fromMs && e.at < endMs);
	const symptomGroups = groupPoints(
		recent.flatMap((e) =>
			e.body.kind === 'symptom'
				? [{ key: symptomKey(e.body.symptom), point: { at: e.at, value: e.body.severity } }]
				: []
		)
	);
	const metricGroups = groupPoints(
		recent.flatMap((e) =>
			e.body.kind === 'measurement'
				? metricValues(e.body.measurement).map((v) => ({
						key: v.metric,
						point: { at: e.at, value: v.value }
					}))
				: []
		)
	);
	const moods = recent.flatMap((e) => (e.body.kind === 'mood' ? [e.body.level] : []));
	const doses = recent.flatMap((e) => (e.body.kind === 'dose' ? [e.body] : []));
	return {
		fromDate,
		toDate,
		entryCount: recent.length,
		symptoms: [...symptomGroups].flatMap(([key, points]) => {
			const { count, average, max, latest } = digest(points);
			return latest === undefined ? [] : [{ key, count, average, max, latest }];
		}),
		metrics: [...metricGroups].flatMap(([metric, points]) => {
			const { count, average, latest } = digest(points);
			return latest === undefined ? [] : [{ metric, count, average, latest }];
		}),
		mood: { count: moods.length, average: mean(moods) },
		doses: {
			taken: doses.filter((d) => d.status === 'taken' && d.slotId !== null).length,
			late: doses.filter((d) => d.status === 'late').length,
			skipped: doses.filter((d) => d.status === 'skipped').length,
			asNeeded: doses.filter((d) => d.slotId === null && d.status !== 'skipped').length
		}
	};
};

export interface JournalFilter {
	readonly kinds?: readonly JournalKind[];
	readonly categories?: readonly Category[];
	/** Inclusive lower bound (ms). */
	readonly fromMs?: number;
	/** Exclusive upper bound (ms). */
	readonly toMs?: number;
	/** Words to find in notes, texts and names (case- and accent-insensitive). */
	readonly search?: string;
}

const fold = (text: string): string =>
	text
		.normalize('NFD')
		.replace(/\p{Diacritic}/gu, '')
		.toLowerCase();

const searchableText = (entry: JournalEntry): string => {
	const body = entry.body;
	switch (body.kind) {
		case 'symptom':
			return [body.symptom.source === 'custom' ? body.symptom.name : '', body.note ?? ''].join(' ');
		case 'custom-symptom':
			return body.name;
		case 'mood':
		case 'measurement':
			return body.note ?? '';
		case 'medication':
			return [body.name, body.reason ?? '', body.instructions ?? ''].join(' ');
		case 'dose':
			return body.note ?? '';
		case 'goal':
			return [body.text, body.why ?? ''].join(' ');
		case 'goal-checkin':
			return body.note ?? '';
		case 'note':
			return body.text;
		case 'target-range':
			return body.note ?? '';
		case 'unit-preferences':
			return '';
	}
};

/** The entries matching `filter`, newest first. */
export const filterJournal = (
	entries: readonly JournalEntry[],
	filter: JournalFilter = {}
): readonly JournalEntry[] => {
	const kinds = filter.kinds === undefined ? null : new Set(filter.kinds);
	const categories = filter.categories === undefined ? null : new Set(filter.categories);
	const words = fold(filter.search ?? '')
		.split(/\s+/)
		.filter((w) => w.length > 0);
	return entries
		.filter(
			(e) =>
				(kinds === null || kinds.has(e.kind)) &&
				(categories === null || categories.has(e.category)) &&
				(filter.fromMs === undefined || e.at >= filter.fromMs) &&
				(filter.toMs === undefined || e.at < filter.toMs) &&
				(words.length === 0 || words.every((w) => fold(searchableText(e)).includes(w)))
		)
		.sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
};

/** Entries grouped by local day for the timeline, newest day first (entries keep their order). */
export const groupByLocalDay = (
	entries: readonly JournalEntry[],
	timeZone: string
): readonly { readonly date: LocalDate; readonly entries: readonly JournalEntry[] }[] => {
	const groups = new Map<LocalDate, JournalEntry[]>();
	for (const entry of entries) {
		const date = localDateOf(entry.at, timeZone);
		appendTo(groups, date, entry);
	}
	return [...groups]
		.sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0))
		.map(([date, list]) => ({ date, entries: list }));
};
