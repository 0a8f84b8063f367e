// The questionnaire validator: the one gate every instrument passes, the bundled ones at build and
// test time (src/lib/content/surveys) and any imported at run time. Invariant: it returns either a
// questionnaire the renderer and scorer can trust (known item types, unique linkIds, enableWhen on
// existing, earlier-or-later but acyclic questions of a compatible type, options where choices
// need them, every text translated) or issues naming the file and the item; it never throws.
import type { ContentIssue } from '$lib/domain/education/validation';
import { err, ok, type Result } from '$lib/domain/result';
import {
	FRENCH_VERSION_URL,
	ITEM_TYPES,
	LICENCE_URL,
	SOURCE_URL,
	questionnaireSchema,
	type EnableWhen,
	type Questionnaire,
	type QuestionnaireItem,
	type Translated
} from './fhir';
import { flattenItems, translate, type FlatItem } from './items';

/** The languages every text must be available in (English is the base text). */
export const REQUIRED_TRANSLATIONS = ['fr'] as const;

/** Names the item a JSON path points into: `item "phq9-9" › enableWhen.0.question`. */
function fieldOf(data: unknown, path: readonly PropertyKey[]): string {
	let node: unknown = data;
	let label = '';
	let rest: string[] = [];
	for (const key of path) {
		if (typeof node !== 'object' || node === null) break;
		const next: unknown = Reflect.get(node, key);
		node = next;
		rest.push(String(key));
		if (typeof node === 'object' && node !== null && !Array.isArray(node)) {
			const linkId: unknown = Reflect.get(node, 'linkId');
			if (typeof linkId === 'string' && rest[rest.length - 2] === 'item') {
				label = `item "${linkId}"`;
				rest = [];
			}
		}
	}
	return [label, rest.join('.')].filter((s) => s !== '').join(' › ') || '(root)';
}

function answerKindOf(c: EnableWhen): string {
	if (c.answerBoolean !== undefined) return 'boolean';
	if (c.answerInteger !== undefined || c.answerDecimal !== undefined) return 'number';
	if (c.answerString !== undefined) return 'string';
	if (c.answerDate !== undefined) return 'date';
	return 'coding';
}

const KIND_FOR_TYPE: Readonly<Record<QuestionnaireItem['type'], string | null>> = {
	group: null,
	display: null,
	choice: 'coding',
	boolean: 'boolean',
	integer: 'number',
	decimal: 'number',
	string: 'string',
	text: 'string',
	date: 'date'
};

function initialKind(value: NonNullable<QuestionnaireItem['initial']>[number]): string {
	if ('valueBoolean' in value) return 'boolean';
	if ('valueInteger' in value || 'valueDecimal' in value) return 'number';
	if ('valueString' in value) return 'string';
	if ('valueDate' in value) return 'date';
	return 'coding';
}

function checkTranslations(
	file: string,
	field: string,
	base: string | undefined,
	translations: Translated | undefined,
	issues: ContentIssue[]
) {
	if (base === undefined) return;
	for (const lang of REQUIRED_TRANSLATIONS) {
		if (translate(base, translations, lang) === undefined)
			issues.push({ file, field, message: `missing ${lang} translation of "${base}"` });
	}
}

function checkItem(
	file: string,
	flat: FlatItem,
	byId: ReadonlyMap<string, FlatItem>,
	issues: ContentIssue[]
) {
	const { item } = flat;
	const at = `item "${item.linkId}"`;
	const push = (field: string, message: string) =>
		issues.push({ file, field: field === '' ? at : `${at} › ${field}`, message });

	if (item.type !== 'group' && item.text === undefined) push('text', 'a question needs a text');
	checkTranslations(file, `${at} › text`, item.text, item._text, issues);
	if (item.type === 'group' && item.item === undefined) push('item', 'a group needs items');
	if (item.type !== 'group' && item.item !== undefined)
		push('item', `only a group may contain items (this is a ${item.type})`);
	if ((item.type === 'group' || item.type === 'display') && item.required === true)
		push('required', `a ${item.type} cannot be required`);
	if (item.type === 'choice' && item.answerOption === undefined)
		push('answerOption', 'a choice needs answer options');
	if (item.type !== 'choice' && item.answerOption !== undefined)
		push('answerOption', `only a choice may have answer options (this is a ${item.type})`);

	const codes = new Set<string>();
	item.answerOption?.forEach((option, i) => {
		const code = option.valueCoding.code;
		if (codes.has(code)) push(`answerOption.${String(i)}`, `duplicate option code "${code}"`);
		codes.add(code);
		if (option.valueCoding.display === undefined)
			push(`answerOption.${String(i)}`, 'an option needs a display text');
		checkTranslations(
			file,
			`${at} › answerOption.${String(i)}`,
			option.valueCoding.display,
			option.valueCoding._display,
			issues
		);
	});

	item.initial?.forEach((value, i) => {
		if (initialKind(value) !== KIND_FOR_TYPE[item.type])
			push(`initial.${String(i)}`, `initial value does not fit a ${item.type}`);
		if ('valueCoding' in value && !codes.has(value.valueCoding.code))
			push(`initial.${String(i)}`, `initial code "${value.valueCoding.code}" is not an option`);
	});

	if (
		item.enableWhen !== undefined &&
		item.enableWhen.length > 1 &&
		item.enableBehavior === undefined
	)
		push('enableBehavior', 'several enableWhen conditions need enableBehavior "all" or "any"');
	if (item.enableWhen === undefined && item.enableBehavior !== undefined)
		push('enableBehavior', 'enableBehavior without enableWhen');

	item.enableWhen?.forEach((condition, i) => {
		const field = `enableWhen.${String(i)}`;
		const target = byId.get(condition.question);
		if (target === undefined) {
			push(`${field}.question`, `enableWhen refers to a missing item "${condition.question}"`);
			return;
		}
		if (target.item.linkId === item.linkId) {
			push(`${field}.question`, 'an item cannot depend on itself');
			return;
		}
		const kind = KIND_FOR_TYPE[target.item.type];
		if (kind === null) {
			push(
				`${field}.question`,
				`"${condition.question}" is a ${target.item.type}: it has no answer`
			);
			return;
		}
		if (condition.operator === 'exists') {
			if (condition.answerBoolean === undefined)
				push(field, 'exists needs answerBoolean (true or false)');
			return;
		}
		const expected = answerKindOf(condition);
		if (expected !== kind)
			push(
				field,
				`answer type ${expected} does not fit "${condition.question}" (a ${target.item.type})`
			);
		else if (
			(kind === 'coding' || kind === 'boolean') &&
			condition.operator !== '=' &&
			condition.operator !== '!='
		)
			push(`${field}.operator`, `"${condition.operator}" cannot compare a ${target.item.type}`);
		if (condition.answerCoding !== undefined) {
			const known = target.item.answerOption?.some(
				(o) => o.valueCoding.code === condition.answerCoding?.code
			);
			if (known !== true)
				push(field, `"${condition.answerCoding.code}" is not an option of "${condition.question}"`);
		}
	});
}

/** Dependencies (enableWhen targets and the parent group) that form a cycle, reported once each. */
function findCycles(file: string, flat: readonly FlatItem[], issues: ContentIssue[]) {
	const deps = new Map<string, readonly string[]>(
		flat.map((f) => [
			f.item.linkId,
			[
				...(f.parent === null ? [] : [f.parent]),
				...(f.item.enableWhen ?? []).map((c) => c.question)
			]
		])
	);
	const state = new Map<string, 'visiting' | 'done'>();
	const visit = (id: string): boolean => {
		const s = state.get(id);
		if (s === 'done') return false;
		if (s === 'visiting') return true;
		state.set(id, 'visiting');
		const cyclic = (deps.get(id) ?? []).some((d) => deps.has(d) && visit(d));
		state.set(id, 'done');
		return cyclic;
	};
	for (const f of flat) {
		state.clear();
		if (visit(f.item.linkId))
			issues.push({
				file,
				field: `item "${f.item.linkId}" › enableWhen`,
				message: 'enableWhen conditions form a cycle'
			});
	}
}

/** Validates parsed JSON as a questionnaire. `file` names the source in every issue. */
export function validateQuestionnaire(
	file: string,
	data: unknown
): Result<Questionnaire, readonly ContentIssue[]> {
	const parsed = questionnaireSchema.safeParse(data);
	if (!parsed.success) {
		return err(
			parsed.error.issues.map((issue) => {
				const field = fieldOf(data, issue.path);
				const message =
					issue.code === 'invalid_value' && issue.path.at(-1) === 'type'
						? `unknown item type (known: ${ITEM_TYPES.join(', ')})`
						: issue.message;
				return { file, field, message };
			})
		);
	}
	const q = parsed.data;
	const issues: ContentIssue[] = [];
	const flat = flattenItems(q.item);
	const byId = new Map<string, FlatItem>();
	for (const f of flat) {
		if (byId.has(f.item.linkId))
			issues.push({
				file,
				field: `item "${f.item.linkId}"`,
				message: `duplicate linkId "${f.item.linkId}"`
			});
		else byId.set(f.item.linkId, f);
	}
	const name = /([a-z0-9-]+)\.json$/.exec(file);
	if (name !== null && name[1] !== q.id)
		issues.push({ file, field: 'id', message: `must match the file name (${name[1] ?? ''})` });
	checkTranslations(file, 'title', q.title, q._title, issues);
	checkTranslations(file, 'description', q.description, q._description, issues);
	checkTranslations(file, 'copyright', q.copyright, q._copyright, issues);
	for (const url of [LICENCE_URL, SOURCE_URL, FRENCH_VERSION_URL]) {
		if (!q.extension.some((e) => e.url === url))
			issues.push({ file, field: 'extension', message: `missing ${url.split('/').at(-1) ?? url}` });
	}
	for (const f of flat) checkItem(file, f, byId, issues);
	if (issues.length === 0) findCycles(file, flat, issues);
	return issues.length > 0 ? err(issues) : ok(q);
}
