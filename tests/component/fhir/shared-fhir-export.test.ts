// A member's FHIR export of what one person shares: named for that person, says when the file is
// ready or could not be made, EN/FR, axe clean.
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { setLocale } from '$lib/paraglide/runtime.js';
import SharedFhirExport from '$lib/ui/fhir/SharedFhirExport.svelte';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

afterEach(() => {
	void setLocale('en', { reload: false });
});

describe('shared FHIR export', () => {
	it('exports on demand and says the file is ready (EN), axe clean', async () => {
		let calls = 0;
		render(SharedFhirExport, {
			name: 'Marie',
			onexport: () => {
				calls++;
				return Promise.resolve(true);
			}
		});
		await expect
			.element(page.getByRole('heading', { name: 'What Marie shares with you, as a FHIR file' }))
			.toBeVisible();
		expect(calls).toBe(0);
		await page.getByRole('button', { name: 'Export as FHIR' }).click();
		await expect.element(page.getByText('The FHIR file is in your downloads.')).toBeVisible();
		expect(calls).toBe(1);
		const results = await axe.run(document.body, { runOnly: { type: 'tag', values: TAGS } });
		expect(results.violations.map((v) => v.id)).toEqual([]);
	});

	it('says when the file could not be made (FR typography)', async () => {
		await setLocale('fr', { reload: false });
		render(SharedFhirExport, { name: 'Marie', onexport: () => Promise.resolve(false) });
		await expect
			.element(
				page.getByText(
					'Un fichier FHIR R4 avec seulement ce que Marie partage avec vous. Il n’est pas chiffré\u202f: gardez-le en lieu sûr.'
				)
			)
			.toBeVisible();
		await page.getByRole('button', { name: 'Exporter en FHIR' }).click();
		await expect
			.element(page.getByText('Le fichier n’a pas pu être créé. Réessayez.'))
			.toBeVisible();
	});
});
