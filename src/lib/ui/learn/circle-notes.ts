// Learn's records in the circle's "notes", as words: for a member's view of the person's notes
// (a shared or recommended article becomes a title and a link to the article), and the messages
// for refusals. Bodies are parsed here too: a record whose article is not in `titles` (unknown
// id, or the library not loaded) is not an article note and gives null.
import { resolve } from '$app/paths';
import {
	recommendationBodySchema,
	RECOMMENDATION_KIND,
	sharedArticleBodySchema,
	SHARED_ARTICLE_KIND,
	type NoteRecord
} from '$lib/domain/education/circle-articles';
import { m } from '$lib/paraglide/messages.js';
import type { ArticleCircleError } from '$lib/commands/learn';
import { getLocale } from '$lib/paraglide/runtime.js';

export interface ArticleNoteLink {
	/** "Shared article: Sleep better" / "Article partagé : Mieux dormir". */
	readonly title: string;
	/** The article's page in this app. */
	readonly href: string;
	readonly articleId: string;
	readonly kind: 'shared' | 'recommended';
	/** The personal message written with it, if any. */
	readonly note?: string;
}

/**
 * A "notes" record written by Learn (`shared-article` or `article-recommendation`) as a title and
 * a link, in the UI language; null for any other record, a deleted one or an unknown article.
 * `titles` is id → title in the UI language (`loadArticleTitles()` in library.svelte.ts).
 */
export function articleNoteToLink(
	record: NoteRecord,
	titles: ReadonlyMap<string, string>
): ArticleNoteLink | null {
	if (record.deleted) return null;
	const known = new Set(titles.keys());
	const schema =
		record.kind === SHARED_ARTICLE_KIND
			? sharedArticleBodySchema(known)
			: record.kind === RECOMMENDATION_KIND
				? recommendationBodySchema(known)
				: null;
	const body = schema?.safeParse(record.body);
	if (!body?.success) return null;
	const { articleId, note } = body.data;
	const title = titles.get(articleId) ?? articleId;
	const shared = record.kind === SHARED_ARTICLE_KIND;
	return {
		title: shared
			? m.learn_note_shared_title({ title })
			: m.learn_note_recommended_title({ title }),
		href: resolve(`/learn/${articleId}`),
		articleId,
		kind: shared ? 'shared' : 'recommended',
		...(note === undefined || note === '' ? {} : { note })
	};
}

/** "Anne, Bruno and Chloé" in the UI language; unknown authors named generically. */
export function recommenderNames(names: readonly (string | null)[]): string {
	const words = [...new Set(names.map((n) => n ?? m.learn_recommended_by_unknown()))];
	return new Intl.ListFormat(getLocale(), { style: 'long', type: 'conjunction' }).format(words);
}

/** The message for a refused or failed share, recommendation or dismissal. */
export function articleCircleErrorText(error: ArticleCircleError): string {
	switch (error.type) {
		case 'unknown-article':
			return m.learn_article_unknown();
		case 'note-too-long':
			return m.learn_note_too_long({ max: error.max });
		case 'not-allowed':
			return m.learn_circle_not_allowed();
		case 'invalid':
			return m.learn_circle_invalid();
		case 'save-failed':
			return m.learn_save_failed();
	}
}
