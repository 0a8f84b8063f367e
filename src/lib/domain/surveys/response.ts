// Answers ↔ FHIR QuestionnaireResponse, and the check of a response against its questionnaire.
// Invariant: a completed response only holds answers to enabled, non-display items, each of the
// item's type (a choice answers with one of its options), and answers every enabled required item;
// otherwise the check returns one error per question, in order, for the renderer to show by it.
import { err, ok, type Result } from '$lib/domain/result';
import { enabledLinkIds, type Answers } from './enable-when';
import type {
	AnswerValue,
	Questionnaire,
	QuestionnaireItem,
	QuestionnaireResponse,
	QuestionnaireResponseItem
} from './fhir';
import { flattenItems, type FlatItem } from './items';

export type AnswerError =
	| { readonly type: 'required'; readonly linkId: string }
	| { readonly type: 'wrong-type'; readonly linkId: string }
	| { readonly type: 'unknown-option'; readonly linkId: string }
	| { readonly type: 'too-long'; readonly linkId: string; readonly max: number }
	| { readonly type: 'not-enabled'; readonly linkId: string }
	| { readonly type: 'unknown-item'; readonly linkId: string };

/** The canonical reference of a questionnaire, as put in `QuestionnaireResponse.questionnaire`. */
export function canonicalOf(q: Questionnaire): string {
	return `${q.url}|${q.version}`;
}

/** The answers a new form starts with: each item's `initial` (or its `initialSelected` option). */
export function initialAnswers(q: Questionnaire): Answers {
	const answers: Record<string, readonly AnswerValue[]> = {};
	for (const { item } of flattenItems(q.item)) {
		const selected = item.answerOption?.filter((o) => o.initialSelected === true) ?? [];
		if (item.initial !== undefined) answers[item.linkId] = item.initial;
		else if (selected.length > 0)
			answers[item.linkId] = selected.map((o) => ({ valueCoding: { code: o.valueCoding.code } }));
	}
	return answers;
}

function fits(item: QuestionnaireItem, value: AnswerValue): AnswerError | null {
	const linkId = item.linkId;
	switch (item.type) {
		case 'group':
		case 'display':
			return { type: 'not-enabled', linkId };
		case 'choice':
			if (!('valueCoding' in value)) return { type: 'wrong-type', linkId };
			return item.answerOption?.some((o) => o.valueCoding.code === value.valueCoding.code) === true
				? null
				: { type: 'unknown-option', linkId };
		case 'boolean':
			return 'valueBoolean' in value ? null : { type: 'wrong-type', linkId };
		case 'integer':
			return 'valueInteger' in value ? null : { type: 'wrong-type', linkId };
		case 'decimal':
			return 'valueDecimal' in value || 'valueInteger' in value
				? null
				: { type: 'wrong-type', linkId };
		case 'date':
			return 'valueDate' in value ? null : { type: 'wrong-type', linkId };
		case 'string':
		case 'text': {
			if (!('valueString' in value)) return { type: 'wrong-type', linkId };
			const max = item.maxLength ?? (item.type === 'string' ? 255 : 4000);
			return value.valueString.length > max ? { type: 'too-long', linkId, max } : null;
		}
	}
}

/** Drops empty text answers and answers of disabled items (what a person left behind). */
export function effectiveAnswers(q: Questionnaire, answers: Answers): Answers {
	const enabled = enabledLinkIds(q.item, answers);
	const out: Record<string, readonly AnswerValue[]> = {};
	for (const [linkId, values] of Object.entries(answers)) {
		const kept = values.filter((v) => !('valueString' in v) || v.valueString.trim() !== '');
		if (enabled.has(linkId) && kept.length > 0) out[linkId] = kept;
	}
	return out;
}

interface CompiledCheck {
	readonly flat: readonly FlatItem[];
	readonly known: ReadonlySet<string>;
	/** Every linkId when no item has conditions (then no answer can disable one). */
	readonly alwaysEnabled: ReadonlySet<string> | null;
}

/** What checking needs of a questionnaire, built once per questionnaire (results check 2,000). */
const compiled = new WeakMap<Questionnaire, CompiledCheck>();

function compile(q: Questionnaire): CompiledCheck {
	const known = compiled.get(q);
	if (known !== undefined) return known;
	const flat = flattenItems(q.item);
	const ids = new Set(flat.map((f) => f.item.linkId));
	const check = {
		flat,
		known: ids,
		alwaysEnabled: flat.some((f) => f.item.enableWhen !== undefined) ? null : ids
	};
	compiled.set(q, check);
	return check;
}

/** Every problem with the answers, one per question, in the questionnaire's order. */
export function checkAnswers(q: Questionnaire, answers: Answers): readonly AnswerError[] {
	const { flat, known, alwaysEnabled } = compile(q);
	const enabled = alwaysEnabled ?? enabledLinkIds(q.item, answers);
	const errors: AnswerError[] = [];
	for (const linkId of Object.keys(answers)) {
		if (!known.has(linkId)) errors.push({ type: 'unknown-item', linkId });
	}
	for (const { item } of flat) {
		const given = answers[item.linkId];
		const values =
			given === undefined
				? []
				: given.filter((v) => !('valueString' in v) || v.valueString.trim() !== '');
		if (!enabled.has(item.linkId)) {
			if (values.length > 0) errors.push({ type: 'not-enabled', linkId: item.linkId });
			continue;
		}
		if (values.length === 0) {
			if (item.required === true) errors.push({ type: 'required', linkId: item.linkId });
			continue;
		}
		if (values.length > 1) {
			errors.push({ type: 'wrong-type', linkId: item.linkId });
			continue;
		}
		const problem = values[0] === undefined ? null : fits(item, values[0]);
		if (problem !== null) errors.push(problem);
	}
	return errors;
}

/** Builds the completed FHIR response (nested like the questionnaire) once the answers check. */
export function buildResponse(
	q: Questionnaire,
	answers: Answers,
	authored: string
): Result<QuestionnaireResponse, readonly AnswerError[]> {
	const clean = effectiveAnswers(q, answers);
	const errors = checkAnswers(q, clean);
	if (errors.length > 0) return err(errors);
	const build = (items: readonly QuestionnaireItem[]): QuestionnaireResponseItem[] =>
		items.flatMap((item): QuestionnaireResponseItem[] => {
			if (item.type === 'group') {
				const children = build(item.item ?? []);
				return children.length > 0 ? [{ linkId: item.linkId, item: children }] : [];
			}
			const values = clean[item.linkId];
			return values === undefined ? [] : [{ linkId: item.linkId, answer: values }];
		});
	return ok({
		resourceType: 'QuestionnaireResponse',
		questionnaire: canonicalOf(q),
		status: 'completed',
		authored,
		item: build(q.item)
	});
}

/** The flat answers a response carries (the inverse of `buildResponse`). */
export function answersOf(response: QuestionnaireResponse): Answers {
	const out: Record<string, readonly AnswerValue[]> = {};
	const walk = (items: readonly QuestionnaireResponseItem[]) => {
		for (const item of items) {
			if (item.answer !== undefined) out[item.linkId] = item.answer;
			if (item.item !== undefined) walk(item.item);
		}
	};
	walk(response.item);
	return out;
}

/** Refuses a response that does not match its questionnaire (another one, or bad answers). */
export function checkResponse(
	q: Questionnaire,
	response: QuestionnaireResponse
): Result<Answers, readonly AnswerError[] | 'wrong-questionnaire'> {
	if (response.questionnaire !== canonicalOf(q)) return err('wrong-questionnaire');
	const answers = answersOf(response);
	const errors = checkAnswers(q, answers);
	return errors.length > 0 ? err(errors) : ok(answers);
}

/** `authored` for a response completed at `ms` (UTC, ISO 8601). */
export function authoredAt(ms: number): string {
	return new Date(ms).toISOString();
}
