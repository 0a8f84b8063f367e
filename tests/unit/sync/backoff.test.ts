import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoff, backoffWindow } from '$lib/sync/backoff';

const options = { base: 1_000, cap: 60_000 };

describe('backoff', () => {
	it('doubles the window per attempt up to the cap', () => {
		expect([0, 1, 2, 3, 5, 6, 7, 100, 5000].map((a) => backoffWindow(a, options))).toEqual([
			1_000, 2_000, 4_000, 8_000, 32_000, 60_000, 60_000, 60_000, 60_000
		]);
	});

	it('uses full jitter: random 0 gives 0, random near 1 gives nearly the window', () => {
		expect(backoff(3, { ...options, random: () => 0 })).toBe(0);
		expect(backoff(3, { ...options, random: () => 0.5 })).toBe(4_000);
		expect(backoff(3, { ...options, random: () => 0.999999 })).toBe(7_999);
		// A misbehaving random source cannot push the delay outside the window.
		expect(backoff(3, { ...options, random: () => 1 })).toBeLessThan(8_000);
		expect(backoff(3, { ...options, random: () => -1 })).toBe(0);
	});

	it('stays within [0, min(cap, base × 2^attempt)) for any attempt and random draw', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 10_000 }),
				fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
				(attempt, r) => {
					const delay = backoff(attempt, { ...options, random: () => r });
					expect(delay).toBeGreaterThanOrEqual(0);
					expect(delay).toBeLessThan(
						Math.min(options.cap, options.base * 2 ** Math.min(attempt, 60))
					);
					expect(Number.isInteger(delay)).toBe(true);
				}
			)
		);
	});
});
