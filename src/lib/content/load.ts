// The content library: every article (and decision aid) bundled by Vite from this folder.
// `import.meta.glob(..., { eager: true })` works the same in a Vite build and in vitest, so the
// files validated by the tests are exactly the files shipped. Invariant: loading throws a
// ContentValidationError listing every invalid file and field, so bad content fails the build
// (the library is evaluated while prerendering) and the test suite; it never reaches a reader.
// Import this module lazily (dynamic import) from the Learn/Decide screens, not the first page.
import type { DecisionAid } from '$lib/domain/decisions/aid';
import { parseAid } from '$lib/domain/decisions/parse-aid';
import type { Article, Lang } from '$lib/domain/education/article';
import { parseArticle } from '$lib/domain/education/parse-article';
import { formatContentIssues, type ContentIssue } from '$lib/domain/education/validation';

export class ContentValidationError extends Error {
	override readonly name = 'ContentValidationError';
	constructor(readonly issues: readonly ContentIssue[]) {
		super(`Invalid content:\n${formatContentIssues(issues)}`);
	}
}

const articleSources = import.meta.glob<string>('./articles/*.md', {
	query: '?raw',
	import: 'default',
	eager: true
});

/** Parses a set of `{ path: source }` article files; throws listing every problem. */
export function parseArticleFiles(files: Readonly<Record<string, string>>): readonly Article[] {
	const articles: Article[] = [];
	const issues: ContentIssue[] = [];
	for (const [path, source] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
		const result = parseArticle(path.replace(/^\.\//, ''), source);
		if (result.ok) articles.push(result.value);
		else issues.push(...result.error);
	}
	if (issues.length > 0) throw new ContentValidationError(issues);
	return articles;
}

let cachedArticles: readonly Article[] | undefined;

/** Every article of the library, both languages, validated (cached after the first call). */
export function loadArticles(): readonly Article[] {
	cachedArticles ??= parseArticleFiles(articleSources);
	return cachedArticles;
}

/** The article `id` in `lang`, or undefined when there is none. */
export function getArticle(id: string, lang: Lang): Article | undefined {
	return loadArticles().find((a) => a.meta.id === id && a.meta.lang === lang);
}

/** Articles in `lang`, sorted by title for browsing. */
export function listArticles(lang: Lang): readonly Article[] {
	return loadArticles()
		.filter((a) => a.meta.lang === lang)
		.toSorted((a, b) => a.meta.title.localeCompare(b.meta.title, lang));
}

const aidSources = import.meta.glob<unknown>('./aids/*.json', { import: 'default', eager: true });

/** Validates a set of `{ path: parsed JSON }` aid files; throws listing every problem. */
export function parseAidFiles(files: Readonly<Record<string, unknown>>): readonly DecisionAid[] {
	const aids: DecisionAid[] = [];
	const issues: ContentIssue[] = [];
	for (const [path, data] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
		const result = parseAid(path.replace(/^\.\//, ''), data);
		if (result.ok) aids.push(result.value);
		else issues.push(...result.error);
	}
	if (issues.length > 0) throw new ContentValidationError(issues);
	return aids;
}

let cachedAids: readonly DecisionAid[] | undefined;

/** Every bundled decision aid, both languages, validated (cached after the first call). */
export function loadAids(): readonly DecisionAid[] {
	cachedAids ??= parseAidFiles(aidSources);
	return cachedAids;
}

/** The decision aid `id` in `lang`, or undefined when there is none. */
export function getAid(id: string, lang: Lang): DecisionAid | undefined {
	return loadAids().find((a) => a.id === id && a.lang === lang);
}
