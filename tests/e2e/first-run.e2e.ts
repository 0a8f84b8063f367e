// The first run and the lock cycle, as a person lives them: create a passphrase, keep the recovery
// key, lock, mistype, unlock, then open the app again with no network at all.
import { expect, test } from '@playwright/test';
import { createShell } from './pages/shell';
import { createUnlockPage } from './pages/unlock-page';
import { createWelcomePage } from './pages/welcome-page';

const SECRET = 'lune orange sur la riviere';

test('first run → passphrase → recovery key → lock → wrong passphrase → unlock → offline reload', async ({
	page,
	context
}) => {
	const shell = createShell(page);
	const welcome = createWelcomePage(page);
	const unlock = createUnlockPage(page);

	await page.goto('/');
	await expect(page).toHaveURL(/\/welcome$/u);
	await welcome.start();

	// The rules speak next to the field, and nothing is created.
	await welcome.fillPassphrase('motdepasse123');
	await welcome.submit();
	await expect(page.locator('#create-new-error')).toContainText(/Too common/u);
	await welcome.fillPassphrase(SECRET, `${SECRET}!`);
	await welcome.submit();
	await expect(page.locator('#create-confirm-error')).toContainText(/different/u);

	await welcome.fillPassphrase(SECRET);
	await welcome.submit();
	const recoveryKey = await welcome.readRecoveryKey();
	expect(recoveryKey.replace(/\s/gu, '').length).toBeGreaterThanOrEqual(20);
	const continueButton = page.getByRole('button', { name: 'Continue' });
	await expect(continueButton).toBeDisabled();
	await welcome.confirmRecoveryKeySaved();
	await expect(page.getByTestId('persistence')).toBeVisible();
	await welcome.finish();
	await expect(page).toHaveURL(/\/today$/u);
	await expect(shell.heading).toHaveText('Today');

	// Lock: the page asked for stays, the unlock screen shows in its place.
	await shell.navLink('Plan').click();
	await expect(page).toHaveURL(/\/plan$/u);
	await shell.lockButton.click();
	await expect(unlock.heading).toBeVisible();
	await expect(page.getByRole('navigation')).toHaveCount(0);

	await unlock.unlock('not my passphrase at all');
	await expect(unlock.error).toContainText('This passphrase does not open the journal');
	await expect(unlock.error).toContainText('Nothing was erased');

	await unlock.unlock(SECRET);
	await expect(shell.heading).toHaveText('Care plan');
	await expect(page).toHaveURL(/\/plan$/u);

	// Offline: once the service worker controls the page, a reload with no network still opens.
	await shell.waitForServiceWorkerControl();
	await context.setOffline(true);
	await page.reload();
	await expect(unlock.heading).toBeVisible();
	await unlock.unlock(SECRET);
	await expect(shell.heading).toHaveText('Care plan');
	await shell.navLink('Journal').click();
	await expect(shell.heading).toHaveText('Journal');

	// A route never visited before also loads offline (navigation falls back to the shell).
	await page.goto('/circle');
	await expect(unlock.heading).toBeVisible();
	await unlock.unlock(SECRET);
	await expect(shell.heading).toHaveText('Circle of care');

	// And a nested route (the shell's asset paths must not depend on the depth of the address).
	await page.goto('/journal/symptom');
	await expect(unlock.heading).toBeVisible();
	await unlock.unlock(SECRET);
	await expect(shell.heading).toBeVisible();
	await expect(shell.navLink('Journal')).toHaveAttribute('aria-current', 'page');
	await context.setOffline(false);
});

test('the recovery key opens the journal and sets a new passphrase', async ({ page }) => {
	const shell = createShell(page);
	const welcome = createWelcomePage(page);
	const unlock = createUnlockPage(page);
	const recoveryKey = await welcome.createJournal(SECRET);

	await shell.lockButton.click();
	await page.getByRole('button', { name: /use my recovery key/u }).click();
	await page.getByLabel('Recovery key').fill('AAAA BBBB CCCC DDDD');
	await page.getByLabel('New passphrase').fill('un autre chemin dans les bois');
	await page.getByLabel('Type it again').fill('un autre chemin dans les bois');
	await page.getByRole('button', { name: 'Open and set the new passphrase' }).click();
	await expect(page.locator('#recover-current-error')).toContainText(
		'This recovery key does not open the journal'
	);

	await page.getByLabel('Recovery key').fill(recoveryKey);
	await page.getByRole('button', { name: 'Open and set the new passphrase' }).click();
	await expect(shell.heading).toHaveText('Today');

	await shell.lockButton.click();
	await unlock.unlock('un autre chemin dans les bois');
	await expect(shell.heading).toHaveText('Today');
});

test('forget this device asks twice, then starts over', async ({ page }) => {
	const shell = createShell(page);
	const welcome = createWelcomePage(page);
	await welcome.createJournal(SECRET);
	await shell.lockButton.click();

	await page.getByRole('button', { name: 'Erase my journal from this device' }).click();
	await page.getByRole('button', { name: 'Cancel, keep my journal' }).click();
	await page.getByRole('button', { name: 'Erase my journal from this device' }).click();
	await page.getByRole('button', { name: 'Yes, continue' }).click();
	await page.getByRole('button', { name: 'Erase everything now' }).click();
	await expect(page).toHaveURL(/\/welcome$/u);
	await expect(welcome.startButton).toBeVisible();
});
