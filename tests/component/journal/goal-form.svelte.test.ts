// The goal form's target group: the fields of the chosen kind of target stand inside the group
// ("Something to count or measure?"), each labelled, bound to its value, and a text field shows
// the domain's error linked to it; no target, no target fields.
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { setLocale } from '$lib/paraglide/runtime.js';
import GoalForm from '$lib/ui/journal/GoalForm.svelte';
import { emptyGoal, type GoalFormValues } from '$lib/ui/journal/forms';

afterEach(() => {
	void setLocale('en', { reload: false });
});

const TARGET_GROUP = 'Something to count or measure?';

describe('goal form', () => {
	it('shows no target field without a target', async () => {
		render(GoalForm, { values: emptyGoal(), onsubmit: () => undefined });
		await expect.element(page.getByRole('group', { name: TARGET_GROUP })).toBeVisible();
		await expect.element(page.getByLabelText('No', { exact: true })).toBeChecked();
		expect(page.getByLabelText('How much each time').elements()).toHaveLength(0);
		expect(page.getByLabelText('Measurement', { exact: true }).elements()).toHaveLength(0);
	});

	it('puts an activity target’s fields in the group, bound, with the amount’s error', async () => {
		const values: GoalFormValues = { ...emptyGoal(), targetType: 'frequency' };
		render(GoalForm, {
			values,
			errors: { 'target.amount': 'Give a number above 0.' },
			onsubmit: () => undefined
		});
		const group = page.getByRole('group', { name: TARGET_GROUP });
		const amount = group.getByLabelText('How much each time');
		await expect.element(amount).toHaveValue('20');
		await expect.element(amount).toHaveAttribute('aria-invalid', 'true');
		await expect.element(amount).toHaveAccessibleDescription(/above 0/);
		await expect.element(group.getByLabelText('Counted in')).toBeVisible();
		await expect.element(group.getByLabelText('Days per week')).toHaveValue('5');
		await group.getByLabelText('Activity (optional)').click();
		await userEvent.keyboard('Walking');
		expect(values.activity).toBe('Walking');
	});

	it('puts a measurement target’s fields in the group', async () => {
		render(GoalForm, {
			values: { ...emptyGoal(), targetType: 'measurement' },
			onsubmit: () => undefined
		});
		const group = page.getByRole('group', { name: TARGET_GROUP });
		await expect.element(group.getByLabelText('Measurement', { exact: true })).toBeVisible();
		await expect.element(group.getByLabelText('Keep it')).toBeVisible();
		await expect.element(group.getByLabelText('Value')).toBeVisible();
		expect(page.getByLabelText('How much each time').elements()).toHaveLength(0);
	});
});
