// Flags for a professional's "My people" list (issue 14 §3), computed on the professional's device
// from what each person shared, never on the server. A flag says why it is raised (the numbers
// behind it) and names its evidence (record ids), so the UI can word it and link to it.
// Why: a nurse followed by many people must see who needs attention without opening each circle,
// and the list must never flood: at most three flags per person, most serious first.
// Rules (each a pure function of the input and `now`; windows end at `now`):
// - symptom-rising: for one symptom, at least 2 entries in each of the last two 7-day windows and
//   the recent window's mean severity at least RISE_POINTS above the earlier window's (0–10);
// - doses-missed: over the last 7 days, more than 20 % of the doses that were due were skipped or
//   missed (at least 3 due);
// - out-of-range: for one measurement with a target, at least 3 readings outside it in 7 days;
// - survey-worse: an instrument's latest score is in a worse band than the score before it;
// - new-decision: a decision record newer than the professional's last visit (seen marker);
// - open-question: a question the person wrote for the next visit and has not closed;
// - no-news: nothing recorded for more than `noNewsDays` days.
import type { Metric } from '../journal/measurements';
import { classify, targetAt, type TargetRangeBody } from '../journal/targets';

export const DAY_MS = 24 * 60 * 60 * 1000;
export const WINDOW_MS = 7 * DAY_MS;
/** How much the recent mean severity must exceed the earlier one (points out of 10). */
export const RISE_POINTS = 2;
export const MISSED_SHARE = 0.2;
export const OUT_OF_RANGE_COUNT = 3;
export const MAX_FLAGS = 3;

export type Flag =
	| {
			readonly kind: 'survey-worse';
			readonly instrument: string;
			readonly previousBand: number;
			readonly band: number;
			readonly evidence: readonly string[];
	  }
	| {
			readonly kind: 'out-of-range';
			readonly metric: Metric;
			readonly outside: number;
			readonly readings: number;
			readonly evidence: readonly string[];
	  }
	| {
			readonly kind: 'symptom-rising';
			readonly symptom: string;
			readonly earlierMean: number;
			readonly recentMean: number;
			readonly evidence: readonly string[];
	  }
	| {
			readonly kind: 'doses-missed';
			readonly missed: number;
			readonly due: number;
			readonly evidence: readonly string[];
	  }
	| { readonly kind: 'no-news'; readonly days: number; readonly evidence: readonly string[] }
	| { readonly kind: 'new-decision'; readonly count: number; readonly evidence: readonly string[] }
	| {
			readonly kind: 'open-question';
			readonly count: number;
			readonly evidence: readonly string[];
	  };

export type FlagKind = Flag['kind'];

/** Most serious first: the order flags are kept in when more than three hold. */
export const FLAG_ORDER: readonly FlagKind[] = [
	'survey-worse',
	'out-of-range',
	'symptom-rising',
	'doses-missed',
	'no-news',
	'new-decision',
	'open-question'
];

export interface SymptomPoint {
	readonly id: string;
	readonly at: number;
	/** The symptom (catalogue id or custom symptom id). */
	readonly symptom: string;
	/** 0–10. */
	readonly severity: number;
}

export interface DueDose {
	readonly id: string;
	/** When it was due. */
	readonly at: number;
	readonly outcome: 'taken' | 'late' | 'skipped' | 'missed';
}

export interface Reading {
	readonly id: string;
	readonly at: number;
	readonly metric: Metric;
	readonly value: number;
}

export interface SurveyScore {
	readonly id: string;
	readonly at: number;
	readonly instrument: string;
	/** The band's rank: 0 is the best band, higher is worse. */
	readonly band: number;
}

export interface FlagInput {
	readonly now: number;
	readonly symptoms: readonly SymptomPoint[];
	readonly doses: readonly DueDose[];
	readonly readings: readonly Reading[];
	readonly targets: readonly TargetRangeBody[];
	readonly surveys: readonly SurveyScore[];
	readonly decisions: readonly { readonly id: string; readonly at: number }[];
	readonly openQuestions: readonly { readonly id: string; readonly at: number }[];
	/** The newest thing the person recorded in any shared category, or null if nothing. */
	readonly lastEntryAt: number | null;
	/** The professional's "seen" marker for this person (last visit), or null. */
	readonly seenAt: number | null;
	/** "No news" after this many days (set per person by the professional). */
	readonly noNewsDays: number;
}

const mean = (values: readonly number[]): number =>
	values.reduce((sum, v) => sum + v, 0) / values.length;
const round1 = (value: number): number => Math.round(value * 10) / 10;
const within = (at: number, from: number, to: number): boolean => at > from && at <= to;

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
	const groups = new Map<string, T[]>();
	for (const item of items) {
		const k = key(item);
		const group = groups.get(k);
		if (group === undefined) groups.set(k, [item]);
		else group.push(item);
	}
	return groups;
}

function symptomRising(input: FlagInput): Flag[] {
	const flags: Flag[] = [];
	for (const [symptom, points] of groupBy(input.symptoms, (p) => p.symptom)) {
		const recent = points.filter((p) => within(p.at, input.now - WINDOW_MS, input.now));
		const earlier = points.filter((p) =>
			within(p.at, input.now - 2 * WINDOW_MS, input.now - WINDOW_MS)
		);
		if (recent.length < 2 || earlier.length < 2) continue;
		const recentMean = mean(recent.map((p) => p.severity));
		const earlierMean = mean(earlier.map((p) => p.severity));
		if (recentMean - earlierMean < RISE_POINTS) continue;
		flags.push({
			kind: 'symptom-rising',
			symptom,
			earlierMean: round1(earlierMean),
			recentMean: round1(recentMean),
			evidence: [...earlier, ...recent].map((p) => p.id)
		});
	}
	return flags.sort(
		(a, b) =>
			(b.kind === 'symptom-rising' ? b.recentMean - b.earlierMean : 0) -
			(a.kind === 'symptom-rising' ? a.recentMean - a.earlierMean : 0)
	);
}

function dosesMissed(input: FlagInput): Flag[] {
	const due = input.doses.filter((d) => within(d.at, input.now - WINDOW_MS, input.now));
	const missed = due.filter((d) => d.outcome === 'skipped' || d.outcome === 'missed');
	if (due.length < 3 || missed.length <= MISSED_SHARE * due.length) return [];
	return [
		{
			kind: 'doses-missed',
			missed: missed.length,
			due: due.length,
			evidence: missed.map((d) => d.id)
		}
	];
}

function outOfRange(input: FlagInput): Flag[] {
	const flags: Flag[] = [];
	const recent = input.readings.filter((r) => within(r.at, input.now - WINDOW_MS, input.now));
	for (const [, readings] of groupBy(recent, (r) => r.metric)) {
		const outside = readings.filter((r) => {
			const target = targetAt(input.targets, r.metric, r.at);
			return target !== null && classify(r.value, target) !== 'in';
		});
		const first = readings[0];
		if (first === undefined || outside.length < OUT_OF_RANGE_COUNT) continue;
		flags.push({
			kind: 'out-of-range',
			metric: first.metric,
			outside: outside.length,
			readings: readings.length,
			evidence: outside.map((r) => r.id)
		});
	}
	return flags.sort((a, b) =>
		a.kind === 'out-of-range' && b.kind === 'out-of-range' ? b.outside - a.outside : 0
	);
}

function surveyWorse(input: FlagInput): Flag[] {
	const flags: Flag[] = [];
	for (const [instrument, scores] of groupBy(input.surveys, (s) => s.instrument)) {
		const ordered = [...scores].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
		const latest = ordered.at(-1);
		const previous = ordered.at(-2);
		if (latest === undefined || previous === undefined || latest.band <= previous.band) continue;
		flags.push({
			kind: 'survey-worse',
			instrument,
			previousBand: previous.band,
			band: latest.band,
			evidence: [previous.id, latest.id]
		});
	}
	return flags;
}

function noNews(input: FlagInput): Flag[] {
	const limit = input.noNewsDays * DAY_MS;
	if (input.lastEntryAt !== null && input.now - input.lastEntryAt <= limit) return [];
	const days =
		input.lastEntryAt === null
			? input.noNewsDays
			: Math.floor((input.now - input.lastEntryAt) / DAY_MS);
	return [{ kind: 'no-news', days, evidence: [] }];
}

function newDecisions(input: FlagInput): Flag[] {
	const fresh = input.decisions.filter((d) => input.seenAt === null || d.at > input.seenAt);
	return fresh.length === 0
		? []
		: [{ kind: 'new-decision', count: fresh.length, evidence: fresh.map((d) => d.id) }];
}

function openQuestions(input: FlagInput): Flag[] {
	return input.openQuestions.length === 0
		? []
		: [
				{
					kind: 'open-question',
					count: input.openQuestions.length,
					evidence: input.openQuestions.map((q) => q.id)
				}
			];
}

/** Every flag that holds, most serious first (several of one kind ordered by strength). */
export function allFlags(input: FlagInput): readonly Flag[] {
	const byKind: Readonly<Record<FlagKind, readonly Flag[]>> = {
		'survey-worse': surveyWorse(input),
		'out-of-range': outOfRange(input),
		'symptom-rising': symptomRising(input),
		'doses-missed': dosesMissed(input),
		'no-news': noNews(input),
		'new-decision': newDecisions(input),
		'open-question': openQuestions(input)
	};
	return FLAG_ORDER.flatMap((kind) => byKind[kind]);
}

/** The flags shown for one person: at most three, most serious first. */
export function flagsFor(input: FlagInput): readonly Flag[] {
	return allFlags(input).slice(0, MAX_FLAGS);
}
