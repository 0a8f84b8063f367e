// The board over a CircleView: create a task from the form, claim it, see who does it in the week,
// a concurrent claim that lost shown in words, and no way to change anything when read-only.
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { setLocale } from '$lib/paraglide/runtime.js';
import TaskBoard from '$lib/ui/plan/TaskBoard.svelte';
import { fakeCircle, pharmacyTask } from './fake-circle';

afterEach(() => {
	void setLocale('en', { reload: false });
});

const TODAY = '2026-11-26';

describe('task board', () => {
	it('creates a task, claims it and shows who does it this week', async () => {
		const circle = fakeCircle({
			me: 'person',
			names: { daughter: 'Claire' },
			members: ['daughter']
		});
		render(TaskBoard, { view: circle.view, today: TODAY });
		await page.getByRole('button', { name: 'Add a task' }).click();
		await page.getByRole('button', { name: 'Add the task' }).click();
		await expect
			.element(page.getByLabelText('What needs doing'))
			.toHaveAccessibleDescription('Say what needs doing.');
		expect(circle.records).toHaveLength(0);

		await page.getByLabelText('What needs doing').fill('Pharmacy on Friday');
		await page.getByLabelText('Date').fill('2026-11-27');
		await page.getByLabelText('Time (optional)').fill('10:00');
		await page.getByLabelText('Kind').selectOptions('pharmacy');
		await page.getByLabelText('Proposed to').selectOptions('daughter');
		await page.getByRole('button', { name: 'Add the task' }).click();
		await expect
			.element(page.getByRole('status'))
			.toHaveTextContent('Task added: Pharmacy on Friday');
		expect(circle.records.map((r) => r.kind)).toEqual(['task']);

		const card = page.getByRole('article', { name: 'Pharmacy on Friday' });
		await expect.element(card).toHaveTextContent(/Nobody has taken it on yet/);
		await expect.element(card).toHaveTextContent(/Proposed to\s*Claire/);
		const week = page.getByRole('region', { name: 'This week: who does what' });
		await expect
			.element(week)
			.toHaveTextContent(/Friday, November 27\s*Claire\s*10:00\s*AM Pharmacy on Friday/);

		await card.getByRole('button', { name: 'I’ll do it: Pharmacy on Friday' }).click();
		await expect.element(card).toHaveTextContent(/Taken on by you/);
		expect(circle.records.map((r) => r.kind)).toEqual(['task', 'task-event']);
		await expect
			.element(week)
			.toHaveTextContent(/you\s*10:00\s*AM Pharmacy on Friday \(taken on\)/);
		await expect
			.element(page.getByRole('region', { name: 'Taken on (1)' }))
			.toHaveTextContent(/Pharmacy on Friday/);

		await card.getByRole('button', { name: 'Mark as done: Pharmacy on Friday' }).click();
		await expect.element(card).toHaveTextContent(/Done by you/);
		await card.getByLabelText('Add a comment: Pharmacy on Friday').fill('Paid 12 €');
		await card.getByRole('button', { name: 'Send: Pharmacy on Friday' }).click();
		await expect.element(card).toHaveTextContent(/you: Paid 12 €/);
	});

	it('says in words that my concurrent claim lost to an earlier one', async () => {
		const circle = fakeCircle({ me: 'daughter', ownerId: 'person', names: { nurse: 'Marie' } });
		const task = circle.seedTask(pharmacyTask('person'));
		circle.seedEvent({ type: 'claim', taskId: task.id, actor: 'nurse' });
		circle.seedEvent({ type: 'claim', taskId: task.id, actor: 'daughter' });
		render(TaskBoard, { view: circle.view, today: TODAY });
		const card = page.getByRole('article', { name: 'Pharmacy on Friday' });
		await expect.element(card).toHaveTextContent(/Taken on by Marie/);
		await expect
			.element(card.getByText('Marie claimed it first; your claim was not kept.'))
			.toBeVisible();
		await expect.element(card.getByRole('button', { name: /I’ll do it/ })).not.toBeInTheDocument();
		await expect
			.element(card.getByRole('button', { name: /Give it back/ }))
			.not.toBeInTheDocument();
	});

	it('shows the conflict in French too', async () => {
		void setLocale('fr', { reload: false });
		const circle = fakeCircle({ me: 'daughter', ownerId: 'person', names: { nurse: 'Marie' } });
		const task = circle.seedTask(pharmacyTask('person'));
		circle.seedEvent({ type: 'claim', taskId: task.id, actor: 'nurse' });
		circle.seedEvent({ type: 'claim', taskId: task.id, actor: 'daughter' });
		render(TaskBoard, { view: circle.view, today: TODAY });
		await expect
			.element(page.getByText(/Marie s’en est chargé·e en premier\u202f; votre prise en charge/))
			.toBeVisible();
	});

	it('is read-only without write on plan & tasks', async () => {
		const circle = fakeCircle({
			me: 'nurse',
			ownerId: 'person',
			writable: false,
			names: { person: 'Jeanne' }
		});
		circle.seedTask(pharmacyTask('person'));
		render(TaskBoard, { view: circle.view, today: TODAY });
		const card = page.getByRole('article', { name: 'Pharmacy on Friday' });
		await expect.element(card).toBeVisible();
		await expect.element(page.getByText('You can read this plan but not change it.')).toBeVisible();
		await expect.element(page.getByRole('button', { name: 'Add a task' })).not.toBeInTheDocument();
		await expect.element(card.getByRole('button')).not.toBeInTheDocument();
		await expect.element(card.getByRole('textbox')).not.toBeInTheDocument();
	});

	it('edits a task in place: same task, new words', async () => {
		const circle = fakeCircle();
		const task = circle.seedTask(pharmacyTask('person'));
		render(TaskBoard, { view: circle.view, today: TODAY });
		await page.getByRole('button', { name: 'Edit: Pharmacy on Friday' }).click();
		await expect
			.element(page.getByRole('form', { name: 'Edit: Pharmacy on Friday' }))
			.toBeVisible();
		await expect
			.element(page.getByLabelText('Place (optional)'))
			.toHaveValue('Pharmacie du Centre');
		await page.getByLabelText('What needs doing').fill('Pharmacy on Saturday');
		await page.getByLabelText('Date').fill('2026-11-28');
		await page.getByRole('button', { name: 'Save the task' }).click();
		await expect.element(page.getByRole('article', { name: 'Pharmacy on Saturday' })).toBeVisible();
		expect(circle.records.map((r) => r.id)).toEqual([task.id]);
	});

	it('moves between weeks and shows a weekly task on each of its dates', async () => {
		const circle = fakeCircle();
		circle.seedTask({
			...pharmacyTask('person'),
			title: 'Meals',
			kind: 'meals',
			dueTime: null,
			dueDate: '2026-11-24',
			recurrence: { freq: 'weekly', interval: 1, until: null }
		});
		render(TaskBoard, { view: circle.view, today: TODAY });
		const week = page.getByRole('region', { name: 'This week: who does what' });
		await expect.element(week).toHaveTextContent(/Tuesday, November 24\s*Nobody yet\s*Meals/);
		await page.getByRole('button', { name: 'Next week' }).click();
		const next = page.getByRole('region', { name: 'Week of November 30, 2026' });
		await expect.element(next).toHaveTextContent(/Tuesday, December 1\s*Nobody yet\s*Meals/);
		await page.getByRole('button', { name: 'This week', exact: true }).click();
		await expect.element(week).toBeVisible();
	});
});
