// The chart.js configuration of one chart panel, built from the points it draws (already thinned).
// Why: on a slow phone most of chart.js's own time went to parsing the data and measuring one
// category label per point (a year of readings); a line now gets pre-parsed `{x, y}` points on a
// linear time axis (`parsing: false`, `normalized: true`, our own tick labels in the person's
// language, at most 6 of them) and its target band two points per edge instead of one per reading.
// Bars (adherence by day, week or month) keep one category label per bar.
// Invariants: the text alternative (summary, table) is built elsewhere from every point and never
// from this configuration; no animation, no events (the chart is aria-hidden, the table is the
// accessible view).
import type { ChartConfiguration, ChartDataset } from 'chart.js';
import type { ChartView } from './views';

/** A drawn point as chart.js reads it without parsing: time (ms) and value. */
export interface TimePoint {
	x: number;
	y: number;
}

export interface DrawnPoint {
	readonly at: number;
	readonly value: number;
}

const LINE = '#1f5f5b';
const BAND = 'rgba(29,107,53,0.5)';
const BAND_FILL = 'rgba(29,107,53,0.12)';
const MAX_TICKS = 6;

/** Day and month of an instant in `locale` (one formatter per chart). */
export function tickFormatter(locale: string): (at: number) => string {
	const format = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short' });
	return (at) => format.format(at);
}

type Y = { min?: number; max?: number };
type Series = Pick<ChartView, 'name' | 'target' | 'min' | 'max'>;

const COMMON = {
	animation: false,
	responsive: true,
	maintainAspectRatio: false,
	events: []
} as const;

const yScale = (series: Series): Y => ({
	...(series.min === undefined ? {} : { min: series.min }),
	...(series.max === undefined ? {} : { max: series.max })
});

/** Bars (adherence by day, week or month): one category label per bar. */
export function barChartConfig(
	series: Series,
	points: readonly DrawnPoint[],
	locale: string
): ChartConfiguration<'bar', number[], string> {
	const tick = tickFormatter(locale);
	return {
		type: 'bar',
		data: {
			labels: points.map((p) => tick(p.at)),
			datasets: [
				{
					label: series.name,
					data: points.map((p) => p.value),
					borderColor: LINE,
					backgroundColor: LINE,
					borderWidth: 2
				}
			]
		},
		options: {
			...COMMON,
			events: [],
			scales: { y: yScale(series), x: { ticks: { maxTicksLimit: MAX_TICKS } } }
		}
	};
}

/** A line of readings (and its target band) on a linear time axis, pre-parsed. */
export function lineChartConfig(
	series: Series,
	points: readonly DrawnPoint[],
	locale: string
): ChartConfiguration<'line', TimePoint[]> {
	const tick = tickFormatter(locale);
	const first = points[0]?.at ?? 0;
	const last = points[points.length - 1]?.at ?? first;
	const edge = (value: number): TimePoint[] => [
		{ x: first, y: value },
		{ x: last, y: value }
	];
	const target = series.target;
	const band: ChartDataset<'line', TimePoint[]>[] = target
		? [
				{
					label: 'low',
					data: edge(target.low ?? series.min ?? 0),
					borderColor: BAND,
					borderDash: [6, 4],
					pointRadius: 0,
					fill: false
				},
				{
					label: 'high',
					data: edge(target.high ?? series.max ?? 0),
					borderColor: BAND,
					backgroundColor: BAND_FILL,
					borderDash: [6, 4],
					pointRadius: 0,
					fill: '-1'
				}
			]
		: [];
	return {
		type: 'line',
		data: {
			datasets: [
				{
					label: series.name,
					data: points.map((p) => ({ x: p.at, y: p.value })),
					borderColor: LINE,
					backgroundColor: LINE,
					pointRadius: points.length > 60 ? 0 : 3,
					borderWidth: 2
				},
				...band
			]
		},
		options: {
			...COMMON,
			events: [],
			parsing: false,
			normalized: true,
			scales: {
				y: yScale(series),
				x: {
					type: 'linear',
					min: first,
					max: last,
					ticks: {
						maxTicksLimit: MAX_TICKS,
						maxRotation: 0,
						callback: (value) => tick(Number(value))
					}
				}
			}
		}
	};
}
