// The board's pure glue: plan records to task states (event order by the record's HLC, never by
// the HLC written inside the body; malformed records left out) and the task form's validation.
import { describe, expect, it } from 'vitest';
import type { Task } from '../../../src/lib/domain/plan';
import {
	emptyTaskForm,
	parseTaskForm,
	recordsToStates,
	taskToForm
} from '../../../src/lib/domain/plan/board';
import type { VaultRecord } from '../../../src/lib/domain/records';

const task: Task = {
	id: 'task-1',
	title: 'Pharmacy on Friday',
	details: '',
	dueDate: '2026-11-27',
	dueTime: null,
	place: '',
	kind: 'pharmacy',
	recurrence: { freq: 'none' },
	assignee: null,
	createdBy: 'person'
};

const record = (id: string, kind: string, hlc: string, body: unknown): VaultRecord => ({
	id,
	circleId: 'c',
	kind,
	category: 'plan',
	at: 0,
	hlc,
	deleted: false,
	body
});

describe('records to task states', () => {
	it('orders claims by the HLC of their records: the first written wins everywhere', () => {
		const records = [
			record('task-1', 'task', '0001', task),
			// The body claims an earlier HLC than its record: the record's HLC is what counts.
			record('ev-b', 'task-event', '0003', {
				type: 'claim',
				id: 'ev-b',
				taskId: 'task-1',
				hlc: '0000',
				actor: 'daughter'
			}),
			record('ev-a', 'task-event', '0002', {
				type: 'claim',
				id: 'ev-a',
				taskId: 'task-1',
				hlc: '9999',
				actor: 'nurse'
			})
		];
		for (const order of [records, [...records].reverse()]) {
			const [state] = recordsToStates(order, 'person');
			expect(state?.claimedBy).toBe('nurse');
			expect(state?.conflicts).toEqual([{ actor: 'daughter', hlc: '0003', claimedBy: 'nurse' }]);
		}
	});

	it('leaves out deleted, malformed and mismatched records', () => {
		const states = recordsToStates(
			[
				record('task-1', 'task', '0001', task),
				record('task-2', 'task', '0002', { ...task, id: 'task-3' }),
				record('task-4', 'task', '0003', { ...task, id: 'task-4', title: '' }),
				{ ...record('task-5', 'task', '0004', { ...task, id: 'task-5' }), deleted: true },
				record('ev-1', 'task-event', '0005', { type: 'claim', taskId: 'task-1' })
			],
			'person'
		);
		expect(states.map((s) => [s.task.id, s.status])).toEqual([['task-1', 'open']]);
	});
});

describe('task form', () => {
	const members = new Set(['person', 'daughter']);

	it('turns a filled form into a task input and back', () => {
		const values = {
			...emptyTaskForm('2026-11-26'),
			title: '  Lift to the hospital ',
			dueTime: '08:15',
			kind: 'transport',
			recurrence: 'weekly',
			interval: '2',
			until: '2027-01-31',
			assignee: 'daughter'
		};
		const parsed = parseTaskForm(values, members);
		expect(parsed).toEqual({
			ok: true,
			value: {
				title: 'Lift to the hospital',
				details: '',
				dueDate: '2026-11-26',
				dueTime: '08:15',
				place: '',
				kind: 'transport',
				recurrence: { freq: 'weekly', interval: 2, until: '2027-01-31' },
				assignee: 'daughter'
			}
		});
		if (!parsed.ok) return;
		expect(taskToForm({ ...parsed.value, id: 'x', createdBy: 'person' })).toEqual({
			...values,
			title: 'Lift to the hospital'
		});
	});

	it('names the field and the message of each mistake', () => {
		const parsed = parseTaskForm(
			{
				...emptyTaskForm('2026-04-31'),
				title: ' ',
				dueTime: '24:00',
				kind: 'shopping',
				recurrence: 'daily',
				interval: '53',
				assignee: 'stranger',
				place: 'x'.repeat(301)
			},
			members
		);
		expect(parsed).toEqual({
			ok: false,
			error: {
				title: 'plan_error_title_required',
				dueDate: 'plan_error_date',
				dueTime: 'plan_error_time',
				kind: 'plan_error_kind',
				place: 'plan_error_place_long',
				interval: 'plan_error_interval',
				assignee: 'plan_error_assignee'
			}
		});
		const repeat = parseTaskForm(
			{
				...emptyTaskForm('2026-11-26'),
				title: 'Meals',
				recurrence: 'daily',
				interval: '1.5',
				until: '2026-11-25'
			},
			members
		);
		expect(repeat).toEqual({
			ok: false,
			error: { interval: 'plan_error_interval', until: 'plan_error_until_before' }
		});
	});

	it('ignores the interval and the last date of a task that does not repeat', () => {
		const parsed = parseTaskForm(
			{ ...emptyTaskForm('2026-11-26'), title: 'Call the GP', interval: 'x', until: 'y' },
			members
		);
		expect(parsed.ok && parsed.value.recurrence).toEqual({ freq: 'none' });
	});
});
