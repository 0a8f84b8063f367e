// enableWhen against a reference evaluator: random questionnaires (groups, integer, boolean and
// choice questions, conditions on earlier questions with any/all) and random answers. The reference
// walks the items once in creation order, where every condition's question and every parent group
// is already decided, and applies the rules as the issue states them; the engine (memoised,
// order-free, over the nested tree) must agree on every item.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { enabledLinkIds, type Answers } from '$lib/domain/surveys/enable-when';
import type { AnswerValue, EnableWhen, QuestionnaireItem } from '$lib/domain/surveys/fhir';
import { validateQuestionnaire } from '$lib/domain/surveys/validate';
import { item, questionnaire } from '../../fixtures/surveys';

type Kind = 'group' | 'integer' | 'boolean' | 'choice';

interface Spec {
	readonly kind: Kind;
	readonly parent: number | null;
	readonly behavior: 'any' | 'all';
	readonly conditions: readonly {
		readonly target: number;
		readonly op: (typeof OPS)[number];
		readonly value: number;
	}[];
}

const OPS = ['exists', '=', '!=', '>', '<', '>=', '<='] as const;

const specsArb = fc
	.array(
		fc.record({
			kind: fc.constantFrom<Kind>('group', 'integer', 'boolean', 'choice'),
			parentPick: fc.nat(),
			hasParent: fc.boolean(),
			behavior: fc.constantFrom<'any' | 'all'>('any', 'all'),
			conditions: fc.array(
				fc.record({
					pick: fc.nat(),
					op: fc.constantFrom(...OPS),
					value: fc.integer({ min: 0, max: 3 })
				}),
				{ maxLength: 3 }
			)
		}),
		{ minLength: 1, maxLength: 10 }
	)
	.map((raw): Spec[] =>
		raw.map((r, i) => {
			const groups = raw.slice(0, i).flatMap((x, j) => (x.kind === 'group' ? [j] : []));
			const questions = raw.slice(0, i).flatMap((x, j) => (x.kind === 'group' ? [] : [j]));
			const parent =
				r.hasParent && groups.length > 0 ? (groups[r.parentPick % groups.length] ?? null) : null;
			const conditions =
				questions.length === 0
					? []
					: r.conditions.map((c) => {
							const target = questions[c.pick % questions.length] ?? 0;
							const kind = raw[target]?.kind;
							// Orderings only on integers, as the validator requires.
							const op =
								kind === 'integer' || c.op === 'exists' || c.op === '=' || c.op === '!='
									? c.op
									: '=';
							return { target, op, value: c.value };
						});
			return { kind: r.kind, parent, behavior: r.behavior, conditions };
		})
	);

const id = (i: number) => `q${String(i)}`;

function toCondition(specs: readonly Spec[], c: Spec['conditions'][number]): EnableWhen {
	const kind = specs[c.target]?.kind;
	const base = { question: id(c.target) };
	if (c.op === 'exists') return { ...base, operator: 'exists', answerBoolean: c.value % 2 === 0 };
	if (kind === 'boolean') return { ...base, operator: c.op, answerBoolean: c.value % 2 === 0 };
	if (kind === 'choice')
		return { ...base, operator: c.op, answerCoding: { code: String(c.value % 3) } };
	return { ...base, operator: c.op, answerInteger: c.value };
}

function build(specs: readonly Spec[]): readonly QuestionnaireItem[] {
	const children = (parent: number | null): QuestionnaireItem[] =>
		specs.flatMap((s, i) => {
			if (s.parent !== parent) return [];
			const enableWhen = s.conditions.map((c) => toCondition(specs, c));
			const kids = s.kind === 'group' ? children(i) : [];
			return [
				item(id(i), s.kind === 'group' ? 'group' : s.kind, {
					...(enableWhen.length > 0 ? { enableWhen } : {}),
					...(enableWhen.length > 1 ? { enableBehavior: s.behavior } : {}),
					...(s.kind === 'group'
						? { item: kids.length > 0 ? kids : [item(`${id(i)}-note`, 'display')] }
						: {})
				})
			];
		});
	return children(null);
}

const answerArb = (kind: Kind) =>
	kind === 'boolean'
		? fc.boolean().map((b): AnswerValue => ({ valueBoolean: b }))
		: kind === 'choice'
			? fc
					.integer({ min: 0, max: 2 })
					.map((n): AnswerValue => ({ valueCoding: { code: String(n) } }))
			: fc.integer({ min: 0, max: 3 }).map((n): AnswerValue => ({ valueInteger: n }));

/** The rules, applied naively in creation order. */
function reference(specs: readonly Spec[], answers: Answers): ReadonlySet<string> {
	const enabled: boolean[] = [];
	specs.forEach((s) => {
		const parentOk = s.parent === null || enabled[s.parent] === true;
		const results = s.conditions.map((c) => {
			const a = enabled[c.target] === true ? answers[id(c.target)]?.[0] : undefined;
			const expected = toCondition(specs, c);
			if (c.op === 'exists') return (a !== undefined) === expected.answerBoolean;
			if (a === undefined) return false;
			const actual =
				'valueBoolean' in a
					? Number(a.valueBoolean)
					: 'valueInteger' in a
						? a.valueInteger
						: Number('valueCoding' in a ? a.valueCoding.code : NaN);
			const wanted =
				expected.answerBoolean !== undefined
					? Number(expected.answerBoolean)
					: (expected.answerInteger ?? Number(expected.answerCoding?.code));
			switch (c.op) {
				case '=':
					return actual === wanted;
				case '!=':
					return actual !== wanted;
				case '>':
					return actual > wanted;
				case '<':
					return actual < wanted;
				case '>=':
					return actual >= wanted;
				case '<=':
					return actual <= wanted;
			}
		});
		const own =
			results.length === 0
				? true
				: s.behavior === 'any' && results.length > 1
					? results.some(Boolean)
					: results.every(Boolean);
		enabled.push(parentOk && own);
	});
	const out = new Set<string>();
	specs.forEach((s, i) => {
		if (enabled[i] === true) {
			out.add(id(i));
			if (s.kind === 'group' && !specs.some((x) => x.parent === i)) out.add(`${id(i)}-note`);
		}
	});
	return out;
}

describe('enableWhen (property)', () => {
	it('agrees with the reference evaluator on every item', () => {
		fc.assert(
			fc.property(
				specsArb.chain((specs) =>
					fc.tuple(
						fc.constant(specs),
						fc.tuple(...specs.map((s) => fc.option(answerArb(s.kind), { nil: undefined })))
					)
				),
				([specs, picked]) => {
					const items = build(specs);
					const answers: Record<string, readonly AnswerValue[]> = {};
					picked.forEach((a, i) => {
						if (a !== undefined && specs[i]?.kind !== 'group') answers[id(i)] = [a];
					});
					expect([...enabledLinkIds(items, answers)].sort()).toEqual(
						[...reference(specs, answers)].sort()
					);
				}
			),
			{ numRuns: 500 }
		);
	});

	it('the generated questionnaires are valid ones', () => {
		fc.assert(
			fc.property(specsArb, (specs) => {
				const result = validateQuestionnaire('sample.json', questionnaire(build(specs)));
				expect(result.ok ? [] : result.error).toEqual([]);
			}),
			{ numRuns: 200 }
		);
	});
});
