// The Learn search as the browser runs it: the index serialised at build time (what
// /content/search/<lang>.json serves), loaded back, queried with and without accents. Also the
// figure the issue asks for: p95 latency of a query over the whole library stays small.
import { describe, expect, it } from 'vitest';
import { listArticles } from '$lib/content/load';
import { LANGS } from '$lib/domain/education/article';
import {
	buildSearchIndex,
	loadSearchIndex,
	searchArticles,
	serialiseSearchIndex
} from '$lib/domain/education/search';

const QUERIES = {
	en: [
		'blood pressure',
		'BLÖOD PRÉSSURE',
		'sleep',
		'medicines',
		'breath',
		'carer',
		'stroke',
		'pain'
	],
	fr: ['médicaments', 'MEDICAMENTS', 'sommeil', 'tension', 'aidant', 'AVC', 'douleur', 'securite']
} as const;

function p95(samples: readonly number[]): number {
	const sorted = samples.toSorted((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? 0;
}

describe('library search (as served)', () => {
	for (const lang of LANGS) {
		it(`finds the same article with or without accents and case (${lang})`, () => {
			const index = loadSearchIndex(serialiseSearchIndex(buildSearchIndex(listArticles(lang))));
			const [plain, accented] = QUERIES[lang];
			const a = searchArticles(index, plain, lang).map((h) => h.id);
			const b = searchArticles(index, accented, lang).map((h) => h.id);
			expect(a.length).toBeGreaterThan(0);
			expect(b).toEqual(a);
			expect(a[0]).toBe(lang === 'en' ? 'living-with-hypertension' : 'taking-medicines-safely');
		});

		it(`answers a query over the whole library in under 20 ms at p95 (${lang})`, () => {
			const index = loadSearchIndex(serialiseSearchIndex(buildSearchIndex(listArticles(lang))));
			const samples: number[] = [];
			for (let round = 0; round < 50; round += 1) {
				for (const q of QUERIES[lang]) {
					const start = performance.now();
					searchArticles(index, q, lang);
					samples.push(performance.now() - start);
				}
			}
			expect(p95(samples)).toBeLessThan(20);
		});
	}
});
