// enableWhen with enableBehavior any/all, on each operator and answer type, through groups and
// through hidden questions.
import { describe, expect, it } from 'vitest';
import { conditionHolds, enabledLinkIds } from '$lib/domain/surveys/enable-when';
import { item, questionnaire } from '../../fixtures/surveys';

const coding = (code: string) => ({ valueCoding: { code } });

describe('conditionHolds', () => {
	it('exists true/false', () => {
		const c = { question: 'a', operator: 'exists' as const, answerBoolean: true };
		expect(conditionHolds(c, [])).toBe(false);
		expect(conditionHolds(c, [{ valueInteger: 0 }])).toBe(true);
		expect(conditionHolds({ ...c, answerBoolean: false }, [])).toBe(true);
	});

	it('every operator other than exists is false without an answer', () => {
		for (const operator of ['=', '!=', '>', '<', '>=', '<='] as const) {
			expect(conditionHolds({ question: 'a', operator, answerInteger: 1 }, [])).toBe(false);
		}
	});

	it('compares numbers, integers with decimals', () => {
		const at = (operator: '>' | '<' | '>=' | '<=' | '=' | '!=', value: number) =>
			conditionHolds({ question: 'a', operator, answerDecimal: 2.5 }, [{ valueInteger: value }]);
		expect([at('>', 3), at('>', 2), at('<', 2), at('<', 3)]).toEqual([true, false, true, false]);
		expect([at('>=', 3), at('<=', 2), at('=', 2), at('!=', 2)]).toEqual([true, true, false, true]);
	});

	it('compares dates and codings', () => {
		expect(
			conditionHolds({ question: 'a', operator: '<', answerDate: '2026-01-01' }, [
				{ valueDate: '2025-12-31' }
			])
		).toBe(true);
		const eq = { question: 'a', operator: '=' as const, answerCoding: { code: '1' } };
		expect(conditionHolds(eq, [coding('1')])).toBe(true);
		expect(conditionHolds(eq, [coding('2')])).toBe(false);
		expect(conditionHolds({ ...eq, operator: '!=' }, [coding('2')])).toBe(true);
		expect(
			conditionHolds({ ...eq, answerCoding: { system: 'x', code: '1' } }, [
				{ valueCoding: { system: 'y', code: '1' } }
			])
		).toBe(false);
	});
});

describe('enabledLinkIds', () => {
	const q = questionnaire([
		item('a', 'choice'),
		item('b', 'boolean'),
		item('all', 'string', {
			enableWhen: [
				{ question: 'a', operator: '=', answerCoding: { code: '2' } },
				{ question: 'b', operator: '=', answerBoolean: true }
			],
			enableBehavior: 'all'
		}),
		item('any', 'string', {
			enableWhen: [
				{ question: 'a', operator: '=', answerCoding: { code: '2' } },
				{ question: 'b', operator: '=', answerBoolean: true }
			],
			enableBehavior: 'any'
		}),
		item('g', 'group', {
			enableWhen: [{ question: 'b', operator: 'exists', answerBoolean: true }],
			item: [item('inner', 'string'), item('deep', 'integer')]
		}),
		item('chain', 'string', {
			enableWhen: [{ question: 'any', operator: 'exists', answerBoolean: true }]
		})
	]);

	it('all needs every condition, any needs one', () => {
		const some = enabledLinkIds(q.item, { a: [coding('2')], b: [{ valueBoolean: false }] });
		expect(some.has('all')).toBe(false);
		expect(some.has('any')).toBe(true);
		const both = enabledLinkIds(q.item, { a: [coding('2')], b: [{ valueBoolean: true }] });
		expect(both.has('all')).toBe(true);
		const none = enabledLinkIds(q.item, { a: [coding('1')], b: [{ valueBoolean: false }] });
		expect(none.has('any')).toBe(false);
	});

	it('a hidden group hides its children', () => {
		expect([...enabledLinkIds(q.item, {})]).toEqual(['a', 'b']);
		const shown = enabledLinkIds(q.item, { b: [{ valueBoolean: false }] });
		expect(shown.has('inner') && shown.has('deep')).toBe(true);
	});

	it('an answer to a hidden question does not count', () => {
		const answers = {
			a: [coding('1')],
			b: [{ valueBoolean: false }],
			any: [{ valueString: 'left over' }]
		};
		expect(enabledLinkIds(q.item, answers).has('chain')).toBe(false);
		expect(enabledLinkIds(q.item, { ...answers, a: [coding('2')] }).has('chain')).toBe(true);
	});
});
