// The carers' board: concurrent claims resolve to the first claim by HLC on every device, the
// loser sees who holds it; forged assignees are refused; the week view and the .ics export.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	claimTask,
	claimedTasksToIcs,
	commentOnTask,
	completeTask,
	createTask,
	occurrences,
	taskState,
	thisWeek,
	unclaimTask,
	weekStartOf,
	type Task,
	type TaskEvent
} from '$lib/domain/plan';

let n = 0;
const newId = (): string => `id-${n++}`;
const members = new Set(['marie', 'claire', 'paul']);

function pharmacyFriday(overrides: Partial<Task> = {}): Task {
	const made = createTask(
		{
			title: 'Pharmacy, Friday',
			details: 'Renewal; bring the card',
			dueDate: '2025-06-06',
			dueTime: '10:30',
			place: 'Pharmacie du Marché, 3 rue Haute',
			kind: 'pharmacy',
			recurrence: { freq: 'none' },
			assignee: null
		},
		members,
		{ actor: 'marie', hlc: 'h0', newId }
	);
	if (!made.ok) throw new Error('task');
	return { ...made.value, ...overrides };
}

describe('claims', () => {
	it('gives the task to the first claim by HLC whatever the arrival order, and shows the loser', () => {
		fc.assert(
			fc.property(fc.nat(1000), fc.nat(1000), fc.boolean(), (a, b, reversed) => {
				const task = pharmacyFriday();
				const open = taskState(task, []);
				const hlcA = `h${String(a).padStart(4, '0')}a`;
				const hlcB = `h${String(b).padStart(4, '0')}b`;
				const claire = claimTask(open, { actor: 'claire', hlc: hlcA, newId });
				const paul = claimTask(open, { actor: 'paul', hlc: hlcB, newId });
				if (!claire.ok || !paul.ok) throw new Error('both may claim an open task');
				const events: TaskEvent[] = reversed
					? [paul.value, claire.value]
					: [claire.value, paul.value];
				const state = taskState(task, events);
				const winner = hlcA < hlcB ? 'claire' : 'paul';
				expect(state.claimedBy).toBe(winner);
				expect(state.conflicts).toEqual([
					{
						actor: winner === 'claire' ? 'paul' : 'claire',
						hlc: winner === 'claire' ? hlcB : hlcA,
						claimedBy: winner
					}
				]);
				expect(
					claimTask(state, { actor: winner === 'claire' ? 'paul' : 'claire', hlc: 'h9', newId })
				).toEqual({
					ok: false,
					error: { type: 'already-claimed', by: winner }
				});
			})
		);
	});

	it('unclaims only for the claimant or the person, completes, and comments', () => {
		const task = pharmacyFriday();
		const claim = claimTask(taskState(task, []), { actor: 'claire', hlc: 'h1', newId });
		if (!claim.ok) throw new Error('claim');
		const claimed = taskState(task, [claim.value]);
		expect(unclaimTask(claimed, { actor: 'paul', hlc: 'h2', newId }).ok).toBe(false);
		expect(unclaimTask(claimed, { actor: 'marie', hlc: 'h2', newId }, 'marie').ok).toBe(true);
		const done = completeTask(claimed, { actor: 'claire', hlc: 'h3', newId });
		const note = commentOnTask(claimed, 'Picked up, 2 boxes', {
			actor: 'claire',
			hlc: 'h4',
			newId
		});
		if (!done.ok || !note.ok) throw new Error('commands');
		const after = taskState(task, [note.value, done.value, claim.value]);
		expect(after.status).toBe('done');
		expect(after.comments.map((c) => c.text)).toEqual(['Picked up, 2 boxes']);
		expect(commentOnTask(after, '  ', { actor: 'claire', hlc: 'h5', newId }).ok).toBe(false);
	});

	it('refuses a forged assignee', () => {
		const made = createTask({ ...pharmacyFriday(), assignee: 'mallory' }, members, {
			actor: 'marie',
			hlc: 'h0',
			newId
		});
		expect(made).toEqual({ ok: false, error: { type: 'unknown-assignee' } });
	});
});

describe('week and calendar', () => {
	it('groups a week by day and by who does it, expanding recurrences', () => {
		const weekly = pharmacyFriday({
			id: 'w',
			title: 'Meals',
			dueDate: '2025-05-26',
			dueTime: null,
			recurrence: { freq: 'daily', interval: 2, until: '2025-06-05' },
			assignee: 'paul'
		});
		const claim = claimTask(taskState(pharmacyFriday({ id: 'p' }), []), {
			actor: 'claire',
			hlc: 'h1',
			newId
		});
		if (!claim.ok) throw new Error('claim');
		const week = thisWeek(
			[taskState(pharmacyFriday({ id: 'p' }), [claim.value]), taskState(weekly, [])],
			weekStartOf('2025-06-04')
		);
		expect(week.map((d) => d.date)).toEqual([
			'2025-06-02',
			'2025-06-03',
			'2025-06-04',
			'2025-06-05',
			'2025-06-06',
			'2025-06-07',
			'2025-06-08'
		]);
		expect(
			week.map((d) => d.groups.map((g) => `${g.assignee}:${g.tasks.map((t) => t.task.id).join()}`))
		).toEqual([[], ['paul:w'], [], ['paul:w'], ['claire:p'], [], []]);
		expect(
			occurrences(
				'2025-01-31',
				{ freq: 'monthly', interval: 1, until: null },
				'2025-01-01',
				'2025-05-31'
			)
		).toEqual(['2025-01-31', '2025-03-31', '2025-05-31']);
	});

	it('exports only the member’s claimed tasks as RFC 5545 text', () => {
		const task = pharmacyFriday({
			id: 'p',
			title: 'Pharmacy; renewal, and a very long title that needs folding across lines ééé'
		});
		const claim = claimTask(taskState(task, []), { actor: 'claire', hlc: 'h1', newId });
		if (!claim.ok) throw new Error('claim');
		const ics = claimedTasksToIcs(
			[taskState(task, [claim.value]), taskState(pharmacyFriday({ id: 'q' }), [])],
			'claire',
			{ now: Date.UTC(2025, 5, 1), uidDomain: 'cercle.test' }
		);
		expect(ics.endsWith('\r\n')).toBe(true);
		expect(ics.split('\r\n').every((l) => new TextEncoder().encode(l).length <= 75)).toBe(true);
		expect(ics.replace(/\r\n /g, '')).toContain(
			'SUMMARY:Pharmacy\\; renewal\\, and a very long title'
		);
		expect(ics).toContain('DTSTART:20250606T103000');
		expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(1);
		expect(ics).not.toMatch(/[^\r]\n/);
	});
});
