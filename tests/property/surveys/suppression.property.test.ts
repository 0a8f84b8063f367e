// Suppression of small numbers in team results: no view, and no pair of views (a view and the
// group's total, the overall results and the trend periods, the professionals shown and the
// others), reveals a group under 5, and nothing is shown for fewer than 10 answers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadQuestionnaires } from '$lib/content/surveys';
import type { Answers } from '$lib/domain/surveys/enable-when';
import type { QuestionnaireResponse } from '$lib/domain/surveys/fhir';
import { flattenItems } from '$lib/domain/surveys/items';
import { buildResponse } from '$lib/domain/surveys/response';
import { ballotPlain, tallyCampaign } from '$lib/domain/surveys/ballot';
import {
	MIN_CELL,
	MIN_GROUP,
	MIN_PER_PROFESSIONAL,
	perProfessional,
	summarise,
	suppressCells,
	trendByQuarter,
	type ShownCount
} from '$lib/domain/surveys/results';

const survey = loadQuestionnaires().find((q) => q.id === 'coordination');
if (survey === undefined) throw new Error('coordination survey missing');
const collaborate = loadQuestionnaires().find((q) => q.id === 'collaborate');
if (collaborate === undefined) throw new Error('collaborate missing');
const choices = flattenItems(survey.item).filter((f) => f.item.type === 'choice');

const isSafe = (n: number) => n === 0 || n >= MIN_CELL;
const hiddenSum = (total: number, cells: readonly ShownCount[]) =>
	total - cells.reduce((s, c) => (c.shown ? s + c.count : s), 0);

/** One person's answers: an option (skewed towards the first ones, to make small cells) each. */
const answersArb = fc
	.tuple(...choices.map((f) => fc.nat({ max: (f.item.answerOption?.length ?? 1) * 3 })))
	.map((picks): Answers => {
		const out: Record<string, Answers[string]> = {};
		choices.forEach((f, i) => {
			const options = f.item.answerOption ?? [];
			const option = options[Math.min(options.length - 1, Math.floor((picks[i] ?? 0) / 3) ** 2)];
			if (option !== undefined)
				out[f.item.linkId] = [{ valueCoding: { code: option.valueCoding.code } }];
		});
		return out;
	});

function responseOf(answers: Answers): QuestionnaireResponse {
	if (survey === undefined) throw new Error('unreachable');
	const built = buildResponse(survey, answers, '2026-12-06T00:00:00Z');
	if (!built.ok) throw new Error(JSON.stringify(built.error));
	return built.value;
}

describe('suppression (property)', () => {
	it('cells: shown counts are 0 or ≥ 5, and so is what the total minus them reveals', () => {
		fc.assert(
			fc.property(fc.array(fc.nat({ max: 30 }), { minLength: 2, maxLength: 8 }), (counts) => {
				const shown = suppressCells(counts);
				const total = counts.reduce((a, b) => a + b, 0);
				// Cells are only ever shown for a group of at least 10 answers.
				fc.pre(total >= MIN_GROUP);
				for (const [i, c] of shown.entries()) {
					if (c.shown) {
						expect(c.count).toBe(counts[i]);
						expect(isSafe(c.count)).toBe(true);
					}
				}
				expect(isSafe(hiddenSum(total, shown))).toBe(true);
			}),
			{ numRuns: 1000 }
		);
	});

	it('results: nothing under 10 answers; every question safe against its total; invalid counted', () => {
		fc.assert(
			fc.property(fc.array(answersArb, { maxLength: 40 }), fc.nat({ max: 6 }), (people, broken) => {
				const responses = [
					...people.map(responseOf),
					...Array.from({ length: broken }, (): QuestionnaireResponse => ({
						resourceType: 'QuestionnaireResponse',
						questionnaire: 'https://elsewhere.example/Questionnaire/x|1',
						status: 'completed',
						authored: '2026-12-06T00:00:00Z',
						item: []
					}))
				];
				const results = summarise(survey, responses);
				if (results.invalid.shown) expect(results.invalid.count).toBe(broken);
				else expect(broken).toBeLessThan(MIN_CELL);
				if (people.length < MIN_GROUP) {
					expect(results.kind).toBe('too-few');
					return;
				}
				if (results.kind !== 'results') throw new Error('expected results');
				expect(results.answers).toBe(people.length);
				for (const question of results.questions) {
					const cells = question.cells.map((c) => c.count);
					for (const c of cells) if (c.shown) expect(isSafe(c.count)).toBe(true);
					expect(isSafe(hiddenSum(people.length, cells))).toBe(true);
				}
			}),
			{ numRuns: 300 }
		);
	});

	it('trend: periods of ≥ 10 answers that partition the answers (no small difference)', () => {
		const weekArb = fc
			.tuple(fc.integer({ min: 2025, max: 2027 }), fc.integer({ min: 1, max: 52 }))
			.map(([y, w]) => `${String(y)}-W${String(w).padStart(2, '0')}`);
		fc.assert(
			fc.property(
				fc.array(fc.record({ week: weekArb, score: fc.integer({ min: 0, max: 100 }) }), {
					maxLength: 80
				}),
				(scored) => {
					const periods = trendByQuarter(scored);
					if (scored.length < MIN_GROUP) {
						expect(periods).toEqual([]);
						return;
					}
					for (const p of periods) expect(p.answers).toBeGreaterThanOrEqual(MIN_GROUP);
					expect(periods.reduce((s, p) => s + p.answers, 0)).toBe(scored.length);
					for (let i = 1; i < periods.length; i++) {
						expect((periods[i]?.from ?? '') > (periods[i - 1]?.to ?? '')).toBe(true);
					}
				}
			),
			{ numRuns: 500 }
		);
	});

	it('per professional: only from 25 answers, and the others add up to 0 or ≥ 10', () => {
		fc.assert(
			fc.property(
				fc.array(fc.nat({ max: 60 }), { maxLength: 8 }),
				fc.nat({ max: 12 }),
				(ns, unnamed) => {
					const counts = new Map(ns.map((n, i) => [`pro-${String(i)}`, n]));
					const shown = perProfessional(counts, unnamed);
					let others = unnamed;
					for (const [id, n] of counts) {
						if (shown.has(id)) expect(n).toBeGreaterThanOrEqual(MIN_PER_PROFESSIONAL);
						else others += n;
					}
					if (shown.size > 0) expect(others === 0 || others >= MIN_GROUP).toBe(true);
				}
			),
			{ numRuns: 1000 }
		);
	});

	it('CollaboRATE per professional: no pair of views (total, each professional, the rest) shows under 5', () => {
		const q = collaborate;
		const items = flattenItems(q.item).filter((f) => f.item.type === 'choice');
		// A ballot: a professional among a few (or none), and an option per item.
		const ballotArb = fc.record({
			professional: fc.option(fc.constantFrom('pro-a', 'pro-b', 'pro-c', 'pro-d'), { freq: 6 }),
			picks: fc.tuple(...items.map(() => fc.nat({ max: 4 }))),
			week: fc.integer({ min: 1, max: 52 })
		});
		fc.assert(
			fc.property(
				fc.array(ballotArb, { maxLength: 140 }),
				// Skew: sometimes one professional gets a burst of answers, to cross 25.
				fc.constantFrom('pro-a', 'pro-b'),
				fc.nat({ max: 40 }),
				(ballots, burstPro, burst) => {
					const all = [
						...ballots,
						...Array.from({ length: burst }, (_, i) => ({
							professional: burstPro,
							picks: items.map((_, k) => (i + k) % 5),
							week: 10
						}))
					];
					const opened = all.map((b) => {
						const answers: Answers = Object.fromEntries(
							items.map((f, k) => {
								const options = f.item.answerOption ?? [];
								const option = options[(b.picks[k] ?? 0) % options.length];
								return [f.item.linkId, [{ valueCoding: { code: option?.valueCoding.code ?? '' } }]];
							})
						);
						const built = buildResponse(q, answers, '2026-12-07T00:00:00.000Z');
						if (!built.ok) throw new Error(JSON.stringify(built.error));
						return {
							week: `2026-W${String(b.week).padStart(2, '0')}`,
							plain: ballotPlain('s', q.id, built.value, b.professional)
						};
					});
					const tally = tallyCampaign(q, 's', opened);
					const truth = new Map<string, number>();
					for (const b of all)
						if (b.professional !== null)
							truth.set(b.professional, (truth.get(b.professional) ?? 0) + 1);
					const shown = tally.professionals.shown;
					if (all.length < MIN_GROUP) {
						expect(tally.results.kind).toBe('too-few');
						expect(shown).toEqual([]);
						return;
					}
					if (tally.results.kind !== 'results') throw new Error('expected results');
					const total = tally.results.answers;
					expect(total).toBe(all.length);
					let shownSum = 0;
					for (const p of shown) {
						// Each professional shown: its true count, and at least 25.
						expect(p.answers).toBe(truth.get(p.professional));
						expect(p.answers).toBeGreaterThanOrEqual(MIN_PER_PROFESSIONAL);
						shownSum += p.answers;
					}
					// Total minus the professionals shown (the others and unnamed): 0 or a group ≥ 10.
					const rest = total - shownSum;
					expect(rest === 0 || rest >= MIN_GROUP).toBe(true);
					// Any two professionals shown differ from the total by ≥ 10 or 0 as well, and
					// a single one against the total is covered by `rest`; the trend partitions.
					for (const p of tally.trend) expect(p.answers).toBeGreaterThanOrEqual(MIN_GROUP);
					expect(shown.length + tally.professionals.notShown).toBe(truth.size);
					for (const question of tally.results.questions) {
						const cells = question.cells.map((c) => c.count);
						for (const c of cells) if (c.shown) expect(isSafe(c.count)).toBe(true);
						expect(isSafe(hiddenSum(total, cells))).toBe(true);
					}
				}
			),
			{ numRuns: 200 }
		);
	});
});
