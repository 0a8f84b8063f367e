import { describe, expect, it } from 'vitest';
import {
	addDays,
	addMonths,
	daysBetween,
	instantToZoned,
	isLocalDate,
	isValidTimeZone,
	localDatesBetween,
	startOfLocalDay,
	startOfMonth,
	startOfWeek,
	weekdayOf,
	zonedToInstant
} from '$lib/domain/time/zoned';

const utc = (iso: string): number => Date.parse(iso);

describe('zonedToInstant', () => {
	it('maps Paris wall-clock times to UTC in winter and summer', () => {
		expect(zonedToInstant('2025-01-15', '08:00', 'Europe/Paris')).toBe(utc('2025-01-15T07:00:00Z'));
		expect(zonedToInstant('2025-07-15', '08:00', 'Europe/Paris')).toBe(utc('2025-07-15T06:00:00Z'));
	});

	it('shifts a time inside the spring-forward gap forward by the gap (Paris 30 March 2025)', () => {
		// 02:30 does not exist in Paris that night; the clock jumps from 02:00 to 03:00.
		expect(zonedToInstant('2025-03-30', '02:30', 'Europe/Paris')).toBe(utc('2025-03-30T01:30:00Z'));
		expect(
			instantToZoned(zonedToInstant('2025-03-30', '02:30', 'Europe/Paris'), 'Europe/Paris')
		).toMatchObject({ date: '2025-03-30', time: '03:30' });
	});

	it('takes the first occurrence of a time inside the fall-back overlap (Paris 26 October 2025)', () => {
		// 02:30 happens twice: at 00:30 UTC (CEST) and 01:30 UTC (CET).
		expect(zonedToInstant('2025-10-26', '02:30', 'Europe/Paris')).toBe(utc('2025-10-26T00:30:00Z'));
	});

	it('handles New York changes (9 March and 2 November 2025)', () => {
		expect(zonedToInstant('2025-03-09', '02:30', 'America/New_York')).toBe(
			utc('2025-03-09T07:30:00Z')
		);
		expect(zonedToInstant('2025-11-02', '01:30', 'America/New_York')).toBe(
			utc('2025-11-02T05:30:00Z')
		);
		expect(zonedToInstant('2025-11-02', '08:00', 'America/New_York')).toBe(
			utc('2025-11-02T13:00:00Z')
		);
	});

	it('works in zones without daylight saving and with half-hour offsets', () => {
		expect(zonedToInstant('2025-06-01', '12:00', 'Asia/Kolkata')).toBe(utc('2025-06-01T06:30:00Z'));
		expect(zonedToInstant('2025-06-01', '12:00', 'UTC')).toBe(utc('2025-06-01T12:00:00Z'));
	});
});

describe('instantToZoned', () => {
	it('gives local date, time, ISO weekday and offset', () => {
		const zoned = instantToZoned(utc('2025-03-30T23:30:00Z'), 'Europe/Paris');
		expect(zoned).toEqual({ date: '2025-03-31', time: '01:30', weekday: 1, offsetMs: 7_200_000 });
	});
});

describe('local dates', () => {
	it('adds days and months across month and year ends, clamping the day', () => {
		expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
		expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
		expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
		expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
		expect(addMonths('2025-11-15', 3)).toBe('2026-02-15');
	});

	it('knows ISO weeks and month starts', () => {
		expect(weekdayOf('2025-03-30')).toBe(7);
		expect(startOfWeek('2025-03-30')).toBe('2025-03-24');
		expect(startOfWeek('2025-03-24')).toBe('2025-03-24');
		expect(startOfMonth('2025-03-30')).toBe('2025-03-01');
	});

	it('counts and lists days', () => {
		expect(daysBetween('2025-03-28', '2025-04-02')).toBe(5);
		expect(localDatesBetween('2025-02-27', '2025-03-01')).toEqual([
			'2025-02-27',
			'2025-02-28',
			'2025-03-01'
		]);
		expect(localDatesBetween('2025-03-02', '2025-03-01')).toEqual([]);
	});

	it('validates dates and zones', () => {
		expect(isLocalDate('2025-02-29')).toBe(false);
		expect(isLocalDate('2024-02-29')).toBe(true);
		expect(isValidTimeZone('Europe/Paris')).toBe(true);
		expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
	});

	it('finds the start of a 23-hour local day', () => {
		expect(startOfLocalDay(utc('2025-03-30T12:00:00Z'), 'Europe/Paris')).toBe(
			utc('2025-03-29T23:00:00Z')
		);
	});
});
