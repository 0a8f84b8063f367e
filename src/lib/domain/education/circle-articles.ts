// Articles in the circle (issue 6 §3): the person shares an article with their circle, and a
// member of the care team who may write "notes" recommends one to the person. Both are ordinary
// records of the `notes` category in the person's circle, so they are encrypted, synced and
// shared per grant like every other note. This module holds the pure rules: the record bodies
// (zod), the refusal of unknown article ids, and how recommendations are grouped and ordered.
// Invariants: a body is only accepted (written or shown) when its article id is in the library;
// one article recommended several times is shown once, naming every recommender, newest first.
import * as z from 'zod';
import { err, ok, type Result } from '$lib/domain/result';
import { langSchema, type Lang } from './article';

export const SHARED_ARTICLE_KIND = 'shared-article';
export const RECOMMENDATION_KIND = 'article-recommendation';
export const ARTICLE_NOTE_CATEGORY = 'notes';

/** Longest personal message that goes with a shared or recommended article. */
export const NOTE_MAX_LENGTH = 280;

const noteSchema = z.string().trim().max(NOTE_MAX_LENGTH).optional();

/** Known article ids only: the library's ids (the same in every language). */
function knownArticleId(knownIds: ReadonlySet<string>) {
	return z.string().refine((id) => knownIds.has(id), { error: 'unknown-article' });
}

export function sharedArticleBodySchema(knownIds: ReadonlySet<string>) {
	return z.object({
		articleId: knownArticleId(knownIds),
		language: langSchema,
		note: noteSchema
	});
}
export interface SharedArticleBody {
	readonly articleId: string;
	readonly language: Lang;
	readonly note?: string | undefined;
}

export function recommendationBodySchema(knownIds: ReadonlySet<string>) {
	return z.object({ articleId: knownArticleId(knownIds), note: noteSchema });
}
export interface RecommendationBody {
	readonly articleId: string;
	readonly note?: string | undefined;
}

export type ArticleNoteError =
	| { readonly type: 'unknown-article'; readonly articleId: string }
	| { readonly type: 'note-too-long'; readonly max: number }
	| { readonly type: 'invalid' };

function refusal(input: unknown, error: z.ZodError): ArticleNoteError {
	const issue = error.issues[0];
	if (issue?.path[0] === 'articleId' && issue.message === 'unknown-article') {
		const id = z.object({ articleId: z.string() }).safeParse(input);
		return { type: 'unknown-article', articleId: id.success ? id.data.articleId : '' };
	}
	if (issue?.path[0] === 'note' && issue.code === 'too_big') {
		return { type: 'note-too-long', max: NOTE_MAX_LENGTH };
	}
	return { type: 'invalid' };
}

/** An empty message is no message: it is left out of the body. */
const noteField = (note: string | undefined): { readonly note?: string } =>
	note === undefined || note === '' ? {} : { note };

/** Checks what the person asked to share; unknown articles and long messages are refused. */
export function parseSharedArticle(
	input: unknown,
	knownIds: ReadonlySet<string>
): Result<SharedArticleBody, ArticleNoteError> {
	const parsed = sharedArticleBodySchema(knownIds).safeParse(input);
	if (!parsed.success) return err(refusal(input, parsed.error));
	const { articleId, language, note } = parsed.data;
	return ok({ articleId, language, ...noteField(note) });
}

/** Checks a recommendation before it is written; unknown articles are refused, never written. */
export function parseRecommendation(
	input: unknown,
	knownIds: ReadonlySet<string>
): Result<RecommendationBody, ArticleNoteError> {
	const parsed = recommendationBodySchema(knownIds).safeParse(input);
	if (!parsed.success) return err(refusal(input, parsed.error));
	const { articleId, note } = parsed.data;
	return ok({ articleId, ...noteField(note) });
}

interface HasMeta {
	readonly meta: { readonly id: string; readonly title: string };
}

/** The ids of a library's articles (the same in every language). */
export function knownIdsOf(articles: readonly HasMeta[]): ReadonlySet<string> {
	return new Set(articles.map((a) => a.meta.id));
}

/** id → title of a library's articles. */
export function titlesOf(articles: readonly HasMeta[]): ReadonlyMap<string, string> {
	return new Map(articles.map((a) => [a.meta.id, a.meta.title]));
}

// ---- Reading the records back ------------------------------------------------------------------

/** The part of a vault record these rules read (a `VaultRecord` fits). */
export interface NoteRecord {
	readonly id: string;
	readonly kind: string;
	readonly at: number;
	readonly deleted: boolean;
	readonly author?: string;
	readonly body: unknown;
}

export interface ArticleShare {
	/** The newest live share of the article. */
	readonly recordId: string;
	readonly at: number;
	readonly body: SharedArticleBody;
	/** Every live share of the article (two devices may share it at once): un-sharing ends them all. */
	readonly recordIds: readonly string[];
}

/** The person's live share of each article (the newest one when there are several). */
export function sharesByArticle(
	records: readonly NoteRecord[],
	knownIds: ReadonlySet<string>
): ReadonlyMap<string, ArticleShare> {
	const schema = sharedArticleBodySchema(knownIds);
	const out = new Map<string, ArticleShare>();
	for (const r of records) {
		if (r.kind !== SHARED_ARTICLE_KIND || r.deleted) continue;
		const body = schema.safeParse(r.body);
		if (!body.success) continue;
		const previous = out.get(body.data.articleId);
		const recordIds = [...(previous?.recordIds ?? []), r.id].toSorted();
		const newest =
			previous === undefined || r.at > previous.at
				? { recordId: r.id, at: r.at, body: body.data }
				: previous;
		out.set(body.data.articleId, {
			recordId: newest.recordId,
			at: newest.at,
			body: newest.body,
			recordIds
		});
	}
	return out;
}

export interface Recommender {
	readonly recordId: string;
	/** The author label written with the record (the member's account), if any. */
	readonly author: string | null;
	readonly at: number;
	readonly note?: string | undefined;
}

/** One recommended article, however many times (and by whom) it was recommended. */
export interface ArticleRecommendation {
	readonly articleId: string;
	/** Newest first; one entry per recommender (their latest recommendation). */
	readonly by: readonly Recommender[];
	/** When it was last recommended. */
	readonly latestAt: number;
	/** Every live record behind it: dismissing deletes them all. */
	readonly recordIds: readonly string[];
}

/**
 * Live recommendations grouped per article, newest first. Deleted records and bodies whose article
 * is not in the library are left out; the same member recommending twice counts once (latest).
 */
export function groupRecommendations(
	records: readonly NoteRecord[],
	knownIds: ReadonlySet<string>
): readonly ArticleRecommendation[] {
	const schema = recommendationBodySchema(knownIds);
	interface Group {
		readonly by: Map<string, Recommender>;
		readonly recordIds: string[];
	}
	const byArticle = new Map<string, Group>();
	for (const r of records) {
		if (r.kind !== RECOMMENDATION_KIND || r.deleted) continue;
		const body = schema.safeParse(r.body);
		if (!body.success) continue;
		const group: Group = byArticle.get(body.data.articleId) ?? {
			by: new Map<string, Recommender>(),
			recordIds: []
		};
		group.recordIds.push(r.id);
		const who = r.author ?? '';
		const previous = group.by.get(who);
		if (previous === undefined || r.at > previous.at) {
			group.by.set(who, {
				recordId: r.id,
				author: r.author ?? null,
				at: r.at,
				...noteField(body.data.note)
			});
		}
		byArticle.set(body.data.articleId, group);
	}
	return [...byArticle.entries()]
		.map(([articleId, group]): ArticleRecommendation => {
			const by = [...group.by.values()].toSorted(newestFirst);
			return {
				articleId,
				by,
				latestAt: by[0]?.at ?? 0,
				recordIds: group.recordIds.toSorted()
			};
		})
		.toSorted((a, b) => b.latestAt - a.latestAt || a.articleId.localeCompare(b.articleId));
}

function newestFirst(a: Recommender, b: Recommender): number {
	return b.at - a.at || a.recordId.localeCompare(b.recordId);
}

/**
 * The library with recommended articles first: `recommended` follows the recommendations' order
 * (newest first) and `others` keeps the library's order without them. Recommendations of
 * articles missing from `articles` (another language, an old id) are dropped.
 */
export function recommendedFirst<
	A extends { readonly meta: { readonly id: string } },
	R extends ArticleRecommendation
>(
	articles: readonly A[],
	recommendations: readonly R[]
): {
	readonly recommended: readonly { readonly article: A; readonly recommendation: R }[];
	readonly others: readonly A[];
} {
	const byId = new Map(articles.map((a) => [a.meta.id, a]));
	const recommended = recommendations.flatMap((recommendation) => {
		const article = byId.get(recommendation.articleId);
		return article === undefined ? [] : [{ article, recommendation }];
	});
	const ids = new Set(recommended.map((r) => r.article.meta.id));
	return { recommended, others: articles.filter((a) => !ids.has(a.meta.id)) };
}
