// The start address `/` decides where it leads before anything is drawn (src/routes/+page.ts): a first
// visit draws the welcome screen first, a device with a journal the unlock screen, never a "Loading"
// screen at `/` followed by a second navigation (issue 18: on 2G each step is a round trip).
import { expect, test, type Page } from '@playwright/test';
import * as z from 'zod';
import { createWelcomePage } from './pages/welcome-page';

/** Records, from the page's first script on, every address and text the page's `main` showed. */
async function recordDrawn(page: Page): Promise<() => Promise<string[]>> {
	await page.addInitScript(() => {
		const drawn: string[] = [];
		Object.assign(globalThis, { cercleDrawn: drawn });
		new MutationObserver(() => {
			const main = document.querySelector('main');
			if (main === null) return;
			const entry = `${location.pathname} ${main.textContent.replace(/\s+/gu, ' ').trim()}`;
			if (drawn.at(-1) !== entry) drawn.push(entry);
		}).observe(document, { childList: true, subtree: true, characterData: true });
	});
	return async () =>
		z
			.array(z.string())
			.parse(
				JSON.parse(
					await page.evaluate(() => JSON.stringify(Reflect.get(globalThis, 'cercleDrawn') ?? []))
				)
			);
}

test('a first visit to / draws the welcome screen first', async ({ page }) => {
	const drawn = await recordDrawn(page);
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Welcome|Bienvenue/u);
	await expect(page).toHaveURL(/\/welcome$/u);
	const screens = await drawn();
	expect(screens.length).toBeGreaterThan(0);
	for (const screen of screens) expect(screen).toMatch(/^\/welcome /u);
});

test('with a journal on the device, / draws the unlock screen first', async ({ page }) => {
	await createWelcomePage(page).createJournal('adresse de depart vers le deverrouillage');
	const drawn = await recordDrawn(page);
	await page.goto('/');
	await expect(page.locator('#unlock-passphrase')).toBeVisible();
	await expect(page).toHaveURL(/\/unlock$/u);
	const screens = await drawn();
	expect(screens.length).toBeGreaterThan(0);
	for (const screen of screens) expect(screen).toMatch(/^\/unlock /u);
});

test('once unlocked, the header’s link to / leads to Today', async ({ page }) => {
	await createWelcomePage(page).createJournal('adresse de depart vers aujourd hui');
	await page
		.getByRole('link', { name: /Cercle/u })
		.first()
		.click();
	await expect(page).toHaveURL(/\/today$/u);
	await expect(page.locator('section[aria-labelledby="summary-title"]')).toBeVisible();
});
