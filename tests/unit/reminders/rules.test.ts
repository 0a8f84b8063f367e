import { describe, expect, it } from 'vitest';
import {
	createOpaqueIdMinter,
	expandReminders,
	indexByOpaqueId,
	missedReminders,
	snoozeChoiceSchema,
	snoozeOccurrence,
	toPushSchedule,
	type ReminderOccurrence
} from '../../../src/lib/domain/reminders';
import { instantToZoned } from '../../../src/lib/domain/time/zoned';
import { context, medication, mint, sources } from './factories';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const local = (instant: number, zone: string): string => {
	const z = instantToZoned(instant, zone);
	return `${z.date} ${z.time}`;
};
const iso = (instant: number): string => new Date(instant).toISOString().slice(0, 16);

const dailyAt = (...times: string[]) => medication({ type: 'daily', times });

describe('medication reminders across daylight-saving changes', () => {
	it('keeps an 08:00 dose at 08:00 in Paris over the March change', () => {
		const from = Date.UTC(2025, 2, 28);
		const result = expandReminders(
			sources({ medications: [dailyAt('08:00')] }),
			context('Europe/Paris'),
			from,
			from + 4 * DAY,
			mint
		);
		expect(result.map((o) => local(o.fireAt, 'Europe/Paris'))).toEqual([
			'2025-03-28 08:00',
			'2025-03-29 08:00',
			'2025-03-30 08:00',
			'2025-03-31 08:00'
		]);
		expect(result.map((o) => iso(o.fireAt))).toEqual([
			'2025-03-28T07:00',
			'2025-03-29T07:00',
			'2025-03-30T06:00',
			'2025-03-31T06:00'
		]);
	});

	it('keeps an 08:00 dose at 08:00 in Paris over the October change', () => {
		const from = Date.UTC(2025, 9, 25);
		const result = expandReminders(
			sources({ medications: [dailyAt('08:00')] }),
			context('Europe/Paris'),
			from,
			from + 3 * DAY,
			mint
		);
		expect(result.map((o) => iso(o.fireAt))).toEqual([
			'2025-10-25T06:00',
			'2025-10-26T07:00',
			'2025-10-27T07:00'
		]);
	});

	it('shifts a dose inside the spring-forward gap forward and rings an overlap dose once', () => {
		const march = expandReminders(
			sources({ medications: [dailyAt('02:30')] }),
			context('Europe/Paris'),
			Date.UTC(2025, 2, 29, 12),
			Date.UTC(2025, 2, 31, 12),
			mint
		);
		expect(march.map((o) => local(o.fireAt, 'Europe/Paris'))).toEqual([
			'2025-03-30 03:30',
			'2025-03-31 02:30'
		]);
		const october = expandReminders(
			sources({ medications: [dailyAt('02:30')] }),
			context('Europe/Paris'),
			Date.UTC(2025, 9, 25, 12),
			Date.UTC(2025, 9, 26, 12),
			mint
		);
		expect(october.map((o) => iso(o.fireAt))).toEqual(['2025-10-26T00:30']);
	});

	it('keeps 08:00 and 21:00 in New York over both changes', () => {
		const zone = 'America/New_York';
		for (const [start, offsets] of [
			[Date.UTC(2025, 2, 8, 5), ['13:00', '02:00', '12:00', '01:00']],
			[Date.UTC(2025, 10, 1, 4), ['12:00', '01:00', '13:00', '02:00']]
		] as const) {
			const result = expandReminders(
				sources({ medications: [dailyAt('08:00', '21:00')] }),
				context(zone),
				start,
				start + 2 * DAY,
				mint
			);
			expect(result.map((o) => local(o.fireAt, zone).slice(11))).toEqual([
				'08:00',
				'21:00',
				'08:00',
				'21:00'
			]);
			expect(result.map((o) => iso(o.fireAt).slice(11))).toEqual(offsets);
		}
	});

	it('keeps an every-8-hours schedule on exact instants and never rings as-needed', () => {
		const anchorAt = Date.UTC(2025, 2, 29, 6);
		const result = expandReminders(
			sources({
				medications: [
					medication({ type: 'interval', everyHours: 8, anchorAt }),
					medication({ type: 'as-needed' }, { medicationId: 'paracetamol' })
				]
			}),
			context('Europe/Paris'),
			anchorAt,
			anchorAt + 2 * DAY,
			mint
		);
		expect(result).toHaveLength(6);
		expect(result.map((o) => o.fireAt - anchorAt)).toEqual(
			[0, 8, 16, 24, 32, 40].map((h) => h * HOUR)
		);
	});
});

describe('travel', () => {
	const from = Date.UTC(2025, 5, 10, 4);
	const medications = [dailyAt('08:00')];

	it('follows the local time where the person is by default', () => {
		const result = expandReminders(
			sources({ medications }),
			context('America/New_York'),
			from,
			from + DAY,
			mint
		);
		expect(result.map((o) => local(o.fireAt, 'America/New_York'))).toEqual(['2025-06-10 08:00']);
	});

	it('keeps the home time zone when the person chose so', () => {
		const result = expandReminders(
			sources({ medications }),
			context('America/New_York', {
				travel: { mode: 'keep-home-instants', homeTimeZone: 'Europe/Paris' }
			}),
			from,
			from + DAY,
			mint
		);
		expect(result.map((o) => local(o.fireAt, 'America/New_York'))).toEqual(['2025-06-10 02:00']);
		expect(result.map((o) => local(o.fireAt, 'Europe/Paris'))).toEqual(['2025-06-10 08:00']);
	});

	it('does not move appointments with the traveller', () => {
		const startsAt = Date.UTC(2025, 5, 10, 14);
		const appointment = { appointmentId: 'cardio', startsAt, durationMinutes: 30, leadMinutes: 60 };
		for (const zone of ['Europe/Paris', 'Asia/Tokyo']) {
			const [occurrence] = expandReminders(
				sources({ appointments: [appointment] }),
				context(zone),
				from,
				from + DAY,
				mint
			);
			expect(occurrence?.fireAt).toBe(startsAt - HOUR);
			expect(occurrence?.dueAt).toBe(startsAt);
		}
	});
});

describe('quiet hours 22:00–07:00', () => {
	const quietHours = { start: '22:00', end: '07:00' };
	const zone = 'Europe/Paris';

	it('defers doses before and after midnight to 07:00 and leaves others alone', () => {
		const from = Date.UTC(2025, 4, 12, 4);
		const result = expandReminders(
			sources({ medications: [dailyAt('06:30', '07:00', '21:59', '23:15')] }),
			context(zone, { quietHours }),
			from,
			from + DAY,
			mint
		);
		const pairs = result.map((o) => [local(o.dueAt, zone), local(o.fireAt, zone)]);
		expect(pairs.sort()).toEqual([
			['2025-05-11 23:15', '2025-05-12 07:00'],
			['2025-05-12 06:30', '2025-05-12 07:00'],
			['2025-05-12 07:00', '2025-05-12 07:00'],
			['2025-05-12 21:59', '2025-05-12 21:59']
		]);
		const next = expandReminders(
			sources({ medications: [dailyAt('23:15')] }),
			context(zone, { quietHours }),
			from + 12 * HOUR,
			from + 36 * HOUR,
			mint
		);
		expect(next.map((o) => [local(o.dueAt, zone), local(o.fireAt, zone)])).toEqual([
			['2025-05-12 23:15', '2025-05-13 07:00']
		]);
	});

	it('brings last night’s deferred dose into a window that starts in the morning', () => {
		const from = Date.UTC(2025, 4, 13, 4);
		const result = expandReminders(
			sources({ medications: [dailyAt('23:15')] }),
			context(zone, { quietHours }),
			from,
			from + 6 * HOUR,
			mint
		);
		expect(result.map((o) => local(o.fireAt, zone))).toEqual(['2025-05-13 07:00']);
		expect(local(result[0]?.dueAt ?? 0, zone)).toBe('2025-05-12 23:15');
	});

	it('ends quiet hours at 07:00 local on the night the clocks go back', () => {
		const from = Date.UTC(2025, 9, 25, 12);
		const result = expandReminders(
			sources({ medications: [dailyAt('23:00')] }),
			context(zone, { quietHours }),
			from,
			from + DAY,
			mint
		);
		expect(result.map((o) => iso(o.fireAt))).toEqual(['2025-10-26T06:00']);
	});

	it('drops low-priority goal check-ins inside quiet hours', () => {
		const from = Date.UTC(2025, 4, 12);
		const goal = {
			goalId: 'walk',
			frequency: { type: 'daily' as const },
			time: '22:30',
			startAt: 0,
			stopAt: null
		};
		const quiet = expandReminders(
			sources({ goals: [goal] }),
			context(zone, { quietHours }),
			from,
			from + 3 * DAY,
			mint
		);
		expect(quiet).toEqual([]);
		const loud = expandReminders(
			sources({ goals: [goal] }),
			context(zone),
			from,
			from + 3 * DAY,
			mint
		);
		expect(loud).toHaveLength(3);
	});

	it('supports a daytime window that does not wrap', () => {
		const from = Date.UTC(2025, 4, 12, 4);
		const result = expandReminders(
			sources({ medications: [dailyAt('13:30')] }),
			context(zone, { quietHours: { start: '13:00', end: '15:00' } }),
			from,
			from + DAY,
			mint
		);
		expect(result.map((o) => local(o.fireAt, zone))).toEqual(['2025-05-12 15:00']);
	});
});

describe('sources and switches', () => {
	const from = Date.UTC(2025, 0, 27);
	const all = sources({
		medications: [dailyAt('09:00')],
		goals: [
			{
				goalId: 'g-weekly',
				frequency: { type: 'weekly', weekday: 3 },
				time: '18:00',
				startAt: 0,
				stopAt: null
			},
			{
				goalId: 'g-monthly',
				frequency: { type: 'monthly', dayOfMonth: 31 },
				time: '10:00',
				startAt: 0,
				stopAt: null
			}
		],
		appointments: [
			{
				appointmentId: 'a1',
				startsAt: from + 3 * DAY + 10 * HOUR,
				durationMinutes: 30,
				leadMinutes: 120
			}
		],
		tasks: [{ taskId: 't1', dueAt: from + 2 * DAY + 15 * HOUR, leadMinutes: 30 }]
	});

	it('produces each kind, monthly check-ins on the last day of short months', () => {
		const result = expandReminders(all, context('Europe/Paris'), from, from + 35 * DAY, mint);
		const kinds = new Set(result.map((o) => o.kind));
		expect([...kinds].sort()).toEqual(['appointment', 'goal-check-in', 'medication', 'task']);
		const monthly = result.filter((o) => o.sourceRef.startsWith('g-monthly'));
		expect(monthly.map((o) => local(o.fireAt, 'Europe/Paris'))).toEqual([
			'2025-01-31 10:00',
			'2025-02-28 10:00'
		]);
		const weekly = result.filter((o) => o.sourceRef.startsWith('g-weekly'));
		expect(weekly.every((o) => instantToZoned(o.fireAt, 'Europe/Paris').weekday === 3)).toBe(true);
		expect(result.find((o) => o.kind === 'task')?.fireAt).toBe(from + 2 * DAY + 14.5 * HOUR);
		expect([...result].sort((a, b) => a.fireAt - b.fireAt)).toEqual(result);
	});

	it('switches each kind off on its own', () => {
		for (const kind of ['medication', 'goal-check-in', 'appointment', 'task'] as const) {
			const result = expandReminders(
				all,
				context('Europe/Paris', {
					enabled: {
						medication: true,
						'goal-check-in': true,
						appointment: true,
						task: true,
						[kind]: false
					}
				}),
				from,
				from + 35 * DAY,
				mint
			);
			expect(result.some((o) => o.kind === kind)).toBe(false);
			expect(result.length).toBeGreaterThan(0);
		}
	});
});

describe('opaque ids', () => {
	const from = Date.UTC(2025, 0, 27);
	const result = expandReminders(
		sources({ medications: [dailyAt('08:00', '20:00')] }),
		context('Europe/Paris'),
		from,
		from + 2 * DAY,
		mint
	);

	it('are 128-bit base64url, unique, stable and say nothing about the source', () => {
		expect(result.every((o) => /^[A-Za-z0-9_-]{22}$/.test(o.opaqueId))).toBe(true);
		expect(new Set(result.map((o) => o.opaqueId)).size).toBe(result.length);
		const again = expandReminders(
			sources({ medications: [dailyAt('08:00', '20:00')] }),
			context('Europe/Paris'),
			from,
			from + 2 * DAY,
			mint
		);
		expect(again.map((o) => o.opaqueId)).toEqual(result.map((o) => o.opaqueId));
		const other = createOpaqueIdMinter(new Uint8Array(32).fill(8));
		const first = result[0];
		expect(first).toBeDefined();
		if (first === undefined) return;
		expect(other(first)).not.toBe(first.opaqueId);
		expect(result.some((o) => o.opaqueId.toLowerCase().includes('metformin'))).toBe(false);
	});

	it('upload only fireAt and opaqueId; the device keeps the way back', () => {
		const upload = toPushSchedule(result);
		expect(upload.every((entry) => Object.keys(entry).sort().join() === 'fireAt,opaqueId')).toBe(
			true
		);
		const index = indexByOpaqueId(result);
		const first = result[0];
		expect(first && index.get(first.opaqueId)?.sourceRef).toBe('metformin-0001:2025-01-27T08:00');
	});

	it('refuses a short key', () => {
		expect(() => createOpaqueIdMinter(new Uint8Array(16))).toThrow(RangeError);
	});
});

describe('snooze and missed reminders', () => {
	const now = Date.UTC(2025, 0, 27, 7);
	const dose: ReminderOccurrence = {
		opaqueId: mint({ kind: 'medication', sourceRef: 'm:2025-01-27T08:00', fireAt: now }),
		fireAt: now,
		dueAt: now,
		kind: 'medication',
		sourceRef: 'm:2025-01-27T08:00'
	};

	it('snoozes 10 minutes, 1 hour or a custom 1–720 minutes', () => {
		expect(snoozeOccurrence(dose, { type: '10-minutes' }, now, mint).fireAt).toBe(
			now + 10 * 60_000
		);
		expect(snoozeOccurrence(dose, { type: '1-hour' }, now, mint).fireAt).toBe(now + HOUR);
		const custom = snoozeChoiceSchema.parse({ type: 'custom', minutes: 720 });
		const snoozed = snoozeOccurrence(dose, custom, now + 60_000, mint);
		expect(snoozed.fireAt).toBe(now + 60_000 + 12 * HOUR);
		expect(snoozed.opaqueId).not.toBe(dose.opaqueId);
		expect(snoozed.sourceRef).toBe(dose.sourceRef);
		for (const minutes of [0, 721, 1.5]) {
			expect(snoozeChoiceSchema.safeParse({ type: 'custom', minutes }).success).toBe(false);
		}
	});

	it('lists past unacknowledged reminders once, the latest ring kept', () => {
		const snoozed = snoozeOccurrence(dose, { type: '10-minutes' }, now, mint);
		const later: ReminderOccurrence = {
			...dose,
			sourceRef: 'm:2025-01-27T20:00',
			opaqueId: 'x',
			fireAt: now + 13 * HOUR
		};
		const other: ReminderOccurrence = {
			...dose,
			sourceRef: 'm:2025-01-26T20:00',
			opaqueId: 'y',
			fireAt: now - 11 * HOUR
		};
		const all = [other, dose, snoozed, later];
		expect(missedReminders(all, new Set(), now + HOUR)).toEqual([other, snoozed]);
		expect(missedReminders(all, new Set([dose.sourceRef]), now + HOUR)).toEqual([other]);
		expect(missedReminders(all, new Set(), now + 5 * 60_000)).toEqual([other, dose]);
	});
});
