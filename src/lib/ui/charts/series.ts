// Chart series built from journal records, and the plain-language numbers behind each chart's
// summary ("average pain this week 4, down from 6"). Pure; chart.js never sees records.
import { computeAdherence, type AdherencePeriod } from '$lib/domain/journal/adherence';
import {
	displayUnit,
	fromCanonical,
	metricValues,
	type Metric,
	type UnitPreferences
} from '$lib/domain/journal/measurements';
import { symptomKey } from '$lib/domain/journal/symptoms';
import { targetAt } from '$lib/domain/journal/targets';
import { isKind, type JournalRecord, type RecordOf } from '$lib/vault/repos/journal';
import type { Point } from './lttb';

export interface ChartSeries {
	readonly name: string;
	readonly unit: string;
	readonly style: 'line' | 'bar';
	readonly points: readonly Point[];
	/** Points of the period before, for "down from …" (same length of time). */
	readonly previous: readonly Point[];
	readonly target: { readonly low: number | null; readonly high: number | null } | null;
	readonly min?: number;
	readonly max?: number;
	/** Per-point labels for the table (e.g. "Week of 3 March"); dates by default. */
	readonly labels?: readonly string[];
}

export function metricPoints(
	records: readonly JournalRecord[],
	metric: Metric,
	preferences: UnitPreferences
): readonly Point[] {
	const unit = displayUnit(metric, preferences);
	const out: Point[] = [];
	for (const record of records.filter(isKind('measurement'))) {
		for (const v of metricValues(record.body.measurement)) {
			if (v.metric === metric) {
				out.push({ at: record.at, value: Math.round(fromCanonical(v.value, unit) * 10) / 10 });
			}
		}
	}
	return out;
}

export function metricTarget(
	records: readonly JournalRecord[],
	metric: Metric,
	preferences: UnitPreferences,
	at: number
): ChartSeries['target'] {
	const target = targetAt(
		records.filter(isKind('target-range')).map((r) => r.body),
		metric,
		at
	);
	if (!target) return null;
	const unit = displayUnit(metric, preferences);
	const convert = (v: number | null) =>
		v === null ? null : Math.round(fromCanonical(v, unit) * 10) / 10;
	return { low: convert(target.low), high: convert(target.high) };
}

export function symptomPoints(records: readonly JournalRecord[], key: string): readonly Point[] {
	return records
		.filter(isKind('symptom'))
		.filter((r) => symptomKey(r.body.symptom) === key)
		.map((r) => ({ at: r.at, value: r.body.severity }));
}

export function splitPeriods(
	points: readonly Point[],
	from: number,
	now: number
): { readonly current: readonly Point[]; readonly previous: readonly Point[] } {
	const span = now - from;
	return {
		current: points.filter((p) => p.at >= from && p.at <= now),
		previous: points.filter((p) => p.at >= from - span && p.at < from)
	};
}

export function average(points: readonly Point[]): number | null {
	if (points.length === 0) return null;
	return points.reduce((sum, p) => sum + p.value, 0) / points.length;
}

export function countInTarget(points: readonly Point[], target: ChartSeries['target']): number {
	if (!target) return 0;
	return points.filter(
		(p) =>
			(target.low === null || p.value >= target.low) &&
			(target.high === null || p.value <= target.high)
	).length;
}

export interface AdherencePoints {
	readonly points: readonly Point[];
	readonly taken: number;
	readonly scheduled: number;
}

/** Adherence per day/week/month (percent), from medications and dose logs. */
export function adherencePoints(
	records: readonly JournalRecord[],
	from: number,
	now: number,
	timeZone: string,
	period: AdherencePeriod
): AdherencePoints {
	const report = computeAdherence({
		medications: records.filter(isKind('medication')).map((r) => ({ id: r.id, body: r.body })),
		doses: records.filter(isKind('dose')).map((r) => r.body),
		fromMs: from,
		toMs: now,
		now,
		timeZone,
		period
	});
	return {
		points: report.periods
			.filter((p) => p.summary.rate !== null)
			.map((p) => ({
				at: new Date(`${p.start}T12:00:00`).getTime(),
				value: Math.round((p.summary.rate ?? 0) * 100)
			})),
		taken: report.total.onTime + report.total.late,
		scheduled: report.total.scheduled
	};
}

export function goalProgressSeries(
	goal: RecordOf<'goal'>,
	checkIns: readonly RecordOf<'goal-checkin'>[]
): ChartSeries {
	return {
		name: goal.body.text,
		unit: '%',
		style: 'line',
		points: checkIns
			.filter((c) => c.body.progress !== undefined)
			.map((c) => ({ at: c.at, value: c.body.progress ?? 0 })),
		previous: [],
		target: null,
		min: 0,
		max: 100
	};
}
