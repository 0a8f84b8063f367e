// Markdown body → safe block tree. We use only marked's lexer and walk its tokens ourselves, so
// nothing is ever rendered to an HTML string. Invariant: the output contains only the node types
// declared in article.ts; raw HTML, images, code blocks, tables and unsafe link schemes are
// reported as issues (field `body`), never passed through.
import { Lexer } from 'marked';
import * as z from 'zod';
import type { Block, CalloutKind, Inline, Lang } from './article';

const tokenSchema = z.looseObject({ type: z.string(), raw: z.string().default('') });
const withTokens = z.looseObject({ tokens: z.array(z.unknown()).default([]) });
const withText = z.looseObject({ text: z.string() });
const headingSchema = z.looseObject({ depth: z.number(), tokens: z.array(z.unknown()) });
const listSchema = z.looseObject({
	ordered: z.boolean(),
	items: z.array(z.looseObject({ task: z.boolean().default(false), tokens: z.array(z.unknown()) }))
});
const linkSchema = z.looseObject({ href: z.string(), tokens: z.array(z.unknown()) });

/** The bold label that opens a callout blockquote, per kind and language. */
export const CALLOUT_LABELS: Readonly<Record<CalloutKind, Readonly<Record<Lang, string>>>> = {
	keyPoints: { en: 'Key points', fr: 'À retenir' },
	emergency: { en: 'In an emergency', fr: 'En cas d’urgence' }
};

const SAFE_LINK = /^(https:\/\/|tel:|mailto:)/;

export interface MarkdownResult {
	readonly blocks: readonly Block[];
	/** Human-readable problems; empty when the body is valid. */
	readonly problems: readonly string[];
}

function snippet(raw: string): string {
	const flat = raw.replace(/\s+/g, ' ').trim();
	return flat.length > 50 ? `${flat.slice(0, 50)}…` : flat;
}

/** Why a token is not rendered: raw HTML, or Markdown the articles do not use. */
function refusal(token: { readonly type: string; readonly raw: string }): string {
	return token.type === 'html'
		? `raw HTML is not allowed: "${snippet(token.raw)}"`
		: `unsupported Markdown (${token.type}): "${snippet(token.raw)}"`;
}

function inlines(tokens: readonly unknown[], problems: string[]): Inline[] {
	const out: Inline[] = [];
	for (const value of tokens) {
		const token = tokenSchema.parse(value);
		switch (token.type) {
			case 'text': {
				const children = withTokens.parse(value).tokens;
				if (children.length > 0) out.push(...inlines(children, problems));
				else out.push({ type: 'text', text: withText.parse(value).text });
				break;
			}
			case 'escape':
				out.push({ type: 'text', text: withText.parse(value).text });
				break;
			case 'strong':
				out.push({ type: 'strong', children: inlines(withTokens.parse(value).tokens, problems) });
				break;
			case 'em':
				out.push({ type: 'emphasis', children: inlines(withTokens.parse(value).tokens, problems) });
				break;
			case 'codespan':
				out.push({ type: 'code', text: withText.parse(value).text });
				break;
			case 'br':
				out.push({ type: 'break' });
				break;
			case 'link': {
				const link = linkSchema.parse(value);
				if (!SAFE_LINK.test(link.href)) {
					problems.push(`link "${link.href}" must start with https://, tel: or mailto:`);
				}
				out.push({ type: 'link', href: link.href, children: inlines(link.tokens, problems) });
				break;
			}
			default:
				problems.push(refusal(token));
		}
	}
	return out;
}

function calloutKind(first: Inline | undefined, lang: Lang): CalloutKind | undefined {
	if (first?.type !== 'strong') return undefined;
	const label = first.children
		.map((c) => (c.type === 'text' ? c.text : ''))
		.join('')
		.replace(/[:：]\s*$/, '')
		.trim()
		.toLowerCase();
	const kinds = Object.keys(CALLOUT_LABELS).filter(
		(k): k is CalloutKind => k === 'keyPoints' || k === 'emergency'
	);
	return kinds.find((k) => CALLOUT_LABELS[k][lang].toLowerCase() === label.replace(/'/g, '’'));
}

function blocksOf(
	tokens: readonly unknown[],
	lang: Lang,
	problems: string[],
	inCallout: boolean
): Block[] {
	const out: Block[] = [];
	for (const value of tokens) {
		const token = tokenSchema.parse(value);
		switch (token.type) {
			case 'space':
				break;
			case 'heading': {
				const h = headingSchema.parse(value);
				if (inCallout)
					problems.push(`headings are not allowed inside a box: "${snippet(token.raw)}"`);
				if (h.depth !== 2 && h.depth !== 3) {
					problems.push(
						`only ## and ### headings are allowed (the title is in the front matter): "${snippet(token.raw)}"`
					);
				}
				out.push({
					type: 'heading',
					level: h.depth === 3 ? 3 : 2,
					children: inlines(h.tokens, problems)
				});
				break;
			}
			case 'paragraph':
				out.push({
					type: 'paragraph',
					children: inlines(withTokens.parse(value).tokens, problems)
				});
				break;
			case 'list': {
				const list = listSchema.parse(value);
				const items = list.items.map((item) => {
					if (item.task) problems.push(`task lists are not supported: "${snippet(token.raw)}"`);
					return item.tokens.flatMap((child): Inline[] => {
						const t = tokenSchema.parse(child);
						if (t.type === 'text' || t.type === 'paragraph') {
							return inlines(withTokens.parse(child).tokens, problems);
						}
						if (t.type === 'space') return [];
						problems.push(`lists may only contain text, not ${t.type}: "${snippet(t.raw)}"`);
						return [];
					});
				});
				out.push({ type: 'list', ordered: list.ordered, items });
				break;
			}
			case 'blockquote': {
				if (inCallout) {
					problems.push(`boxes cannot be nested: "${snippet(token.raw)}"`);
					break;
				}
				const [firstToken, ...rest] = withTokens.parse(value).tokens;
				const first = tokenSchema.safeParse(firstToken);
				const firstInlines =
					first.success && first.data.type === 'paragraph'
						? inlines(withTokens.parse(firstToken).tokens, problems)
						: [];
				const kind = calloutKind(firstInlines[0], lang);
				if (kind === undefined) {
					problems.push(
						`a blockquote must start with **${CALLOUT_LABELS.keyPoints[lang]}** or **${CALLOUT_LABELS.emergency[lang]}**: "${snippet(token.raw)}"`
					);
					break;
				}
				const lead = firstInlines.slice(1);
				const leadText = lead
					.map((i) => (i.type === 'text' ? i.text : 'x'))
					.join('')
					.trim();
				const blocks: Block[] =
					leadText === '' ? [] : [{ type: 'paragraph', children: trimStart(lead) }];
				blocks.push(...blocksOf(rest, lang, problems, true));
				out.push({ type: 'callout', kind, title: CALLOUT_LABELS[kind][lang], blocks });
				break;
			}
			default:
				problems.push(refusal(token));
		}
	}
	return out;
}

function trimStart(nodes: readonly Inline[]): Inline[] {
	const [head, ...tail] = nodes;
	if (head?.type === 'text') {
		const text = head.text.replace(/^[\s:]+/, '');
		return text === '' ? tail : [{ type: 'text', text }, ...tail];
	}
	return [...nodes];
}

/** Parses a Markdown body into the safe block tree, collecting every problem found. */
export function markdownToBlocks(markdown: string, lang: Lang): MarkdownResult {
	const problems: string[] = [];
	const blocks = blocksOf(Lexer.lex(markdown), lang, problems, false);
	return { blocks, problems };
}
