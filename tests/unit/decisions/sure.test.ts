import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SURE_ITEMS, SURE_QUESTIONS, scoreSure } from '$lib/domain/decisions/sure';

const allYes = { sure: true, understand: true, risks: true, encouragement: true };

describe('scoreSure', () => {
	it('scores 4 and needs no discussion when every answer is yes', () => {
		expect(scoreSure(allYes)).toEqual({
			answers: allYes,
			score: 4,
			needsDiscussion: false,
			openItems: []
		});
	});

	it('suggests talking it through when any answer is no, listing the open items', () => {
		const result = scoreSure({ ...allYes, understand: false, encouragement: false });
		expect(result.score).toBe(2);
		expect(result.needsDiscussion).toBe(true);
		expect(result.openItems).toEqual(['understand', 'encouragement']);
	});

	it('scores 0 when every answer is no', () => {
		const result = scoreSure({
			sure: false,
			understand: false,
			risks: false,
			encouragement: false
		});
		expect(result.score).toBe(0);
		expect(result.openItems).toEqual([...SURE_ITEMS]);
	});

	it('score = number of yes answers, and needsDiscussion ⇔ score < 4', () => {
		fc.assert(
			fc.property(fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean(), (s, u, r, e) => {
				const result = scoreSure({ sure: s, understand: u, risks: r, encouragement: e });
				expect(result.score).toBe([s, u, r, e].filter(Boolean).length);
				expect(result.needsDiscussion).toBe(result.score < 4);
				expect(result.score + result.openItems.length).toBe(4);
			})
		);
	});

	it('has the four questions in both languages', () => {
		for (const lang of ['en', 'fr'] as const) {
			for (const item of SURE_ITEMS) expect(SURE_QUESTIONS[lang][item]).toMatch(/\?$/);
		}
	});
});
