import { describe, expect, it } from 'vitest';
import {
	chartRangeBounds,
	chartSeries,
	dailyMeans,
	metricSeries,
	symptomSeries,
	trendMessageKey,
	trendSummary,
	type SeriesPoint
} from '$lib/domain/journal/trends';
import { lttb } from '$lib/domain/journal/lttb';
import { toEntry } from '$lib/domain/journal/records';

const DAY = 86_400_000;
const NOW = Date.parse('2025-06-15T12:00:00Z');
const daysAgo = (days: number, value: number): SeriesPoint => ({ at: NOW - days * DAY, value });

describe('trendSummary', () => {
	it('compares this week with the week before: average pain 4, down from 6', () => {
		const series = [
			daysAgo(13, 7),
			daysAgo(10, 5),
			daysAgo(8, 6),
			daysAgo(6, 5),
			daysAgo(3, 4),
			daysAgo(1, 3)
		];
		const summary = trendSummary(series, { now: NOW });
		expect(summary).toEqual({
			windowDays: 7,
			current: 4,
			previous: 6,
			currentCount: 3,
			previousCount: 3,
			change: -2,
			direction: 'down'
		});
		expect(trendMessageKey(summary)).toBe('journal_trend_down');
	});

	it('calls small changes stable and needs both windows for a direction', () => {
		const stable = trendSummary([daysAgo(10, 100), daysAgo(2, 103)], { now: NOW });
		expect(stable.direction).toBe('stable');
		expect(
			trendSummary([daysAgo(10, 100), daysAgo(2, 103)], { now: NOW, stableWithin: 1 }).direction
		).toBe('up');
		const onlyCurrent = trendSummary([daysAgo(2, 5)], { now: NOW });
		expect([onlyCurrent.direction, trendMessageKey(onlyCurrent)]).toEqual([
			null,
			'journal_trend_no_previous'
		]);
		expect(trendMessageKey(trendSummary([], { now: NOW }))).toBe('journal_trend_no_data');
	});

	it('supports longer windows and ignores the future', () => {
		const summary = trendSummary([daysAgo(40, 10), daysAgo(20, 20), daysAgo(-1, 99)], {
			now: NOW,
			windowDays: 30
		});
		expect([summary.current, summary.previous, summary.direction]).toEqual([20, 10, 'up']);
	});
});

describe('series', () => {
	const entries = [
		toEntry('b', {
			kind: 'measurement',
			at: NOW - DAY,
			measurement: { type: 'blood-pressure', systolic: 142, diastolic: 88, pulse: 70 }
		}),
		toEntry('a', {
			kind: 'measurement',
			at: NOW - 2 * DAY,
			measurement: { type: 'blood-pressure', systolic: 150, diastolic: 90 }
		}),
		toEntry('c', {
			kind: 'symptom',
			at: NOW,
			symptom: { source: 'catalogue', id: 'fatigue' },
			severity: 4
		}),
		toEntry('d', { kind: 'measurement', at: NOW, measurement: { type: 'heart-rate', value: 64 } })
	];

	it('extracts metric and symptom series oldest first, blood-pressure pulse counting as heart rate', () => {
		expect(metricSeries(entries, 'systolic')).toEqual([
			{ at: NOW - 2 * DAY, value: 150 },
			{ at: NOW - DAY, value: 142 }
		]);
		expect(metricSeries(entries, 'heart-rate').map((p) => p.value)).toEqual([70, 64]);
		expect(symptomSeries(entries, 'fatigue')).toEqual([{ at: NOW, value: 4 }]);
	});

	it('averages per local day', () => {
		const series = [
			{ at: Date.parse('2025-06-14T21:30:00Z'), value: 2 }, // 23:30 Paris, 14 June
			{ at: Date.parse('2025-06-14T22:30:00Z'), value: 6 }, // 00:30 Paris, 15 June
			{ at: Date.parse('2025-06-15T10:00:00Z'), value: 8 }
		];
		expect(dailyMeans(series, 'Europe/Paris')).toEqual([
			{ at: Date.parse('2025-06-13T22:00:00Z'), value: 2 },
			{ at: Date.parse('2025-06-14T22:00:00Z'), value: 7 }
		]);
	});

	it('gives chart ranges starting at local midnight', () => {
		expect(chartRangeBounds(7, NOW, 'Europe/Paris')).toEqual({
			fromMs: Date.parse('2025-06-08T22:00:00Z'),
			toMs: NOW
		});
	});
});

describe('lttb', () => {
	it('keeps a spike and the ends', () => {
		const points = Array.from({ length: 100 }, (_, x) => ({ x, y: x === 42 ? 50 : 1 }));
		const sampled = lttb(points, 10);
		expect(sampled).toHaveLength(10);
		expect(sampled[0]).toBe(points[0]);
		expect(sampled.at(-1)).toBe(points[99]);
		expect(sampled).toContain(points[42]);
	});

	it('returns short inputs whole and handles tiny thresholds', () => {
		const points = [
			{ x: 1, y: 1 },
			{ x: 2, y: 5 },
			{ x: 3, y: 2 }
		];
		expect(lttb(points, 10)).toEqual(points);
		expect(lttb(points, 2)).toEqual([points[0], points[2]]);
		expect(lttb(points, 0)).toEqual([]);
	});
});

describe('chartSeries', () => {
	it('keeps the readings of the range and reduces long series to the point budget', () => {
		const hourly = Array.from({ length: 400 * 24 }, (_, i) => ({
			at: NOW - i * 3_600_000,
			value: i % 7
		})).reverse();
		const week = chartSeries(hourly, 7, NOW, 'UTC', 100);
		expect(week.points.every((p) => p.x >= week.fromMs && p.x <= NOW)).toBe(true);
		expect(week.readingCount).toBe(hourly.filter((p) => p.at >= week.fromMs).length);
		expect([week.points.length, week.downsampled]).toEqual([100, true]);
		const year = chartSeries(hourly, 365, NOW, 'UTC', 500);
		expect(year.points).toHaveLength(500);
		expect(year.points.at(-1)).toEqual({ x: NOW, y: 0 });
		const short = chartSeries(hourly.slice(-10), 7, NOW, 'UTC');
		expect([short.points.length, short.downsampled]).toEqual([10, false]);
	});
});
