// A first run without an account leaves the browser's console clean: no CSP violation (zod's
// `new Function` probe was one on every start) and no failed request (the push status was asked of
// the server without an account: a 401 on every start). Lighthouse's best practices count both.
import { expect, test } from '@playwright/test';
import { createWelcomePage } from './pages/welcome-page';

test('first run to Today: no console error, no CSP violation', async ({ page }) => {
	const errors: string[] = [];
	page.on('console', (message) => {
		if (message.type() === 'error') errors.push(message.text());
	});
	page.on('pageerror', (error) => errors.push(error.message));
	await page.addInitScript(() => {
		const seen: string[] = [];
		Object.assign(globalThis, { cspViolations: seen });
		document.addEventListener('securitypolicyviolation', (event) => {
			seen.push(`${event.violatedDirective} ${event.blockedURI}`);
		});
	});
	await createWelcomePage(page).createJournal('console propre au premier lancement');
	await expect(page.locator('section[aria-labelledby="summary-title"]')).toBeVisible();
	// Reload: the unlock screen, the vault loading behind it.
	await page.reload();
	await expect(page.getByRole('button', { name: 'Open', exact: true })).toBeVisible();
	await page.waitForLoadState('networkidle');
	const violations = await page.evaluate(() =>
		Reflect.get(globalThis, 'cspViolations') instanceof Array
			? String(Reflect.get(globalThis, 'cspViolations'))
			: ''
	);
	expect(violations).toBe('');
	expect(errors).toEqual([]);
});
