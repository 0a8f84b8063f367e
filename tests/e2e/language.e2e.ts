// Switching language changes every visible string and <html lang> at once, without a reload (which
// would lock the journal), and the choice is remembered.
import { expect, test } from '@playwright/test';
import { createSettingsPages } from './pages/settings';
import { createShell } from './pages/shell';
import { createWelcomePage } from './pages/welcome-page';

test('the first-run radio group and the header button switch language', async ({ page }) => {
	const shell = createShell(page);
	const welcome = createWelcomePage(page);
	await page.addInitScript(() => {
		if (localStorage.getItem('PARAGLIDE_LOCALE') === null) {
			localStorage.setItem('PARAGLIDE_LOCALE', 'en');
		}
	});
	await welcome.goto();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome to Cercle');
	expect(await shell.htmlLang()).toBe('en');

	await welcome.chooseLanguage('Français');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bienvenue dans Cercle');
	await expect(page.getByText('Il marche sans internet.')).toBeVisible();
	expect(await shell.htmlLang()).toBe('fr');

	await page.reload();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bienvenue dans Cercle');
	expect(await shell.htmlLang()).toBe('fr');

	await shell.languageButton.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome to Cercle');
	expect(await shell.htmlLang()).toBe('en');
});

test('the settings switch changes the navigation and keeps the journal open', async ({ page }) => {
	const shell = createShell(page);
	await createWelcomePage(page).createJournal('un matin calme au bord du lac');
	await createSettingsPages(page).open('language');
	await page.getByRole('radio', { name: 'Français' }).check();
	await expect(shell.heading).toHaveText('Langue');
	await expect(shell.navLink('Aujourd’hui')).toBeVisible();
	await expect(page.getByText('Verrouiller', { exact: true })).toBeVisible();
	expect(await shell.htmlLang()).toBe('fr');

	await page.getByRole('radio', { name: 'English' }).check();
	await expect(shell.heading).toHaveText('Language');
	await expect(shell.navLink('Today')).toBeVisible();
	expect(await shell.htmlLang()).toBe('en');
});
