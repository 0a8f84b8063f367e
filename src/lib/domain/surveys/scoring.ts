// Scores and bands per instrument, as pure functions of the answers. Item scores come from the
// `itemWeight` of the chosen option, so the numbers live in the instrument file next to the words.
// Invariant: a score is computed only when every scored item is answered (no pro-rating), and each
// band's limits are the published cut-offs (tests check both sides of every edge).
import { err, ok, type Result } from '$lib/domain/result';
import type { Answers } from './enable-when';
import type { Questionnaire } from './fhir';
import { flattenItems } from './items';

export const BANDS = [
	'who5-good',
	'who5-poor',
	'who5-depression',
	'phq9-minimal',
	'phq9-mild',
	'phq9-moderate',
	'phq9-moderately-severe',
	'phq9-severe',
	'gad7-minimal',
	'gad7-mild',
	'gad7-moderate',
	'gad7-severe',
	'screen-negative',
	'screen-positive',
	'collaborate-top',
	'collaborate-not-top',
	'experience'
] as const;
export type Band = (typeof BANDS)[number];

/** What the app proposes after a score. */
export type FollowUp = 'phq9' | 'gad7' | null;

export interface Score {
	readonly instrument: string;
	/** The score as reported (WHO-5: 0–100; CollaboRATE: 0–100 %; others: the raw sum). */
	readonly value: number;
	readonly min: number;
	readonly max: number;
	readonly raw: number;
	readonly band: Band;
	readonly followUp: FollowUp;
	/** PHQ-9 item 9 above 0: show the safety message at once. */
	readonly safety: boolean;
}

export type ScoreError =
	| { readonly type: 'incomplete'; readonly missing: readonly string[] }
	| { readonly type: 'no-scoring'; readonly instrument: string };

/** Per questionnaire, linkId → option code → itemWeight (built once: scoring runs per ballot). */
const weightTables = new WeakMap<Questionnaire, ReadonlyMap<string, ReadonlyMap<string, number>>>();

function weightTable(q: Questionnaire): ReadonlyMap<string, ReadonlyMap<string, number>> {
	const known = weightTables.get(q);
	if (known !== undefined) return known;
	const table = new Map<string, ReadonlyMap<string, number>>();
	for (const { item } of flattenItems(q.item)) {
		const weights = new Map<string, number>();
		for (const o of item.answerOption ?? []) {
			const w = o.extension?.[0]?.valueDecimal;
			if (w !== undefined) weights.set(o.valueCoding.code, w);
		}
		table.set(item.linkId, weights);
	}
	weightTables.set(q, table);
	return table;
}

/** The itemWeight of the option chosen for `linkId`, or null when unanswered or unweighted. */
export function weightOf(q: Questionnaire, linkId: string, answers: Answers): number | null {
	const weights = weightTable(q).get(linkId);
	const chosen = answers[linkId]?.[0];
	if (weights === undefined || chosen === undefined || !('valueCoding' in chosen)) return null;
	return weights.get(chosen.valueCoding.code) ?? null;
}

function sumOf(
	q: Questionnaire,
	linkIds: readonly string[],
	answers: Answers
): Result<{ raw: number; weights: readonly number[] }, ScoreError> {
	const weights = linkIds.map((id) => weightOf(q, id, answers));
	const missing = linkIds.filter((_, i) => weights[i] === null);
	if (missing.length > 0) return err({ type: 'incomplete', missing });
	const present = weights.filter((w): w is number => w !== null);
	return ok({ raw: present.reduce((a, b) => a + b, 0), weights: present });
}

const range = (prefix: string, n: number) =>
	Array.from({ length: n }, (_, i) => `${prefix}-${String(i + 1)}`);

export const WHO5_ITEMS = range('who5', 5);
export const PHQ9_ITEMS = range('phq9', 9);
export const GAD7_ITEMS = range('gad7', 7);
export const PHQ2_ITEMS = PHQ9_ITEMS.slice(0, 2);
export const GAD2_ITEMS = GAD7_ITEMS.slice(0, 2);
export const COLLABORATE_ITEMS = range('collaborate', 3);
export const COLLABORATE_TOP = 4;

/** WHO-5 percentage (raw 0–25 × 4): ≤ 28 suggests depression (propose PHQ-9), ≤ 50 poor wellbeing. */
export function who5Band(percent: number): Band {
	if (percent <= 28) return 'who5-depression';
	if (percent <= 50) return 'who5-poor';
	return 'who5-good';
}

/** PHQ-9 severity: 0–4, 5–9, 10–14, 15–19, 20–27. */
export function phq9Band(sum: number): Band {
	if (sum >= 20) return 'phq9-severe';
	if (sum >= 15) return 'phq9-moderately-severe';
	if (sum >= 10) return 'phq9-moderate';
	if (sum >= 5) return 'phq9-mild';
	return 'phq9-minimal';
}

/** GAD-7 severity: 0–4, 5–9, 10–14, 15–21. */
export function gad7Band(sum: number): Band {
	if (sum >= 15) return 'gad7-severe';
	if (sum >= 10) return 'gad7-moderate';
	if (sum >= 5) return 'gad7-mild';
	return 'gad7-minimal';
}

/** PHQ-2 and GAD-2: 3 or more leads to the full form. */
export const SHORT_SCREEN_CUTOFF = 3;

/** PHQ-9 item 9 ("better off dead or hurting yourself") answered above 0. */
export function isSafetyAnswer(q: Questionnaire, answers: Answers): boolean {
	const weight = weightOf(q, 'phq9-9', answers);
	return weight !== null && weight > 0;
}

function who5(q: Questionnaire, answers: Answers, instrument: string): Result<Score, ScoreError> {
	const sum = sumOf(q, WHO5_ITEMS, answers);
	if (!sum.ok) return sum;
	const value = sum.value.raw * 4;
	const band = who5Band(value);
	return ok({
		instrument,
		value,
		min: 0,
		max: 100,
		raw: sum.value.raw,
		band,
		followUp: band === 'who5-depression' ? 'phq9' : null,
		safety: false
	});
}

function sumScore(
	q: Questionnaire,
	answers: Answers,
	items: readonly string[],
	max: number,
	band: (sum: number) => Band
): Result<Score, ScoreError> {
	const sum = sumOf(q, items, answers);
	if (!sum.ok) return sum;
	const raw = sum.value.raw;
	return ok({
		instrument: q.id,
		value: raw,
		min: 0,
		max,
		raw,
		band: band(raw),
		followUp: null,
		safety: isSafetyAnswer(q, answers)
	});
}

function shortScreen(
	q: Questionnaire,
	answers: Answers,
	items: readonly string[],
	followUp: 'phq9' | 'gad7'
): Result<Score, ScoreError> {
	const sum = sumOf(q, items, answers);
	if (!sum.ok) return sum;
	const positive = sum.value.raw >= SHORT_SCREEN_CUTOFF;
	return ok({
		instrument: q.id,
		value: sum.value.raw,
		min: 0,
		max: 6,
		raw: sum.value.raw,
		band: positive ? 'screen-positive' : 'screen-negative',
		followUp: positive ? followUp : null,
		safety: false
	});
}

/**
 * CollaboRATE, 5-point anchored version (3 items, 0–4 each; Barr et al. 2014). Reported per
 * response as the mean of the three on a 0–100 scale (sum ÷ 12 × 100, rounded); the "top score" is
 * the highest answer (4, every effort was made) on all three items.
 */
function collaborate(q: Questionnaire, answers: Answers): Result<Score, ScoreError> {
	const sum = sumOf(q, COLLABORATE_ITEMS, answers);
	if (!sum.ok) return sum;
	const top = sum.value.weights.every((w) => w === COLLABORATE_TOP);
	return ok({
		instrument: q.id,
		value: Math.round((sum.value.raw / (3 * COLLABORATE_TOP)) * 100),
		min: 0,
		max: 100,
		raw: sum.value.raw,
		band: top ? 'collaborate-top' : 'collaborate-not-top',
		followUp: null,
		safety: false
	});
}

/**
 * Our coordination-experience survey: the mean of the weighted answers (0 = worst, 100 = best)
 * over the questions answered with a weighted option ("does not apply" carries no weight).
 */
function experience(q: Questionnaire, answers: Answers): Result<Score, ScoreError> {
	const weights: number[] = [];
	for (const [linkId, table] of weightTable(q)) {
		if (table.size === 0) continue;
		const w = weightOf(q, linkId, answers);
		if (w !== null) weights.push(w);
	}
	if (weights.length === 0) return err({ type: 'incomplete', missing: [] });
	const value = Math.round(weights.reduce((a, b) => a + b, 0) / weights.length);
	return ok({
		instrument: q.id,
		value,
		min: 0,
		max: 100,
		raw: value,
		band: 'experience',
		followUp: null,
		safety: false
	});
}

/** The score of a completed questionnaire, by instrument id. */
export function scoreQuestionnaire(q: Questionnaire, answers: Answers): Result<Score, ScoreError> {
	switch (q.id) {
		case 'who5':
			return who5(q, answers, 'who5');
		case 'carer-checkin':
			return who5(q, answers, 'carer-checkin');
		case 'phq9':
			return sumScore(q, answers, PHQ9_ITEMS, 27, phq9Band);
		case 'gad7':
			return sumScore(q, answers, GAD7_ITEMS, 21, gad7Band);
		case 'phq2':
			return shortScreen(q, answers, PHQ2_ITEMS, 'phq9');
		case 'gad2':
			return shortScreen(q, answers, GAD2_ITEMS, 'gad7');
		case 'collaborate':
			return collaborate(q, answers);
		case 'coordination':
			return experience(q, answers);
		default:
			return err({ type: 'no-scoring', instrument: q.id });
	}
}
