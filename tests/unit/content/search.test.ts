import { describe, expect, it } from 'vitest';
import { loadArticles } from '$lib/content/load';
import {
	buildSearchIndex,
	loadSearchIndex,
	normaliseTerm,
	searchArticles,
	serialiseSearchIndex
} from '$lib/domain/education/search';
import { searchLabels } from '$lib/ui/learn/labels';

const index = buildSearchIndex(loadArticles(), searchLabels);
const ids = (query: string, lang: 'en' | 'fr') =>
	searchArticles(index, query, lang).map((h) => h.id);

describe('article search', () => {
	it('normalises accents and case', () => {
		expect(normaliseTerm('HYPERTÉNSION Être')).toBe('hypertension etre');
	});

	it('finds hypertension when typed "HYPERTÉNSION"', () => {
		expect(ids('HYPERTÉNSION', 'en')[0]).toBe('living-with-hypertension');
	});

	it('finds French articles typed without accents', () => {
		expect(ids('reeducation', 'fr')).toContain('after-a-stroke');
		expect(ids('etre aidant', 'fr')[0]).toBe('being-a-carer');
		expect(ids('diabete', 'fr')[0]).toBe('type-2-diabetes-day-to-day');
	});

	it('folds ligatures: "coeur" finds what "cœur" finds', () => {
		expect(normaliseTerm('Cœur ÆTHER')).toBe('coeur aether');
		const withLigature = ids('cœur', 'fr');
		expect(withLigature.length).toBeGreaterThan(0);
		expect(ids('coeur', 'fr')).toEqual(withLigature);
		expect(ids('COEUR', 'fr')).toEqual(withLigature);
	});

	it('matches every word of a query, each anywhere in the article or its labels', () => {
		expect(ids('hypertension arterielle', 'fr')).toContain('living-with-hypertension');
		expect(ids('hypertension artérielle', 'fr')).toContain('living-with-hypertension');
		expect(ids('high blood pressure', 'en')).toContain('living-with-hypertension');
		// Every word must be there: a word found in no article empties the result.
		expect(ids('hypertension zzzzqqq', 'fr')).toEqual([]);
	});

	it('still finds them typed with accents', () => {
		expect(ids('rééducation', 'fr')).toContain('after-a-stroke');
	});

	it('returns only articles in the asked language', () => {
		const hits = searchArticles(index, 'sommeil', 'fr');
		expect(hits.length).toBeGreaterThan(0);
		expect(hits.every((h) => h.lang === 'fr')).toBe(true);
		expect(searchArticles(index, 'sommeil', 'en').some((h) => h.id === 'sleep')).toBe(false);
	});

	it('returns nothing for an empty query', () => {
		expect(searchArticles(index, '   ', 'en')).toEqual([]);
	});

	it('gives the same results after a JSON round trip (index built at build time)', () => {
		const restored = loadSearchIndex(serialiseSearchIndex(index));
		expect(searchArticles(restored, 'HYPERTÉNSION', 'en')).toEqual(
			searchArticles(index, 'HYPERTÉNSION', 'en')
		);
		expect(searchArticles(restored, 'diabete', 'fr')).toEqual(
			searchArticles(index, 'diabete', 'fr')
		);
	});
});
