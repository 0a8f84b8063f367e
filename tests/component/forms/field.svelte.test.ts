// The one field wrapper (ui/forms/Field.svelte), through the fields built on it: the label names
// the control, the hint and the error are both in its description (aria-describedby, in that
// order), an error marks it invalid, "required" is said in words, and a group of choices is a
// fieldset named by its legend. In English and French; axe clean.
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { setLocale } from '$lib/paraglide/runtime.js';
import ChoiceField from '$lib/ui/journal/ChoiceField.svelte';
import SelectField from '$lib/ui/journal/SelectField.svelte';
import TextField from '$lib/ui/journal/TextField.svelte';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function expectAxeClean() {
	const results = await axe.run(document.body, { runOnly: { type: 'tag', values: TAGS } });
	expect(
		results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)
	).toEqual([]);
}

afterEach(() => {
	void setLocale('en', { reload: false });
});

describe('field wrapper', () => {
	it('labels the input and describes it with its hint, then its error', async () => {
		render(TextField, {
			id: 'weight',
			label: 'Weight (kg)',
			value: '1200',
			hint: 'Between 2 and 350 kg',
			error: 'Weight must be between 2 and 350 kg.',
			required: true
		});
		const input = page.getByLabelText('Weight (kg)', { exact: true });
		await expect.element(input).toBeVisible();
		await expect.element(input).toHaveAttribute('aria-describedby', 'weight-hint weight-error');
		await expect.element(input).toHaveAttribute('aria-invalid', 'true');
		await expect.element(input).toHaveAttribute('aria-required', 'true');
		await expect
			.element(input)
			.toHaveAccessibleDescription('Between 2 and 350 kg Weight must be between 2 and 350 kg.');
		await expect.element(page.getByText('(required)')).toBeVisible();
		await expectAxeClean();
	});

	it('has no description, no invalid mark and no required words when there are none', async () => {
		render(SelectField, {
			id: 'unit',
			label: 'Unit',
			value: 'kg',
			options: [
				{ value: 'kg', label: 'kg' },
				{ value: 'lb', label: 'lb' }
			]
		});
		const select = page.getByLabelText('Unit', { exact: true });
		await expect.element(select).not.toHaveAttribute('aria-describedby');
		await expect.element(select).not.toHaveAttribute('aria-invalid');
		expect(page.getByText('(required)').elements()).toHaveLength(0);
		await expectAxeClean();
	});

	it('makes a group of choices a fieldset named by its legend, with the error linked', async () => {
		void setLocale('fr', { reload: false });
		render(ChoiceField, {
			id: 'status',
			legend: 'Que s’est-il passé\u202f?',
			value: '',
			options: [
				{ value: 'taken', label: 'Pris' },
				{ value: 'skipped', label: 'Non pris' }
			],
			error: 'Dites si vous avez pris ou non cette dose.'
		});
		const group = page.getByRole('group', { name: 'Que s’est-il passé\u202f?' });
		await expect.element(group).toHaveAttribute('aria-describedby', 'status-error');
		await expect.element(group).toHaveAccessibleDescription(/Dites si vous avez pris/);
		await expect.element(page.getByRole('radio', { name: 'Non pris' })).toBeVisible();
		await expectAxeClean();
	});

	it('says "required" in French too', async () => {
		void setLocale('fr', { reload: false });
		render(TextField, { id: 'name', label: 'Nom', required: true });
		await expect.element(page.getByText('(obligatoire)')).toBeVisible();
		await expect.element(page.getByLabelText('Nom', { exact: true })).toBeVisible();
	});
});
