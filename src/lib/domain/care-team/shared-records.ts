// What one person shared with me, parsed once (issue 14 §3–4): the records of a member circle's
// readable categories turned into typed lists that the flags (`flags.ts`) and the one-screen
// summary (`summary.ts`) both read, so the list and the summary never disagree.
// Why a separate step: a professional's device reads many circles; parsing each record body once
// (zod) and sharing the result keeps "My people" to one pass per circle.
// Invariants: deleted and malformed records are left out (never guessed); missed doses come from
// the medication schedules (`computeAdherence`), not only from what was logged; `lastEntryAt` is
// the newest entry of any shared category (settings are never shared).
// A version with no author is the person's only if this device's check says so: one whose check
// failed (`authorCheck` not verified: unsigned after the time her devices began signing, or a
// signature that is not hers — a member holding the category key could write it) is set aside in
// `unverified`, counted in no figure, flag, "changed since" or "no news", and said in words by the
// screens; notes and plan records keep their own words for it (the note's line, the board's
// `uncounted`) but do not count as news either.
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
import type { AuthorCheck } from '../circle/record-signature';
import { memberWriterOf } from './circle-writes';

/** A target with the member who set it, when a member did (as this device read the record). */
export type AuthoredTarget = TargetRangeBody & {
	readonly author?: string;
	/** What this device checked of `author` (present whenever `author` is). */
	readonly writer?: AuthorCheck;
};
import { recordsToStates, type BoardTaskState } from '../plan/board';
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
	readonly signature?: string;
	readonly authorCheck?: AuthorCheck | null;
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
	/** What this device checked of `author` (null: the person's own note). */
	readonly writer: AuthorCheck | null;
}

/** A version that claims to be the person's (no author) but whose check failed here. */
export interface UnverifiedEntry {
	readonly id: string;
	readonly at: number;
	readonly category: Category;
	readonly kind: string;
	readonly writer: Extract<AuthorCheck, { type: 'not-verified' }>;
}

/** The check of an unauthored record when it failed on this device, else null. */
export function failedOwnerCheck(
	record: Pick<SharedRecord, 'author' | 'authorCheck'>
): Extract<AuthorCheck, { type: 'not-verified' }> | null {
	const check = record.authorCheck;
	return record.author === undefined && check?.type === 'not-verified' ? check : null;
}

/**
 * Whether `readShared` leaves a record out of everything but `unverified`: its owner check failed
 * and no screen words it on its own (a note reads with why; the board lists a plan record).
 */
export const isSetAside = (
	record: Pick<SharedRecord, 'author' | 'authorCheck' | 'kind' | 'category'>
) => failedOwnerCheck(record) !== null && record.kind !== 'note' && record.category !== 'plan';

export interface SharedData {
	/** Versions set aside: they claim to be the person's and are not verified here (see header). */
	readonly unverified: readonly UnverifiedEntry[];
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
	readonly tasks: readonly BoardTaskState[];
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

/** The plan's tasks, counting only events whose writer this device checked (`board.ts`). */
const tasksOf = (records: readonly SharedRecord[], ownerId: string): readonly BoardTaskState[] =>
	recordsToStates(records, ownerId, { checked: true });

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
	const unverified: UnverifiedEntry[] = [];
	let lastEntryAt: number | null = null;
	for (const record of live) {
		if (record.category === 'settings') continue;
		const failed = failedOwnerCheck(record);
		if (failed !== null) {
			if (isSetAside(record)) {
				const { id, at, category, kind } = record;
				unverified.push({ id, at, category, kind, writer: failed });
				continue;
			}
			// A note reads with why its writer could not be checked; the board lists the event.
		} else {
			times.push({ category: record.category, at: record.at });
			if (lastEntryAt === null || record.at > lastEntryAt) lastEntryAt = record.at;
		}
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
				const writer = memberWriterOf(record, ownerId);
				targets.push(writer === null ? body : { ...body, author: writer.accountId, writer });
				break;
			}
			case 'goal':
				goals.push({ id: record.id, body });
				break;
			case 'goal-checkin':
				checkIns.push(body);
				break;
			case 'note': {
				const writer = memberWriterOf(record, ownerId);
				notes.push({
					id: record.id,
					at: record.at,
					text: body.text,
					author: writer?.accountId ?? null,
					writer
				});
				break;
			}
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
		unverified: unverified.sort((a, b) => b.at - a.at),
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
