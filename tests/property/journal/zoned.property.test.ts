import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	addDays,
	daysBetween,
	instantToZoned,
	zonedToInstant,
	zoneOffsetMs
} from '$lib/domain/time/zoned';

const zones = fc.constantFrom(
	'Europe/Paris',
	'America/New_York',
	'Australia/Sydney',
	'Asia/Kolkata',
	'America/Santiago',
	'UTC'
);
// 2000-01-01 … 2040-01-01, whole minutes.
const instants = fc
	.integer({ min: 15_778_080, max: 36_819_360 })
	.map((minutes) => minutes * 60_000);

describe('zoned time properties', () => {
	it('an instant read as wall-clock time maps back to itself, or to the earlier twin in an overlap', () => {
		fc.assert(
			fc.property(instants, zones, (instant, zone) => {
				const zoned = instantToZoned(instant, zone);
				const back = zonedToInstant(zoned.date, zoned.time, zone);
				expect(back <= instant).toBe(true);
				expect(instantToZoned(back, zone)).toMatchObject({ date: zoned.date, time: zoned.time });
			})
		);
	});

	it('the wall clock of a resolved instant equals the request, or is later by at most the gap', () => {
		fc.assert(
			fc.property(instants, zones, (instant, zone) => {
				const { date, time } = instantToZoned(instant, zone);
				const resolved = zonedToInstant(date, time, zone);
				const local = resolved + zoneOffsetMs(resolved, zone);
				const [h, m] = time.split(':').map(Number);
				const requested = Date.parse(`${date}T00:00:00Z`) + ((h ?? 0) * 60 + (m ?? 0)) * 60_000;
				expect(local - requested).toBeGreaterThanOrEqual(0);
				expect(local - requested).toBeLessThanOrEqual(3_600_000);
			})
		);
	});

	it('addDays and daysBetween agree', () => {
		fc.assert(
			fc.property(instants, fc.integer({ min: -800, max: 800 }), (instant, days) => {
				const date = instantToZoned(instant, 'UTC').date;
				expect(daysBetween(date, addDays(date, days))).toBe(days);
			})
		);
	});
});
