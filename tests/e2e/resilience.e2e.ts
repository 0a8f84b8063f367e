// The shell under the conditions Cercle is built for: a narrow phone, large text, printing the
// recovery key, the journal left alone (auto-lock), and the network dropping.
import { expect, test, type Page } from '@playwright/test';
import { createSettingsPages } from './pages/settings';
import { createShell } from './pages/shell';
import { createUnlockPage } from './pages/unlock-page';
import { createWelcomePage } from './pages/welcome-page';

const SECRET = 'une tasse de the au jardin';

async function expectNoHorizontalScroll(page: Page, where: string): Promise<void> {
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow, `horizontal overflow on ${where}`).toBeLessThanOrEqual(0);
}

test('reflows at 320 px and with text at 200 %', async ({ page }) => {
	await page.setViewportSize({ width: 320, height: 640 });
	const shell = createShell(page);
	const welcome = createWelcomePage(page);
	await welcome.goto();
	await expectNoHorizontalScroll(page, 'welcome at 320px');
	await welcome.start();
	await expectNoHorizontalScroll(page, 'create at 320px');

	await page.setViewportSize({ width: 640, height: 800 });
	await page.evaluate(() => {
		document.documentElement.style.fontSize = '225%';
	});
	await expectNoHorizontalScroll(page, 'create with 200% text');
	await welcome.fillPassphrase(SECRET);
	await welcome.submit();
	await welcome.readRecoveryKey();
	await expectNoHorizontalScroll(page, 'recovery key with 200% text');
	await welcome.confirmRecoveryKeySaved();
	await welcome.finish();
	for (const name of ['Today', 'More'] as const) {
		await shell.navLink(name).click();
		await expect(shell.heading).toBeVisible();
		await expectNoHorizontalScroll(page, `${name} with 200% text`);
	}
	await page.getByRole('main').getByRole('link', { name: 'Settings' }).click();
	await expect(shell.heading).toHaveText('Settings');
	await expectNoHorizontalScroll(page, 'settings with 200% text');
});

test('printing the recovery key prints the key, not the app around it', async ({ page }) => {
	const welcome = createWelcomePage(page);
	await welcome.goto();
	await welcome.start();
	await welcome.fillPassphrase(SECRET);
	await welcome.submit();
	await welcome.readRecoveryKey();
	await page.emulateMedia({ media: 'print' });
	await expect(welcome.recoveryKey).toBeVisible();
	await expect(page.getByText('Cercle recovery key')).toBeVisible();
	await expect(page.getByRole('banner')).toBeHidden();
	await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
	await page.emulateMedia({ media: 'screen' });
	await expect(page.getByRole('button', { name: 'Print' })).toBeVisible();
});

test('locks by itself after the chosen idle time, and activity postpones it', async ({ page }) => {
	await page.clock.install();
	const shell = createShell(page);
	const unlock = createUnlockPage(page);
	await createWelcomePage(page).createJournal(SECRET);
	await createSettingsPages(page).open('security');
	await page.getByLabel('Lock after this many minutes without use').selectOption('1');

	await page.clock.fastForward(40_000);
	await page.keyboard.press('Shift');
	await page.clock.fastForward(40_000);
	await expect(shell.heading).toHaveText('Lock and passphrase');

	await page.clock.fastForward(25_000);
	await expect(unlock.heading).toBeVisible();
	await unlock.unlock(SECRET);
	await expect(shell.heading).toHaveText('Lock and passphrase');
});

test('says so when the network drops, and keeps working', async ({ page, context }) => {
	const shell = createShell(page);
	await createWelcomePage(page).createJournal(SECRET);
	const notice = page.getByText('You are offline. Everything you write is kept on this phone.');
	await expect(notice).toBeHidden();
	await shell.waitForServiceWorkerControl(); // Goals' code comes from the worker, offline
	await context.setOffline(true);
	await expect(notice).toBeVisible();
	await shell.navLink('Goals').click();
	await expect(shell.heading).toBeVisible();
	await context.setOffline(false);
	await expect(notice).toBeHidden();
});
