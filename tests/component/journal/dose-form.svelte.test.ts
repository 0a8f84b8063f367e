// The dose edit form: every control labelled, the status as a radio group (keyboard: arrows),
// "why not taken" only for a dose not taken, no "not taken" for an as-needed dose, errors next to
// their field and read with it, in English and French; Enter submits.
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { setLocale } from '$lib/paraglide/runtime.js';
import DoseForm from '$lib/ui/journal/DoseForm.svelte';
import type { DoseFormValues } from '$lib/ui/journal/dose-form';
import { fieldErrors } from '$lib/ui/journal/error-text';

const taken = (): DoseFormValues => ({
	status: 'taken',
	takenAt: '2025-03-10T08:10',
	skipReason: '',
	note: ''
});

afterEach(() => {
	void setLocale('en', { reload: false });
});

describe('dose form', () => {
	it('labels every control, moves between statuses with the arrows and submits with Enter', async () => {
		let submitted = 0;
		const values = $state(taken());
		render(DoseForm, {
			values,
			asNeeded: false,
			onsubmit: () => {
				submitted++;
			}
		});
		const group = page.getByRole('group', { name: 'What happened?' });
		await expect.element(group).toBeVisible();
		await expect.element(page.getByRole('radio', { name: 'Taken', exact: true })).toBeChecked();
		await expect.element(page.getByLabelText('Taken at')).toBeVisible();
		await expect.element(page.getByLabelText('Note (optional)')).toBeVisible();
		await expect.element(page.getByLabelText('Why not taken?')).not.toBeInTheDocument();

		await page.getByRole('radio', { name: 'Taken', exact: true }).click();
		await userEvent.keyboard('{ArrowDown}{ArrowDown}');
		await expect.element(page.getByRole('radio', { name: 'Not taken' })).toBeChecked();
		await expect.element(page.getByLabelText('Why not taken?')).toBeVisible();
		await expect.element(page.getByLabelText('Taken at')).not.toBeInTheDocument();

		await page.getByLabelText('Why not taken?').selectOptions('I ran out');
		await page.getByLabelText('Note (optional)').click();
		await userEvent.keyboard('{Tab}{Enter}');
		expect(submitted).toBe(1);
	});

	it('offers no "not taken" for a dose taken when needed', async () => {
		const values = $state(taken());
		render(DoseForm, { values, asNeeded: true, onsubmit: () => undefined });
		await expect.element(page.getByRole('radio', { name: 'Taken late' })).toBeVisible();
		expect(page.getByRole('radio').elements()).toHaveLength(2);
	});

	it('shows the domain errors next to their fields, linked to them, in French', async () => {
		void setLocale('fr', { reload: false });
		const values = $state(taken());
		render(DoseForm, {
			values,
			asNeeded: false,
			errors: fieldErrors([
				{ path: 'takenAt', key: 'journal_error_time_in_future', params: {} },
				{ path: 'status', key: 'journal_error_dose_status_required', params: {} }
			]),
			onsubmit: () => undefined
		});
		const when = page.getByLabelText('Pris à');
		await expect.element(when).toHaveAttribute('aria-invalid', 'true');
		await expect.element(when).toHaveAccessibleDescription(/dans le futur/);
		await expect
			.element(page.getByRole('group', { name: 'Que s’est-il passé\u202f?' }))
			.toHaveAccessibleDescription(/.+/);
		await expect.element(page.getByRole('radio', { name: 'Pris en retard' })).toBeVisible();
	});

	it('refuses a skip without a reason next to the reason', async () => {
		const values = $state({ ...taken(), status: 'skipped' });
		render(DoseForm, {
			values,
			asNeeded: false,
			errors: fieldErrors([
				{ path: 'skipReason', key: 'journal_error_skip_reason_required', params: {} }
			]),
			onsubmit: () => undefined
		});
		await expect
			.element(page.getByLabelText('Why not taken?'))
			.toHaveAccessibleDescription(/Choose why you skipped this dose\./);
	});
});
