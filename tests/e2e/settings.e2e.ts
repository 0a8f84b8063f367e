// Settings through the real UI: an index of sections, each on its own page (issue 11 §8); auto-lock
// choice, passphrase change, backup export and import with clear errors for a file that is not a
// backup and for a wrong passphrase.
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { createSettingsPages, SETTINGS_SECTIONS } from './pages/settings';
import { createShell } from './pages/shell';
import { createUnlockPage } from './pages/unlock-page';
import { createWelcomePage } from './pages/welcome-page';

const SECRET = 'trois pommes sur la table';
const NEXT = 'quatre poires dans le panier';

test('change the passphrase, then only the new one opens the journal', async ({ page }) => {
	const shell = createShell(page);
	const unlock = createUnlockPage(page);
	await createWelcomePage(page).createJournal(SECRET);
	await createSettingsPages(page).open('security');

	await page.getByLabel('Current passphrase').fill('pas la bonne du tout');
	await page.getByLabel('New passphrase').fill(NEXT);
	await page.getByLabel('Type it again').fill(NEXT);
	await page.getByRole('button', { name: 'Change passphrase' }).click();
	await expect(page.locator('#change-current-error')).toHaveText(
		/The current passphrase is not right/u
	);

	await page.getByLabel('Current passphrase').fill(SECRET);
	await page.getByRole('button', { name: 'Change passphrase' }).click();
	await expect(page.getByText('Your passphrase has been changed.')).toBeVisible();

	await shell.lockButton.click();
	await unlock.unlock(SECRET);
	await expect(unlock.error).toContainText('does not open the journal');
	await unlock.unlock(NEXT);
	await expect(shell.heading).toHaveText('Lock and passphrase');
});

test('auto-lock choice is kept', async ({ page }) => {
	const unlock = createUnlockPage(page);
	await createWelcomePage(page).createJournal(SECRET);
	await createSettingsPages(page).open('security');
	const select = page.getByLabel('Lock after this many minutes without use');
	await expect(select).toHaveValue('5');
	await select.selectOption('15');
	await expect(page.getByText('Saved.')).toBeVisible();
	await page.reload();
	await unlock.unlock(SECRET);
	await expect(page.getByLabel('Lock after this many minutes without use')).toHaveValue('15');
});

test('export a backup, refuse a wrong file and a wrong passphrase, restore it', async ({
	page
}, testInfo) => {
	await createWelcomePage(page).createJournal(SECRET);
	await createSettingsPages(page).open('backup');

	const downloadPromise = page.waitForEvent('download');
	await page.getByTestId('export-backup').click();
	const download = await downloadPromise;
	expect(download.suggestedFilename()).toMatch(/^cercle-backup-\d{4}-\d{2}-\d{2}\.json$/u);
	const backupPath = testInfo.outputPath('backup.json');
	await download.saveAs(backupPath);
	await expect(page.getByText('Backup file saved.')).toBeVisible();
	const backupText = await readFile(backupPath, 'utf8');
	expect(backupText).not.toContain(SECRET);

	const fileInput = page.getByLabel('Backup file');
	const passphrase = page.getByLabel('Passphrase of the backup');
	const restore = page.getByRole('button', { name: 'Restore' });

	await restore.click();
	await expect(page.getByText('Choose a backup file.')).toBeVisible();

	await fileInput.setInputFiles({
		name: 'notes.json',
		mimeType: 'application/json',
		buffer: Buffer.from('{"hello":"world"}')
	});
	await passphrase.fill(SECRET);
	await restore.click();
	await expect(
		page.getByText('This file is not a Cercle backup. Nothing was changed.')
	).toBeVisible();

	await fileInput.setInputFiles(backupPath);
	await passphrase.fill('pas la bonne phrase');
	await restore.click();
	await expect(
		page.getByText('This passphrase does not open the backup. Nothing was changed.')
	).toBeVisible();

	await passphrase.fill(SECRET);
	await restore.click();
	await expect(page.getByText('The backup has been restored.')).toBeVisible();
});

for (const locale of ['en', 'fr'] as const) {
	test(`Settings is a short index, each section on its own page (${locale})`, async ({ page }) => {
		await page.setViewportSize({ width: 390, height: 844 });
		const welcome = createWelcomePage(page);
		const settings = createSettingsPages(page);
		await welcome.goto();
		if (locale === 'fr') await welcome.chooseLanguage('Français');
		await welcome.createJournal(SECRET);
		await settings.openIndex();
		const main = page.getByRole('main');
		await expect(main.locator('h1')).toHaveText(locale === 'fr' ? 'Réglages' : 'Settings');
		// One link per section, each with its one-line description, and no form on the index.
		for (const names of Object.values(SETTINGS_SECTIONS)) {
			const link = main.getByRole('link', { name: names[locale], exact: true });
			await expect(link).toBeVisible();
			await expect(link).toHaveAccessibleDescription(/\S{3,}.*\./u);
		}
		await expect(main.getByRole('textbox')).toHaveCount(0);
		await expect(main.getByRole('button')).toHaveCount(0);
		// The index fits on a phone's first screens.
		const indexHeight = await page.evaluate(() => document.documentElement.scrollHeight);
		expect(indexHeight).toBeLessThan(2 * 844);

		// Each section opens on its own page with its heading and the way back.
		for (const name of [
			'security',
			'account',
			'backup',
			'reminders',
			'language',
			'leave'
		] as const) {
			await settings.sectionLink(name).click();
			await expect(page).toHaveURL(new RegExp(`/settings/${name}$`, 'u'));
			await expect(main.locator('h1')).toHaveText(SETTINGS_SECTIONS[name][locale]);
			await settings.backLink.click();
			await expect(page).toHaveURL(/\/settings$/u);
		}
		await settings.sectionLink('circle').click();
		await expect(page).toHaveURL(/\/circle$/u);
	});
}
