// Blood pressure said in cmHg (issue 11, item 13): the measurement form recognises "13/8" and
// "13,5 / 8,5", offers the pressure in mmHg as one button, and one tap fills both fields.
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { setLocale } from '$lib/paraglide/runtime.js';
import { METRIC_UNITS } from '$lib/domain/journal/measurements';
import MeasurementForm from '$lib/ui/journal/MeasurementForm.svelte';
import { emptyMeasurement } from '$lib/ui/journal/forms';

afterEach(() => {
	void setLocale('en', { reload: false });
});

describe('blood pressure said in cmHg', () => {
	it('offers "Vouliez-vous dire 135/85 mmHg ?" for 13,5 and 8,5, and fills it in one tap', async () => {
		void setLocale('fr', { reload: false });
		const values = $state(emptyMeasurement(Date.now(), 'blood-pressure'));
		render(MeasurementForm, { values, preferences: METRIC_UNITS, onsubmit: () => undefined });
		await page.getByLabelText(/^Pression systolique/u).fill('13,5');
		await page.getByLabelText(/^Pression diastolique/u).fill('8,5');
		const offer = page.getByRole('button', { name: 'Vouliez-vous dire 135/85 mmHg ?' });
		await offer.click();
		await expect.element(page.getByLabelText(/^Pression systolique/u)).toHaveValue('135');
		await expect.element(page.getByLabelText(/^Pression diastolique/u)).toHaveValue('85');
		await expect.element(offer).not.toBeInTheDocument();
	});

	it('offers 130/80 mmHg for "13/8" typed in English', async () => {
		const values = $state(emptyMeasurement(Date.now(), 'blood-pressure'));
		render(MeasurementForm, { values, preferences: METRIC_UNITS, onsubmit: () => undefined });
		await page.getByLabelText(/^Systolic pressure/u).fill('13/8');
		await page.getByRole('button', { name: 'Did you mean 130/80 mmHg?' }).click();
		await expect.element(page.getByLabelText(/^Systolic pressure/u)).toHaveValue('130');
		await expect.element(page.getByLabelText(/^Diastolic pressure/u)).toHaveValue('80');
	});
});
