// Series, chart ranges and trend summaries for the charts and their text alternatives.
// Why: every chart has a sentence ("average pain this week 4, down from 6") and a data table;
// both come from these pure functions so the words always match the picture.
// Invariants: windows are half-open (from, to]; `trendSummary` compares the average of the
// last `windowDays` days with the average of the `windowDays` before; a direction is only given
// when both windows have data, and changes within `stableWithin` count as stable.
import { DAY_MS, appendTo } from './common';
import { metricValues, type Metric } from './measurements';
import type { JournalEntry } from './records';
import { symptomKey } from './symptoms';
import { lttb } from './lttb';
import { addDays, localDateOf, startOfLocalDate } from '../time/zoned';

export interface SeriesPoint {
	readonly at: number;
	readonly value: number;
}

export const CHART_RANGE_DAYS = [7, 30, 90, 365] as const;
export type ChartRangeDays = (typeof CHART_RANGE_DAYS)[number];

/** The window of a chart range ending now: from the start of the local day `days - 1` days ago. */
export const chartRangeBounds = (
	days: ChartRangeDays,
	now: number,
	timeZone: string
): { readonly fromMs: number; readonly toMs: number } => ({
	fromMs: startOfLocalDate(addDays(localDateOf(now, timeZone), 1 - days), timeZone),
	toMs: now
});

const sortByTime = (points: SeriesPoint[]): readonly SeriesPoint[] =>
	points.sort((a, b) => a.at - b.at);

/** All readings of `metric` (canonical units), oldest first. */
export const metricSeries = (
	entries: readonly JournalEntry[],
	metric: Metric
): readonly SeriesPoint[] =>
	sortByTime(
		entries.flatMap((entry) =>
			entry.body.kind === 'measurement'
				? metricValues(entry.body.measurement)
						.filter((v) => v.metric === metric)
						.map((v) => ({ at: entry.at, value: v.value }))
				: []
		)
	);

/** Severities of one symptom (catalogue id, or `custom:<id>`), oldest first. */
export const symptomSeries = (
	entries: readonly JournalEntry[],
	key: string
): readonly SeriesPoint[] =>
	sortByTime(
		entries.flatMap((entry) =>
			entry.body.kind === 'symptom' && symptomKey(entry.body.symptom) === key
				? [{ at: entry.at, value: entry.body.severity }]
				: []
		)
	);

/** Points with `from < at <= to`. */
export const inWindow = (
	series: readonly SeriesPoint[],
	from: number,
	to: number
): readonly SeriesPoint[] => series.filter((p) => p.at > from && p.at <= to);

export const mean = (values: readonly number[]): number | null =>
	values.length === 0 ? null : values.reduce((sum, v) => sum + v, 0) / values.length;

export type TrendDirection = 'up' | 'down' | 'stable';

const FLOAT_SLACK = 1e-9;

export interface TrendSummary {
	readonly windowDays: number;
	readonly current: number | null;
	readonly previous: number | null;
	readonly currentCount: number;
	readonly previousCount: number;
	readonly change: number | null;
	readonly direction: TrendDirection | null;
}

export interface TrendWindow {
	readonly now: number;
	readonly windowDays?: number;
	/** Largest absolute change still called stable; defaults to 5 % of the previous average. */
	readonly stableWithin?: number;
}

/** Average over the last window versus the window before, and the direction of change. */
export const trendSummary = (series: readonly SeriesPoint[], window: TrendWindow): TrendSummary => {
	const windowDays = window.windowDays ?? 7;
	const span = windowDays * DAY_MS;
	const currentPoints = inWindow(series, window.now - span, window.now);
	const previousPoints = inWindow(series, window.now - 2 * span, window.now - span);
	const current = mean(currentPoints.map((p) => p.value));
	const previous = mean(previousPoints.map((p) => p.value));
	const change = current === null || previous === null ? null : current - previous;
	let direction: TrendDirection | null = null;
	if (change !== null && previous !== null) {
		// A hair of slack so floating-point noise in the averages never flips a direction.
		const tolerance = (window.stableWithin ?? Math.abs(previous) * 0.05) + FLOAT_SLACK;
		direction = Math.abs(change) <= tolerance ? 'stable' : change > 0 ? 'up' : 'down';
	}
	return {
		windowDays,
		current,
		previous,
		currentCount: currentPoints.length,
		previousCount: previousPoints.length,
		change,
		direction
	};
};

/**
 * The message key for a trend sentence; the UI passes `{metric}` (its localized name), `{days}`,
 * and `{current}`/`{previous}` formatted for the locale and unit.
 */
export const trendMessageKey = (summary: TrendSummary): string => {
	if (summary.current === null) return 'journal_trend_no_data';
	switch (summary.direction) {
		case null:
			return 'journal_trend_no_previous';
		case 'up':
			return 'journal_trend_up';
		case 'down':
			return 'journal_trend_down';
		case 'stable':
			return 'journal_trend_stable';
	}
};

/** Daily averages in local days (the point sits at the start of the day), for long ranges. */
export const dailyMeans = (
	series: readonly SeriesPoint[],
	timeZone: string
): readonly SeriesPoint[] => {
	const byDay = new Map<string, number[]>();
	for (const point of series) {
		const day = localDateOf(point.at, timeZone);
		appendTo(byDay, day, point.value);
	}
	return sortByTime(
		[...byDay].map(([day, values]) => ({
			at: startOfLocalDate(day, timeZone),
			value: mean(values) ?? 0
		}))
	);
};

/** Chart.js-shaped points. */
export const toChartPoints = (
	series: readonly SeriesPoint[]
): readonly { readonly x: number; readonly y: number }[] =>
	series.map((p) => ({ x: p.at, y: p.value }));

export interface ChartSeries {
	readonly fromMs: number;
	readonly toMs: number;
	readonly points: readonly { readonly x: number; readonly y: number }[];
	/** How many readings the range holds before any reduction (for the data-table caption). */
	readonly readingCount: number;
	readonly downsampled: boolean;
}

/**
 * The points of a chart for a range ending now: readings in the range, reduced with LTTB to at
 * most `maxPoints` (default 240) when there are more.
 */
export const chartSeries = (
	series: readonly SeriesPoint[],
	days: ChartRangeDays,
	now: number,
	timeZone: string,
	maxPoints = 240
): ChartSeries => {
	const { fromMs, toMs } = chartRangeBounds(days, now, timeZone);
	const readings = series.filter((p) => p.at >= fromMs && p.at <= toMs);
	const points = toChartPoints(readings);
	const reduced = lttb(points, maxPoints);
	return {
		fromMs,
		toMs,
		points: reduced,
		readingCount: readings.length,
		downsampled: reduced.length < points.length
	};
};
