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
	const tally = createTally(q);
	for (const response of responses) {
		const checked = checkResponse(q, response);
		if (checked.ok) tally.addValid(checked.value, '', null);
		else tally.addInvalid();
	}
	for (let i = 0; i < unreadable; i++) tally.addInvalid();
	return tally.finish().results;
}

/** A professional's CollaboRATE (or any scored survey) results, shown only from 25 answers. */
export interface ProfessionalResult {
	/** The professional's member (account) id, as the ballot carried it inside its seal. */
	readonly professional: string;
	readonly answers: number;
	/** Mean score 0–100, rounded (null when no answer has a score). */
	readonly mean: number | null;
	/** CollaboRATE top score: % of answers with the highest option on every item (else null). */
	readonly topShare: number | null;
}

export interface ProfessionalResults {
	readonly shown: readonly ProfessionalResult[];
	/** Professionals named in ballots whose results are not shown (not enough answers yet). */
	readonly notShown: number;
}

export interface TallyOutcome {
	readonly results: Results;
	readonly trend: readonly Period[];
	readonly professionals: ProfessionalResults;
}

/** Answers as the tally needs them: the option index of each counted item, computed once. */
interface CountedItem {
	readonly linkId: string;
	readonly codes: readonly string[];
	readonly offset: number;
	readonly index: ReadonlyMap<string, number>;
}

/**
 * The team results in one pass: each valid answer set is counted into one flat Int32Array
 * (question × option, the last cell of each question being "no answer"), scored once, and its
 * comment and professional kept; `finish` applies the suppression rules above.
 */
export function createTally(q: Questionnaire) {
	const flat = flattenItems(q.item);
	const counted: CountedItem[] = [];
	let cells = 0;
	for (const f of flat) {
		if (f.item.type !== 'choice' && f.item.type !== 'boolean') continue;
		const codes =
			f.item.type === 'boolean'
				? ['true', 'false']
				: (f.item.answerOption ?? []).map((o) => o.valueCoding.code);
		counted.push({
			linkId: f.item.linkId,
			codes,
			offset: cells,
			index: new Map(codes.map((c, i) => [c, i]))
		});
		cells += codes.length + 1;
	}
	const texts = flat.filter((f) => f.item.type === 'text').map((f) => f.item.linkId);
	const noQuoteIds = flat
		.filter((f) => f.item.linkId.endsWith('no-quote'))
		.map((f) => f.item.linkId);
	const counts = new Int32Array(Math.max(cells, 1));
	const scored: { week: string; score: number }[] = [];
	const comments: Comment[] = [];
	const byProfessional = new Map<string, { n: number; sum: number; scored: number; top: number }>();
	let unattributed = 0;
	let valid = 0;
	let invalid = 0;
	let scoreSum = 0;

	return {
		addInvalid() {
			invalid += 1;
		},
		/** Answers that passed `checkAnswers` against `q`; `week` '' when unknown. */
		addValid(answers: Answers, week: string, professional: string | null) {
			valid += 1;
			for (const c of counted) {
				const v = answers[c.linkId]?.[0];
				let code: string | undefined;
				if (v !== undefined) {
					if ('valueCoding' in v) code = v.valueCoding.code;
					else if ('valueBoolean' in v) code = v.valueBoolean ? 'true' : 'false';
				}
				const at = code === undefined ? undefined : c.index.get(code);
				const cell = c.offset + (at ?? c.codes.length);
				counts[cell] = (counts[cell] ?? 0) + 1;
			}
			const score = scoreQuestionnaire(q, answers);
			const value = score.ok ? score.value.value : null;
			if (value !== null) {
				scoreSum += value;
				scored.push({ week, score: value });
			}
			if (texts.length > 0) {
				const noQuote = noQuoteIds.some((id) =>
					(answers[id] ?? []).some((x) => 'valueBoolean' in x && x.valueBoolean)
				);
				for (const id of texts) {
					const t = answers[id]?.[0];
					if (t !== undefined && 'valueString' in t)
						comments.push({ text: t.valueString, quotable: !noQuote });
				}
			}
			if (professional === null) unattributed += 1;
			else {
				const p = byProfessional.get(professional) ?? { n: 0, sum: 0, scored: 0, top: 0 };
				p.n += 1;
				if (value !== null) {
					p.sum += value;
					p.scored += 1;
					if (score.ok && score.value.band === 'collaborate-top') p.top += 1;
				}
				byProfessional.set(professional, p);
			}
		},
		finish(): TallyOutcome {
			if (valid < MIN_GROUP)
				return {
					results: { kind: 'too-few', invalid: show(invalid) },
					trend: [],
					professionals: { shown: [], notShown: byProfessional.size }
				};
			const questions = counted.map((c): QuestionResult => {
				const own = Array.from(counts.subarray(c.offset, c.offset + c.codes.length + 1));
				const shown = suppressCells(own);
				return {
					linkId: c.linkId,
					cells: [...c.codes, ''].map((code, i) => ({ code, count: shown[i] ?? { shown: false } }))
				};
			});
			const shownIds = perProfessional(
				new Map([...byProfessional].map(([id, p]) => [id, p.n])),
				unattributed
			);
			const shown = [...shownIds]
				.map((id): ProfessionalResult => {
					const p = byProfessional.get(id) ?? { n: 0, sum: 0, scored: 0, top: 0 };
					return {
						professional: id,
						answers: p.n,
						mean: p.scored === 0 ? null : Math.round(p.sum / p.scored),
						topShare:
							q.id === 'collaborate' && p.scored > 0 ? Math.round((p.top / p.scored) * 100) : null
					};
				})
				.toSorted((a, b) => a.professional.localeCompare(b.professional));
			return {
				results: {
					kind: 'results',
					answers: valid,
					invalid: show(invalid),
					overall: scored.length === 0 ? null : Math.round(scoreSum / scored.length),
					questions,
					comments
				},
				trend: trendByQuarter(scored),
				professionals: { shown, notShown: byProfessional.size - shown.length }
			};
		}
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
		const list = byQuarter.get(key);
		if (list === undefined) byQuarter.set(key, [s.score]);
		else list.push(s.score);
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
 * answers not shown per professional (the other professionals' and those naming none) add up to 0
 * or ≥ MIN_GROUP, so the total minus the professionals shown is never a small group (else the
 * smallest shown is hidden too).
 */
export function perProfessional(
	counts: ReadonlyMap<string, number>,
	unattributed = 0
): ReadonlySet<string> {
	const shown = new Set([...counts].filter(([, n]) => n >= MIN_PER_PROFESSIONAL).map(([id]) => id));
	const hiddenSum = () =>
		[...counts].reduce((s, [id, n]) => (shown.has(id) ? s : s + n), unattributed);
	while (shown.size > 0 && hiddenSum() > 0 && hiddenSum() < MIN_GROUP) {
		const smallest = [...shown].sort((a, b) => (counts.get(a) ?? 0) - (counts.get(b) ?? 0))[0];
		if (smallest === undefined) break;
		shown.delete(smallest);
	}
	return shown;
}
