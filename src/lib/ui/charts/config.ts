// The chart.js configuration of one chart panel, built from the points it draws (already thinned).
// Why: on a slow phone most of chart.js's own time went to parsing the data and measuring one
// category label per point (a year of readings); a line now gets pre-parsed `{x, y}` points on a
// linear time axis (`parsing: false`, `normalized: true`, our own tick labels in the person's
// language, at most 6 of them) and its target band two points per edge instead of one per reading.
// Bars (adherence by day, week or month) keep one category label per bar.
// Invariants: the text alternative (summary, table) is built elsewhere from every point and never
// from this configuration; no animation, no events (the chart is aria-hidden, the table is the
// accessible view).
import type { ChartView } from './views';

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

/** The configuration handed to `new Chart(canvas, …)` for `points` of `series`. */
export function chartConfig(
	series: Pick<ChartView, 'name' | 'style' | 'target' | 'min' | 'max'>,
	points: readonly DrawnPoint[],
	locale: string
) {
	const tick = tickFormatter(locale);
	const y = {
		...(series.min === undefined ? {} : { min: series.min }),
		...(series.max === undefined ? {} : { max: series.max })
	};
	const common = {
		animation: false as const,
		responsive: true,
		maintainAspectRatio: false,
		events: [] as never[]
	};
	const target = series.target;
	if (series.style === 'bar') {
		return {
			data: {
				labels: points.map((p) => tick(p.at)),
				datasets: [
					{
						type: 'bar' as const,
						label: series.name,
						data: points.map((p) => p.value),
						borderColor: LINE,
						backgroundColor: LINE,
						borderWidth: 2
					}
				]
			},
			options: { ...common, scales: { y, x: { ticks: { maxTicksLimit: MAX_TICKS } } } }
		};
	}
	const first = points[0]?.at ?? 0;
	const last = points[points.length - 1]?.at ?? first;
	const edge = (value: number) => [
		{ x: first, y: value },
		{ x: last, y: value }
	];
	const band = target
		? [
				{
					type: 'line' as const,
					label: 'low',
					data: edge(target.low ?? series.min ?? 0),
					borderColor: BAND,
					borderDash: [6, 4],
					pointRadius: 0,
					fill: false as const
				},
				{
					type: 'line' as const,
					label: 'high',
					data: edge(target.high ?? series.max ?? 0),
					borderColor: BAND,
					backgroundColor: BAND_FILL,
					borderDash: [6, 4],
					pointRadius: 0,
					fill: '-1' as const
				}
			]
		: [];
	return {
		data: {
			datasets: [
				{
					type: 'line' as const,
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
			...common,
			parsing: false as const,
			normalized: true,
			scales: {
				y,
				x: {
					type: 'linear' as const,
					min: first,
					max: last,
					ticks: {
						maxTicksLimit: MAX_TICKS,
						maxRotation: 0,
						callback: (value: number | string) => tick(Number(value))
					}
				}
			}
		}
	};
}
