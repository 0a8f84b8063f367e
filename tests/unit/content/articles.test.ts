// Every article in the library: valid, present in both languages, sourced, reviewed, readable,
// and ending with care-team guidance and an emergency note.
import { describe, expect, it } from 'vitest';
import { loadArticles } from '$lib/content/load';
import { inlineToText, proseUnits, type Article, type Block } from '$lib/domain/education/article';
import { readingEase, textStats } from '$lib/domain/education/readability';

const articles = loadArticles();
const byLang = (lang: 'en' | 'fr') =>
	articles
		.filter((a) => a.meta.lang === lang)
		.map((a) => a.meta.id)
		.toSorted();

const REQUIRED_IDS = [
	'living-with-hypertension',
	'type-2-diabetes-day-to-day',
	'heart-failure-warning-signs',
	'copd-and-asthma-action-plans',
	'after-a-stroke',
	'living-with-chronic-pain',
	'low-mood-and-anxiety',
	'taking-medicines-safely',
	'preparing-a-visit',
	'understanding-your-care-plan',
	'being-a-carer',
	'your-rights-and-person-centred-care',
	'healthy-eating-on-a-budget',
	'staying-active',
	'sleep',
	'when-to-seek-urgent-help'
];

const CARE_TEAM_HEADING = {
	en: 'Talk to your care team',
	fr: 'Parlez-en à votre équipe soignante'
};
const EMERGENCY_NUMBERS = { en: ['999', '112'], fr: ['15', '112'] };

function calloutText(a: Article, kind: 'keyPoints' | 'emergency'): string {
	const box = a.blocks.find(
		(b): b is Extract<Block, { type: 'callout' }> => b.type === 'callout' && b.kind === kind
	);
	return box === undefined ? '' : proseUnits(box.blocks).join(' ');
}

describe('article library', () => {
	it('has every required article in English and French, with the same ids', () => {
		expect(byLang('en')).toEqual(byLang('fr'));
		expect(byLang('en')).toEqual(expect.arrayContaining(REQUIRED_IDS));
		expect(byLang('en').length).toBeGreaterThanOrEqual(16);
	});

	it('pairs share topics and conditions across languages', () => {
		for (const en of articles.filter((a) => a.meta.lang === 'en')) {
			const fr = articles.find((a) => a.meta.id === en.meta.id && a.meta.lang === 'fr');
			expect(fr?.meta.topics, en.meta.id).toEqual(en.meta.topics);
			expect(fr?.meta.conditions, en.meta.id).toEqual(en.meta.conditions);
		}
	});

	describe.each(articles.map((a) => [a.file, a] as const))('%s', (_file, article) => {
		const { meta, blocks } = article;

		it('cites at least one https source and has review dates', () => {
			expect(meta.sources.length).toBeGreaterThanOrEqual(1);
			for (const s of meta.sources) expect(s.url).toMatch(/^https:\/\//);
			expect(meta.nextReview > meta.lastReviewed).toBe(true);
		});

		it('reads easily (reading ease ≥ 60)', () => {
			expect(readingEase(proseUnits(blocks), meta.lang)).toBeGreaterThanOrEqual(60);
		});

		it('stays around 300–500 words of prose', () => {
			const { words } = textStats(proseUnits(blocks), meta.lang);
			expect(words).toBeGreaterThanOrEqual(250);
			expect(words).toBeLessThanOrEqual(600);
		});

		it('has headings, a list and a key points box', () => {
			expect(blocks.some((b) => b.type === 'heading')).toBe(true);
			expect(blocks.some((b) => b.type === 'list')).toBe(true);
			expect(calloutText(article, 'keyPoints')).not.toBe('');
		});

		it('ends with care-team guidance, then the emergency note with the right numbers', () => {
			const headings = blocks
				.filter((b): b is Extract<Block, { type: 'heading' }> => b.type === 'heading')
				.map((h) => inlineToText(h.children));
			expect(headings.at(-1)).toBe(CARE_TEAM_HEADING[meta.lang]);
			const last = blocks.at(-1);
			expect(last?.type === 'callout' && last.kind === 'emergency').toBe(true);
			for (const n of EMERGENCY_NUMBERS[meta.lang]) {
				expect(calloutText(article, 'emergency')).toMatch(new RegExp(`\\b${n}\\b`));
			}
		});
	});
});
