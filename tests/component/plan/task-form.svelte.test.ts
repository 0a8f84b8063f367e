// The task form: every control labelled, keyboard submit, errors next to their field (linked by
// aria-describedby) in English and French, recurrence details only when the task repeats.
// (A .svelte.test.ts file, so the form's values can be a $state proxy as the board passes them.)
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { setLocale } from '$lib/paraglide/runtime.js';
import TaskForm from '$lib/ui/plan/TaskForm.svelte';
import { emptyTaskForm, parseTaskForm } from '$lib/domain/plan/board';

afterEach(() => {
	void setLocale('en', { reload: false });
});

const members = [
	{ id: 'person', name: 'you' },
	{ id: 'daughter', name: 'Claire' }
];

describe('task form', () => {
	it('labels every control and submits with the keyboard', async () => {
		let submitted = 0;
		const values = $state(emptyTaskForm('2026-11-26'));
		render(TaskForm, {
			values,
			members,
			title: 'New task',
			submitLabel: 'Add the task',
			onsubmit: () => {
				submitted++;
			}
		});
		for (const label of [
			'What needs doing',
			'Details (optional)',
			'Date',
			'Time (optional)',
			'Place (optional)',
			'Kind',
			'Repeats',
			'Proposed to'
		]) {
			await expect.element(page.getByLabelText(label, { exact: true })).toBeVisible();
		}
		await expect.element(page.getByLabelText('Date')).toHaveValue('2026-11-26');
		await expect
			.element(page.getByRole('option', { name: 'Claire' }))
			.toHaveAttribute('value', 'daughter');
		await page.getByLabelText('What needs doing').fill('Pharmacy');
		await userEvent.keyboard('{Enter}');
		expect(submitted).toBe(1);
	});

	it('asks how often and until when only when the task repeats', async () => {
		const values = $state(emptyTaskForm('2026-11-26'));
		render(TaskForm, {
			values,
			members,
			title: 'New task',
			submitLabel: 'Add the task',
			onsubmit: () => undefined
		});
		await expect.element(page.getByLabelText('Repeat every')).not.toBeInTheDocument();
		await page.getByLabelText('Repeats').selectOptions('weekly');
		await expect.element(page.getByLabelText('Repeat every')).toHaveValue('1');
		await expect.element(page.getByLabelText('Last date (optional)')).toBeVisible();
	});

	it('shows each error next to its field, linked to it, in English', async () => {
		const values = $state({
			...emptyTaskForm('2026-11-26'),
			recurrence: 'weekly',
			interval: '0',
			until: '2026-11-01'
		});
		const parsed = parseTaskForm(values, new Set(['person']));
		expect(parsed.ok).toBe(false);
		render(TaskForm, {
			values,
			errors: parsed.ok ? {} : parsed.error,
			alert: 'Some answers need fixing: see the messages next to the fields.',
			members,
			title: 'New task',
			submitLabel: 'Add the task',
			onsubmit: () => undefined
		});
		await expect.element(page.getByRole('alert')).toHaveTextContent(/need fixing/);
		const title = page.getByLabelText('What needs doing');
		await expect.element(title).toHaveAttribute('aria-invalid', 'true');
		await expect.element(title).toHaveAccessibleDescription('Say what needs doing.');
		await expect
			.element(page.getByLabelText('Repeat every'))
			.toHaveAccessibleDescription(/whole number from 1 to 52/);
		await expect
			.element(page.getByLabelText('Last date (optional)'))
			.toHaveAccessibleDescription(/cannot be before the first one/);
	});

	it('shows the errors in French', async () => {
		void setLocale('fr', { reload: false });
		const values = $state({
			...emptyTaskForm('2026-11-26'),
			dueTime: '25:00',
			assignee: 'stranger'
		});
		const parsed = parseTaskForm(values, new Set(['person']));
		render(TaskForm, {
			values,
			errors: parsed.ok ? {} : parsed.error,
			members,
			title: 'Nouvelle tâche',
			submitLabel: 'Ajouter la tâche',
			onsubmit: () => undefined
		});
		await expect
			.element(page.getByLabelText('Ce qu’il faut faire'))
			.toHaveAccessibleDescription('Dites ce qu’il faut faire.');
		await expect
			.element(page.getByLabelText('Heure (facultatif)'))
			.toHaveAccessibleDescription(/Saisissez une heure comme 14:30/);
		await expect
			.element(page.getByLabelText('Proposée à'))
			.toHaveAccessibleDescription('Choisissez une personne du cercle.');
	});
});
