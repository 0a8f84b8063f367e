// Every screen, in English and in French, on a phone and on a wide screen: axe (WCAG 2.2 AA rules)
// finds nothing. The journeys go through the real UI, so error states are checked too.
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './pages/axe';
import { createShell } from './pages/shell';
import { createUnlockPage } from './pages/unlock-page';
import { createWelcomePage } from './pages/welcome-page';

const SECRET = 'le chat dort sur le toit';
const AREAS = [
	'/today',
	'/journal',
	'/goals',
	'/plan',
	'/learn',
	'/decide',
	'/surveys',
	'/circle',
	'/settings'
] as const;
const SETTINGS_PAGES = [
	'/settings/security',
	'/settings/account',
	'/settings/backup',
	'/settings/reminders',
	'/settings/language',
	'/settings/leave'
] as const;

async function useLocale(page: Page, locale: 'en' | 'fr'): Promise<void> {
	await page.addInitScript((value) => {
		if (localStorage.getItem('PARAGLIDE_LOCALE') === null) {
			localStorage.setItem('PARAGLIDE_LOCALE', value);
		}
	}, locale);
}

for (const locale of ['en', 'fr'] as const) {
	test(`axe finds no violations on any screen (${locale}, wide)`, async ({ page }) => {
		// Every area and each of Settings' sections: more pages than the default minute allows.
		test.setTimeout(150_000);
		await useLocale(page, locale);
		const shell = createShell(page);
		const welcome = createWelcomePage(page);
		const unlock = createUnlockPage(page);

		await welcome.goto();
		expect(await shell.htmlLang()).toBe(locale);
		await expectNoAxeViolations(page, `welcome (${locale})`);

		await welcome.start();
		await welcome.fillPassphrase('short');
		await welcome.submit();
		await expect(page.locator('#create-new-error')).toBeVisible();
		await expectNoAxeViolations(page, `create passphrase with an error (${locale})`);

		await welcome.fillPassphrase(SECRET);
		await welcome.submit();
		await welcome.readRecoveryKey();
		await expectNoAxeViolations(page, `recovery key (${locale})`);
		await welcome.confirmRecoveryKeySaved();
		await expect(page.getByTestId('persistence')).toBeVisible();
		await expectNoAxeViolations(page, `persistence (${locale})`);
		await welcome.finish();

		for (const path of AREAS) {
			await page.locator(`nav a[href="${path}"]`).click();
			await expect(page).toHaveURL(new RegExp(`${path}$`, 'u'));
			await expect(shell.heading).toBeVisible();
			await expectNoAxeViolations(page, `${path} (${locale})`);
		}
		// Settings' own sections (issue 11 §8), from the index where the loop ended.
		for (const path of SETTINGS_PAGES) {
			await page.locator(`main a[href="${path}"]`).click();
			await expect(page).toHaveURL(new RegExp(`${path}$`, 'u'));
			await expect(shell.heading).toBeVisible();
			await expectNoAxeViolations(page, `${path} (${locale})`);
			await page.locator('main a[href="/settings"]').click();
		}

		await shell.lockButton.click();
		await expect(unlock.heading).toBeVisible();
		await expectNoAxeViolations(page, `unlock (${locale})`);
		await unlock.unlock('pas la bonne phrase du tout');
		await expect(unlock.error).toBeVisible();
		await expectNoAxeViolations(page, `unlock with an error (${locale})`);
		await page
			.getByRole('button', { name: /use my recovery key|utiliser ma clé de secours/u })
			.click();
		await expect(page.locator('#recover-current')).toBeVisible();
		await expectNoAxeViolations(page, `recovery key form (${locale})`);
	});
}

test('axe finds no violations on a phone, with the tab bar and More', async ({ page }) => {
	await page.setViewportSize({ width: 360, height: 740 });
	const shell = createShell(page);
	await createWelcomePage(page).createJournal(SECRET);
	await expect(shell.navLink('Today')).toBeVisible();
	await expect(shell.navLink('Settings')).toBeHidden();
	await expectNoAxeViolations(page, 'today on a phone');
	await shell.navLink('More').click();
	await expect(shell.heading).toHaveText('More');
	await expectNoAxeViolations(page, 'more on a phone');
	await page.getByRole('main').getByRole('link', { name: 'Settings' }).click();
	await expect(shell.heading).toHaveText('Settings');
	await expect(shell.navLink('More')).toHaveAttribute('aria-current', 'page');
	await expectNoAxeViolations(page, 'settings on a phone');
});

test('touch targets in the tab bar are at least 44 px', async ({ page }) => {
	await page.setViewportSize({ width: 360, height: 740 });
	await createWelcomePage(page).createJournal(SECRET);
	const links = page.getByRole('navigation').getByRole('link');
	const count = await links.count();
	let visible = 0;
	for (let index = 0; index < count; index += 1) {
		const box = await links.nth(index).boundingBox();
		if (!box) continue;
		visible += 1;
		expect(box.height).toBeGreaterThanOrEqual(44);
		expect(box.width).toBeGreaterThanOrEqual(44);
	}
	expect(visible).toBe(5);
});
