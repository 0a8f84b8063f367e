// The Learn library as the UI sees it. Articles and the search index are parsed at build time into
// prerendered JSON (/content/articles/<lang>.json, /content/search/<lang>.json); this module fetches
// them lazily (only the Learn pages import it, so they never weigh on the first page), parses them
// with zod and keeps them in memory. Invariants: nothing reaches a component unparsed; bookmarks and
// "read" marks live in the encrypted vault (category `settings`); the text size is a display
// preference kept in localStorage (not health data).
import * as z from 'zod';
import {
	createLearnCommands,
	LEARN_MARK_KINDS,
	markBodySchema,
	type LearnResult
} from '$lib/commands/learn';
import {
	articleMetaSchema,
	langSchema,
	type ArticleMeta,
	type Block,
	inlineToText,
	type Inline,
	type Lang
} from '$lib/domain/education/article';
import { knownIdsOf, titlesOf } from '$lib/domain/education/circle-articles';
import {
	loadSearchIndex,
	normaliseTerm,
	searchArticles,
	type ArticleHit,
	type ArticleIndex
} from '$lib/domain/education/search';
import { getLocale } from '$lib/paraglide/runtime.js';
import { liveRecords, vault } from '$lib/state/vault.svelte';
import type { Result } from '$lib/domain/result';

// ---- Wire format -------------------------------------------------------------------------------

const inlineSchema: z.ZodType<Inline> = z.lazy(() =>
	z.discriminatedUnion('type', [
		z.strictObject({ type: z.literal('text'), text: z.string() }),
		z.strictObject({ type: z.literal('strong'), children: z.array(inlineSchema) }),
		z.strictObject({ type: z.literal('emphasis'), children: z.array(inlineSchema) }),
		z.strictObject({ type: z.literal('code'), text: z.string() }),
		z.strictObject({ type: z.literal('break') }),
		z.strictObject({
			type: z.literal('link'),
			href: z.string().regex(/^(https:\/\/|tel:|mailto:)/),
			children: z.array(inlineSchema)
		})
	])
);

const blockSchema: z.ZodType<Block> = z.lazy(() =>
	z.discriminatedUnion('type', [
		z.strictObject({
			type: z.literal('heading'),
			level: z.union([z.literal(2), z.literal(3)]),
			children: z.array(inlineSchema)
		}),
		z.strictObject({ type: z.literal('paragraph'), children: z.array(inlineSchema) }),
		z.strictObject({
			type: z.literal('list'),
			ordered: z.boolean(),
			items: z.array(z.array(inlineSchema))
		}),
		z.strictObject({
			type: z.literal('callout'),
			kind: z.enum(['keyPoints', 'emergency']),
			title: z.string(),
			blocks: z.array(blockSchema)
		})
	])
);

const libraryArticleSchema = z.strictObject({
	meta: articleMetaSchema,
	blocks: z.array(blockSchema)
});
export type LibraryArticle = z.infer<typeof libraryArticleSchema>;

const libraryResponseSchema = z.strictObject({
	lang: langSchema,
	articles: z.array(libraryArticleSchema)
});

export type LoadError = { readonly type: 'offline' } | { readonly type: 'invalid' };

type Loaded<T> = Result<T, LoadError>;

// ---- Lazy loading ------------------------------------------------------------------------------

// Plain objects, not Maps: these caches are not reactive state.
const articleCache: Partial<Record<Lang, Promise<Loaded<readonly LibraryArticle[]>>>> = {};
const indexCache: Partial<Record<Lang, Promise<Loaded<ArticleIndex>>>> = {};

async function fetchText(url: string): Promise<string | null> {
	try {
		const response = await fetch(url);
		return response.ok ? await response.text() : null;
	} catch {
		return null;
	}
}

function fetchArticles(lang: Lang): Promise<Loaded<readonly LibraryArticle[]>> {
	const cached = articleCache[lang];
	if (cached) return cached;
	const loading = (async (): Promise<Loaded<readonly LibraryArticle[]>> => {
		const text = await fetchText(`/content/articles/${lang}.json`);
		if (text === null) return { ok: false, error: { type: 'offline' } };
		const parsed = libraryResponseSchema.safeParse(JSON.parse(text));
		return parsed.success && parsed.data.lang === lang
			? { ok: true, value: parsed.data.articles }
			: { ok: false, error: { type: 'invalid' } };
	})();
	articleCache[lang] = loading;
	void loading.then((r) => {
		if (!r.ok) articleCache[lang] = undefined;
	});
	return loading;
}

function fetchIndex(lang: Lang): Promise<Loaded<ArticleIndex>> {
	const cached = indexCache[lang];
	if (cached) return cached;
	const loading = (async (): Promise<Loaded<ArticleIndex>> => {
		const text = await fetchText(`/content/search/${lang}.json`);
		if (text === null) return { ok: false, error: { type: 'offline' } };
		try {
			return { ok: true, value: loadSearchIndex(text) };
		} catch {
			return { ok: false, error: { type: 'invalid' } };
		}
	})();
	indexCache[lang] = loading;
	void loading.then((r) => {
		if (!r.ok) indexCache[lang] = undefined;
	});
	return loading;
}

/** The content language: the UI language. */
export function contentLang(): Lang {
	return langSchema.catch('en').parse(getLocale());
}

// ---- Library (browse and search) ---------------------------------------------------------------

type Status = 'loading' | 'ready' | 'error';

/** Articles of the current language with search and topic/condition filters. */
export function createLibrary() {
	let status = $state<Status>('loading');
	let error = $state<LoadError | null>(null);
	let articles = $state.raw<readonly LibraryArticle[]>([]);
	let index = $state.raw<ArticleIndex | null>(null);
	let query = $state('');
	let topic = $state('');
	let condition = $state('');
	let loadedLang: Lang | null = null;

	async function load(lang: Lang): Promise<void> {
		if (loadedLang === lang && status === 'ready') return;
		loadedLang = lang;
		status = 'loading';
		const [list, idx] = await Promise.all([fetchArticles(lang), fetchIndex(lang)]);
		if (loadedLang !== lang) return;
		if (!list.ok || !idx.ok) {
			error = !list.ok ? list.error : idx.ok ? null : idx.error;
			status = 'error';
			return;
		}
		articles = list.value;
		index = idx.value;
		error = null;
		status = 'ready';
	}

	$effect(() => {
		void load(contentLang());
	});

	const hits = $derived.by((): readonly ArticleHit[] =>
		index === null ? [] : searchArticles(index, query, contentLang())
	);

	const ids = $derived(knownIdsOf(articles));

	const filtered = $derived(
		articles.filter(
			(a) =>
				(topic === '' || a.meta.topics.includes(topic)) &&
				(condition === '' || a.meta.conditions.includes(condition))
		)
	);

	return {
		get status() {
			return status;
		},
		get error() {
			return error;
		},
		get articles() {
			return articles;
		},
		get query() {
			return query;
		},
		set query(value: string) {
			query = value;
		},
		get topic() {
			return topic;
		},
		set topic(value: string) {
			topic = value;
		},
		get condition() {
			return condition;
		},
		set condition(value: string) {
			condition = value;
		},
		/** Search hits for the query (accents and case ignored); empty for an empty query. */
		get hits() {
			return hits;
		},
		get isSearching() {
			return query.trim() !== '';
		},
		/** Articles matching the topic and condition filters, by title. */
		get filtered() {
			return filtered;
		},
		get topics(): readonly string[] {
			return uniqueSorted(articles.flatMap((a) => a.meta.topics));
		},
		get conditions(): readonly string[] {
			return uniqueSorted(articles.flatMap((a) => a.meta.conditions));
		},
		/** The library's article ids, for checking shared and recommended articles. */
		get ids(): ReadonlySet<string> {
			return ids;
		},
		retry() {
			loadedLang = null;
			void load(contentLang());
		}
	};
}

function uniqueSorted(values: readonly string[]): readonly string[] {
	return [...new Set(values)].toSorted();
}

/** One article of the current language, loaded lazily. */
export function createArticle(id: () => string) {
	let status = $state<Status | 'missing'>('loading');
	let article = $state.raw<LibraryArticle | null>(null);

	$effect(() => {
		const wanted = id();
		const lang = contentLang();
		status = 'loading';
		let cancelled = false;
		void fetchArticles(lang).then((result) => {
			if (cancelled) return;
			if (!result.ok) {
				status = 'error';
				return;
			}
			article = result.value.find((a) => a.meta.id === wanted) ?? null;
			status = article === null ? 'missing' : 'ready';
		});
		return () => {
			cancelled = true;
		};
	});

	return {
		get status() {
			return status;
		},
		get article() {
			return article;
		}
	};
}

/**
 * The library's article ids (the same in every language), for checking what is shared or
 * recommended: empty until the library has loaded. Call during component initialisation.
 */
export function createKnownArticleIds() {
	let ids = $state.raw<ReadonlySet<string>>(knownIdsOf([]));
	$effect(() => {
		let cancelled = false;
		void fetchArticles(contentLang()).then((result) => {
			if (!cancelled && result.ok) ids = knownIdsOf(result.value);
		});
		return () => {
			cancelled = true;
		};
	});
	return {
		get current(): ReadonlySet<string> {
			return ids;
		}
	};
}

/** id → title of every article in `lang`, loaded lazily (null when the library cannot load). */
export async function loadArticleTitles(
	lang: Lang = contentLang()
): Promise<ReadonlyMap<string, string> | null> {
	const result = await fetchArticles(lang);
	return result.ok ? titlesOf(result.value) : null;
}

// ---- Bookmarks and read marks (encrypted, category `settings`) ---------------------------------

/** The marks' writes, by name (commands/learn.ts). */
const markCommands = createLearnCommands({ now: () => Date.now() });

/** Bookmarks and "read" marks from the vault, live. Call during component initialisation. */
export function createLearnMarks() {
	const records = liveRecords(() => ({
		category: 'settings',
		kinds: [LEARN_MARK_KINDS.bookmark, LEARN_MARK_KINDS.read]
	}));

	/** articleId → record id of the mark. */
	function idsOf(kind: string): Readonly<Record<string, string>> {
		const entries = (records.current ?? []).flatMap((r): [string, string][] => {
			const body = markBodySchema.safeParse(r.body);
			return r.kind === kind && !r.deleted && body.success ? [[body.data.articleId, r.id]] : [];
		});
		return Object.fromEntries(entries);
	}

	const bookmarks = $derived(idsOf(LEARN_MARK_KINDS.bookmark));
	const read = $derived(idsOf(LEARN_MARK_KINDS.read));

	return {
		get ready() {
			return records.current !== undefined;
		},
		isBookmarked: (articleId: string) => articleId in bookmarks,
		isRead: (articleId: string) => articleId in read,
		get bookmarkedIds(): readonly string[] {
			return Object.keys(bookmarks);
		},
		/** Bookmarks the article, or removes the bookmark (ONE commit, commands/learn.ts). */
		toggleBookmark(articleId: string): Promise<LearnResult> {
			return markCommands.toggleMark(vault.vault(), 'bookmark', articleId, bookmarks[articleId]);
		},
		/** Marks the article read, or unread (ONE commit, commands/learn.ts). */
		toggleRead(articleId: string): Promise<LearnResult> {
			return markCommands.toggleMark(vault.vault(), 'read', articleId, read[articleId]);
		}
	};
}

// ---- Text size (a display preference, not health data) ----------------------------------------

export const TEXT_SIZES = ['normal', 'large', 'larger'] as const;
export type TextSize = (typeof TEXT_SIZES)[number];
const TEXT_SIZE_KEY = 'cercle.learn.textSize';
const textSizeSchema = z.enum(TEXT_SIZES);

function readTextSize(): TextSize {
	if (typeof localStorage === 'undefined') return 'normal';
	return textSizeSchema.catch('normal').parse(localStorage.getItem(TEXT_SIZE_KEY));
}

let textSize = $state<TextSize>(readTextSize());

export const articleTextSize = {
	get current(): TextSize {
		return textSize;
	},
	set(value: TextSize) {
		textSize = value;
		localStorage.setItem(TEXT_SIZE_KEY, value);
	}
};

// ---- Read aloud (Web Speech API where available) -----------------------------------------------

/** Why reading aloud is not offered: no speech API, or no voice for the language on this device. */
export type ReadAloudAvailability = 'available' | 'unsupported' | 'no-voice';

/** The article as one text to speak, in reading order. */
export function articleToSpeech(article: LibraryArticle): string {
	const parts = [article.meta.title, article.meta.summary];
	const walk = (blocks: readonly Block[]) => {
		for (const b of blocks) {
			switch (b.type) {
				case 'heading':
				case 'paragraph':
					parts.push(inlineToText(b.children));
					break;
				case 'list':
					parts.push(...b.items.map(inlineToText));
					break;
				case 'callout':
					parts.push(b.title);
					walk(b.blocks);
					break;
			}
		}
	};
	walk(article.blocks);
	return parts.map((p) => p.trim().replace(/([^.!?:…])$/u, '$1.')).join(' ');
}

/** A read-aloud control's state. Call during component initialisation. */
export function createReadAloud(lang: () => Lang) {
	const synth =
		typeof window !== 'undefined' && 'speechSynthesis' in window ? window.speechSynthesis : null;
	let voices = $state.raw<readonly SpeechSynthesisVoice[]>(synth ? synth.getVoices() : []);
	let speaking = $state(false);

	$effect(() => {
		if (!synth) return;
		const update = () => {
			voices = synth.getVoices();
		};
		synth.addEventListener('voiceschanged', update);
		return () => {
			synth.removeEventListener('voiceschanged', update);
			synth.cancel();
		};
	});

	const voice = $derived(voices.find((v) => normaliseTerm(v.lang).startsWith(lang())) ?? null);

	return {
		get availability(): ReadAloudAvailability {
			if (!synth) return 'unsupported';
			return voice === null ? 'no-voice' : 'available';
		},
		get speaking() {
			return speaking;
		},
		speak(text: string) {
			if (!synth || voice === null) return;
			synth.cancel();
			const utterance = new SpeechSynthesisUtterance(text);
			utterance.voice = voice;
			utterance.lang = voice.lang;
			utterance.onend = () => {
				speaking = false;
			};
			utterance.onerror = () => {
				speaking = false;
			};
			speaking = true;
			synth.speak(utterance);
		},
		stop() {
			synth?.cancel();
			speaking = false;
		}
	};
}

export type { ArticleMeta, ArticleHit };
