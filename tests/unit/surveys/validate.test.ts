// A malformed questionnaire is refused with the file and the item named: unknown item type,
// enableWhen on a missing item, duplicate linkIds, missing translation, and the other rules the
// renderer and the scorer rely on.
import { describe, expect, it } from 'vitest';
import { formatContentIssues } from '$lib/domain/education/validation';
import { validateQuestionnaire } from '$lib/domain/surveys/validate';
import { fr, item, option, questionnaire } from '../../fixtures/surveys';

const FILE = 'surveys/sample.json';

function problems(data: unknown): string {
	const result = validateQuestionnaire(FILE, data);
	return result.ok ? '' : formatContentIssues(result.error);
}

describe('validateQuestionnaire', () => {
	it('accepts a valid questionnaire with groups, conditions and every item type', () => {
		const q = questionnaire([
			item('intro', 'display'),
			item('g', 'group', {
				item: [
					item('a', 'choice', { required: true }),
					item('b', 'boolean', {
						enableWhen: [{ question: 'a', operator: '=', answerCoding: { code: '2' } }]
					}),
					item('c', 'integer', {
						enableWhen: [
							{ question: 'b', operator: '=', answerBoolean: true },
							{ question: 'a', operator: 'exists', answerBoolean: true }
						],
						enableBehavior: 'any'
					}),
					item('d', 'decimal', {
						enableWhen: [{ question: 'c', operator: '>=', answerInteger: 3 }]
					}),
					item('e', 'string', { initial: [{ valueString: 'hello' }] }),
					item('f', 'text', { readOnly: true }),
					item('h', 'date')
				]
			})
		]);
		expect(problems(q)).toBe('');
	});

	it('names the item with an unknown type', () => {
		const q = {
			...questionnaire([]),
			item: [item('a', 'choice'), { ...item('b', 'string'), type: 'slider' }]
		};
		expect(problems(q)).toBe(
			`${FILE} › item "b" › type: unknown item type (known: group, display, choice, boolean, integer, decimal, string, text, date)`
		);
	});

	it('names the item inside a group', () => {
		const q = {
			...questionnaire([]),
			item: [
				{
					...item('g', 'group'),
					item: [item('a', 'choice'), { ...item('b', 'string'), type: 'url' }]
				}
			]
		};
		expect(problems(q)).toContain(`${FILE} › item "b" › type: unknown item type`);
	});

	it('names an enableWhen on a missing item', () => {
		const q = questionnaire([
			item('a', 'choice'),
			item('b', 'string', {
				enableWhen: [{ question: 'zz', operator: '=', answerCoding: { code: '1' } }]
			})
		]);
		expect(problems(q)).toBe(
			`${FILE} › item "b" › enableWhen.0.question: enableWhen refers to a missing item "zz"`
		);
	});

	it('names duplicate linkIds', () => {
		const q = questionnaire([
			item('a', 'choice'),
			item('g', 'group', { item: [item('a', 'string')] })
		]);
		expect(problems(q)).toContain(`${FILE} › item "a": duplicate linkId "a"`);
	});

	it('names a missing translation of a question, an option and the title', () => {
		const q = questionnaire(
			[
				{ ...item('a', 'string'), _text: undefined },
				item('b', 'choice', {
					answerOption: [option('0', 0), { valueCoding: { code: '1', display: 'Yes' } }]
				})
			],
			{ _title: undefined }
		);
		const text = problems(q);
		expect(text).toContain(`${FILE} › item "a" › text: missing fr translation of "Question a"`);
		expect(text).toContain(`${FILE} › item "b" › answerOption.1: missing fr translation of "Yes"`);
		expect(text).toContain(`${FILE} › title: missing fr translation of "Sample"`);
	});

	it('refuses a translation in another language than the one required', () => {
		const germanOnly = fr('Frage');
		const q = questionnaire([
			{
				...item('a', 'string'),
				_text: {
					extension: germanOnly.extension.map((t) => ({
						...t,
						extension: [{ url: 'lang', valueCode: 'de' }, t.extension[1]] as const
					}))
				}
			}
		]);
		expect(problems(q)).toContain('item "a" › text: missing fr translation');
	});

	it('refuses a condition of the wrong type, an unknown option code and an ordering on a choice', () => {
		const q = questionnaire([
			item('a', 'choice'),
			item('b', 'string', { enableWhen: [{ question: 'a', operator: '=', answerBoolean: true }] }),
			item('c', 'string', {
				enableWhen: [{ question: 'a', operator: '=', answerCoding: { code: '9' } }]
			}),
			item('d', 'string', {
				enableWhen: [{ question: 'a', operator: '>', answerCoding: { code: '1' } }]
			})
		]);
		const text = problems(q);
		expect(text).toContain(
			'item "b" › enableWhen.0: answer type boolean does not fit "a" (a choice)'
		);
		expect(text).toContain('item "c" › enableWhen.0: "9" is not an option of "a"');
		expect(text).toContain('item "d" › enableWhen.0.operator: ">" cannot compare a choice');
	});

	it('refuses a cycle of conditions and several conditions without enableBehavior', () => {
		const cyclic = questionnaire([
			item('a', 'boolean', {
				enableWhen: [{ question: 'b', operator: 'exists', answerBoolean: true }]
			}),
			item('b', 'boolean', {
				enableWhen: [{ question: 'a', operator: 'exists', answerBoolean: true }]
			})
		]);
		expect(problems(cyclic)).toContain('item "a" › enableWhen: enableWhen conditions form a cycle');
		const ambiguous = questionnaire([
			item('a', 'boolean'),
			item('b', 'boolean'),
			item('c', 'string', {
				enableWhen: [
					{ question: 'a', operator: '=', answerBoolean: true },
					{ question: 'b', operator: '=', answerBoolean: true }
				]
			})
		]);
		expect(problems(ambiguous)).toContain(
			'item "c" › enableBehavior: several enableWhen conditions'
		);
	});

	it('refuses a choice without options, a required display and a bad initial value', () => {
		const q = questionnaire([
			{ ...item('a', 'choice'), answerOption: undefined },
			item('b', 'display', { required: true }),
			item('c', 'integer', { initial: [{ valueString: 'three' }] })
		]);
		const text = problems(q);
		expect(text).toContain('item "a" › answerOption: a choice needs answer options');
		expect(text).toContain('item "b" › required: a display cannot be required');
		expect(text).toContain('item "c" › initial.0: initial value does not fit a integer');
	});

	it('requires licence, source and French version, and an id matching the file', () => {
		const q = questionnaire([item('a', 'string')], {
			id: 'other',
			extension: [
				{ url: 'https://cercle.health/fhir/StructureDefinition/audience', valueString: 'person' }
			]
		});
		const text = problems(q);
		expect(text).toContain(`${FILE} › id: must match the file name (sample)`);
		expect(text).toContain('extension: missing licence');
		expect(text).toContain('extension: missing source');
		expect(text).toContain('extension: missing french-version');
	});

	it('refuses what is not a questionnaire at all, without throwing', () => {
		expect(problems(null)).toContain(`${FILE} › (root)`);
		expect(problems({ resourceType: 'Patient' })).toContain('resourceType');
	});
});
