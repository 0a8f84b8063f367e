// Answers → QuestionnaireResponse and back; a response that does not match its questionnaire is
// refused with one error per question, never thrown.
import { describe, expect, it } from 'vitest';
import {
	answersOf,
	buildResponse,
	checkAnswers,
	checkResponse,
	initialAnswers
} from '$lib/domain/surveys/response';
import { item, option, questionnaire } from '../../fixtures/surveys';

const q = questionnaire([
	item('a', 'choice', { required: true }),
	item('g', 'group', {
		item: [
			item('b', 'text', {
				required: true,
				maxLength: 10,
				enableWhen: [{ question: 'a', operator: '=', answerCoding: { code: '2' } }]
			}),
			item('c', 'integer', { initial: [{ valueInteger: 4 }] })
		]
	}),
	item('d', 'choice', { answerOption: [option('x'), { ...option('y'), initialSelected: true }] })
]);
const AT = '2026-12-06T22:00:00.000Z';

describe('QuestionnaireResponse', () => {
	it('starts from initial values', () => {
		expect(initialAnswers(q)).toEqual({
			c: [{ valueInteger: 4 }],
			d: [{ valueCoding: { code: 'y' } }]
		});
	});

	it('names each missing required answer, only where the question is shown', () => {
		expect(checkAnswers(q, {})).toEqual([{ type: 'required', linkId: 'a' }]);
		expect(checkAnswers(q, { a: [{ valueCoding: { code: '2' } }] })).toEqual([
			{ type: 'required', linkId: 'b' }
		]);
		expect(
			checkAnswers(q, { a: [{ valueCoding: { code: '2' } }], b: [{ valueString: '  ' }] })
		).toEqual([{ type: 'required', linkId: 'b' }]);
	});

	it('refuses answers of the wrong type, unknown options, too long texts and unknown items', () => {
		expect(
			checkAnswers(q, {
				a: [{ valueCoding: { code: '7' } }],
				c: [{ valueString: 'four' }],
				zz: [{ valueBoolean: true }]
			})
		).toEqual([
			{ type: 'unknown-item', linkId: 'zz' },
			{ type: 'unknown-option', linkId: 'a' },
			{ type: 'wrong-type', linkId: 'c' }
		]);
		expect(
			checkAnswers(q, {
				a: [{ valueCoding: { code: '2' } }],
				b: [{ valueString: 'far too long text' }]
			})
		).toEqual([{ type: 'too-long', linkId: 'b', max: 10 }]);
	});

	it('builds a nested completed response without hidden answers, and reads it back', () => {
		const built = buildResponse(
			q,
			{
				a: [{ valueCoding: { code: '1' } }],
				b: [{ valueString: 'hidden' }],
				c: [{ valueInteger: 2 }]
			},
			AT
		);
		expect(built).toEqual({
			ok: true,
			value: {
				resourceType: 'QuestionnaireResponse',
				questionnaire: 'https://cercle.health/fhir/Questionnaire/sample|1',
				status: 'completed',
				authored: AT,
				item: [
					{ linkId: 'a', answer: [{ valueCoding: { code: '1' } }] },
					{ linkId: 'g', item: [{ linkId: 'c', answer: [{ valueInteger: 2 }] }] }
				]
			}
		});
		if (!built.ok) return;
		expect(answersOf(built.value)).toEqual({
			a: [{ valueCoding: { code: '1' } }],
			c: [{ valueInteger: 2 }]
		});
		expect(checkResponse(q, built.value).ok).toBe(true);
	});

	it('refuses a response to another questionnaire or with an answer to a hidden question', () => {
		const built = buildResponse(q, { a: [{ valueCoding: { code: '1' } }] }, AT);
		if (!built.ok) throw new Error('fixture');
		expect(checkResponse(q, { ...built.value, questionnaire: 'other|1' })).toEqual({
			ok: false,
			error: 'wrong-questionnaire'
		});
		const tampered = {
			...built.value,
			item: [...built.value.item, { linkId: 'b', answer: [{ valueString: 'x' }] }]
		};
		expect(checkResponse(q, tampered)).toEqual({
			ok: false,
			error: [{ type: 'not-enabled', linkId: 'b' }]
		});
	});
});
