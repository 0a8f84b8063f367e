// Offline full-text search over the article library with MiniSearch. Invariant: indexing and
// querying use the same term normalisation (NFD, diacritics stripped, lower case), so
// "HYPERTÉNSION", "hypertension" and "hypertension" all meet, and French can be typed without
// accents; ligatures fold too ("cœur" and "coeur", "æ" and "ae"). A query of several words finds
// the articles that have every word, each in any field (title, summary, labels, headings, text).
// The labels are the article's topics and conditions in its own language ("hypertension
// artérielle"), given by the caller, which owns the words. The index serialises to JSON so it can be built once at build time and loaded lazily.
import MiniSearch, { type Options, type SearchResult } from 'minisearch';
import * as z from 'zod';
import { headingTexts, langSchema, proseUnits, type Article, type Lang } from './article';

/** Lower case, no diacritics, no ligatures: "Éducation" → "education", "Cœur" → "coeur". */
export function normaliseTerm(term: string): string {
	return term
		.normalize('NFKD')
		.replace(/\p{Diacritic}/gu, '')
		.toLowerCase()
		.replace(/œ/gu, 'oe')
		.replace(/æ/gu, 'ae');
}

interface IndexedArticle {
	readonly key: string;
	readonly id: string;
	readonly lang: Lang;
	readonly title: string;
	readonly summary: string;
	readonly tags: string;
	readonly headings: string;
	readonly text: string;
}

export interface ArticleHit {
	readonly id: string;
	readonly lang: Lang;
	readonly title: string;
	readonly summary: string;
	readonly score: number;
}

const OPTIONS: Options<IndexedArticle> = {
	idField: 'key',
	fields: ['title', 'summary', 'tags', 'headings', 'text'],
	storeFields: ['id', 'lang', 'title', 'summary'],
	// Split on anything that is not a letter or digit (apostrophes included: "l'eau" → l, eau).
	tokenize: (text) => text.split(/[^\p{L}\p{N}]+/u).filter((t) => t !== ''),
	processTerm: (term) => {
		const t = normaliseTerm(term);
		return t.length < 2 ? null : t;
	},
	searchOptions: {
		boost: { title: 4, tags: 3, summary: 2, headings: 1.5 },
		prefix: true,
		fuzzy: 0.2,
		combineWith: 'AND'
	}
};

/** Words that describe an article besides its own text (its topics and conditions, named). */
export type ArticleLabels = (article: Article) => readonly string[];

function toDocument(a: Article, labelsOf: ArticleLabels): IndexedArticle {
	return {
		key: `${a.meta.id}.${a.meta.lang}`,
		id: a.meta.id,
		lang: a.meta.lang,
		title: a.meta.title,
		summary: a.meta.summary,
		tags: [...a.meta.topics, ...a.meta.conditions, ...labelsOf(a)].join(' ').replace(/-/g, ' '),
		headings: headingTexts(a.blocks).join(' '),
		text: proseUnits(a.blocks).join(' ')
	};
}

export type ArticleIndex = MiniSearch<IndexedArticle>;

/** Builds the index for every article (both languages; queries filter by language). */
export function buildSearchIndex(
	articles: readonly Article[],
	labelsOf: ArticleLabels = () => []
): ArticleIndex {
	const index = new MiniSearch<IndexedArticle>(OPTIONS);
	index.addAll(articles.map((a) => toDocument(a, labelsOf)));
	return index;
}

/** JSON for a prebuilt index (write it at build time, fetch or import it lazily). */
export function serialiseSearchIndex(index: ArticleIndex): string {
	return JSON.stringify(index);
}

/** Loads an index serialised by `serialiseSearchIndex` with the same options. */
export function loadSearchIndex(json: string): ArticleIndex {
	return MiniSearch.loadJSON<IndexedArticle>(json, OPTIONS);
}

const hitSchema = z.object({
	id: z.string(),
	lang: langSchema,
	title: z.string(),
	summary: z.string(),
	score: z.number()
});

function toHit(r: SearchResult): ArticleHit | undefined {
	const parsed = hitSchema.safeParse(r);
	return parsed.success ? parsed.data : undefined;
}

/** Articles matching `query` in `lang`, best first. An empty query returns no hits. */
export function searchArticles(
	index: ArticleIndex,
	query: string,
	lang: Lang,
	limit = 20
): readonly ArticleHit[] {
	if (query.trim() === '') return [];
	return index
		.search(query, { filter: (r) => r.lang === lang })
		.slice(0, limit)
		.map(toHit)
		.filter((h): h is ArticleHit => h !== undefined);
}
