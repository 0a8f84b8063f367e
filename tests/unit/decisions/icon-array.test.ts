import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allocateIcons, outcomeIcons } from '$lib/domain/decisions/icon-array';

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const weights = fc.array(fc.double({ min: 0, max: 1000, noNaN: true }), {
	minLength: 1,
	maxLength: 8
});

describe('allocateIcons (largest remainder)', () => {
	it('always gives exactly 100 icons when any weight is positive', () => {
		fc.assert(
			fc.property(weights, (ws) => {
				fc.pre(sum(ws) > 0);
				expect(sum(allocateIcons(ws))).toBe(100);
			})
		);
	});

	it('gives each category the floor or ceiling of its exact share', () => {
		fc.assert(
			fc.property(weights, fc.integer({ min: 1, max: 1000 }), (ws, total) => {
				const s = sum(ws);
				fc.pre(s > 0);
				const counts = allocateIcons(ws, total);
				expect(sum(counts)).toBe(total);
				counts.forEach((c, i) => {
					const exact = ((ws[i] ?? 0) / s) * total;
					expect(Number.isInteger(c)).toBe(true);
					expect(c).toBeGreaterThanOrEqual(Math.floor(exact));
					expect(c).toBeLessThanOrEqual(Math.ceil(exact));
				});
			})
		);
	});

	it('keeps whole-number shares of 100 unchanged', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 100 }), (n) => {
				expect(allocateIcons([n, 100 - n])).toEqual([n, 100 - n]);
			})
		);
	});

	it('rounds a three-way split that naive rounding gets wrong (33.3 × 3)', () => {
		expect(allocateIcons([1, 1, 1])).toEqual([34, 33, 33]);
	});

	it('returns zeros for all-zero weights and refuses negative ones', () => {
		expect(allocateIcons([0, 0])).toEqual([0, 0]);
		expect(() => allocateIcons([-1, 2])).toThrow(RangeError);
	});
});

describe('outcomeIcons', () => {
	it('splits 100 people into affected and unaffected for any value', () => {
		fc.assert(
			fc.property(fc.double({ min: 0, max: 100, noNaN: true }), (v) => {
				const { affected, unaffected } = outcomeIcons(v);
				expect(affected + unaffected).toBe(100);
				expect(Math.abs(affected - v)).toBeLessThanOrEqual(0.5 + 1e-9);
			})
		);
	});

	it('shows 0.4 in 100 as no whole icon and 26.6 as 27', () => {
		expect(outcomeIcons(0.4)).toEqual({ affected: 0, unaffected: 100 });
		expect(outcomeIcons(26.6)).toEqual({ affected: 27, unaffected: 73 });
	});
});
