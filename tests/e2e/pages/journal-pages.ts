// Page model of the journal screens: Today's quick log and due doses, the forms, the timeline.
// A full page load locks the vault (keys live in memory only), so `open` unlocks after going.
import { expect, type Page } from '@playwright/test';
import { createUnlockPage } from './unlock-page';

export function createJournalPages(page: Page, secret: string) {
	async function open(path: string): Promise<void> {
		await page.goto(path);
		await createUnlockPage(page).unlock(secret);
	}
	/** Types into the blood-pressure form already on screen (e.g. after an error). */
	async function fillBloodPressure(systolic: string, diastolic: string): Promise<void> {
		await page.getByLabel(/(Systolic|systolique)/iu).fill(systolic);
		await page.getByLabel(/(Diastolic|diastolique)/iu).fill(diastolic);
		await page.getByRole('button', { name: /^(Save|Enregistrer)$/u }).click();
	}
	return {
		open,
		fillBloodPressure,
		async quickLogSymptom(name: RegExp): Promise<void> {
			await page.getByRole('button', { name, exact: false }).first().click();
			await page.getByRole('button', { name: /^(Save|Enregistrer) ?:/u }).click();
			await expect(page.getByRole('status').filter({ hasText: /10/u }).first()).toBeVisible();
		},
		async addBloodPressure(systolic: string, diastolic: string): Promise<void> {
			await page.getByRole('link', { name: /^(Blood pressure|Tension artérielle)$/u }).click();
			await fillBloodPressure(systolic, diastolic);
		},
		async addMedication(name: string): Promise<void> {
			await open('/journal/medications/edit');
			await page.getByLabel(/^(Name|Nom)$/u).fill(name);
			await page.getByLabel(/^(Time 1|Heure 1)$/u).fill('00:00');
			await page.getByRole('button', { name: /^(Save|Enregistrer)$/u }).click();
			await expect(page.getByRole('heading', { name })).toBeVisible();
		}
	};
}
