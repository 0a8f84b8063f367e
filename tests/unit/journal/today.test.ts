import { describe, expect, it } from 'vitest';
import { dueNow, filterJournal, groupByLocalDay, summariseDays } from '$lib/domain/journal/today';
import { newGoal } from '$lib/domain/journal/goals';
import type { DoseBody, MedicationBody } from '$lib/domain/journal/medications';
import { toEntry } from '$lib/domain/journal/records';

const MED = '01977000-0000-7000-8000-0000000000d1';
const GOAL = '01977000-0000-7000-8000-0000000000d2';
const utc = (iso: string): number => Date.parse(iso);
const PARIS = 'Europe/Paris';
// 12:30 in Paris (summer time).
const NOW = utc('2025-06-16T10:30:00Z');

const medication: MedicationBody = {
	kind: 'medication',
	at: utc('2025-06-01T08:00:00Z'),
	name: 'Metformine',
	form: 'tablet',
	dose: { amount: 1, unit: 'tablet' },
	startAt: utc('2025-06-01T00:00:00Z'),
	stopAt: null,
	schedule: { type: 'daily', times: ['08:00', '12:00', '13:15', '20:00'] }
};

const takenAt = (slotId: string, at: number): DoseBody => ({
	kind: 'dose',
	at,
	medicationId: MED,
	slotId,
	scheduledAt: at,
	status: 'taken',
	takenAt: at
});

describe('dueNow', () => {
	it('lists unlogged doses as missed, due or coming soon, and goal check-ins due', () => {
		const goal = newGoal({
			text: 'Marcher 20 minutes par jour',
			at: utc('2025-06-01T09:00:00Z'),
			checkInEvery: 'weekly'
		});
		const result = dueNow({
			now: NOW,
			timeZone: PARIS,
			medications: [{ id: MED, body: medication }],
			doses: [],
			goals: [{ id: GOAL, body: goal }],
			checkIns: []
		});
		expect(result.doses.map((d) => [d.slot.localTime, d.state, d.medicationName])).toEqual([
			['08:00', 'missed', 'Metformine'],
			['12:00', 'due', 'Metformine'],
			['13:15', 'soon', 'Metformine']
		]);
		expect(result.checkIns).toEqual([{ goalId: GOAL, text: goal.text, dueDate: '2025-06-08' }]);
	});

	it('drops a dose once it is logged, and a check-in once it is done', () => {
		const goal = newGoal({
			text: 'Sleep better',
			at: utc('2025-06-01T09:00:00Z'),
			checkInEvery: 'weekly'
		});
		const result = dueNow({
			now: NOW,
			timeZone: PARIS,
			medications: [{ id: MED, body: medication }],
			doses: [takenAt(`${MED}:2025-06-16T08:00`, utc('2025-06-16T06:05:00Z'))],
			goals: [{ id: GOAL, body: goal }],
			checkIns: [
				{
					kind: 'goal-checkin',
					at: utc('2025-06-15T18:00:00Z'),
					goalId: GOAL,
					progress: 30,
					confidence: 6
				}
			],
			windowMs: 30 * 60_000
		});
		expect(result.doses.map((d) => d.slot.localTime)).toEqual(['12:00']);
		expect(result.checkIns).toEqual([]);
	});
});

describe('summariseDays', () => {
	it('summarises the last days, today included, in local days', () => {
		const entries = [
			toEntry('1', {
				kind: 'symptom',
				at: utc('2025-06-13T21:00:00Z'),
				symptom: { source: 'catalogue', id: 'fatigue' },
				severity: 9
			}),
			toEntry('2', {
				kind: 'symptom',
				at: utc('2025-06-14T08:00:00Z'),
				symptom: { source: 'catalogue', id: 'fatigue' },
				severity: 6
			}),
			toEntry('3', {
				kind: 'symptom',
				at: utc('2025-06-16T08:00:00Z'),
				symptom: { source: 'catalogue', id: 'fatigue' },
				severity: 4
			}),
			toEntry('4', {
				kind: 'measurement',
				at: utc('2025-06-15T07:00:00Z'),
				measurement: { type: 'blood-pressure', systolic: 140, diastolic: 85 }
			}),
			toEntry('5', {
				kind: 'measurement',
				at: utc('2025-06-16T07:00:00Z'),
				measurement: { type: 'blood-pressure', systolic: 130, diastolic: 80 }
			}),
			toEntry('6', { kind: 'mood', at: utc('2025-06-15T07:00:00Z'), level: 4 }),
			toEntry('7', takenAt(`${MED}:2025-06-16T08:00`, utc('2025-06-16T06:05:00Z'))),
			toEntry('8', {
				kind: 'dose',
				at: utc('2025-06-15T20:00:00Z'),
				medicationId: MED,
				slotId: `${MED}:2025-06-15T20:00`,
				scheduledAt: utc('2025-06-15T18:00:00Z'),
				status: 'skipped',
				takenAt: null,
				skipReason: 'felt-unwell'
			})
		];
		// 3 days: 14, 15 and 16 June in Paris; 13 June 23:00 Paris is outside.
		const summary = summariseDays(entries, NOW, 3, PARIS);
		expect([summary.fromDate, summary.toDate, summary.entryCount]).toEqual([
			'2025-06-14',
			'2025-06-16',
			7
		]);
		expect(summary.symptoms).toEqual([
			{
				key: 'fatigue',
				count: 2,
				average: 5,
				max: 6,
				latest: { at: utc('2025-06-16T08:00:00Z'), value: 4 }
			}
		]);
		expect(summary.metrics.find((m) => m.metric === 'systolic')).toMatchObject({
			count: 2,
			average: 135,
			latest: { value: 130 }
		});
		expect(summary.mood).toEqual({ count: 1, average: 4 });
		expect(summary.doses).toEqual({ taken: 1, late: 0, skipped: 1, asNeeded: 0 });
	});
});

describe('journal filtering', () => {
	const entries = [
		toEntry('a', {
			kind: 'note',
			at: utc('2025-06-10T10:00:00Z'),
			text: 'Rendez-vous chez le cardiologue'
		}),
		toEntry('b', {
			kind: 'mood',
			at: utc('2025-06-12T10:00:00Z'),
			level: 3,
			note: 'Fatiguée après le marché'
		}),
		toEntry('c', {
			kind: 'symptom',
			at: utc('2025-06-12T10:00:00Z'),
			symptom: { source: 'catalogue', id: 'pain' },
			severity: 5,
			bodyLocations: ['left-knee']
		}),
		toEntry('d', {
			kind: 'measurement',
			at: utc('2025-06-14T10:00:00Z'),
			measurement: { type: 'weight', value: 72 }
		})
	];

	it('filters by kind, category and date range, newest first with a stable order', () => {
		expect(filterJournal(entries).map((e) => e.id)).toEqual(['d', 'c', 'b', 'a']);
		expect(filterJournal(entries, { kinds: ['note', 'measurement'] }).map((e) => e.id)).toEqual([
			'd',
			'a'
		]);
		expect(filterJournal(entries, { categories: ['symptoms'] }).map((e) => e.id)).toEqual([
			'c',
			'b'
		]);
		expect(
			filterJournal(entries, {
				fromMs: utc('2025-06-12T10:00:00Z'),
				toMs: utc('2025-06-14T10:00:00Z')
			}).map((e) => e.id)
		).toEqual(['c', 'b']);
	});

	it('finds words without caring about case or accents', () => {
		expect(filterJournal(entries, { search: 'fatiguee MARCHE' }).map((e) => e.id)).toEqual(['b']);
		expect(filterJournal(entries, { search: 'cardiologue' }).map((e) => e.id)).toEqual(['a']);
	});

	it('groups by local day, newest day first', () => {
		const groups = groupByLocalDay(filterJournal(entries), PARIS);
		expect(groups.map((g) => [g.date, g.entries.map((e) => e.id)])).toEqual([
			['2025-06-14', ['d']],
			['2025-06-12', ['c', 'b']],
			['2025-06-10', ['a']]
		]);
	});
});
