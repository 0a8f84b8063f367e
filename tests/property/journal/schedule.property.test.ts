import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expandSchedule, type Schedule } from '$lib/domain/time/schedule';
import { instantToZoned } from '$lib/domain/time/zoned';

const zones = fc.constantFrom('Europe/Paris', 'America/New_York', 'Australia/Sydney', 'UTC');
const times = fc
	.uniqueArray(
		fc.record({ h: fc.integer({ min: 0, max: 23 }), m: fc.constantFrom(0, 15, 30, 45) }),
		{ minLength: 1, maxLength: 4, selector: (t) => t.h * 60 + t.m }
	)
	.map((list) =>
		list.map(({ h, m }) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`)
	);
const schedules: fc.Arbitrary<Schedule> = fc.oneof(
	times.map((t): Schedule => ({ type: 'daily', times: t })),
	fc
		.record({
			days: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
			times
		})
		.map(({ days, times: t }): Schedule => ({ type: 'weekly', days, times: t })),
	fc
		.record({
			everyHours: fc.integer({ min: 1, max: 48 }),
			anchor: fc.integer({ min: 0, max: 1e7 })
		})
		.map(({ everyHours, anchor }): Schedule => ({
			type: 'interval',
			everyHours,
			anchorAt: 1_735_689_600_000 + anchor * 60_000
		}))
);
// 2025, a year with both changes in all listed zones.
const windowStart = fc.integer({ min: 1_735_689_600_000, max: 1_764_000_000_000 });
const DAY = 86_400_000;

describe('schedule expansion properties', () => {
	it('splitting a window in two gives the same slots with the same ids', () => {
		fc.assert(
			fc.property(
				schedules,
				zones,
				windowStart,
				fc.integer({ min: 1, max: 20 * DAY }),
				fc.integer({ min: 1, max: 20 * DAY }),
				(schedule, zone, from, first, second) => {
					const medication = { medicationId: 'm', schedule, startAt: 0, stopAt: null };
					const whole = expandSchedule(medication, from, from + first + second, zone);
					const parts = [
						...expandSchedule(medication, from, from + first, zone),
						...expandSchedule(medication, from + first, from + first + second, zone)
					];
					expect(parts).toEqual(whole);
				}
			),
			{ numRuns: 60 }
		);
	});

	it('slot ids are unique, slots are sorted and inside the window', () => {
		fc.assert(
			fc.property(schedules, zones, windowStart, (schedule, zone, from) => {
				const to = from + 40 * DAY;
				const slots = expandSchedule(
					{ medicationId: 'm', schedule, startAt: 0, stopAt: null },
					from,
					to,
					zone
				);
				expect(new Set(slots.map((s) => s.id)).size).toBe(slots.length);
				for (const [index, slot] of slots.entries()) {
					expect(slot.scheduledAt >= from && slot.scheduledAt < to).toBe(true);
					if (index > 0)
						expect(slot.scheduledAt).toBeGreaterThanOrEqual(slots[index - 1]?.scheduledAt ?? 0);
				}
			}),
			{ numRuns: 60 }
		);
	});

	it('wall-clock doses happen at their local time, or later by the gap when it does not exist', () => {
		fc.assert(
			fc.property(times, zones, windowStart, (t, zone, from) => {
				const slots = expandSchedule(
					{ medicationId: 'm', schedule: { type: 'daily', times: t }, startAt: 0, stopAt: null },
					from,
					from + 30 * DAY,
					zone
				);
				expect(slots.length).toBeGreaterThanOrEqual(29 * t.length);
				for (const slot of slots) {
					const actual = instantToZoned(slot.scheduledAt, zone);
					if (actual.time !== slot.localTime) {
						const shift =
							Date.parse(`${actual.date}T${actual.time}Z`) -
							Date.parse(`${slot.localDate}T${slot.localTime}Z`);
						expect(shift).toBeGreaterThan(0);
						expect(shift).toBeLessThanOrEqual(3_600_000);
					}
				}
			}),
			{ numRuns: 60 }
		);
	});
});

describe('travel policy properties', () => {
	it('keeping home instants gives the same instants wherever the person is', () => {
		fc.assert(
			fc.property(schedules, zones, zones, windowStart, (schedule, home, here, from) => {
				const medication = { medicationId: 'm', schedule, startAt: 0, stopAt: null };
				const policy = { mode: 'keep-home-instants', homeTimeZone: home } as const;
				const away = expandSchedule(medication, from, from + 10 * DAY, here, policy);
				const atHome = expandSchedule(medication, from, from + 10 * DAY, home);
				expect(away).toEqual(atHome);
			}),
			{ numRuns: 40 }
		);
	});
});
