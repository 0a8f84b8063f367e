// What chart.js is given for a panel: a line gets pre-parsed {x, y} points on a linear time axis
// (no per-point category labels, no parsing), its target band two points per edge, and tick labels
// as day and month in the person's language; bars keep one label per bar.
import { describe, expect, it } from 'vitest';
import { barChartConfig, lineChartConfig } from '$lib/ui/charts/config';

const DAY = 86_400_000;
const START = Date.UTC(2025, 0, 1, 12, 0);
const END = START + 119 * 3 * DAY;
const points = Array.from({ length: 120 }, (_, i) => ({ at: START + i * 3 * DAY, value: 120 + i }));

describe('chart configuration', () => {
	it('hands a line its points pre-parsed on a linear time axis', () => {
		const config = lineChartConfig({ name: 'Systolic', target: null, min: 50 }, points, 'en');
		expect(config.options?.parsing).toBe(false);
		expect(config.options?.normalized).toBe(true);
		expect(config.options?.animation).toBe(false);
		expect(config.data).not.toHaveProperty('labels');
		const [line] = config.data.datasets;
		expect(line?.data).toHaveLength(120);
		expect(line?.data[0]).toEqual({ x: START, y: 120 });
		expect(line?.pointRadius).toBe(0);
		expect(config.options?.scales?.['x']).toMatchObject({ type: 'linear', min: START, max: END });
		expect(config.options?.scales?.['y']).toEqual({ min: 50 });
	});

	it('draws the target band with two points per edge', () => {
		const config = lineChartConfig(
			{ name: 'Systolic', target: { low: 100, high: null }, max: 200 },
			points,
			'en'
		);
		const [, low, high] = config.data.datasets;
		expect(low?.data).toEqual([
			{ x: START, y: 100 },
			{ x: END, y: 100 }
		]);
		expect(high?.data).toEqual([
			{ x: START, y: 200 },
			{ x: END, y: 200 }
		]);
	});

	it('labels the time axis as day and month in the language', () => {
		const label = (locale: string): unknown => {
			const x = lineChartConfig({ name: 'Poids', target: null }, points, locale).options?.scales?.[
				'x'
			];
			const callback = x?.ticks?.callback;
			return typeof callback === 'function' ? Reflect.apply(callback, null, [START, 0, []]) : null;
		};
		expect(label('en')).toBe('Jan 1');
		expect(label('fr')).toBe('1 janv.');
	});

	it('keeps one category label per bar', () => {
		const config = barChartConfig({ name: 'Taken', target: null }, points.slice(0, 3), 'en');
		expect(config.data.labels).toEqual(['Jan 1', 'Jan 4', 'Jan 7']);
		expect(config.data.datasets[0]?.data).toEqual([120, 121, 122]);
	});
});
