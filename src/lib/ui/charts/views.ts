// What one chart shows, in the person's units and words, built from the domain's series, trend
// summaries, targets and adherence. Why: the chart, its sentence and its table must come from the
// same numbers, and every number from the tested domain functions (no second copy here).
// Invariant: `points` are every reading in the range (the table shows them all); only the drawing
// thins them (LTTB, in ChartPanel).
import { m } from '$lib/paraglide/messages.js';
import { computeAdherence, type AdherencePeriod } from '$lib/domain/journal/adherence';
import { DAY_MS } from '$lib/domain/journal/common';
import {
	displayUnit,
	fromCanonical,
	type Metric,
	type UnitPreferences
} from '$lib/domain/journal/measurements';
import type { JournalEntry } from '$lib/domain/journal/records';
import { classifySeries, targetAt, type TargetRangeBody } from '$lib/domain/journal/targets';
import {
	chartRangeBounds,
	metricSeries,
	symptomSeries,
	trendSummary,
	type ChartRangeDays,
	type SeriesPoint
} from '$lib/domain/journal/trends';
import { getLocale } from '$lib/paraglide/runtime.js';
import { formatNumber } from '../format';
import { unitLabel } from '../journal/catalogue-text';
import { trendText } from '../journal/catalogue-detail-text';

export interface ChartView {
	readonly name: string;
	readonly unit: string;
	readonly style: 'line' | 'bar';
	readonly points: readonly SeriesPoint[];
	readonly target: { readonly low: number | null; readonly high: number | null } | null;
	readonly min?: number;
	readonly max?: number;
	/** Per-point labels for the table (e.g. "Week of 3 March"); dates by default. */
	readonly labels?: readonly string[];
	readonly summary: readonly string[];
}

export interface RangeContext {
	readonly days: ChartRangeDays;
	readonly now: number;
	readonly timeZone: string;
}

/** How far back a chart's query must reach: its range and the range before (for the trend). */
export const queryFrom = (range: RangeContext): number =>
	chartRangeBounds(range.days, range.now, range.timeZone).fromMs - range.days * DAY_MS;

const fmt = (value: number) => formatNumber(value, { maximumFractionDigits: 1 });
const round1 = (value: number) => Math.round(value * 10) / 10;

function trendSentence(
	series: readonly SeriesPoint[],
	name: string,
	unit: string,
	range: RangeContext
) {
	const summary = trendSummary(series, { now: range.now, windowDays: range.days });
	const withUnit = (value: number | null) => (value === null ? '' : `${fmt(value)} ${unit}`);
	return trendText(summary, {
		metric: name,
		days: range.days,
		current: withUnit(summary.current),
		previous: withUnit(summary.previous)
	});
}

function inRange(series: readonly SeriesPoint[], range: RangeContext): readonly SeriesPoint[] {
	const { fromMs, toMs } = chartRangeBounds(range.days, range.now, range.timeZone);
	return series.filter((p) => p.at >= fromMs && p.at <= toMs);
}

function rangeText(target: NonNullable<ChartView['target']>, unit: string): string {
	const range =
		target.low !== null && target.high !== null
			? m.jui_range_between({ low: fmt(target.low), high: fmt(target.high) })
			: target.high !== null
				? m.jui_range_at_most({ high: fmt(target.high) })
				: m.jui_range_at_least({ low: fmt(target.low ?? 0) });
	return `${range} ${unit}`;
}

/** A measurement chart: readings in the person's unit, the target in force now, a trend sentence. */
export function metricView(
	entries: readonly JournalEntry[],
	targets: readonly TargetRangeBody[],
	metric: Metric,
	name: string,
	preferences: UnitPreferences,
	range: RangeContext
): ChartView {
	return metricSeriesView(metricSeries(entries, metric), targets, metric, name, preferences, range);
}

/** `metricView` from the metric's readings (canonical units, oldest first) instead of entries. */
export function metricSeriesView(
	canonical: readonly SeriesPoint[],
	targets: readonly TargetRangeBody[],
	metric: Metric,
	name: string,
	preferences: UnitPreferences,
	range: RangeContext
): ChartView {
	const unitCode = displayUnit(metric, preferences);
	const unit = unitLabel(unitCode);
	const toShown = (p: SeriesPoint) => ({
		at: p.at,
		value: round1(fromCanonical(p.value, unitCode))
	});
	const shownSeries = canonical.map(toShown);
	const points = inRange(shownSeries, range);
	const current = targetAt(targets, metric, range.now);
	const target =
		current === null
			? null
			: {
					low: current.low === null ? null : round1(fromCanonical(current.low, unitCode)),
					high: current.high === null ? null : round1(fromCanonical(current.high, unitCode))
				};
	const summary = [trendSentence(shownSeries, name, unit, range)];
	if (target && points.length > 0) {
		const counts = classifySeries(inRange(canonical, range), targets, metric);
		summary.push(
			m.jui_chart_in_target({ inside: counts.in, count: points.length - counts.untargeted })
		);
		summary.push(m.jui_chart_target_band({ range: rangeText(target, unit) }));
	}
	return { name, unit, style: 'line', points, target, summary };
}

/** A symptom chart: severities 0–10 with a trend sentence. */
export function symptomView(
	entries: readonly JournalEntry[],
	key: string,
	name: string,
	range: RangeContext
): ChartView {
	return symptomSeriesView(symptomSeries(entries, key), name, range);
}

/** `symptomView` from the symptom's severities (oldest first) instead of entries. */
export function symptomSeriesView(
	series: readonly SeriesPoint[],
	name: string,
	range: RangeContext
): ChartView {
	return {
		name,
		unit: '/10',
		style: 'line',
		points: inRange(series, range),
		target: null,
		min: 0,
		max: 10,
		summary: [trendSentence(series, name, '/10', range)]
	};
}

/** Scheduled doses taken per day, week or month (percent), from the domain's adherence report. */
export function adherenceView(
	entries: readonly JournalEntry[],
	period: AdherencePeriod,
	periodLabel: string,
	range: RangeContext
): ChartView {
	const { fromMs, toMs } = chartRangeBounds(range.days, range.now, range.timeZone);
	const report = computeAdherence({
		medications: entries.flatMap((e) =>
			e.body.kind === 'medication' ? [{ id: e.id, body: e.body }] : []
		),
		doses: entries.flatMap((e) => (e.body.kind === 'dose' ? [e.body] : [])),
		fromMs,
		toMs,
		now: range.now,
		timeZone: range.timeZone,
		period
	});
	const points = report.periods.flatMap((p) =>
		p.summary.rate === null
			? []
			: [{ at: new Date(`${p.start}T12:00:00`).getTime(), value: Math.round(p.summary.rate * 100) }]
	);
	const dates = new Intl.DateTimeFormat(getLocale(), { dateStyle: 'medium' });
	const taken = report.total.onTime + report.total.late;
	const scheduled = report.total.scheduled;
	return {
		name: m.jui_adherence_title(),
		unit: '%',
		style: 'bar',
		points,
		target: null,
		min: 0,
		max: 100,
		labels: points.map((p) => dates.format(p.at)),
		summary:
			scheduled === 0
				? [m.jui_adherence_none()]
				: [
						m.jui_adherence_summary({
							percent: formatNumber(taken / scheduled, { style: 'percent' }),
							period: periodLabel,
							taken,
							scheduled
						})
					]
	};
}

/** A goal's progress (0–100 %) over its check-ins. */
export function goalProgressView(
	text: string,
	checkIns: readonly { readonly at: number; readonly body: { readonly progress?: number } }[]
): ChartView {
	return {
		name: text,
		unit: '%',
		style: 'line',
		points: checkIns.flatMap((c) =>
			c.body.progress === undefined ? [] : [{ at: c.at, value: c.body.progress }]
		),
		target: null,
		min: 0,
		max: 100,
		summary: []
	};
}
