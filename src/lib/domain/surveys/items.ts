// Walking a questionnaire's item tree and reading its texts in the person's language. Every other
// surveys module works on the flat list this gives (linkIds are unique, checked by the validator),
// so the tree is walked in one place only.
import {
	type AnswerOption,
	type Questionnaire,
	type QuestionnaireItem,
	type Translated
} from './fhir';

export type Lang = 'en' | 'fr';

export interface FlatItem {
	readonly item: QuestionnaireItem;
	/** The linkId of the enclosing group, or null at the top level. */
	readonly parent: string | null;
	/** Dotted path of the item in the JSON, e.g. `item.2.item.0`, for error messages. */
	readonly path: string;
}

/** Every item, depth first, in document order. */
export function flattenItems(items: readonly QuestionnaireItem[]): readonly FlatItem[] {
	const out: FlatItem[] = [];
	const walk = (list: readonly QuestionnaireItem[], parent: string | null, prefix: string) => {
		list.forEach((item, index) => {
			const path = `${prefix}item.${String(index)}`;
			out.push({ item, parent, path });
			if (item.item) walk(item.item, item.linkId, `${path}.`);
		});
	};
	walk(items, null, '');
	return out;
}

/** The translation of `base` in `lang` (English is the base text itself). */
export function translate(
	base: string | undefined,
	translations: Translated | undefined,
	lang: Lang
): string | undefined {
	if (lang === 'en' || base === undefined) return base;
	const found = translations?.extension.find((t) => t.extension[0].valueCode === lang);
	return found?.extension[1].valueString;
}

export function itemText(item: QuestionnaireItem, lang: Lang): string {
	return translate(item.text, item._text, lang) ?? item.text ?? '';
}

export function optionText(option: AnswerOption, lang: Lang): string {
	const c = option.valueCoding;
	return translate(c.display, c._display, lang) ?? c.display ?? c.code;
}

export function questionnaireTitle(q: Questionnaire, lang: Lang): string {
	return translate(q.title, q._title, lang) ?? q.title;
}

export function questionnaireDescription(q: Questionnaire, lang: Lang): string | undefined {
	return translate(q.description, q._description, lang);
}

export function questionnaireCopyright(q: Questionnaire, lang: Lang): string {
	return translate(q.copyright, q._copyright, lang) ?? q.copyright;
}

/** A Cercle metadata extension (licence, source, French version, audience). */
export function metaValue(q: Questionnaire, url: string): string | undefined {
	return q.extension.find((e) => e.url === url)?.valueString;
}
