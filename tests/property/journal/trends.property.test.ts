import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lttb } from '$lib/domain/journal/lttb';
import { trendSummary } from '$lib/domain/journal/trends';

const sortedPoints = fc
	.array(
		fc.record({
			x: fc.integer({ min: 0, max: 1e9 }),
			y: fc.double({ min: -1e4, max: 1e4, noNaN: true })
		}),
		{ maxLength: 400 }
	)
	.map((points) => [...points].sort((a, b) => a.x - b.x));

describe('LTTB properties', () => {
	it('output has threshold points when the input is longer, else the whole input', () => {
		fc.assert(
			fc.property(sortedPoints, fc.integer({ min: 2, max: 500 }), (points, threshold) => {
				expect(lttb(points, threshold)).toHaveLength(Math.min(threshold, points.length));
			})
		);
	});

	it('output is a subsequence of the input: same objects, order preserved, ends kept', () => {
		fc.assert(
			fc.property(sortedPoints, fc.integer({ min: 2, max: 500 }), (points, threshold) => {
				const sampled = lttb(points, threshold);
				let cursor = 0;
				for (const point of sampled) {
					const index = points.indexOf(point, cursor);
					expect(index).toBeGreaterThanOrEqual(cursor);
					cursor = index + 1;
				}
				if (points.length > 0) {
					expect(sampled[0]).toBe(points[0]);
					expect(sampled.at(-1)).toBe(points.at(-1));
				}
			})
		);
	});
});

describe('trend properties', () => {
	const NOW = 1_750_000_000_000;
	const DAY = 86_400_000;
	const points = fc.array(
		fc.record({
			ago: fc.integer({ min: 0, max: 14 * DAY - 1 }),
			value: fc.integer({ min: 0, max: 10 })
		}),
		{ maxLength: 50 }
	);

	it('averages lie within the values, and the direction agrees with the change', () => {
		fc.assert(
			fc.property(points, (list) => {
				const series = list.map((p) => ({ at: NOW - p.ago, value: p.value }));
				const summary = trendSummary(series, { now: NOW, stableWithin: 0 });
				expect(summary.currentCount + summary.previousCount).toBe(series.length);
				for (const average of [summary.current, summary.previous]) {
					if (average !== null) expect(average >= 0 && average <= 10).toBe(true);
				}
				if (summary.change === null) expect(summary.direction).toBeNull();
				else if (Math.abs(summary.change) <= 1e-9) expect(summary.direction).toBe('stable');
				else expect(summary.direction).toBe(summary.change > 0 ? 'up' : 'down');
			})
		);
	});

	it('adding the same amount to every value shifts both averages and keeps the direction', () => {
		fc.assert(
			fc.property(points, fc.integer({ min: 1, max: 100 }), (list, shift) => {
				const series = list.map((p) => ({ at: NOW - p.ago, value: p.value }));
				const a = trendSummary(series, { now: NOW, stableWithin: 0.5 });
				const b = trendSummary(
					series.map((p) => ({ ...p, value: p.value + shift })),
					{ now: NOW, stableWithin: 0.5 }
				);
				expect(b.direction).toBe(a.direction);
				if (a.current !== null && b.current !== null)
					expect(b.current - a.current).toBeCloseTo(shift, 9);
			})
		);
	});
});
