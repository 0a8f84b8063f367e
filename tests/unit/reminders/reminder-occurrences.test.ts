// What rings at a pinned minute (`now` injected, no clock read): the journal's medicines as sources,
// snoozes folded into the window, Today's due list and the missed banner with their words, the push
// schedule's horizon, and a tapped notification found by its opaque id.
import { describe, expect, it } from 'vitest';
import { DEFAULT_REMINDER_SETTINGS, type ReminderOccurrence } from '$lib/domain/reminders';
import type { JournalRecord } from '$lib/domain/journal/entries';
import type { MedicationBody } from '$lib/domain/journal/medications';
import {
	DAY_MS,
	PUSH_HORIZON_MS,
	dueReminders,
	findReminder,
	missedReminders,
	occurrencesBetween,
	pushScheduleFrom,
	reminderLabel,
	reminderSources
} from '$lib/state/reminder-occurrences';
import { mint } from './factories';

const ZONE = 'UTC';
const NOW = Date.UTC(2026, 2, 2, 8, 0);
const HOUR = 3_600_000;
const MED_ID = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';

const medication: JournalRecord<MedicationBody> = {
	id: MED_ID,
	kind: 'medication',
	category: 'medications',
	at: NOW - 10 * DAY_MS,
	hlc: 'h',
	deleted: false,
	body: {
		kind: 'medication',
		at: NOW - 10 * DAY_MS,
		name: 'Metformine',
		form: 'tablet',
		dose: { amount: 1, unit: 'tablet' },
		startAt: NOW - 10 * DAY_MS,
		stopAt: null,
		schedule: { type: 'daily', times: ['08:00', '20:00'] }
	}
};

const sourcesAt = (now: number, journal: readonly JournalRecord[] = [medication]) =>
	reminderSources({
		journal,
		plan: [],
		surveys: [],
		me: 'me',
		timeZone: ZONE,
		travel: DEFAULT_REMINDER_SETTINGS.travel,
		now
	});

const inputs = (
	now: number,
	snoozes: Parameters<typeof occurrencesBetween>[0]['snoozes'] = []
) => ({
	sources: sourcesAt(now),
	timeZone: ZONE,
	settings: DEFAULT_REMINDER_SETTINGS,
	snoozes,
	mint
});

const labelOf = (o: ReminderOccurrence) => reminderLabel(o, [medication], []);

describe('occurrences of a window', () => {
	it('rings the medicine at 08:00 and 20:00 in [from, to), and nothing before the key exists', () => {
		const all = occurrencesBetween(inputs(NOW), NOW - HOUR, NOW + DAY_MS + 1);
		expect(all.map((o) => new Date(o.fireAt).toISOString())).toEqual([
			'2026-03-02T08:00:00.000Z',
			'2026-03-02T20:00:00.000Z',
			'2026-03-03T08:00:00.000Z'
		]);
		expect(occurrencesBetween(inputs(NOW), NOW - HOUR, NOW + DAY_MS)).toHaveLength(2);
		expect(all.every((o) => o.sourceRef.startsWith(`${MED_ID}:`))).toBe(true);
		expect(occurrencesBetween({ ...inputs(NOW), mint: null }, NOW - HOUR, NOW + DAY_MS)).toEqual(
			[]
		);
	});

	it('adds a snooze inside the window only, and only while its kind is enabled', () => {
		const snooze = {
			kind: 'medication' as const,
			sourceRef: `${MED_ID}:2026-03-02T08:00`,
			dueAt: NOW,
			fireAt: NOW + 10 * 60_000
		};
		const within = occurrencesBetween(inputs(NOW, [snooze]), NOW - HOUR, NOW + HOUR);
		expect(within.map((o) => o.fireAt)).toEqual([NOW, NOW + 10 * 60_000]);
		expect(occurrencesBetween(inputs(NOW, [snooze]), NOW + HOUR, NOW + 2 * HOUR)).toEqual([]);
		const off = {
			...inputs(NOW, [snooze]),
			settings: {
				...DEFAULT_REMINDER_SETTINGS,
				enabled: { ...DEFAULT_REMINDER_SETTINGS.enabled, medication: false }
			}
		};
		expect(occurrencesBetween(off, NOW - HOUR, NOW + HOUR)).toEqual([]);
	});

	it('a stopped medicine rings no more', () => {
		const stopped = { ...medication, body: { ...medication.body, stopAt: NOW - DAY_MS } };
		const sources = sourcesAt(NOW, [stopped]);
		const rings = occurrencesBetween({ ...inputs(NOW), sources }, NOW - HOUR, NOW + DAY_MS);
		expect(rings).toEqual([]);
	});
});

describe('what Today and the banner show', () => {
	it('lists the 08:00 dose as due at 08:05 with its name, and missed once it is old', () => {
		const at = NOW + 5 * 60_000;
		const occurrences = occurrencesBetween(inputs(at), at - DAY_MS, at + PUSH_HORIZON_MS);
		const due = dueReminders(occurrences, new Set(), at, labelOf);
		expect(due.map((d) => [d.label, d.state, d.occurrence.fireAt])).toContainEqual([
			'Metformine',
			'due',
			NOW
		]);
		const later = NOW + 6 * HOUR;
		const missed = missedReminders(occurrences, new Set(), 0, later, labelOf);
		expect(missed.map((d) => [d.label, d.state, d.occurrence.fireAt])).toContainEqual([
			'Metformine',
			'missed',
			NOW
		]);
		const seen = missedReminders(occurrences, new Set(), later, later, labelOf);
		expect(seen).toEqual([]);
	});

	it('an acknowledged slot is neither due nor missed', () => {
		const occurrences = occurrencesBetween(inputs(NOW), NOW - DAY_MS, NOW + DAY_MS);
		const done = new Set([`${MED_ID}:2026-03-01T20:00`, `${MED_ID}:2026-03-02T08:00`]);
		expect(dueReminders(occurrences, done, NOW, labelOf)).toEqual([]);
		expect(missedReminders(occurrences, done, 0, NOW + 6 * HOUR, labelOf)).toEqual([]);
	});

	it('names an unknown source generically, never by its ids', () => {
		const [first] = occurrencesBetween(inputs(NOW), NOW - HOUR, NOW + HOUR);
		if (first === undefined) throw new Error('no ring');
		const label = reminderLabel(first, [], []);
		expect(label).not.toContain(MED_ID);
		expect(label.length).toBeGreaterThan(0);
	});
});

describe('the push schedule and a tapped notification', () => {
	it('sends only opaque ids and fire times from now to the horizon', () => {
		const occurrences = occurrencesBetween(inputs(NOW), NOW - DAY_MS, NOW + 2 * PUSH_HORIZON_MS);
		const schedule = pushScheduleFrom(occurrences, NOW + 1);
		expect(schedule.length).toBeGreaterThan(0);
		for (const entry of schedule) {
			expect(Object.keys(entry).sort()).toEqual(['fireAt', 'opaqueId']);
			expect(entry.fireAt).toBeGreaterThanOrEqual(NOW + 1);
			expect(entry.fireAt).toBeLessThan(NOW + 1 + PUSH_HORIZON_MS);
		}
		expect(schedule.length).toBe(6);
	});

	it('finds the occurrence behind an opaque id, or nothing', () => {
		const occurrences = occurrencesBetween(inputs(NOW), NOW - HOUR, NOW + DAY_MS);
		const [first] = occurrences;
		if (first === undefined) throw new Error('no ring');
		expect(findReminder(occurrences, first.opaqueId, labelOf)).toEqual({
			occurrence: first,
			label: 'Metformine',
			state: 'due'
		});
		expect(findReminder(occurrences, 'unknown', labelOf)).toBeNull();
	});
});
