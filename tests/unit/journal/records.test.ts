import { describe, expect, it } from 'vitest';
import {
	journalEntrySchema,
	kindToCategory,
	parseJournalBody,
	parseNewJournalBody,
	toEntry,
	JOURNAL_KINDS
} from '$lib/domain/journal/records';
import { CATEGORIES } from '$lib/domain/categories';
import { changeGoalStatus, newGoal } from '$lib/domain/journal/goals';
import { asNeededDose, doseForSlot } from '$lib/domain/journal/medications';

const NOW = Date.parse('2025-06-15T10:00:00Z');
const MED_ID = '01977000-0000-7000-8000-000000000001';

const keysOf = (input: unknown, now = NOW): readonly string[] => {
	const result = parseNewJournalBody(input, now);
	return result.ok ? [] : result.error.map((e) => e.key);
};

describe('record bodies', () => {
	it('maps every kind to a known category', () => {
		for (const kind of JOURNAL_KINDS) expect(CATEGORIES).toContain(kindToCategory[kind]);
		expect(kindToCategory.dose).toBe('medications');
		expect(kindToCategory['unit-preferences']).toBe('settings');
	});

	it('accepts a pain symptom with a body location and refuses one on fatigue', () => {
		const pain = {
			kind: 'symptom',
			at: NOW,
			symptom: { source: 'catalogue', id: 'pain' },
			severity: 6,
			bodyLocations: ['left-knee']
		};
		expect(parseNewJournalBody(pain, NOW).ok).toBe(true);
		expect(keysOf({ ...pain, symptom: { source: 'catalogue', id: 'fatigue' } })).toEqual([
			'journal_error_body_location_not_applicable'
		]);
	});

	it('refuses severities outside 0–10 or not whole, and over-long notes', () => {
		const base = { kind: 'symptom', at: NOW, symptom: { source: 'catalogue', id: 'fatigue' } };
		expect(keysOf({ ...base, severity: 11 })).toEqual(['journal_error_severity_range']);
		expect(keysOf({ ...base, severity: 4.5 })).toEqual(['journal_error_severity_range']);
		expect(keysOf({ ...base, severity: 3, note: 'x'.repeat(2001) })).toEqual([
			'journal_error_note_too_long'
		]);
		expect(keysOf({ ...base })).toEqual(['journal_error_severity_range']);
	});

	it('reports a missing field with the generic required key, never English text', () => {
		const result = parseJournalBody({ kind: 'note', at: NOW });
		expect(result.ok).toBe(false);
		if (!result.ok)
			expect(result.error).toEqual([
				{
					path: 'text',
					error: { type: 'required', field: 'value' },
					key: 'journal_error_required',
					params: {}
				}
			]);
		const unknownKind = parseJournalBody({ kind: 'horoscope', at: NOW });
		expect(unknownKind.ok ? [] : unknownKind.error.map((e) => e.key)).toEqual([
			'journal_error_kind_unknown'
		]);
	});

	it('refuses a time more than a minute in the future, and allows clock slack', () => {
		const note = { kind: 'note', at: NOW + 30_000, text: 'Bonne journée' };
		expect(parseNewJournalBody(note, NOW).ok).toBe(true);
		expect(keysOf({ ...note, at: NOW + 5 * 60_000 })).toEqual(['journal_error_time_in_future']);
		// Stored records from another device with a fast clock still parse.
		expect(parseJournalBody({ ...note, at: NOW + 5 * 60_000 }).ok).toBe(true);
	});

	it('checks dose logs: taken needs takenAt, skipped needs a reason, slot fields go together', () => {
		const dose = {
			kind: 'dose',
			at: NOW,
			medicationId: MED_ID,
			slotId: `${MED_ID}:2025-06-15T08:00`,
			scheduledAt: NOW - 2 * 3_600_000,
			status: 'taken',
			takenAt: NOW - 3_600_000
		};
		expect(parseNewJournalBody(dose, NOW).ok).toBe(true);
		expect(keysOf({ ...dose, takenAt: null })).toEqual(['journal_error_taken_at_required']);
		expect(keysOf({ ...dose, status: 'skipped', takenAt: null })).toEqual([
			'journal_error_skip_reason_required'
		]);
		expect(keysOf({ ...dose, slotId: null })).toEqual(['journal_error_dose_slot_incomplete']);
		expect(keysOf({ ...dose, takenAt: NOW + 3_600_000 })).toEqual(['journal_error_time_in_future']);
	});

	it('refuses absurd doses and a stop before the start', () => {
		const medication = {
			kind: 'medication',
			at: NOW,
			name: 'Metformine',
			form: 'tablet',
			dose: { amount: 1, unit: 'tablet' },
			startAt: NOW,
			stopAt: null,
			schedule: { type: 'daily', times: ['08:00', '20:00'] }
		};
		expect(parseNewJournalBody(medication, NOW).ok).toBe(true);
		const absurd = parseNewJournalBody(
			{ ...medication, dose: { amount: 50, unit: 'tablet' } },
			NOW
		);
		expect(absurd.ok ? [] : absurd.error).toEqual([
			{
				path: 'dose.amount',
				error: { type: 'doseTooHigh', max: 20 },
				key: 'journal_error_dose_absurd',
				params: { max: 20, unit: 'tablet' }
			}
		]);
		expect(keysOf({ ...medication, stopAt: NOW - 1 })).toEqual(['journal_error_stop_before_start']);
	});

	it('checks goals and check-ins', () => {
		const goal = newGoal({ text: 'Marcher jusqu’au marché avec ma petite-fille', at: NOW });
		expect(parseNewJournalBody(goal, NOW).ok).toBe(true);
		expect(keysOf({ ...goal, status: 'paused' })).toEqual(['journal_error_goal_history_invalid']);
		const paused = changeGoalStatus(goal, 'paused', NOW + 600_000);
		expect(paused.ok && keysOf(paused.value)).toEqual(['journal_error_time_in_future']);
		const checkIn = { kind: 'goal-checkin', at: NOW, goalId: MED_ID, confidence: 7 };
		expect(keysOf(checkIn)).toEqual(['journal_error_checkin_progress_or_value']);
		expect(keysOf({ ...checkIn, progress: 101 })).toEqual(['journal_error_goal_progress_range']);
		expect(parseNewJournalBody({ ...checkIn, value: 25 }, NOW).ok).toBe(true);
	});

	it('builds entries whose kind, category and time agree with the body', () => {
		const entry = toEntry(MED_ID, { kind: 'mood', at: NOW, level: 4 });
		expect(entry).toMatchObject({ kind: 'mood', category: 'symptoms', at: NOW });
		expect(journalEntrySchema.safeParse(entry).success).toBe(true);
		expect(journalEntrySchema.safeParse({ ...entry, category: 'notes' }).success).toBe(false);
	});
});

describe('dose builders', () => {
	const slot = {
		id: `${MED_ID}:2025-06-15T08:00`,
		medicationId: MED_ID,
		scheduledAt: NOW - 2 * 3_600_000
	};

	it('build logs that parse, for taken, late, skipped and as-needed doses', () => {
		const built = [
			doseForSlot(slot, { status: 'taken', now: NOW }),
			doseForSlot(slot, { status: 'late', now: NOW, takenAt: NOW - 600_000 }),
			doseForSlot(slot, { status: 'skipped', now: NOW, skipReason: 'ran-out' }),
			asNeededDose(MED_ID, NOW, NOW - 60_000, { amount: 2, unit: 'tablet' })
		];
		for (const body of built)
			expect(parseNewJournalBody(body, NOW)).toEqual({ ok: true, value: body });
		expect(built.map((d) => [d.status, d.takenAt])).toEqual([
			['taken', NOW],
			['late', NOW - 600_000],
			['skipped', null],
			['taken', NOW - 60_000]
		]);
	});
});
