import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { setLocale } from '$lib/paraglide/runtime.js';
import { METRIC_UNITS } from '$lib/domain/journal/measurements';
import MeasurementForm from '$lib/ui/journal/MeasurementForm.svelte';
import SymptomForm from '$lib/ui/journal/SymptomForm.svelte';
import { emptyMeasurement, emptySymptom } from '$lib/ui/journal/forms';
import { fieldErrors } from '$lib/ui/journal/error-text';

afterEach(() => {
	void setLocale('en', { reload: false });
});

describe('symptom form', () => {
	it('labels every control and submits with the keyboard', async () => {
		let submitted = 0;
		render(SymptomForm, {
			values: emptySymptom(Date.now(), 'pain'),
			onsubmit: () => {
				submitted++;
			}
		});
		await expect.element(page.getByLabelText('Symptom')).toBeVisible();
		await expect.element(page.getByLabelText('How strong is it? 0 to 10')).toBeVisible();
		await expect.element(page.getByLabelText('Where does it hurt? (optional)')).toBeVisible();
		await expect.element(page.getByLabelText('When')).toBeVisible();
		await page.getByLabelText('Note (optional)').click();
		await userEvent.keyboard('{Tab}{Enter}');
		expect(submitted).toBe(1);
	});

	it('shows the domain error next to its field, linked to it, in French', async () => {
		void setLocale('fr', { reload: false });
		render(SymptomForm, {
			values: emptySymptom(Date.now(), 'pain'),
			errors: fieldErrors([{ path: 'at', key: 'journal_error_time_in_future', params: {} }]),
			onsubmit: () => undefined
		});
		const when = page.getByLabelText('Quand');
		await expect.element(when).toHaveAttribute('aria-invalid', 'true');
		await expect.element(when).toHaveAccessibleDescription(/dans le futur/);
	});
});

describe('measurement form', () => {
	it('shows the plausible range as a hint and the refusal of a typo next to the value', async () => {
		render(MeasurementForm, {
			values: emptyMeasurement(Date.now(), 'weight'),
			preferences: METRIC_UNITS,
			errors: fieldErrors([
				{
					path: 'measurement.value',
					key: 'journal_error_weight_range',
					params: { min: 2, max: 350 }
				}
			]),
			onsubmit: () => undefined
		});
		const value = page.getByLabelText('Weight (kg)');
		await expect.element(value).toHaveAccessibleDescription(/Between 2 and 350 kg/);
		await expect.element(value).toHaveAttribute('aria-invalid', 'true');
	});

	it('labels both blood pressure values in English and French', async () => {
		void setLocale('fr', { reload: false });
		render(MeasurementForm, {
			values: emptyMeasurement(Date.now(), 'blood-pressure'),
			preferences: METRIC_UNITS,
			onsubmit: () => undefined
		});
		await expect.element(page.getByLabelText('Qu’avez-vous mesuré\u202f?')).toBeVisible();
		await expect.element(page.getByLabelText(/Pouls/)).toBeVisible();
	});
});
