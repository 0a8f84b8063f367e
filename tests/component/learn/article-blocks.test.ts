// The article body renders its block tree as elements: headings, lists, boxes labelled as notes,
// and links, external ones opening safely (rel noopener noreferrer) and announced as such.
import { describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-svelte';
import type { Block } from '$lib/domain/education/article';
import ArticleBlocks from '$lib/ui/learn/ArticleBlocks.svelte';

const blocks: readonly Block[] = [
	{ type: 'heading', level: 2, children: [{ type: 'text', text: 'What it is' }] },
	{
		type: 'paragraph',
		children: [
			{ type: 'text', text: 'Read the ' },
			{ type: 'link', href: 'https://www.nhs.uk/', children: [{ type: 'text', text: 'NHS page' }] },
			{ type: 'text', text: ' or call ' },
			{ type: 'link', href: 'tel:112', children: [{ type: 'text', text: '112' }] }
		]
	},
	{
		type: 'callout',
		kind: 'keyPoints',
		title: 'Key points',
		blocks: [{ type: 'list', ordered: false, items: [[{ type: 'text', text: 'Rest.' }]] }]
	},
	{
		type: 'callout',
		kind: 'emergency',
		title: 'In an emergency',
		blocks: [{ type: 'paragraph', children: [{ type: 'text', text: 'Call 999.' }] }]
	}
];

describe('ArticleBlocks', () => {
	it('renders headings, lists and the two boxes', async () => {
		const screen = render(ArticleBlocks, { blocks });
		await expect
			.element(screen.getByRole('heading', { level: 2, name: 'What it is' }))
			.toBeVisible();
		await expect
			.element(screen.getByRole('note', { name: 'Key points' }))
			.toHaveTextContent('Rest.');
		await expect
			.element(screen.getByRole('note', { name: 'In an emergency' }))
			.toHaveTextContent('Call 999.');
	});

	it('opens external links safely and keeps phone links in place', async () => {
		const screen = render(ArticleBlocks, { blocks });
		const external = screen.getByRole('link', { name: /NHS page/u });
		await expect.element(external).toHaveAttribute('rel', 'external noopener noreferrer');
		await expect.element(external).toHaveAttribute('target', '_blank');
		await expect.element(external).toHaveAccessibleName('NHS page (another website)');
		const phone = screen.getByRole('link', { name: '112' });
		await expect.element(phone).toHaveAttribute('href', 'tel:112');
		await expect.element(phone).not.toHaveAttribute('target');
	});
});
