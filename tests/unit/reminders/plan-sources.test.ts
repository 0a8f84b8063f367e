// Appointments and claimed tasks from the plan as reminder sources: who is reminded of what, each
// date of a repeating task, the wall time kept across daylight-saving changes, lead times and quiet
// hours through the shared rules, and nothing but ids in what could leave the device.
import { describe, expect, it } from 'vitest';
import { taskState, type Task, type TaskEvent, type TaskState } from '../../../src/lib/domain/plan';
import {
	expandReminders,
	planToSources,
	taskIdOfRef,
	toPushSchedule
} from '../../../src/lib/domain/reminders';
import { context, mint, sources } from './factories';

const task = (overrides: Partial<Task> = {}): Task => ({
	id: 'task-0001',
	title: 'Cardiologist, Dr Martin',
	details: 'Bring the blood test results',
	dueDate: '2026-03-28',
	dueTime: '10:00',
	place: 'Hôpital Saint-Louis',
	kind: 'appointment',
	recurrence: { freq: 'none' },
	assignee: null,
	createdBy: 'person',
	...overrides
});

let n = 0;
const ev = (type: TaskEvent['type'], taskId: string, actor: string): TaskEvent =>
	type === 'comment'
		? { type, id: `e${++n}`, taskId, hlc: String(n).padStart(6, '0'), actor, text: 'ok' }
		: { type, id: `e${++n}`, taskId, hlc: String(n).padStart(6, '0'), actor };

const stateOf = (t: Task, events: readonly TaskEvent[] = []): TaskState =>
	taskState(t, events, 'person');

const PARIS = { me: 'person', timeZone: 'Europe/Paris', from: '2026-03-20', to: '2026-04-10' };

describe('plan reminder sources', () => {
	it('turns a timed appointment into an appointment source, an untimed one into nothing', () => {
		const result = planToSources(
			[stateOf(task()), stateOf(task({ id: 'task-0002', dueTime: null }))],
			PARIS
		);
		expect(result.tasks).toEqual([]);
		expect(result.appointments).toEqual([
			{
				appointmentId: 'task-0001:2026-03-28',
				startsAt: Date.UTC(2026, 2, 28, 9, 0),
				durationMinutes: 60,
				leadMinutes: 60
			}
		]);
	});

	it('keeps 10:00 local on both sides of the spring change in Paris (weekly appointment)', () => {
		const weekly = task({ recurrence: { freq: 'weekly', interval: 1, until: '2026-04-04' } });
		const result = planToSources([stateOf(weekly)], PARIS);
		expect(result.appointments.map((a) => [a.appointmentId, a.startsAt])).toEqual([
			['task-0001:2026-03-28', Date.UTC(2026, 2, 28, 9, 0)], // CET, UTC+1
			['task-0001:2026-04-04', Date.UTC(2026, 3, 4, 8, 0)] // CEST, UTC+2
		]);
	});

	it('moves a time that does not exist (spring gap) forward, and keeps the autumn one first', () => {
		const gap = planToSources([stateOf(task({ dueDate: '2026-03-29', dueTime: '02:30' }))], PARIS)
			.appointments[0];
		expect(gap?.startsAt).toBe(Date.UTC(2026, 2, 29, 1, 30)); // 03:30 CEST
		const overlap = planToSources([stateOf(task({ dueDate: '2026-10-25', dueTime: '02:30' }))], {
			...PARIS,
			from: '2026-10-20',
			to: '2026-10-30'
		}).appointments[0];
		expect(overlap?.startsAt).toBe(Date.UTC(2026, 9, 25, 0, 30)); // first 02:30, CEST
	});

	it('reminds only the claimant of a claimed task, and nobody of a done one', () => {
		const pharmacy = task({ id: 'task-0003', kind: 'pharmacy', dueTime: '17:00' });
		const meals = task({ id: 'task-0004', kind: 'meals', dueTime: null });
		const other = task({ id: 'task-0005', kind: 'transport' });
		const done = task({ id: 'task-0006', kind: 'pharmacy' });
		const states = [
			stateOf(pharmacy, [ev('claim', 'task-0003', 'person')]),
			stateOf(meals, [ev('claim', 'task-0004', 'person')]),
			stateOf(other, [ev('claim', 'task-0005', 'daughter')]),
			stateOf(done, [ev('claim', 'task-0006', 'person'), ev('complete', 'task-0006', 'person')])
		];
		const result = planToSources(states, PARIS);
		expect(result.appointments).toEqual([]);
		expect(result.tasks).toEqual([
			{ taskId: 'task-0003:2026-03-28', dueAt: Date.UTC(2026, 2, 28, 16, 0), leadMinutes: 60 },
			// No time: it rings at 09:00 local that day, with no lead.
			{ taskId: 'task-0004:2026-03-28', dueAt: Date.UTC(2026, 2, 28, 8, 0), leadMinutes: 0 }
		]);
		const forDaughter = planToSources(states, { ...PARIS, me: 'daughter' });
		expect(forDaughter.tasks.map((t) => taskIdOfRef(t.taskId))).toEqual(['task-0005']);
	});

	it('rings a claimed appointment once, as an appointment', () => {
		const result = planToSources([stateOf(task(), [ev('claim', 'task-0001', 'person')])], PARIS);
		expect(result.appointments).toHaveLength(1);
		expect(result.tasks).toHaveLength(0);
	});

	it('expands a daily task only inside the window and up to its last date', () => {
		const daily = task({
			kind: 'home-help',
			dueDate: '2026-03-01',
			recurrence: { freq: 'daily', interval: 2, until: '2026-03-25' }
		});
		const result = planToSources([stateOf(daily, [ev('claim', 'task-0001', 'person')])], PARIS);
		expect(result.tasks.map((t) => t.taskId.slice(-10))).toEqual([
			'2026-03-21',
			'2026-03-23',
			'2026-03-25'
		]);
	});

	it('rings an hour before through the shared rules, after quiet hours, switchable, titles never uploaded', () => {
		const states = [
			stateOf(task()),
			stateOf(
				task({ id: 'task-0007', kind: 'paperwork', dueDate: '2026-03-28', dueTime: '07:30' }),
				[ev('claim', 'task-0007', 'person')]
			)
		];
		const plan = planToSources(states, PARIS);
		const from = Date.UTC(2026, 2, 27);
		const to = Date.UTC(2026, 2, 29);
		const quiet = context('Europe/Paris', { quietHours: { start: '22:00', end: '07:00' } });
		const rang = expandReminders(sources(plan), quiet, from, to, mint);
		expect(rang.map((o) => [o.kind, o.fireAt])).toEqual([
			['task', Date.UTC(2026, 2, 28, 6, 0)], // 07:30 - 60 min = 06:30, in quiet hours → 07:00
			['appointment', Date.UTC(2026, 2, 28, 8, 0)] // 10:00 - 60 min
		]);
		const off = context('Europe/Paris', {
			enabled: { medication: true, 'goal-check-in': true, appointment: false, task: true }
		});
		expect(expandReminders(sources(plan), off, from, to, mint).map((o) => o.kind)).toEqual([
			'task'
		]);
		const uploaded = JSON.stringify(toPushSchedule(rang));
		expect(uploaded).not.toMatch(/Cardiologist|Martin|Saint-Louis|task-000/);
	});
});
