// Every bundled decision aid: valid, in both languages with the same structure and the same
// numbers, every grid cell answered, every number sourced with its range, IPDAS items present.
import { describe, expect, it } from 'vitest';
import { loadAids } from '$lib/content/load';
import type { DecisionAid } from '$lib/domain/decisions/aid';

const aids = loadAids();
const ids = (lang: 'en' | 'fr') =>
	aids
		.filter((a) => a.lang === lang)
		.map((a) => a.id)
		.toSorted();
const pair = (aid: DecisionAid): DecisionAid | undefined =>
	aids.find((a) => a.id === aid.id && a.lang !== aid.lang);

describe('decision aid library', () => {
	it('has the three required aids in English and French, with the same ids', () => {
		expect(ids('en')).toEqual(ids('fr'));
		expect(ids('en')).toEqual(
			expect.arrayContaining([
				'knee-osteoarthritis-treatments',
				'statin-primary-prevention',
				'persistent-low-back-pain'
			])
		);
	});

	describe.each(aids.map((a) => [`${a.id}.${a.lang}`, a] as const))('%s', (_name, aid) => {
		it('answers every option in every grid row', () => {
			for (const row of aid.grid) {
				expect(Object.keys(row.answers).toSorted()).toEqual(
					aid.options.map((o) => o.id).toSorted()
				);
				for (const answer of Object.values(row.answers)) expect(answer.trim()).not.toBe('');
			}
		});

		it('has an outcome cell for every option, every number with a known source and range', () => {
			const sourceIds = new Set(aid.sources.map((s) => s.id));
			let numbers = 0;
			for (const outcome of aid.outcomes) {
				expect(Object.keys(outcome.cells).toSorted()).toEqual(
					aid.options.map((o) => o.id).toSorted()
				);
				expect(outcome.uncertainty.length).toBeGreaterThan(20);
				for (const cell of Object.values(outcome.cells)) {
					for (const id of cell.sourceIds) expect(sourceIds.has(id)).toBe(true);
					if (cell.kind === 'frequency') {
						numbers += 1;
						expect(cell.sourceIds.length).toBeGreaterThan(0);
						expect(cell.low).toBeLessThanOrEqual(cell.value);
						expect(cell.high).toBeGreaterThanOrEqual(cell.value);
					}
				}
			}
			expect(numbers).toBeGreaterThanOrEqual(2);
		});

		it('offers waiting or doing nothing', () => {
			expect(aid.options.some((o) => o.isWaiting) || aid.noWaitingReason !== undefined).toBe(true);
		});

		it('states sources, dates, update policy, funding and conflicts', () => {
			expect(aid.sources.length).toBeGreaterThan(0);
			expect(aid.nextReview > aid.lastReviewed).toBe(true);
			expect(aid.updatePolicy).not.toBe('');
			expect(aid.funding).not.toBe('');
			expect(aid.conflicts).not.toBe('');
		});

		it('matches its other-language version in structure and numbers', () => {
			const other = pair(aid);
			expect(other).toBeDefined();
			if (other === undefined) return;
			expect(other.options.map((o) => [o.id, o.isWaiting])).toEqual(
				aid.options.map((o) => [o.id, o.isWaiting])
			);
			expect(other.grid.length).toBe(aid.grid.length);
			expect(other.values.map((v) => v.id)).toEqual(aid.values.map((v) => v.id));
			expect(other.knowledgeCheck.map((q) => [q.id, q.correct])).toEqual(
				aid.knowledgeCheck.map((q) => [q.id, q.correct])
			);
			const numbers = (a: DecisionAid) =>
				a.outcomes.map((o) => [
					o.id,
					Object.entries(o.cells).map(([k, c]) =>
						c.kind === 'frequency' ? [k, c.value, c.low, c.high, c.sourceIds] : [k, c.sourceIds]
					)
				]);
			expect(numbers(other)).toEqual(numbers(aid));
			expect(other.sources).toEqual(aid.sources);
		});
	});
});
