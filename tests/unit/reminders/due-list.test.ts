// One card per dose on Today (issue 11, item 7): the reminders of the doses the due list shows are
// recognised as the same doses (same slot ids from the same schedule), so they are not shown again
// as reminder cards or in the missed banner; an appointment's reminder keeps its own card.
import { describe, expect, it } from 'vitest';
import { dueNow } from '$lib/domain/journal/today';
import type { MedicationBody } from '$lib/domain/journal/medications';
import { toScheduledMedication } from '$lib/domain/journal/medications';
import { dueListRefs, isInDueList, reminderOfSlot } from '$lib/domain/reminders/due-list';
import { expandReminders } from '$lib/domain/reminders';
import { context, mint, sources } from './factories';

const MED = '01977000-0000-7000-8000-0000000000d1';
const utc = (iso: string): number => Date.parse(iso);
const PARIS = 'Europe/Paris';
// 12:30 in Paris (summer time).
const NOW = utc('2025-06-16T10:30:00Z');
const DAY_START = utc('2025-06-15T22:00:00Z');

const metformin: MedicationBody = {
	kind: 'medication',
	at: utc('2025-06-01T08:00:00Z'),
	name: 'Metformin',
	form: 'tablet',
	dose: { amount: 1, unit: 'tablet' },
	startAt: utc('2025-06-01T00:00:00Z'),
	stopAt: null,
	schedule: { type: 'daily', times: ['08:00', '12:00', '20:00'] }
};

describe('the due list and the reminders of the same doses', () => {
	const due = dueNow({
		now: NOW,
		timeZone: PARIS,
		medications: [{ id: MED, body: metformin }],
		doses: [],
		goals: [],
		checkIns: [],
		overdueMs: NOW - DAY_START
	});
	const reminders = expandReminders(
		sources({ medications: [toScheduledMedication(MED, metformin)] }),
		context(PARIS),
		DAY_START,
		NOW + 60_000,
		mint
	);

	it('recognises every dose reminder of the morning as a dose already in the due list', () => {
		expect(due.doses.map((d) => d.slot.localTime)).toEqual(['08:00', '12:00']);
		expect(reminders.map((r) => r.kind)).toEqual(['medication', 'medication']);
		const refs = dueListRefs(due);
		expect(reminders.filter((r) => !isInDueList(refs, r))).toEqual([]);
		for (const dose of due.doses) {
			expect(
				reminderOfSlot(
					reminders.map((occurrence) => ({ occurrence })),
					dose.slot.id
				)
			).toBeDefined();
		}
	});

	it('keeps reminders of other things, and of doses no longer due, on their own', () => {
		const refs = dueListRefs({ doses: due.doses.slice(1), checkIns: [] });
		const [morning] = reminders;
		expect(morning && isInDueList(refs, morning)).toBe(false);
		expect(isInDueList(refs, { kind: 'appointment', sourceRef: MED })).toBe(false);
		expect(
			isInDueList(dueListRefs({ doses: [], checkIns: [{ goalId: 'g1', dueDate: '2025-06-16' }] }), {
				kind: 'goal-check-in',
				sourceRef: 'g1:2025-06-16'
			})
		).toBe(true);
	});
});
