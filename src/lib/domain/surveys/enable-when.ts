// `enableWhen` / `enableBehavior` evaluation: which items are shown for a given set of answers.
// Semantics (FHIR R4, made precise where R4 is loose):
//  - an item is enabled when its parent group is enabled and its conditions hold (all of them, or
//    any one with `enableBehavior: any`); an item without conditions is enabled with its parent;
//  - a condition reads the answers of its question only when that question is itself enabled
//    (a hidden question counts as unanswered);
//  - `exists` true/false tests whether there is an answer; every other operator is false when the
//    question has no answer, and true when any of its answers satisfies it;
//  - `=`/`!=` compare codings by code (and system when both name one); `>`, `<`, `>=`, `<=` compare
//    numbers (integer and decimal together), dates and strings.
// A cycle of conditions is refused by the validator; here it counts as disabled, never loops.
import type { AnswerValue, EnableWhen, QuestionnaireItem } from './fhir';
import { flattenItems } from './items';

export type Answers = Readonly<Record<string, readonly AnswerValue[]>>;

type Comparable =
	| { readonly kind: 'number'; readonly value: number }
	| { readonly kind: 'boolean'; readonly value: boolean }
	| { readonly kind: 'text'; readonly value: string }
	| { readonly kind: 'date'; readonly value: string }
	| { readonly kind: 'coding'; readonly system: string | undefined; readonly code: string };

function answerComparable(a: AnswerValue): Comparable {
	if ('valueBoolean' in a) return { kind: 'boolean', value: a.valueBoolean };
	if ('valueInteger' in a) return { kind: 'number', value: a.valueInteger };
	if ('valueDecimal' in a) return { kind: 'number', value: a.valueDecimal };
	if ('valueString' in a) return { kind: 'text', value: a.valueString };
	if ('valueDate' in a) return { kind: 'date', value: a.valueDate };
	return { kind: 'coding', system: a.valueCoding.system, code: a.valueCoding.code };
}

function conditionComparable(c: EnableWhen): Comparable | null {
	if (c.answerBoolean !== undefined) return { kind: 'boolean', value: c.answerBoolean };
	if (c.answerInteger !== undefined) return { kind: 'number', value: c.answerInteger };
	if (c.answerDecimal !== undefined) return { kind: 'number', value: c.answerDecimal };
	if (c.answerString !== undefined) return { kind: 'text', value: c.answerString };
	if (c.answerDate !== undefined) return { kind: 'date', value: c.answerDate };
	if (c.answerCoding !== undefined)
		return { kind: 'coding', system: c.answerCoding.system, code: c.answerCoding.code };
	return null;
}

/** -1, 0, 1, or null when the two cannot be compared. */
function compare(a: Comparable, b: Comparable): number | null {
	if (a.kind === 'coding' && b.kind === 'coding') {
		const sameSystem = a.system === undefined || b.system === undefined || a.system === b.system;
		return sameSystem && a.code === b.code ? 0 : null;
	}
	if (a.kind === 'boolean' && b.kind === 'boolean') return a.value === b.value ? 0 : null;
	if (
		(a.kind === 'number' && b.kind === 'number') ||
		(a.kind === 'text' && b.kind === 'text') ||
		(a.kind === 'date' && b.kind === 'date')
	) {
		return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
	}
	return null;
}

/** Whether one condition holds for the (already filtered) answers of its question. */
export function conditionHolds(condition: EnableWhen, answers: readonly AnswerValue[]): boolean {
	if (condition.operator === 'exists') {
		return condition.answerBoolean === true ? answers.length > 0 : answers.length === 0;
	}
	const expected = conditionComparable(condition);
	if (expected === null) return false;
	return answers.some((answer) => {
		const actual = answerComparable(answer);
		const order = compare(actual, expected);
		switch (condition.operator) {
			case '=':
				return order === 0;
			case '!=':
				// Codings and booleans that are not equal compare as null: that is "not equal".
				return order !== 0;
			case '>':
				return order !== null && order > 0 && actual.kind !== 'coding';
			case '<':
				return order !== null && order < 0 && actual.kind !== 'coding';
			case '>=':
				return (
					order !== null && order >= 0 && actual.kind !== 'coding' && actual.kind !== 'boolean'
				);
			case 'exists':
				return false;
			case '<=':
				return (
					order !== null && order <= 0 && actual.kind !== 'coding' && actual.kind !== 'boolean'
				);
		}
	});
}

/** The linkIds of every enabled item. */
export function enabledLinkIds(
	items: readonly QuestionnaireItem[],
	answers: Answers
): ReadonlySet<string> {
	const flat = flattenItems(items);
	const byId = new Map(flat.map((f) => [f.item.linkId, f]));
	const memo = new Map<string, boolean>();
	const visiting = new Set<string>();

	const isEnabled = (linkId: string): boolean => {
		const known = memo.get(linkId);
		if (known !== undefined) return known;
		const entry = byId.get(linkId);
		if (entry === undefined || visiting.has(linkId)) return false;
		visiting.add(linkId);
		let enabled = entry.parent === null || isEnabled(entry.parent);
		const conditions = entry.item.enableWhen;
		if (enabled && conditions !== undefined) {
			const results = conditions.map((c) =>
				conditionHolds(c, isEnabled(c.question) ? (answers[c.question] ?? []) : [])
			);
			enabled =
				entry.item.enableBehavior === 'any' ? results.some(Boolean) : results.every(Boolean);
		}
		visiting.delete(linkId);
		memo.set(linkId, enabled);
		return enabled;
	};

	return new Set(flat.filter((f) => isEnabled(f.item.linkId)).map((f) => f.item.linkId));
}
