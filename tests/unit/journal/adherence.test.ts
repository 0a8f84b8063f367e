import { describe, expect, it } from 'vitest';
import {
	adherenceByMedication,
	adherenceByPeriod,
	computeAdherence,
	slotOutcome,
	slotStatuses,
	summariseAdherence
} from '$lib/domain/journal/adherence';
import type { DoseBody, MedicationBody } from '$lib/domain/journal/medications';
import { expandSchedule, type DoseSlot } from '$lib/domain/time/schedule';

const MED = '01977000-0000-7000-8000-00000000000a';
const utc = (iso: string): number => Date.parse(iso);
const HOUR = 3_600_000;

const medication: MedicationBody = {
	kind: 'medication',
	at: utc('2025-03-01T08:00:00Z'),
	name: 'Amlodipine',
	form: 'tablet',
	dose: { amount: 1, unit: 'tablet' },
	startAt: utc('2025-03-01T00:00:00Z'),
	stopAt: null,
	schedule: { type: 'daily', times: ['08:00', '20:00'] }
};

const slotsOf = (from: string, to: string): readonly DoseSlot[] =>
	expandSchedule(
		{ medicationId: MED, schedule: medication.schedule, startAt: medication.startAt, stopAt: null },
		utc(from),
		utc(to),
		'UTC'
	);

const taken = (slot: DoseSlot, delayMs: number, at = slot.scheduledAt + delayMs): DoseBody => ({
	kind: 'dose',
	at,
	medicationId: MED,
	slotId: slot.id,
	scheduledAt: slot.scheduledAt,
	status: 'taken',
	takenAt: slot.scheduledAt + delayMs
});
const skipped = (slot: DoseSlot): DoseBody => ({
	kind: 'dose',
	at: slot.scheduledAt,
	medicationId: MED,
	slotId: slot.id,
	scheduledAt: slot.scheduledAt,
	status: 'skipped',
	takenAt: null,
	skipReason: 'side-effects'
});
const asNeeded = (at: number): DoseBody => ({
	kind: 'dose',
	at,
	medicationId: MED,
	slotId: null,
	scheduledAt: null,
	status: 'taken',
	takenAt: at
});

describe('slot outcomes', () => {
	const [slot] = slotsOf('2025-03-10T00:00:00Z', '2025-03-10T12:00:00Z');
	if (slot === undefined) throw new Error('fixture: no slot');

	it('counts a dose taken within the grace window as on time, after it as late', () => {
		const now = slot.scheduledAt + 5 * HOUR;
		expect(slotOutcome(slot, taken(slot, 59 * 60_000), now)).toBe('on-time');
		expect(slotOutcome(slot, taken(slot, 60 * 60_000), now)).toBe('on-time');
		expect(slotOutcome(slot, taken(slot, 61 * 60_000), now)).toBe('late');
		expect(slotOutcome(slot, taken(slot, -30 * 60_000), now)).toBe('on-time');
		expect(slotOutcome(slot, taken(slot, 90 * 60_000), now, 2 * HOUR)).toBe('on-time');
		expect(slotOutcome(slot, { ...taken(slot, 0), status: 'late' }, now)).toBe('late');
	});

	it('distinguishes upcoming, due and missed when nothing is logged', () => {
		expect(slotOutcome(slot, null, slot.scheduledAt - 1)).toBe('upcoming');
		expect(slotOutcome(slot, null, slot.scheduledAt + 30 * 60_000)).toBe('due');
		expect(slotOutcome(slot, null, slot.scheduledAt + 61 * 60_000)).toBe('missed');
		expect(slotOutcome(slot, skipped(slot), slot.scheduledAt + 61 * 60_000)).toBe('skipped');
	});

	it('uses the latest log for a slot', () => {
		const later = taken(slot, 20 * 60_000, slot.scheduledAt + 3 * HOUR);
		const [status] = slotStatuses([slot], [later, skipped(slot)], slot.scheduledAt + 4 * HOUR);
		expect(status?.outcome).toBe('on-time');
	});
});

describe('adherence totals', () => {
	it('counts late as taken, skipped and missed against, and excludes future and as-needed doses', () => {
		// 3 days, 6 slots; "now" is 10 March 12:00, so the 20:00 dose that day is upcoming.
		const slots = slotsOf('2025-03-08T00:00:00Z', '2025-03-11T00:00:00Z');
		const now = utc('2025-03-10T12:00:00Z');
		const [s1, s2, s3, s4, s5] = slots;
		if (
			s1 === undefined ||
			s2 === undefined ||
			s3 === undefined ||
			s4 === undefined ||
			s5 === undefined
		) {
			throw new Error('fixture: expected 6 slots');
		}
		const doses = [
			taken(s1, 10 * 60_000),
			taken(s2, 3 * HOUR),
			skipped(s3),
			// s4 missed
			taken(s5, 0),
			asNeeded(utc('2025-03-09T14:00:00Z'))
		];
		const summary = summariseAdherence(slotStatuses(slots, doses, now), doses);
		expect(summary).toEqual({
			scheduled: 5,
			onTime: 2,
			late: 1,
			skipped: 1,
			missed: 1,
			pending: 1,
			asNeeded: 1,
			rate: 3 / 5
		});
	});

	it('has no rate when nothing was due yet', () => {
		const slots = slotsOf('2025-03-10T00:00:00Z', '2025-03-11T00:00:00Z');
		expect(
			summariseAdherence(slotStatuses(slots, [], utc('2025-03-09T00:00:00Z'))).rate
		).toBeNull();
	});

	it('groups by day, ISO week and month, including empty periods', () => {
		const slots = slotsOf('2025-03-29T00:00:00Z', '2025-04-02T00:00:00Z');
		const now = utc('2025-04-05T00:00:00Z');
		const doses = slots.slice(0, 4).map((slot) => taken(slot, 0));
		const statuses = slotStatuses(slots, doses, now);
		const days = adherenceByPeriod(statuses, [], 'day', '2025-03-28', '2025-04-01', 'UTC');
		expect(days.map((d) => [d.start, d.summary.scheduled, d.summary.rate])).toEqual([
			['2025-03-28', 0, null],
			['2025-03-29', 2, 1],
			['2025-03-30', 2, 1],
			['2025-03-31', 2, 0],
			['2025-04-01', 2, 0]
		]);
		const weeks = adherenceByPeriod(statuses, [], 'week', '2025-03-29', '2025-04-01', 'UTC');
		expect(weeks.map((w) => [w.start, w.summary.scheduled])).toEqual([
			['2025-03-24', 4],
			['2025-03-31', 4]
		]);
		const months = adherenceByPeriod(statuses, [], 'month', '2025-03-29', '2025-04-01', 'UTC');
		expect(months.map((m) => [m.start, m.summary.onTime, m.summary.missed])).toEqual([
			['2025-03-01', 4, 2],
			['2025-04-01', 0, 2]
		]);
	});

	it('computes adherence from medication records, respecting the stop date', () => {
		const stopped: MedicationBody = { ...medication, stopAt: utc('2025-03-11T00:00:00Z') };
		const report = computeAdherence({
			medications: [{ id: MED, body: stopped }],
			doses: [],
			fromMs: utc('2025-03-10T00:00:00Z'),
			toMs: utc('2025-03-13T00:00:00Z'),
			now: utc('2025-03-20T00:00:00Z'),
			timeZone: 'UTC',
			period: 'day'
		});
		expect(report.total.scheduled).toBe(2);
		expect(report.periods.map((p) => p.summary.scheduled)).toEqual([2, 0, 0]);
	});
});

describe('adherence by medication', () => {
	it('keeps each medication’s totals apart', () => {
		const other = '01977000-0000-7000-8000-00000000000f';
		const slots = slotsOf('2025-03-10T00:00:00Z', '2025-03-11T00:00:00Z');
		const otherSlots = expandSchedule(
			{
				medicationId: other,
				schedule: { type: 'daily', times: ['12:00'] },
				startAt: 0,
				stopAt: null
			},
			utc('2025-03-10T00:00:00Z'),
			utc('2025-03-11T00:00:00Z'),
			'UTC'
		);
		const [first] = slots;
		if (first === undefined) throw new Error('fixture: no slot');
		const statuses = slotStatuses(
			[...slots, ...otherSlots],
			[taken(first, 0)],
			utc('2025-03-12T00:00:00Z')
		);
		const byMedication = adherenceByMedication(statuses, [
			{ ...asNeeded(utc('2025-03-10T15:00:00Z')), medicationId: other }
		]);
		expect(byMedication.get(MED)).toMatchObject({ scheduled: 2, onTime: 1, missed: 1, rate: 0.5 });
		expect(byMedication.get(other)).toMatchObject({
			scheduled: 1,
			missed: 1,
			asNeeded: 1,
			rate: 0
		});
	});
});
