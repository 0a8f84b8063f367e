// Readability scores for the plain-language rule (every article scores ≥ 60). Pure heuristics:
// Flesch reading ease for English and Kandel–Moles (its French adaptation). Input is the prose
// of an article as text units (paragraphs and list items, headings excluded); each unit ends a
// sentence even without a full stop, because a list item reads as one.
import type { Lang } from './article';

export interface TextStats {
	readonly words: number;
	readonly sentences: number;
	readonly syllables: number;
}

const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
const SENTENCE_END = /[.!?…]+(?=[\s"»”)]|$)/u;

/** English syllables by vowel groups, with silent final -e, -es and -ed removed. */
export function countSyllablesEn(word: string): number {
	let w = word.toLowerCase().replace(/[^a-z]/g, '');
	if (w === '') return /\d/.test(word) ? 1 : 0;
	if (w.length <= 3) return 1;
	w = w
		.replace(/(?<![sxzcgh])es$/, '')
		.replace(/(?<![td])ed$/, '')
		.replace(/(?<![aeiouy]|[^aeiouy]l)e$/, '')
		.replace(/^y/, '');
	return Math.max(1, w.match(/[aeiouy]+/g)?.length ?? 0);
}

const FR_VOWELS = /[aeiouyàâäéèêëîïôöùûüÿœæ]+/g;

/**
 * French syllables by vowel groups; the u of qu/gu is silent and a final mute -e or -es does
 * not count (ta-ble → 1, cha-que → 1).
 */
export function countSyllablesFr(word: string): number {
	const w = word
		.toLowerCase()
		.replace(/[^a-zàâäéèêëîïôöùûüÿœæç]/g, '')
		.replace(/([qg])u(?=[aeiouyéèêë])/g, '$1');
	if (w === '') return /\d/.test(word) ? 1 : 0;
	const groups = w.match(FR_VOWELS)?.length ?? 0;
	const muteEnding = /[^aeiouyàâäéèêëîïôöùûüÿœæ]es?$/.test(w) && groups > 1 ? 1 : 0;
	return Math.max(1, groups - muteEnding);
}

/** Counts words, sentences and syllables over text units in the given language. */
export function textStats(units: readonly string[], lang: Lang): TextStats {
	const count = lang === 'fr' ? countSyllablesFr : countSyllablesEn;
	let words = 0;
	let sentences = 0;
	let syllables = 0;
	for (const unit of units) {
		for (const piece of unit.split(SENTENCE_END)) {
			const found = piece.match(WORD) ?? [];
			if (found.length === 0) continue;
			sentences += 1;
			words += found.length;
			for (const w of found) syllables += count(w);
		}
	}
	return { words, sentences, syllables };
}

/** Flesch reading ease: 206.835 − 1.015 × words/sentence − 84.6 × syllables/word. */
export function fleschReadingEase(stats: TextStats): number {
	if (stats.words === 0 || stats.sentences === 0) return 0;
	return 206.835 - 1.015 * (stats.words / stats.sentences) - 84.6 * (stats.syllables / stats.words);
}

/** Kandel–Moles: 207 − 1.015 × words/sentence − 73.6 × syllables/word. */
export function kandelMoles(stats: TextStats): number {
	if (stats.words === 0 || stats.sentences === 0) return 0;
	return 207 - 1.015 * (stats.words / stats.sentences) - 73.6 * (stats.syllables / stats.words);
}

/** The reading-ease score used for `lang`: Flesch for English, Kandel–Moles for French. */
export function readingEase(units: readonly string[], lang: Lang): number {
	const stats = textStats(units, lang);
	return lang === 'fr' ? kandelMoles(stats) : fleschReadingEase(stats);
}
