import { describe, expect, it } from 'vitest';
import {
	countSyllablesEn,
	countSyllablesFr,
	fleschReadingEase,
	kandelMoles,
	readingEase,
	textStats
} from '$lib/domain/education/readability';

describe('English syllables', () => {
	it.each([
		['cat', 1],
		['take', 1],
		['table', 2],
		['people', 2],
		['walked', 1],
		['needed', 2],
		['changes', 2],
		['pressure', 2],
		['medicine', 3],
		['hypertension', 4]
	])('%s has %i', (word, n) => {
		expect(countSyllablesEn(word)).toBe(n);
	});
});

describe('French syllables', () => {
	it.each([
		['chat', 1],
		['table', 1],
		['chaque', 1],
		['eau', 1],
		['tension', 2],
		['équipe', 2],
		['médicament', 4],
		['aujourd’hui', 3]
	])('%s has %i', (word, n) => {
		expect(countSyllablesFr(word)).toBe(n);
	});
});

describe('text statistics', () => {
	it('counts each paragraph or list item as ending a sentence', () => {
		expect(textStats(['One two. Three four!', 'A list item without a stop'], 'en')).toMatchObject({
			words: 10,
			sentences: 3
		});
	});
});

describe('Flesch reading ease', () => {
	it('scores "The cat sat on the mat." at 116.1', () => {
		// 6 words, 6 syllables, 1 sentence: 206.835 − 1.015 × 6 − 84.6 × 1
		expect(readingEase(['The cat sat on the mat.'], 'en')).toBeCloseTo(116.145, 3);
	});

	it('scores a dense medical sentence far lower', () => {
		// hypertension 4 + is 1 + common 2 = 7 syllables over 3 words
		expect(fleschReadingEase(textStats(['Hypertension is common.'], 'en'))).toBeCloseTo(6.39, 2);
	});

	it('returns 0 for empty text rather than NaN', () => {
		expect(fleschReadingEase({ words: 0, sentences: 0, syllables: 0 })).toBe(0);
	});
});

describe('Kandel–Moles', () => {
	it('scores "Le chat dort." at 130.4', () => {
		// 3 words, 3 syllables, 1 sentence: 207 − 1.015 × 3 − 73.6 × 1
		expect(readingEase(['Le chat dort.'], 'fr')).toBeCloseTo(130.355, 3);
	});

	it('applies the formula to given statistics', () => {
		// 20 words, 30 syllables, 2 sentences: 207 − 10.15 − 110.4
		expect(kandelMoles({ words: 20, sentences: 2, syllables: 30 })).toBeCloseTo(86.45, 5);
	});
});
