// "Try with a sample person": a look around without creating anything, clearly marked, and a way out
// that leaves the device as it was.
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './pages/axe';
import { createShell } from './pages/shell';
import { createWelcomePage } from './pages/welcome-page';

test('the sample person opens, is marked as a sample, and leaves nothing behind', async ({
	page
}) => {
	const shell = createShell(page);
	const welcome = createWelcomePage(page);
	await welcome.goto();
	await welcome.demoButton.click();
	await expect(page).toHaveURL(/\/today$/u);
	const banner = page.getByText('You are looking at a sample person. Nothing here is yours.');
	await expect(banner).toBeVisible();
	await expect(shell.lockButton).toHaveCount(0);
	await shell.navLink('Journal').click();
	await expect(banner).toBeVisible();

	await page.getByRole('button', { name: 'Leave the sample' }).click();
	await expect(page).toHaveURL(/\/welcome$/u);
	await expect(welcome.startButton).toBeVisible();
});

test('the sample person’s filled screens pass axe in both languages', async ({ page }) => {
	const welcome = createWelcomePage(page);
	await welcome.goto();
	await welcome.demoButton.click();
	await expect(page).toHaveURL(/\/today$/u);
	for (const locale of ['en', 'fr'] as const) {
		if (locale === 'fr') await createShell(page).languageButton.click();
		for (const path of ['/today', '/journal', '/goals', '/plan'] as const) {
			await page.locator(`nav a[href="${path}"]`).click();
			await expect(page).toHaveURL(new RegExp(`${path}$`, 'u'));
			await expect(page.locator('main h1').first()).toBeVisible();
			await expectNoAxeViolations(page, `sample ${path} (${locale})`);
		}
	}
});
