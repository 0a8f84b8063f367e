// Team results of an anonymous experience survey, computed on a team member's device after
// decryption. Small numbers are never shown, in any view or by subtraction between views:
//  - nothing but "fewer than 10" for a group of fewer than MIN_GROUP (10) valid answers;
//  - per question, every answer count (the "no answer" cell included) is shown only when it is 0
//    or at least MIN_CELL (5); when the hidden cells add up to 1–4 (so their sum could be read off
//    the group's total), the smallest shown cells are hidden too until the hidden sum is 0 or ≥ 5;
//  - the trend per quarter merges neighbouring quarters until every period has ≥ 10 answers, so the
//    periods partition the answers and no difference of two views is a small group;
//  - CollaboRATE per professional only from MIN_PER_PROFESSIONAL (25) answers, and the answers of
//    the professionals not shown add up to 0 or ≥ 10 (else more are folded into "others").
// A response that does not match its questionnaire is counted as invalid, never thrown.
import type { Answers } from './enable-when';
import {
	questionnaireResponseSchema,
	type Questionnaire,
	type QuestionnaireResponse
} from './fhir';
import { flattenItems } from './items';
import { checkResponse } from './response';
import { scoreQuestionnaire } from './scoring';

export const MIN_GROUP = 10;
export const MIN_CELL = 5;
export const MIN_PER_PROFESSIONAL = 25;

/** A count as shown: the number, or hidden because it is small (or would reveal a small one). */
export type ShownCount =
	{ readonly shown: true; readonly count: number } | { readonly shown: false };

export interface QuestionResult {
	readonly linkId: string;
	/** Option code → count; `''` is "no answer". */
	readonly cells: readonly { readonly code: string; readonly count: ShownCount }[];
}

export interface Comment {
	readonly text: string;
	/** The person asked that the comment not be quoted word for word. */
	readonly quotable: boolean;
}

export type Results =
	| { readonly kind: 'too-few'; readonly invalid: ShownCount }
	| {
			readonly kind: 'results';
			readonly answers: number;
			readonly invalid: ShownCount;
			/** Mean score 0–100 over the valid answers that have a score, rounded. */
			readonly overall: number | null;
			readonly questions: readonly QuestionResult[];
			readonly comments: readonly Comment[];
	  };

const show = (count: number): ShownCount =>
	count === 0 || count >= MIN_CELL ? { shown: true, count } : { shown: false };

/** Hides small cells, then more cells until what is hidden adds up to 0 or ≥ MIN_CELL. */
export function suppressCells(counts: readonly number[]): readonly ShownCount[] {
	const hidden = counts.map((c) => c > 0 && c < MIN_CELL);
	const hiddenSum = () => counts.reduce((sum, c, i) => (hidden[i] === true ? sum + c : sum), 0);
	while (hiddenSum() > 0 && hiddenSum() < MIN_CELL) {
		let smallest = -1;
		counts.forEach((c, i) => {
			if (hidden[i] !== true && c > 0 && (smallest === -1 || c < (counts[smallest] ?? 0)))
				smallest = i;
		});
		if (smallest === -1) break;
		hidden[smallest] = true;
	}
	return counts.map((c, i) => (hidden[i] === true ? { shown: false } : { shown: true, count: c }));
}

/** Valid answers of the responses, and how many were refused. */
export function validAnswers(
	q: Questionnaire,
	responses: readonly QuestionnaireResponse[]
): { readonly valid: readonly Answers[]; readonly invalid: number } {
	const valid: Answers[] = [];
	let invalid = 0;
	for (const response of responses) {
		const checked = checkResponse(q, response);
		if (checked.ok) valid.push(checked.value);
		else invalid += 1;
	}
	return { valid, invalid };
}

/** Decrypted answers as received (unknown JSON): anything not a matching response is invalid. */
export function summariseReceived(q: Questionnaire, received: readonly unknown[]): Results {
	const parsed = received.flatMap((r) => {
		const p = questionnaireResponseSchema.safeParse(r);
		return p.success ? [p.data] : [];
	});
	return summarise(q, parsed, received.length - parsed.length);
}

export function summarise(
	q: Questionnaire,
	responses: readonly QuestionnaireResponse[],
	unreadable = 0
): Results {
	const checked = validAnswers(q, responses);
	const valid = checked.valid;
	const invalid = checked.invalid + unreadable;
	if (valid.length < MIN_GROUP) return { kind: 'too-few', invalid: show(invalid) };
	const flat = flattenItems(q.item);
	const questions = flat
		.filter((f) => f.item.type === 'choice' || f.item.type === 'boolean')
		.map((f): QuestionResult => {
			const codes =
				f.item.type === 'boolean'
					? ['true', 'false']
					: (f.item.answerOption ?? []).map((o) => o.valueCoding.code);
			const counts = [...codes, ''].map(
				(code) =>
					valid.filter((a) => {
						const v = a[f.item.linkId]?.[0];
						if (code === '') return v === undefined;
						if (v === undefined) return false;
						if ('valueCoding' in v) return v.valueCoding.code === code;
						return 'valueBoolean' in v && String(v.valueBoolean) === code;
					}).length
			);
			const shown = suppressCells(counts);
			return {
				linkId: f.item.linkId,
				cells: [...codes, ''].map((code, i) => ({ code, count: shown[i] ?? { shown: false } }))
			};
		});
	const scores = valid.flatMap((a) => {
		const s = scoreQuestionnaire(q, a);
		return s.ok ? [s.value.value] : [];
	});
	const texts = flat.filter((f) => f.item.type === 'text');
	const comments = valid.flatMap((a) =>
		texts.flatMap((f): Comment[] => {
			const v = a[f.item.linkId]?.[0];
			if (v === undefined || !('valueString' in v)) return [];
			const noQuote = Object.entries(a).some(
				([id, values]) =>
					id.endsWith('no-quote') && values.some((x) => 'valueBoolean' in x && x.valueBoolean)
			);
			return [{ text: v.valueString, quotable: !noQuote }];
		})
	);
	return {
		kind: 'results',
		answers: valid.length,
		invalid: show(invalid),
		overall:
			scores.length === 0 ? null : Math.round(scores.reduce((x, y) => x + y, 0) / scores.length),
		questions,
		comments
	};
}

export interface Period {
	/** First and last quarter of the period, e.g. `2026-Q1`. */
	readonly from: string;
	readonly to: string;
	readonly answers: number;
	readonly mean: number;
}

/** `2026-Q3` for an ISO week label or date (`2026-W31`, `2026-07-28`). */
export function quarterOf(week: string): string {
	const w = /^(\d{4})-W(\d{2})$/.exec(week);
	if (w !== null) {
		const q = Math.min(4, Math.floor((Number(w[2]) - 1) / 13) + 1);
		return `${w[1] ?? ''}-Q${String(q)}`;
	}
	const d = /^(\d{4})-(\d{2})/.exec(week);
	return `${d?.[1] ?? '0000'}-Q${String(Math.floor((Number(d?.[2] ?? 1) - 1) / 3) + 1)}`;
}

/**
 * The score per quarter, neighbouring quarters merged until each period has ≥ MIN_GROUP answers
 * (a short last period is merged backwards). Nothing when all together are fewer than MIN_GROUP.
 */
export function trendByQuarter(
	scored: readonly { readonly week: string; readonly score: number }[]
): readonly Period[] {
	const byQuarter = new Map<string, number[]>();
	for (const s of scored) {
		const key = quarterOf(s.week);
		byQuarter.set(key, [...(byQuarter.get(key) ?? []), s.score]);
	}
	const quarters = [...byQuarter.entries()].sort(([a], [b]) => a.localeCompare(b));
	const periods: { from: string; to: string; scores: number[] }[] = [];
	let open: { from: string; to: string; scores: number[] } | null = null;
	for (const [quarter, scores] of quarters) {
		open = open === null ? { from: quarter, to: quarter, scores: [...scores] } : open;
		if (open.from !== quarter) {
			open.to = quarter;
			open.scores.push(...scores);
		}
		if (open.scores.length >= MIN_GROUP) {
			periods.push(open);
			open = null;
		}
	}
	if (open !== null) {
		const last = periods.at(-1);
		if (last === undefined) return [];
		last.to = open.to;
		last.scores.push(...open.scores);
	}
	return periods.map((p) => ({
		from: p.from,
		to: p.to,
		answers: p.scores.length,
		mean: Math.round(p.scores.reduce((a, b) => a + b, 0) / p.scores.length)
	}));
}

/**
 * CollaboRATE per professional: only professionals with ≥ MIN_PER_PROFESSIONAL answers, and the
 * answers of those not shown add up to 0 or ≥ MIN_GROUP (else the smallest shown is hidden too).
 */
export function perProfessional(counts: ReadonlyMap<string, number>): ReadonlySet<string> {
	const shown = new Set([...counts].filter(([, n]) => n >= MIN_PER_PROFESSIONAL).map(([id]) => id));
	const hiddenSum = () => [...counts].reduce((s, [id, n]) => (shown.has(id) ? s : s + n), 0);
	while (shown.size > 0 && hiddenSum() > 0 && hiddenSum() < MIN_GROUP) {
		const smallest = [...shown].sort((a, b) => (counts.get(a) ?? 0) - (counts.get(b) ?? 0))[0];
		if (smallest === undefined) break;
		shown.delete(smallest);
	}
	return shown;
}
