// A malformed article is refused with the file and the field named; the Markdown becomes a safe
// block tree in which raw HTML and unsafe links never survive.
import { describe, expect, it } from 'vitest';
import { ContentValidationError, parseArticleFiles } from '$lib/content/load';
import { parseArticle } from '$lib/domain/education/parse-article';

const FILE = 'articles/sample.en.md';

const FRONT = {
	id: 'sample',
	lang: 'en',
	title: 'A sample',
	summary: 'A short sample.',
	topics: '[self-care]',
	conditions: '[]',
	readingMinutes: '2',
	sources:
		'\n  - title: Sample\n    publisher: NHS\n    url: https://www.nhs.uk/conditions/high-blood-pressure-hypertension/',
	lastReviewed: '2026-11-26',
	nextReview: '2027-11-26',
	author: 'Cercle editorial team',
	authorQualifications: 'Writer',
	evidenceSearch: 'Guidelines',
	checkedBy: 'The team',
	reviewer: 'A nurse'
};

const BODY = `Intro with **strong**, *emphasis* and a [link](https://www.nhs.uk/).

> **Key points**
>
> - One
> - Two

## A heading

1. First
2. Second

## Talk to your care team

Ask them.

> **In an emergency**
>
> Call 999 or 112.
`;

/** An article source with some front-matter fields replaced or (with undefined) removed. */
function source(front: Partial<Record<keyof typeof FRONT, string | undefined>> = {}, body = BODY) {
	const merged: Record<string, string | undefined> = { ...FRONT, ...front };
	const yaml = Object.entries(merged)
		.filter((e): e is [string, string] => e[1] !== undefined)
		.map(([k, v]) => `${k}: ${v}`)
		.join('\n');
	return `---\n${yaml}\n---\n\n${body}`;
}

function issues(src: string, file = FILE) {
	const result = parseArticle(file, src);
	return result.ok ? [] : result.error;
}
const fields = (src: string) => issues(src).map((i) => i.field);

describe('parseArticle', () => {
	it('parses front matter and builds the block tree', () => {
		const result = parseArticle(FILE, source());
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.value.meta.sources).toHaveLength(1);
		expect(result.value.blocks[0]).toEqual({
			type: 'paragraph',
			children: [
				{ type: 'text', text: 'Intro with ' },
				{ type: 'strong', children: [{ type: 'text', text: 'strong' }] },
				{ type: 'text', text: ', ' },
				{ type: 'emphasis', children: [{ type: 'text', text: 'emphasis' }] },
				{ type: 'text', text: ' and a ' },
				{ type: 'link', href: 'https://www.nhs.uk/', children: [{ type: 'text', text: 'link' }] },
				{ type: 'text', text: '.' }
			]
		});
		expect(result.value.blocks[1]).toEqual({
			type: 'callout',
			kind: 'keyPoints',
			title: 'Key points',
			blocks: [
				{
					type: 'list',
					ordered: false,
					items: [[{ type: 'text', text: 'One' }], [{ type: 'text', text: 'Two' }]]
				}
			]
		});
		expect(result.value.blocks.at(-1)).toMatchObject({ type: 'callout', kind: 'emergency' });
	});

	it('fails on a missing source list, naming the field', () => {
		expect(fields(source({ sources: undefined }))).toEqual(['sources']);
	});

	it('fails on an empty source list', () => {
		expect(issues(source({ sources: '[]' }))).toEqual([
			{ file: FILE, field: 'sources', message: 'at least one source is required' }
		]);
	});

	it('fails on a source without a valid https url', () => {
		const bad = '\n  - title: Sample\n    publisher: NHS\n    url: http://example.org/';
		expect(fields(source({ sources: bad }))).toEqual(['sources.0.url']);
	});

	it('fails on missing or inverted review dates', () => {
		expect(fields(source({ lastReviewed: undefined }))).toEqual(['lastReviewed']);
		expect(fields(source({ nextReview: '2020-01-01' }))).toEqual(['nextReview']);
		expect(fields(source({ nextReview: 'soon' }))).toEqual(['nextReview']);
	});

	it('fails when the id or language does not match the file name', () => {
		expect(fields(source({ id: 'other' }))).toEqual(['id']);
		expect(fields(source({ lang: 'fr' }))).toContain('lang');
	});

	it('rejects raw HTML, inline or as a block, instead of rendering it', () => {
		const inline = issues(source({}, BODY.replace('Ask them.', 'Ask <b>them</b>.')));
		expect(inline.map((i) => i.field)).toContain('body');
		expect(inline.map((i) => i.message).join()).toMatch(/raw HTML is not allowed: "<b>"/);
		const block = issues(source({}, `<script>alert(1)</script>\n\n${BODY}`));
		expect(block.map((i) => i.message).join()).toMatch(/raw HTML is not allowed: "<script>/);
	});

	it('rejects javascript: links, images, code blocks and top-level headings', () => {
		const messages = (extra: string) =>
			issues(source({}, `${extra}\n\n${BODY}`))
				.map((i) => i.message)
				.join('\n');
		expect(messages('[x](javascript:alert(1))')).toMatch(/must start with https:/);
		expect(messages('![x](https://example.org/a.png)')).toMatch(/unsupported Markdown \(image\)/);
		expect(messages('```\ncode\n```')).toMatch(/unsupported Markdown \(code\)/);
		expect(messages('# Title')).toMatch(/only ## and ### headings/);
	});

	it('requires the key points and emergency boxes, and a known box label', () => {
		const noBoxes = BODY.replace(/> \*\*Key points\*\*[\s\S]*?> - Two\n/, '').replace(
			/> \*\*In an emergency\*\*[\s\S]*$/,
			''
		);
		expect(issues(source({}, noBoxes)).map((i) => i.message)).toEqual([
			'missing the key points box',
			'missing the emergency box'
		]);
		const odd = issues(source({}, `> **Note**\n>\n> Hi.\n\n${BODY}`));
		expect(odd.map((i) => i.message).join()).toMatch(
			/a blockquote must start with \*\*Key points\*\*/
		);
	});

	it('reports invalid YAML and a missing front matter block', () => {
		expect(fields('no front matter')).toEqual(['(front matter)']);
		expect(fields('---\ntitle: [unclosed\n---\nBody')).toEqual(['(front matter)']);
	});

	it('recognises French box labels, with either apostrophe', () => {
		const fr = BODY.replace('Key points', 'À retenir').replace(
			'In an emergency',
			"En cas d'urgence"
		);
		const result = parseArticle('articles/sample.fr.md', source({ lang: 'fr' }, fr));
		expect(result.ok).toBe(true);
	});
});

describe('parseArticleFiles (build time)', () => {
	it('throws one error listing every bad file and field', () => {
		const files = {
			'./articles/sample.en.md': source({ sources: undefined }),
			'./articles/other.en.md': source({ id: 'other', nextReview: undefined })
		};
		expect(() => parseArticleFiles(files)).toThrow(ContentValidationError);
		try {
			parseArticleFiles(files);
		} catch (e) {
			expect(e instanceof ContentValidationError && e.message).toMatch(
				/articles\/other\.en\.md › nextReview:[\s\S]*articles\/sample\.en\.md › sources:/
			);
		}
	});
});
