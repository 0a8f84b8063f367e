// Team results: nothing below 10 answers, then distributions with small cells hidden, the overall
// score, comments without identity (marked when the person asked not to be quoted), and responses
// that do not match the questionnaire counted as invalid instead of breaking the page.
import { describe, expect, it } from 'vitest';
import { loadQuestionnaires } from '$lib/content/surveys';
import type { Answers } from '$lib/domain/surveys/enable-when';
import { buildResponse } from '$lib/domain/surveys/response';
import { summariseReceived, trendByQuarter } from '$lib/domain/surveys/results';

const survey = loadQuestionnaires().find((q) => q.id === 'coordination');
if (survey === undefined) throw new Error('missing');

const coding = (code: string) => [{ valueCoding: { code } }];
function person(overall: string, comment?: string, noQuote = false): unknown {
	if (survey === undefined) throw new Error('missing');
	const answers: Answers = {
		'coord-repeat': coding('never'),
		'coord-treatments': coding('yes'),
		'coord-others': coding('yes'),
		'coord-who': coding('yes'),
		'coord-involved': coding('yes'),
		'coord-carer': coding('na'),
		'coord-overall': coding(overall),
		...(comment === undefined ? {} : { 'coord-comment': [{ valueString: comment }] }),
		...(noQuote ? { 'coord-no-quote': [{ valueBoolean: true }] } : {})
	};
	const built = buildResponse(survey, answers, '2026-12-06T00:00:00Z');
	if (!built.ok) throw new Error(JSON.stringify(built.error));
	return built.value;
}

describe('team results', () => {
	it('shows nothing for nine answers, and results from the tenth', () => {
		const nine = Array.from({ length: 9 }, () => person('5'));
		expect(summariseReceived(survey, nine)).toEqual({
			kind: 'too-few',
			invalid: { shown: true, count: 0 }
		});
		const ten = summariseReceived(survey, [...nine, person('4')]);
		expect(ten.kind).toBe('results');
		if (ten.kind !== 'results') return;
		expect(ten.answers).toBe(10);
		const overall = ten.questions.find((q) => q.linkId === 'coord-overall');
		// 9 × "very good" is shown; the single "good" is hidden, and so is the next smallest cell
		// that is not 0, so that 10 − 9 does not give it away.
		expect(overall?.cells.map((c) => [c.code, c.count])).toEqual([
			['5', { shown: false }],
			['4', { shown: false }],
			['3', { shown: true, count: 0 }],
			['2', { shown: true, count: 0 }],
			['1', { shown: true, count: 0 }],
			['', { shown: true, count: 0 }]
		]);
	});

	it('keeps comments without identity, marked when not to be quoted', () => {
		const people = [
			...Array.from({ length: 8 }, () => person('5')),
			person('4', 'I had to repeat everything twice.'),
			person('3', 'The nurse knew my treatments.', true)
		];
		const results = summariseReceived(survey, people);
		expect(results.kind === 'results' ? results.comments : []).toEqual([
			{ text: 'I had to repeat everything twice.', quotable: true },
			{ text: 'The nurse knew my treatments.', quotable: false }
		]);
	});

	it('counts what does not match as invalid, hidden while under 5, never crashing', () => {
		const good = Array.from({ length: 10 }, () => person('5'));
		const junk = [null, 'text', { resourceType: 'QuestionnaireResponse' }];
		const results = summariseReceived(survey, [...good, ...junk]);
		expect(results.kind).toBe('results');
		expect(results.invalid).toEqual({ shown: false });
		const many = summariseReceived(survey, [...good, ...junk, 1, 2]);
		expect(many.invalid).toEqual({ shown: true, count: 5 });
	});

	it('trend: a quarter with few answers is merged with its neighbour', () => {
		const at = (week: string, n: number, score: number) =>
			Array.from({ length: n }, () => ({ week, score }));
		expect(
			trendByQuarter([
				...at('2026-W02', 12, 80),
				...at('2026-W20', 4, 40),
				...at('2026-W30', 8, 60)
			])
		).toEqual([
			{ from: '2026-Q1', to: '2026-Q1', answers: 12, mean: 80 },
			{ from: '2026-Q2', to: '2026-Q3', answers: 12, mean: 53 }
		]);
	});
});
