// Scoring of every instrument on the shipped files: published worked examples and both sides of
// every band edge (WHO-5 ≤ 28 / ≤ 50; PHQ-9 5/10/15/20; GAD-7 5/10/15; PHQ-2/GAD-2 ≥ 3), the PHQ-9
// item 9 safety flag, CollaboRATE mean and top score, and no score from an incomplete form.
import { describe, expect, it } from 'vitest';
import { loadQuestionnaires } from '$lib/content/surveys';
import type { Answers } from '$lib/domain/surveys/enable-when';
import type { Questionnaire } from '$lib/domain/surveys/fhir';
import { buildResponse } from '$lib/domain/surveys/response';
import {
	gad7Band,
	phq9Band,
	scoreQuestionnaire,
	who5Band,
	type Score
} from '$lib/domain/surveys/scoring';

function instrument(id: string): Questionnaire {
	const q = loadQuestionnaires().find((x) => x.id === id);
	if (q === undefined) throw new Error(`missing ${id}`);
	return q;
}

/** Answers by option code, item n of `prefix` getting codes[n-1]. */
function answers(
	prefix: string,
	codes: readonly (string | number)[],
	extra: Answers = {}
): Answers {
	const out: Record<string, Answers[string]> = { ...extra };
	codes.forEach((c, i) => {
		out[`${prefix}-${String(i + 1)}`] = [{ valueCoding: { code: String(c) } }];
	});
	return out;
}

function score(id: string, a: Answers): Score {
	const result = scoreQuestionnaire(instrument(id), a);
	if (!result.ok) throw new Error(JSON.stringify(result.error));
	return result.value;
}

describe('WHO-5', () => {
	it('raw × 4, with the published cut-offs (raw 13 → 52 %)', () => {
		expect(score('who5', answers('who5', [3, 3, 3, 2, 2]))).toMatchObject({
			raw: 13,
			value: 52,
			band: 'who5-good',
			followUp: null
		});
		expect(score('who5', answers('who5', [3, 3, 2, 2, 2]))).toMatchObject({
			value: 48,
			band: 'who5-poor'
		});
		expect(score('who5', answers('who5', [2, 2, 2, 1, 1]))).toMatchObject({
			value: 32,
			band: 'who5-poor'
		});
		expect(score('who5', answers('who5', [2, 2, 1, 1, 1]))).toMatchObject({
			value: 28,
			band: 'who5-depression',
			followUp: 'phq9'
		});
		expect(score('who5', answers('who5', [5, 5, 5, 5, 5])).value).toBe(100);
		expect(score('who5', answers('who5', [0, 0, 0, 0, 0])).value).toBe(0);
	});

	it('bands at their edges', () => {
		expect([who5Band(28), who5Band(29), who5Band(50), who5Band(51)]).toEqual([
			'who5-depression',
			'who5-poor',
			'who5-poor',
			'who5-good'
		]);
	});

	it('the carer check-in scores the carer’s WHO-5', () => {
		expect(score('carer-checkin', answers('who5', [1, 1, 1, 1, 1]))).toMatchObject({
			instrument: 'carer-checkin',
			value: 20,
			band: 'who5-depression'
		});
	});
});

describe('PHQ-9', () => {
	it('sums 0–27 (worked example: 1+2+3+0+1+2+3+0+0 = 12, moderate)', () => {
		expect(score('phq9', answers('phq9', [1, 2, 3, 0, 1, 2, 3, 0, 0]))).toMatchObject({
			value: 12,
			max: 27,
			band: 'phq9-moderate',
			safety: false
		});
		expect(score('phq9', answers('phq9', [3, 3, 3, 3, 3, 3, 3, 3, 3]))).toMatchObject({
			value: 27,
			band: 'phq9-severe',
			safety: true
		});
	});

	it('bands 5/10/15/20 at their edges', () => {
		expect([4, 5, 9, 10, 14, 15, 19, 20].map(phq9Band)).toEqual([
			'phq9-minimal',
			'phq9-mild',
			'phq9-mild',
			'phq9-moderate',
			'phq9-moderate',
			'phq9-moderately-severe',
			'phq9-moderately-severe',
			'phq9-severe'
		]);
		expect(score('phq9', answers('phq9', [1, 1, 1, 1, 0, 0, 0, 0, 0])).band).toBe('phq9-minimal');
		expect(score('phq9', answers('phq9', [1, 1, 1, 1, 1, 0, 0, 0, 0])).band).toBe('phq9-mild');
	});

	it('item 9 above 0 raises the safety flag, whatever the total', () => {
		expect(score('phq9', answers('phq9', [0, 0, 0, 0, 0, 0, 0, 0, 1]))).toMatchObject({
			value: 1,
			band: 'phq9-minimal',
			safety: true
		});
		expect(score('phq9', answers('phq9', [3, 3, 3, 3, 3, 3, 3, 3, 0])).safety).toBe(false);
	});

	it('the difficulty question shows only once a problem is ticked, and is not scored', () => {
		const q = instrument('phq9');
		const none = answers('phq9', [0, 0, 0, 0, 0, 0, 0, 0, 0], {
			'phq9-10': [{ valueCoding: { code: 'very' } }]
		});
		const built = buildResponse(q, none, '2026-12-06T22:00:00Z');
		expect(built.ok && built.value.item.some((i) => i.linkId === 'phq9-10')).toBe(false);
		const some = answers('phq9', [0, 1, 0, 0, 0, 0, 0, 0, 0], {
			'phq9-10': [{ valueCoding: { code: 'very' } }]
		});
		const built2 = buildResponse(q, some, '2026-12-06T22:00:00Z');
		expect(built2.ok && built2.value.item.some((i) => i.linkId === 'phq9-10')).toBe(true);
		expect(score('phq9', some).value).toBe(1);
	});

	it('no score until every item is answered', () => {
		expect(scoreQuestionnaire(instrument('phq9'), answers('phq9', [1, 1, 1]))).toEqual({
			ok: false,
			error: {
				type: 'incomplete',
				missing: ['phq9-4', 'phq9-5', 'phq9-6', 'phq9-7', 'phq9-8', 'phq9-9']
			}
		});
	});
});

describe('GAD-7', () => {
	it('sums 0–21 with bands 5/10/15', () => {
		expect(score('gad7', answers('gad7', [2, 2, 2, 2, 2, 0, 0]))).toMatchObject({
			value: 10,
			max: 21,
			band: 'gad7-moderate'
		});
		expect([4, 5, 9, 10, 14, 15, 21].map(gad7Band)).toEqual([
			'gad7-minimal',
			'gad7-mild',
			'gad7-mild',
			'gad7-moderate',
			'gad7-moderate',
			'gad7-severe',
			'gad7-severe'
		]);
	});
});

describe('PHQ-2 and GAD-2', () => {
	it('3 or more leads to the full form', () => {
		expect(score('phq2', answers('phq9', [1, 1]))).toMatchObject({
			value: 2,
			band: 'screen-negative',
			followUp: null
		});
		expect(score('phq2', answers('phq9', [2, 1]))).toMatchObject({
			value: 3,
			band: 'screen-positive',
			followUp: 'phq9'
		});
		expect(score('gad2', answers('gad7', [1, 1])).followUp).toBeNull();
		expect(score('gad2', answers('gad7', [3, 0])).followUp).toBe('gad7');
	});
});

describe('CollaboRATE', () => {
	it('mean on 0–100 and top score only when every item is at the top', () => {
		expect(score('collaborate', answers('collaborate', [4, 4, 4]))).toMatchObject({
			value: 100,
			band: 'collaborate-top'
		});
		expect(score('collaborate', answers('collaborate', [4, 4, 3]))).toMatchObject({
			raw: 11,
			value: 92,
			band: 'collaborate-not-top'
		});
		expect(score('collaborate', answers('collaborate', [0, 0, 0])).value).toBe(0);
	});
});

describe('coordination experience', () => {
	it('averages the weighted answers, leaving out "does not apply"', () => {
		const a: Answers = {
			'coord-repeat': [{ valueCoding: { code: 'never' } }],
			'coord-treatments': [{ valueCoding: { code: 'partly' } }],
			'coord-others': [{ valueCoding: { code: 'dk' } }],
			'coord-who': [{ valueCoding: { code: 'no' } }],
			'coord-involved': [{ valueCoding: { code: 'yes' } }],
			'coord-carer': [{ valueCoding: { code: 'na' } }],
			'coord-overall': [{ valueCoding: { code: '4' } }]
		};
		// (100 + 50 + 0 + 100 + 75) / 5 = 65
		expect(score('coordination', a)).toMatchObject({ value: 65, band: 'experience' });
	});
});
