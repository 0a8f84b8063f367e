// Two devices of one person, as two browser contexts against the real server: device A creates a
// journal and an account; device B logs in and sees A's entries; A goes offline while both edit,
// including the same note; after reconnecting both show the same journal and the conflict is
// offered on the entry itself in the timeline (both versions side by side, in words), where the
// person keeps one version everywhere. Then B's session expires mid-sync:
// "sign in again" appears, and nothing written meanwhile is lost.
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './pages/axe';
import { createAccountPages } from './pages/account';
import { createSettingsPages } from './pages/settings';
import { createJournalPages } from './pages/journal-pages';
import { createUnlockPage } from './pages/unlock-page';
import { createShell } from './pages/shell';
import { createWelcomePage } from './pages/welcome-page';

const SECRET = 'quatre chats dorment au soleil';

async function editFatigueNote(page: Page, note: string): Promise<void> {
	await createAccountPages(page).navigate('Journal');
	await page.getByRole('link', { name: /Fatigue 5\/10/u }).click();
	await page.getByLabel('Note (optional)').fill(note);
	await page.getByRole('button', { name: 'Save', exact: true }).click();
	await expect(page).toHaveURL(/\/journal$/u);
}

/** The journal entry showing "edited on two devices" (the conflict offered on the entry itself). */
function conflictEntry(page: Page) {
	return page.getByRole('listitem').filter({
		has: page.getByRole('heading', {
			name: /^(Edited on two devices — choose which to keep|Modifiée sur deux appareils — choisissez la version à garder)$/u
		})
	});
}

/** A reconnect, as the browser reports it: the app syncs on the `online` event. */
async function reconnect(context: BrowserContext): Promise<void> {
	await context.setOffline(true);
	await context.setOffline(false);
}

test('two devices of one person stay in sync, offline, with a conflict and an expired session', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const login = `monique.${Date.now().toString(36)}@example.org`;
	const contextA = await browser.newContext();
	const contextB = await browser.newContext();
	const pageA = await contextA.newPage();
	const pageB = await contextB.newPage();
	const accountA = createAccountPages(pageA);
	const accountB = createAccountPages(pageB);

	// Device A: a journal, one entry, an account, an edit that syncs.
	await createWelcomePage(pageA).createJournal(SECRET);
	await createJournalPages(pageA, SECRET).quickLogSymptom(/^Fatigue$/u);
	await accountA.createAccount(login);
	await expectNoAxeViolations(pageA, 'settings with an account');
	await editFatigueNote(pageA, 'after the walk');
	await accountA.expectSynced();

	// Device B: logs in, pulls and decrypts A's journal.
	await accountB.logInOnNewDevice(login, SECRET);
	await accountB.navigate('Journal');
	await expect(pageB.getByText('after the walk')).toBeVisible({ timeout: 20_000 });
	await accountB.expectSynced();

	// A offline; both edit the same note, and each writes something else (the screens' code from
	// A's service worker).
	await createShell(pageA).waitForServiceWorkerControl();
	await contextA.setOffline(true);
	await editFatigueNote(pageA, 'note from A');
	await accountA.navigate('Today');
	await createJournalPages(pageA, SECRET).addBloodPressure('128', '82');
	await expect(accountA.status).toHaveText(/Offline|Hors ligne/u);
	// One notice says so, not two (issue 11 §10): the sync status, which also counts what waits.
	await expect(pageA.getByRole('status').filter({ hasText: /offline|hors ligne/iu })).toHaveCount(
		1
	);
	await editFatigueNote(pageB, 'note from B');
	await accountB.navigate('Today');
	await createJournalPages(pageB, SECRET).addBloodPressure('131', '85');
	await accountB.expectSynced();

	// Reconnect: both converge, and both are offered the two versions of the note.
	await contextA.setOffline(false);
	await accountA.expectSynced();
	await reconnect(contextB);
	await accountB.expectSynced();
	for (const page of [pageA, pageB]) {
		await createAccountPages(page).navigate('Journal');
		await expect(page.getByText(/128\/82/u)).toBeVisible({ timeout: 20_000 });
		await expect(page.getByText(/131\/85/u)).toBeVisible();
		const entry = conflictEntry(page);
		await expect(entry).toHaveCount(1);
		await expect(entry).toContainText(/Fatigue 5\/10/u);
		const shown = entry.getByRole('group', { name: 'This version' });
		const other = entry.getByRole('group', { name: 'The other version' });
		await expect(shown).toContainText(/note from [AB]/u);
		await expect(other).toContainText(/note from [AB]/u);
		expect(
			[await shown.textContent(), await other.textContent()]
				.map((text) => /note from ([AB])/u.exec(text ?? '')?.[1])
				.sort()
		).toEqual(['A', 'B']);
		// Offered on the entry only, not listed again above the timeline.
		await expect(createAccountPages(page).conflictHeading).toHaveCount(0);
	}
	await expectNoAxeViolations(pageA, 'journal with a conflict on an entry');

	// The person keeps the other version on A; B follows.
	const otherOnA = await conflictEntry(pageA)
		.getByRole('group', { name: 'The other version' })
		.textContent();
	const kept = otherOnA?.includes('note from A') ? 'note from A' : 'note from B';
	await conflictEntry(pageA).getByRole('button', { name: 'Keep the other version' }).click();
	await expect(pageA.getByText('Version kept on all your devices.')).toBeVisible();
	await expect(conflictEntry(pageA)).toHaveCount(0);
	await expect(pageA.locator('.entry .note', { hasText: kept })).toBeVisible();
	await accountA.expectSynced();
	await reconnect(contextB);
	await accountB.expectSynced();
	await expect(conflictEntry(pageB)).toHaveCount(0, { timeout: 20_000 });
	await expect(pageB.locator('.entry .note', { hasText: kept })).toBeVisible();

	// B's session ends (cookie gone) while B writes: sign in again, nothing lost.
	await contextB.clearCookies();
	await accountB.navigate('Today');
	await createJournalPages(pageB, SECRET).addBloodPressure('140', '90');
	await expect(accountB.status).toHaveText(/sign in again|reconnectez-vous/u, { timeout: 20_000 });
	await expectNoAxeViolations(pageB, 'journal with an expired session');
	await accountB.signInAgain();
	await accountB.expectSynced();
	await reconnect(contextA);
	await accountA.expectSynced();
	await accountA.navigate('Journal');
	await expect(pageA.getByText(/140\/90/u)).toBeVisible({ timeout: 20_000 });

	await contextA.close();
	await contextB.close();
});

test('a passphrase change follows to the account and signs out the other devices', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const login = `claire.${Date.now().toString(36)}@example.org`;
	const NEXT = 'sept mouettes sur le quai du port';
	const contextA = await browser.newContext();
	const contextB = await browser.newContext();
	const pageA = await contextA.newPage();
	const pageB = await contextB.newPage();
	const accountA = createAccountPages(pageA);
	const accountB = createAccountPages(pageB);
	await createWelcomePage(pageA).createJournal(SECRET);
	await createJournalPages(pageA, SECRET).quickLogSymptom(/^Fatigue$/u);
	await accountA.createAccount(login);
	await accountA.expectSynced();
	await accountB.logInOnNewDevice(login, SECRET);
	await accountB.expectSynced();

	await createSettingsPages(pageA).open('security');
	await pageA.getByLabel('Current passphrase').fill(SECRET);
	await pageA.getByLabel('New passphrase').fill(NEXT);
	await pageA.getByLabel('Type it again').fill(NEXT);
	await pageA.getByRole('button', { name: 'Change passphrase' }).click();
	await expect(pageA.getByText(/Other devices signed out: 1\./u)).toBeVisible({ timeout: 30_000 });
	await accountA.expectSynced();

	// B's session was revoked; its old passphrase no longer signs in.
	await createJournalPages(pageB, SECRET).quickLogSymptom(/^Fatigue$/u);
	await expect(accountB.status).toHaveText(/sign in again/u, { timeout: 20_000 });
	await accountB.signInAgain();
	await expect(pageB.getByText('Login or passphrase not recognised.')).toBeVisible();

	// A new device opens the journal with the new passphrase only.
	const contextC = await browser.newContext();
	const pageC = await contextC.newPage();
	const accountC = createAccountPages(pageC);
	await pageC.goto('/sign-in');
	await pageC.getByLabel('Email or user name').fill(login);
	await pageC.getByLabel('Passphrase', { exact: true }).fill(SECRET);
	await pageC.getByRole('button', { name: 'Log in' }).click();
	await expect(pageC.getByText('Login or passphrase not recognised.')).toBeVisible({
		timeout: 30_000
	});
	await accountC.logInOnNewDevice(login, NEXT);
	await accountC.navigate('Journal');
	await expect(pageC.getByText(/Fatigue 5\/10/u)).toBeVisible({ timeout: 20_000 });

	await contextA.close();
	await contextB.close();
	await contextC.close();
});

for (const language of ['English', 'Français'] as const) {
	test(`account pages are accessible (${language})`, async ({ page }) => {
		const fr = language === 'Français';
		const welcome = createWelcomePage(page);
		await welcome.goto();
		await welcome.chooseLanguage(language);
		await page.getByRole('link', { name: fr ? 'Confidentialité' : 'Privacy' }).click();
		await expect(page.getByRole('table')).toBeVisible();
		await expectNoAxeViolations(page, 'privacy');
		await page.goto('/sign-in');
		await page.getByRole('button', { name: fr ? 'Se connecter' : 'Log in' }).click();
		await expect(
			page.getByText(fr ? 'Saisissez votre phrase secrète.' : 'Enter your passphrase.')
		).toBeVisible();
		await expectNoAxeViolations(page, 'sign-in with errors');
		await welcome.createJournal(SECRET);
		await createAccountPages(page).toAccountSettings();
		await expectNoAxeViolations(page, 'settings without an account');
		// Opened straight on Settings after a reload: the account section renders with the page.
		await page.reload();
		await createUnlockPage(page).unlock(SECRET);
		await expect(
			page.getByRole('heading', {
				name: fr
					? 'Créer un compte pour utiliser un deuxième appareil'
					: 'Create an account to use a second device'
			})
		).toBeVisible();
	});
}
