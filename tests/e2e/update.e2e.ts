// A new version never replaces the running one silently: the person sees "A new version of Cercle is
// ready — Reload", and only that button activates the new service worker and reloads.
import { expect, test } from '@playwright/test';
import { createShell } from './pages/shell';
import { createWelcomePage } from './pages/welcome-page';

test('a new service worker waits for the person to tap Reload', async ({ page }) => {
	const shell = createShell(page);
	await createWelcomePage(page).goto();
	await shell.waitForServiceWorkerControl();

	// A deploy, as the browser sees it: a changed worker script for the same scope. (Playwright cannot
	// route the worker's own script, so the changed script is the same file under another URL.)
	await page.evaluate(async () => {
		await navigator.serviceWorker.register('/service-worker.js?next-version', { type: 'module' });
	});

	const banner = page.getByRole('status').filter({ hasText: 'A new version of Cercle is ready.' });
	await expect(banner).toBeVisible({ timeout: 30_000 });
	// Still waiting: the old worker keeps control until the person decides.
	expect(
		await page.evaluate(async () => {
			const registration = await navigator.serviceWorker.getRegistration();
			return registration?.waiting !== null && registration?.waiting !== undefined;
		})
	).toBe(true);

	await Promise.all([
		page.waitForEvent('load'),
		banner.getByRole('button', { name: 'Reload' }).click()
	]);
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	// The page reloaded under the new worker. (Our simulated deploy then flips the URL back, so no
	// assertion on what is waiting afterwards.)
	expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toMatch(
		/\?next-version$/u
	);
});
