// The education article: its front matter (zod-validated) and the safe block tree its Markdown
// body becomes. Invariant: an Article only exists if its front matter is valid (at least one
// source, both review dates, next review after last review) and its body contains no raw HTML;
// the tree holds plain strings only, so the UI renders it with components and never `{@html}`.
import * as z from 'zod';

export const LANGS = ['en', 'fr'] as const;
export const langSchema = z.enum(LANGS);
export type Lang = z.infer<typeof langSchema>;

/** Lower-case words joined by hyphens: used for article ids, topics and conditions. */
export const slugSchema = z
	.string()
	.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens');

/** Words that mark a placeholder, not a reviewer ("Awaiting clinical review"): refused. */
export const PLACEHOLDER_REVIEWER = /await|pending|to be|en attente|à venir|a venir/i;

export const sourceSchema = z.object({
	title: z.string().trim().min(1),
	publisher: z.string().trim().min(1),
	/** Year of the cited document (guidelines are cited by title and year). */
	year: z.int().min(1900).max(2100).optional(),
	url: z.url({ protocol: /^https$/ })
});
export type Source = z.infer<typeof sourceSchema>;

export const articleMetaSchema = z
	.object({
		id: slugSchema,
		lang: langSchema,
		title: z.string().trim().min(1).max(120),
		summary: z.string().trim().min(1).max(300),
		topics: z.array(slugSchema).min(1),
		conditions: z.array(slugSchema),
		readingMinutes: z.int().min(1).max(30),
		sources: z.array(sourceSchema).min(1, 'at least one source is required'),
		lastReviewed: z.iso.date(),
		nextReview: z.iso.date(),
		author: z.string().trim().min(1),
		/** The author's qualifications, stated plainly (or that they have none relevant). */
		authorQualifications: z.string().trim().min(1),
		/** How the evidence was found and chosen. */
		evidenceSearch: z.string().trim().min(1),
		/** Who checked the facts on `lastReviewed`. */
		checkedBy: z.string().trim().min(1),
		/** The clinician who reviewed it; absent until one has. Never a placeholder. */
		reviewer: z
			.string()
			.trim()
			.min(1)
			.refine((name) => !PLACEHOLDER_REVIEWER.test(name), {
				error: 'not a reviewer: leave it out until a clinician has reviewed the article'
			})
			.optional()
	})
	.strict()
	.refine((m) => m.nextReview > m.lastReviewed, {
		path: ['nextReview'],
		error: 'must be after lastReviewed'
	});
export type ArticleMeta = z.infer<typeof articleMetaSchema>;

// ---- Block tree -------------------------------------------------------------------------------

export type Inline =
	| { readonly type: 'text'; readonly text: string }
	| { readonly type: 'strong'; readonly children: readonly Inline[] }
	| { readonly type: 'emphasis'; readonly children: readonly Inline[] }
	| { readonly type: 'code'; readonly text: string }
	| { readonly type: 'break' }
	| { readonly type: 'link'; readonly href: string; readonly children: readonly Inline[] };

/** Callout kinds, written as a blockquote whose first words are a bold label (see AUTHORING.md). */
export const CALLOUT_KINDS = ['keyPoints', 'emergency'] as const;
export type CalloutKind = (typeof CALLOUT_KINDS)[number];

export type Block =
	| { readonly type: 'heading'; readonly level: 2 | 3; readonly children: readonly Inline[] }
	| { readonly type: 'paragraph'; readonly children: readonly Inline[] }
	| {
			readonly type: 'list';
			readonly ordered: boolean;
			readonly items: readonly (readonly Inline[])[];
	  }
	| {
			readonly type: 'callout';
			readonly kind: CalloutKind;
			readonly title: string;
			readonly blocks: readonly Block[];
	  };

export interface Article {
	readonly meta: ArticleMeta;
	readonly blocks: readonly Block[];
	/** Where it came from, for error messages and links back to the source file. */
	readonly file: string;
}

/** Plain text of inline nodes (for search, readability and text alternatives). */
export function inlineToText(nodes: readonly Inline[]): string {
	return nodes
		.map((n) => {
			switch (n.type) {
				case 'text':
				case 'code':
					return n.text;
				case 'break':
					return ' ';
				case 'strong':
				case 'emphasis':
				case 'link':
					return inlineToText(n.children);
			}
		})
		.join('');
}

/**
 * The prose of an article as a list of text units: one per paragraph and per list item (headings
 * excluded). Each unit is a sentence or more; readability and search work on these.
 */
export function proseUnits(blocks: readonly Block[]): readonly string[] {
	return blocks.flatMap((b): readonly string[] => {
		switch (b.type) {
			case 'heading':
				return [];
			case 'paragraph':
				return [inlineToText(b.children)];
			case 'list':
				return b.items.map(inlineToText);
			case 'callout':
				return proseUnits(b.blocks);
		}
	});
}

/** Headings' text, for the search index (they are not prose). */
export function headingTexts(blocks: readonly Block[]): readonly string[] {
	return blocks.flatMap((b): readonly string[] => {
		switch (b.type) {
			case 'heading':
				return [inlineToText(b.children)];
			case 'callout':
				return headingTexts(b.blocks);
			case 'paragraph':
			case 'list':
				return [];
		}
	});
}

/** Whether the article is past its next review date on `today` (YYYY-MM-DD). */
export function isDueForReview(meta: Pick<ArticleMeta, 'nextReview'>, today: string): boolean {
	return meta.nextReview <= today;
}
