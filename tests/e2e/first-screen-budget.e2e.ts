// Issue 18 §1: the first screens cost at most 60 kB gzip, and an unlocked Today no more than its
// ceiling (162 kB: the 150 kB aim is not met yet, see bundle-budget.ts), read from the build this
// suite serves (`npm test` builds it first, through the README's `npm start`);
// and the welcome and unlock screens really render and take input while everything else — the
// vault, Dexie, zod, the Argon2 worker — is still on its way.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page, type Route } from '@playwright/test';
import { createUnlockPage } from './pages/unlock-page';
import { createWelcomePage } from './pages/welcome-page';
import {
	FIRST_SCREEN_BUDGET_BYTES,
	FIRST_SCREENS,
	screenCosts,
	TODAY_CEILING_BYTES,
	TODAY_SCREEN,
	TODAY_TARGET_BYTES
} from './tools/bundle-budget';

const root = fileURLToPath(new URL('../../', import.meta.url));
const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

// The held-back requests must reach the page's own fetch, not the service worker's cache.
test.use({ serviceWorkers: 'block' });

test('the welcome, unlock and sign-in screens fit in 60 kB gzip', () => {
	const screens = screenCosts(root, FIRST_SCREENS);
	expect(screens).toHaveLength(FIRST_SCREENS.length);
	for (const screen of screens) {
		expect(
			screen.totalGzipBytes,
			`${screen.name}: ${kB(screen.totalGzipBytes)} (${screen.files.join(', ')})`
		).toBeLessThanOrEqual(FIRST_SCREEN_BUDGET_BYTES);
	}
});

test('an unlocked Today stays under its ceiling', () => {
	const [today] = screenCosts(root, [TODAY_SCREEN]);
	expect(today, 'Today').toBeDefined();
	if (today === undefined) return;
	expect(
		today.totalGzipBytes,
		`${today.name}: ${kB(today.totalGzipBytes)} (aim ${kB(TODAY_TARGET_BYTES)})`
	).toBeLessThanOrEqual(TODAY_CEILING_BYTES);
});

// What took Today from 194.8 to 160.5 kB, kept: no classic zod (its schemas carry a `toJSONSchema`
// method; `zod/mini`'s do not) and no route table (the API client with every contract, which the
// sync bar brings after the page).
test('an unlocked Today loads neither classic zod nor the route table', () => {
	const [today] = screenCosts(root, [TODAY_SCREEN]);
	if (today === undefined) throw new Error('no Today screen');
	const scripts = today.files.filter((file) => file.endsWith('.js'));
	expect(scripts.length).toBeGreaterThan(0);
	for (const file of scripts) {
		const source = readFileSync(join(root, '.svelte-kit/output/client', file), 'utf8');
		expect(source.includes('toJSONSchema'), `${file} holds classic zod`).toBe(false);
		expect(source.includes('/api/auth/signup'), `${file} holds the route table`).toBe(false);
	}
});

/** Holds back every build file outside `allowed` until `release` is called. */
async function holdBack(page: Page, allowed: readonly string[]) {
	const served = new Set(allowed.map((file) => `/${file}`));
	const held: Route[] = [];
	let released = false;
	await page.route('**/_app/immutable/**', async (route) => {
		const path = new URL(route.request().url()).pathname;
		if (released || served.has(path)) await route.continue();
		else held.push(route);
	});
	return {
		held,
		async release(): Promise<void> {
			released = true;
			await Promise.all(held.splice(0).map((route) => route.continue()));
		}
	};
}

test('welcome renders and changes language with only its first-screen files', async ({ page }) => {
	const [welcome] = screenCosts(root, FIRST_SCREENS);
	if (welcome === undefined) throw new Error('no welcome screen');
	const gate = await holdBack(page, welcome.files);
	await page.goto('/');
	await expect(page).toHaveURL(/\/welcome$/u);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Welcome|Bienvenue/u);
	await createWelcomePage(page).chooseLanguage('Français');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Bienvenue/u);
	// The vault was asked for on start, in parallel, and is still held back.
	expect(gate.held.length).toBeGreaterThan(0);
	await gate.release();
});

test('unlock takes the passphrase while the vault downloads, then opens the journal', async ({
	page
}) => {
	const secret = 'premier ecran leger sur la colline';
	await createWelcomePage(page).createJournal(secret);
	const [, unlockScreen] = screenCosts(root, FIRST_SCREENS);
	if (unlockScreen === undefined) throw new Error('no unlock screen');
	const gate = await holdBack(page, unlockScreen.files);
	await page.goto('/');
	await expect(page).toHaveURL(/\/unlock$/u);
	const unlock = createUnlockPage(page);
	await expect(unlock.heading).toBeVisible();
	await unlock.passphrase.fill(secret);
	await expect(unlock.passphrase).toHaveValue(secret);
	expect(gate.held.length).toBeGreaterThan(0);
	await gate.release();
	await unlock.submit.click();
	await expect(page).toHaveURL(/\/today$/u, { timeout: 30_000 });
});
