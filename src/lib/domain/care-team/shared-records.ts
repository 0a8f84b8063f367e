// What one person shared with me, parsed once (issue 14 §3–4): the records of a member circle's
// readable categories turned into typed lists that the flags (`flags.ts`) and the one-screen
// summary (`summary.ts`) both read, so the list and the summary never disagree.
// Why a separate step: a professional's device reads many circles; parsing each record body once
// (zod) and sharing the result keeps "My people" to one pass per circle.
// Invariants: deleted and malformed records are left out (never guessed); missed doses come from
// the medication schedules (`computeAdherence`), not only from what was logged; `lastEntryAt` is
// the newest entry of any shared category (settings are never shared).
import * as z from 'zod';
import type { Category } from '../categories';
import { decisionRecordSchema, type DecisionRecord } from '../decisions/record';
import { computeAdherence, type AdherenceSummary } from '../journal/adherence';
import type { GoalBody, GoalCheckInBody } from '../journal/goals';
import { metricValues } from '../journal/measurements';
import type { DoseBody, MedicationBody } from '../journal/medications';
import { journalBodySchema, toEntry, type JournalEntry } from '../journal/records';
import { symptomKey } from '../journal/symptoms';
import type { TargetRangeBody } from '../journal/targets';
import { memberAuthorOf } from './circle-writes';

/** A target with the member who set it, when a member did (as this device read the record). */
export type AuthoredTarget = TargetRangeBody & { readonly author?: string };
import {
	taskEventSchema,
	taskSchema,
	taskState,
	type TaskEvent,
	type Task,
	type TaskState
} from '../plan/tasks';
import { openQuestions, visitSummariesOf, type VisitSummary } from '../plan/visit-summary';
import { BANDS, type Band } from '../surveys/scoring';
import {
	DAY_MS,
	WINDOW_MS,
	type DueDose,
	type FlagInput,
	type Reading,
	type SurveyScore,
	type SymptomPoint
} from './flags';

/** A decrypted record of a circle as the domain needs it (the vault's `VaultRecord` fits). */
export interface SharedRecord {
	readonly id: string;
	readonly kind: string;
	readonly category: Category;
	readonly at: number;
	readonly hlc: string;
	readonly deleted: boolean;
	readonly author?: string;
	readonly body: unknown;
}

export const DECISION_RECORD_KIND = 'decision-record';
export const SURVEY_RESPONSE_KIND = 'survey-response';

const surveyScoreSchema = z.object({
	score: z
		.object({
			instrument: z.string(),
			value: z.number(),
			min: z.number(),
			max: z.number(),
			band: z.enum(BANDS)
		})
		.nullable()
});

export interface SharedScore {
	readonly id: string;
	readonly at: number;
	readonly instrument: string;
	readonly value: number;
	readonly min: number;
	readonly max: number;
	readonly band: Band;
}

export interface SharedNote {
	readonly id: string;
	readonly at: number;
	readonly text: string;
	/** The account that wrote it when not the person (a member writing in the circle). */
	readonly author: string | null;
}

export interface SharedData {
	readonly entries: readonly JournalEntry[];
	readonly medications: readonly { readonly id: string; readonly body: MedicationBody }[];
	readonly doses: readonly (DoseBody & { readonly id: string })[];
	/** Targets in force over time; `author` is the member who set one (absent: the person). */
	readonly targets: readonly AuthoredTarget[];
	readonly goals: readonly { readonly id: string; readonly body: GoalBody }[];
	readonly checkIns: readonly GoalCheckInBody[];
	readonly notes: readonly SharedNote[];
	readonly decisions: readonly {
		readonly id: string;
		readonly at: number;
		readonly body: DecisionRecord;
	}[];
	readonly scores: readonly SharedScore[];
	readonly tasks: readonly TaskState[];
	readonly visits: readonly VisitSummary[];
	/** The newest entry in any shared category, or null. */
	readonly lastEntryAt: number | null;
	/** Entries per category, with their times (for "what changed since my last visit"). */
	readonly times: readonly { readonly category: Category; readonly at: number }[];
}

/** Band rank within its instrument: 0 is the best band of that instrument, higher is worse. */
export function bandRank(band: Band): number {
	const prefix = band.split('-')[0] ?? band;
	const first = BANDS.findIndex((b) => (b.split('-')[0] ?? b) === prefix);
	return BANDS.indexOf(band) - first;
}

function tasksOf(records: readonly SharedRecord[], ownerId: string): readonly TaskState[] {
	const tasks: Task[] = [];
	const events: TaskEvent[] = [];
	for (const record of records) {
		if (record.kind === 'task') {
			const parsed = taskSchema.safeParse(record.body);
			if (parsed.success && parsed.data.id === record.id) tasks.push(parsed.data);
		} else if (record.kind === 'task-event') {
			const parsed = taskEventSchema.safeParse(record.body);
			if (parsed.success) events.push({ ...parsed.data, id: record.id, hlc: record.hlc });
		}
	}
	return tasks.map((task) =>
		taskState(
			task,
			events.filter((e) => e.taskId === task.id),
			ownerId
		)
	);
}

/** Kinds that are a series in time: before `from` they are only counted, never parsed. */
const SERIES_KINDS: ReadonlySet<string> = new Set([
	'symptom',
	'mood',
	'measurement',
	'dose',
	'goal-checkin',
	'note'
]);

/** Whether records of this kind are a series in time (the others last: medicines, goals, …). */
export const isSeriesKind = (kind: string): boolean => SERIES_KINDS.has(kind);

/**
 * Parses a circle's readable records once. `ownerId` is the person's account id. With `from`,
 * series entries (symptoms, measurements, doses, check-ins, notes) older than it are counted in
 * `times` and `lastEntryAt` but not parsed: the list's flags look at the last 14 days only, and
 * parsing a year of entries for 50 people is most of the list's cost (bench `people`).
 */
export function readShared(
	records: readonly SharedRecord[],
	ownerId: string,
	options: { readonly from?: number } = {}
): SharedData {
	const from = options.from ?? Number.NEGATIVE_INFINITY;
	const live = records.filter((r) => !r.deleted);
	const entries: JournalEntry[] = [];
	const medications: { id: string; body: MedicationBody }[] = [];
	const doses: (DoseBody & { id: string })[] = [];
	const targets: AuthoredTarget[] = [];
	const goals: { id: string; body: GoalBody }[] = [];
	const checkIns: GoalCheckInBody[] = [];
	const notes: SharedNote[] = [];
	const decisions: { id: string; at: number; body: DecisionRecord }[] = [];
	const scores: SharedScore[] = [];
	const plan: SharedRecord[] = [];
	const times: { category: Category; at: number }[] = [];
	let lastEntryAt: number | null = null;
	for (const record of live) {
		if (record.category === 'settings') continue;
		times.push({ category: record.category, at: record.at });
		if (lastEntryAt === null || record.at > lastEntryAt) lastEntryAt = record.at;
		if (record.category === 'plan') {
			plan.push(record);
			continue;
		}
		if (record.kind === DECISION_RECORD_KIND) {
			const parsed = decisionRecordSchema.safeParse(record.body);
			if (parsed.success) decisions.push({ id: record.id, at: record.at, body: parsed.data });
			continue;
		}
		if (record.at < from && SERIES_KINDS.has(record.kind)) continue;
		if (record.kind === SURVEY_RESPONSE_KIND) {
			const parsed = surveyScoreSchema.safeParse(record.body);
			if (parsed.success && parsed.data.score !== null)
				scores.push({ id: record.id, at: record.at, ...parsed.data.score });
			continue;
		}
		const parsed = journalBodySchema.safeParse(record.body);
		if (!parsed.success) continue;
		const body = parsed.data;
		entries.push(toEntry(record.id, body));
		switch (body.kind) {
			case 'medication':
				medications.push({ id: record.id, body });
				break;
			case 'dose':
				doses.push({ ...body, id: record.id });
				break;
			case 'target-range': {
				const author = memberAuthorOf(record, ownerId);
				targets.push(author === null ? body : { ...body, author });
				break;
			}
			case 'goal':
				goals.push({ id: record.id, body });
				break;
			case 'goal-checkin':
				checkIns.push(body);
				break;
			case 'note':
				notes.push({
					id: record.id,
					at: record.at,
					text: body.text,
					author: record.author !== undefined && record.author !== ownerId ? record.author : null
				});
				break;
			case 'symptom':
			case 'custom-symptom':
			case 'mood':
			case 'measurement':
			case 'unit-preferences':
				break;
		}
	}
	entries.sort((a, b) => a.at - b.at);
	return {
		entries,
		medications,
		doses,
		targets,
		goals,
		checkIns,
		notes: notes.sort((a, b) => b.at - a.at),
		decisions: decisions.sort((a, b) => b.at - a.at),
		scores: scores.sort((a, b) => a.at - b.at),
		tasks: tasksOf(plan, ownerId),
		visits: visitSummariesOf(plan),
		lastEntryAt,
		times
	};
}

/** Adherence over the `days` days ending at `now`, from the schedules (missed doses included). */
export function adherenceOver(
	data: SharedData,
	now: number,
	days: number,
	timeZone: string
): { readonly total: AdherenceSummary; readonly due: readonly DueDose[] } {
	const report = computeAdherence({
		medications: data.medications,
		doses: data.doses,
		fromMs: now - days * DAY_MS,
		toMs: now,
		now,
		timeZone,
		period: 'week'
	});
	const due: DueDose[] = [];
	for (const status of report.statuses) {
		const outcome = status.outcome;
		if (outcome === 'due' || outcome === 'upcoming') continue;
		due.push({
			id: status.slot.medicationId,
			at: status.slot.scheduledAt,
			outcome: outcome === 'on-time' ? 'taken' : outcome
		});
	}
	return { total: report.total, due };
}

export interface FlagContext {
	readonly now: number;
	readonly timeZone: string;
	readonly seenAt: number | null;
	readonly noNewsDays: number;
}

/** The flag rules' input for one person, from what they shared. */
export function flagInputOf(data: SharedData, context: FlagContext): FlagInput {
	const from = context.now - 2 * WINDOW_MS;
	const symptoms: SymptomPoint[] = [];
	const readings: Reading[] = [];
	for (const entry of data.entries) {
		if (entry.at <= from) continue;
		const body = entry.body;
		if (body.kind === 'symptom') {
			symptoms.push({
				id: entry.id,
				at: entry.at,
				symptom: symptomKey(body.symptom),
				severity: body.severity
			});
		} else if (body.kind === 'measurement') {
			for (const v of metricValues(body.measurement))
				readings.push({ id: entry.id, at: entry.at, metric: v.metric, value: v.value });
		}
	}
	const surveys: SurveyScore[] = data.scores.map((s) => ({
		id: s.id,
		at: s.at,
		instrument: s.instrument,
		band: bandRank(s.band)
	}));
	return {
		now: context.now,
		symptoms,
		doses:
			data.medications.length === 0
				? []
				: adherenceOver(data, context.now, 7, context.timeZone).due,
		readings,
		targets: data.targets,
		surveys,
		decisions: data.decisions.map((d) => ({ id: d.id, at: d.at })),
		openQuestions: openQuestions(data.visits),
		lastEntryAt: data.lastEntryAt,
		seenAt: context.seenAt,
		noNewsDays: context.noNewsDays
	};
}

/** How many entries per category are newer than the "seen" marker (all of them if never seen). */
export function changesSince(
	data: SharedData,
	seenAt: number | null
): { readonly total: number; readonly byCategory: ReadonlyMap<Category, number> } {
	const byCategory = new Map<Category, number>();
	let total = 0;
	for (const t of data.times) {
		if (seenAt !== null && t.at <= seenAt) continue;
		byCategory.set(t.category, (byCategory.get(t.category) ?? 0) + 1);
		total += 1;
	}
	return { total, byCategory };
}
