// Plan board commands: each action is one commit; a refused action (read-only view, invalid form,
// a task someone else holds) commits nothing; taking on a task released by someone who left
// writes its two events in ONE commit.
import { describe, expect, it } from 'vitest';
import { createPlanCommands } from '$lib/commands/plan';
import { emptyTaskForm, recordsToStates } from '$lib/domain/plan/board';
import { fakeCircle, pharmacyTask } from '../../component/plan/fake-circle';

const NOW = Date.UTC(2026, 10, 20, 9, 0);
let seq = 0;
const newId = () => `00000000-0000-7000-8000-${String(++seq).padStart(12, '0')}`;

function board(options: Parameters<typeof fakeCircle>[0] = {}) {
	const circle = fakeCircle(options);
	let commits = 0;
	const commit = circle.view.records.commit.bind(circle.view.records);
	const view = {
		...circle.view,
		records: {
			...circle.view.records,
			commit: (ops: Parameters<typeof commit>[0]) => {
				commits++;
				return commit(ops);
			}
		}
	};
	const commands = createPlanCommands({ view: () => view, now: () => NOW, newId });
	const states = () => recordsToStates(circle.records, view.ownerId);
	return { circle, commands, states, commits: () => commits };
}

describe('plan commands', () => {
	it('creates a task from the form in one commit', async () => {
		const { commands, states, commits } = board();
		const created = await commands.createTask({
			...emptyTaskForm('2026-11-20'),
			title: 'Pharmacy'
		});
		expect(created.ok).toBe(true);
		expect(commits()).toBe(1);
		expect(states().map((s) => s.task.title)).toEqual(['Pharmacy']);
	});

	it('commits nothing for an invalid form or a read-only view', async () => {
		const invalid = board();
		const refused = await invalid.commands.createTask(emptyTaskForm('2026-11-20'));
		expect(refused).toMatchObject({ ok: false, error: { type: 'form' } });
		expect(invalid.commits()).toBe(0);
		const readOnly = board({ writable: false });
		const task = readOnly.circle.seedTask(pharmacyTask('person'));
		const state = readOnly.states().find((s) => s.task.id === task.id);
		if (!state) throw new Error('expected the task');
		expect(await readOnly.commands.actOnTask(state, 'claim')).toEqual({
			ok: false,
			error: { type: 'read-only' }
		});
		expect(readOnly.commits()).toBe(0);
	});

	it('refuses to claim a task someone else holds, without writing', async () => {
		const { circle, commands, states, commits } = board({ me: 'anna', ownerId: 'person' });
		const task = circle.seedTask(pharmacyTask('person'));
		circle.seedEvent({ type: 'claim', taskId: task.id, actor: 'paul' });
		const state = states().find((s) => s.task.id === task.id);
		if (!state) throw new Error('expected the task');
		expect(state.status).toBe('claimed');
		const refused = await commands.actOnTask(state, 'claim');
		expect(refused).toMatchObject({ ok: false, error: { type: 'domain' } });
		expect(commits()).toBe(0);
	});

	it('gives back and takes on a task released by someone who left in one commit', async () => {
		const { circle, commands, states, commits } = board();
		const task = circle.seedTask(pharmacyTask('person'));
		const open = states().find((s) => s.task.id === task.id);
		if (!open) throw new Error('expected the task');
		const released = { ...open, releasedFrom: 'paul' };
		const taken = await commands.actOnTask(released, 'claim');
		expect(taken.ok).toBe(true);
		expect(commits()).toBe(1);
		const events = circle.records.filter((r) => r.kind === 'task-event');
		expect(events.map((r) => (r.body as { type: string }).type)).toEqual(['unclaim', 'claim']);
	});
});
