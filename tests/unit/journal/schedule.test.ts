import { describe, expect, it } from 'vitest';
import {
	expandSchedule,
	scheduleSchema,
	type Schedule,
	type ScheduledMedication
} from '$lib/domain/time/schedule';
import { instantToZoned } from '$lib/domain/time/zoned';

const utc = (iso: string): number => Date.parse(iso);
const med = (
	schedule: Schedule,
	extra: Partial<ScheduledMedication> = {}
): ScheduledMedication => ({
	medicationId: 'med-a',
	schedule,
	startAt: 0,
	stopAt: null,
	...extra
});

describe('expandSchedule — wall-clock schedules across daylight saving', () => {
	it('keeps an 08:00 Paris dose at 08:00 local across the March change', () => {
		const slots = expandSchedule(
			med({ type: 'daily', times: ['08:00'] }),
			utc('2025-03-29T00:00:00Z'),
			utc('2025-04-01T00:00:00Z'),
			'Europe/Paris'
		);
		expect(slots.map((s) => s.scheduledAt)).toEqual([
			utc('2025-03-29T07:00:00Z'),
			utc('2025-03-30T06:00:00Z'),
			utc('2025-03-31T06:00:00Z')
		]);
		expect(slots.map((s) => s.id)).toEqual([
			'med-a:2025-03-29T08:00',
			'med-a:2025-03-30T08:00',
			'med-a:2025-03-31T08:00'
		]);
		for (const slot of slots)
			expect(instantToZoned(slot.scheduledAt, 'Europe/Paris').time).toBe('08:00');
	});

	it('keeps 08:00 across the October change in Paris and November in New York', () => {
		const paris = expandSchedule(
			med({ type: 'daily', times: ['08:00'] }),
			utc('2025-10-25T00:00:00Z'),
			utc('2025-10-27T00:00:00Z'),
			'Europe/Paris'
		);
		expect(paris.map((s) => s.scheduledAt)).toEqual([
			utc('2025-10-25T06:00:00Z'),
			utc('2025-10-26T07:00:00Z')
		]);
		const newYork = expandSchedule(
			med({ type: 'daily', times: ['08:00'] }),
			utc('2025-11-01T00:00:00Z'),
			utc('2025-11-03T00:00:00Z'),
			'America/New_York'
		);
		expect(newYork.map((s) => s.scheduledAt)).toEqual([
			utc('2025-11-01T12:00:00Z'),
			utc('2025-11-02T13:00:00Z')
		]);
	});

	it('shifts a dose in the spring gap forward, and gives an overlap dose once', () => {
		const spring = expandSchedule(
			med({ type: 'daily', times: ['02:30'] }),
			utc('2025-03-30T00:00:00Z'),
			utc('2025-03-30T12:00:00Z'),
			'Europe/Paris'
		);
		expect(spring).toEqual([
			expect.objectContaining({
				id: 'med-a:2025-03-30T02:30',
				scheduledAt: utc('2025-03-30T01:30:00Z'),
				localTime: '02:30'
			})
		]);
		const autumn = expandSchedule(
			med({ type: 'daily', times: ['02:30'] }),
			utc('2025-10-25T22:00:00Z'),
			utc('2025-10-26T12:00:00Z'),
			'Europe/Paris'
		);
		expect(autumn.map((s) => s.scheduledAt)).toEqual([utc('2025-10-26T00:30:00Z')]);
	});
});

describe('expandSchedule — kinds of schedule', () => {
	it('keeps only the chosen weekdays', () => {
		const slots = expandSchedule(
			med({ type: 'weekly', days: [1, 4], times: ['09:00'] }),
			utc('2025-06-01T00:00:00Z'), // a Sunday
			utc('2025-06-15T00:00:00Z'),
			'UTC'
		);
		expect(slots.map((s) => s.localDate)).toEqual([
			'2025-06-02',
			'2025-06-05',
			'2025-06-09',
			'2025-06-12'
		]);
	});

	it('spaces interval doses exactly, even across the fall-back hour, with unique ids', () => {
		const slots = expandSchedule(
			med({ type: 'interval', everyHours: 1, anchorAt: utc('2025-10-25T20:30:00Z') }),
			utc('2025-10-25T22:00:00Z'),
			utc('2025-10-26T04:00:00Z'),
			'Europe/Paris'
		);
		expect(slots).toHaveLength(6);
		slots.slice(1).forEach((slot, index) => {
			expect(slot.scheduledAt - (slots[index]?.scheduledAt ?? 0)).toBe(3_600_000);
		});
		expect(new Set(slots.map((s) => s.id)).size).toBe(6);
		expect(slots.map((s) => s.id)).toContain('med-a:2025-10-26T02:30+1');
	});

	it('has no slots for as-needed medications', () => {
		expect(
			expandSchedule(
				med({ type: 'as-needed', maxPerDay: 4 }),
				0,
				utc('2025-01-10T00:00:00Z'),
				'UTC'
			)
		).toEqual([]);
	});

	it('respects start and stop: stopping removes later slots and keeps earlier ones', () => {
		const schedule: Schedule = { type: 'daily', times: ['08:00', '20:00'] };
		const from = utc('2025-05-01T00:00:00Z');
		const to = utc('2025-05-06T00:00:00Z');
		const running = expandSchedule(med(schedule), from, to, 'UTC');
		const stopAt = utc('2025-05-03T12:00:00Z');
		const startAt = utc('2025-05-02T00:00:00Z');
		const stopped = expandSchedule(med(schedule, { startAt, stopAt }), from, to, 'UTC');
		expect(stopped).toEqual(
			running.filter((s) => s.scheduledAt >= startAt && s.scheduledAt < stopAt)
		);
		expect(stopped).toHaveLength(3);
	});
});

describe('expandSchedule — travelling', () => {
	const schedule: Schedule = { type: 'daily', times: ['08:00'] };
	const from = utc('2025-07-10T00:00:00Z');
	const to = utc('2025-07-12T00:00:00Z');

	it('by default follows the wall clock of the zone the person is in', () => {
		const slots = expandSchedule(med(schedule), from, to, 'America/New_York');
		expect(slots.map((s) => s.scheduledAt)).toEqual([
			utc('2025-07-10T12:00:00Z'),
			utc('2025-07-11T12:00:00Z')
		]);
	});

	it('can keep the home zone instants', () => {
		const slots = expandSchedule(med(schedule), from, to, 'America/New_York', {
			mode: 'keep-home-instants',
			homeTimeZone: 'Europe/Paris'
		});
		expect(slots.map((s) => s.scheduledAt)).toEqual([
			utc('2025-07-10T06:00:00Z'),
			utc('2025-07-11T06:00:00Z')
		]);
		expect(slots[0]?.timeZone).toBe('Europe/Paris');
	});
});

describe('scheduleSchema', () => {
	it('refuses duplicate times and empty day lists with message keys', () => {
		const duplicate = scheduleSchema.safeParse({ type: 'daily', times: ['08:00', '08:00'] });
		expect(duplicate.error?.issues[0]?.message).toBe('journal_error_schedule_duplicate_time');
		const noDays = scheduleSchema.safeParse({ type: 'weekly', days: [], times: ['08:00'] });
		expect(noDays.error?.issues[0]?.message).toBe('journal_error_schedule_days_required');
		const badTime = scheduleSchema.safeParse({ type: 'daily', times: ['24:00'] });
		expect(badTime.error?.issues[0]?.message).toBe('journal_error_time_of_day_invalid');
	});

	it('takes ISO weekdays 1–7 only, and every 1 to 72 hours', () => {
		const weekly = (days: number[]) =>
			scheduleSchema.safeParse({ type: 'weekly', days, times: ['08:00'] });
		expect(weekly([1, 7]).success).toBe(true);
		for (const day of [0, 8, 1.5]) {
			expect(weekly([day]).error?.issues[0]?.message).toBe('journal_error_weekday_invalid');
		}
		const every = (everyHours: number) =>
			scheduleSchema.safeParse({ type: 'interval', everyHours, anchorAt: 0 });
		expect(every(1).success).toBe(true);
		expect(every(72).success).toBe(true);
		for (const hours of [0, 73]) {
			expect(every(hours).error?.issues[0]?.message).toBe('journal_error_schedule_interval_range');
		}
	});
});
