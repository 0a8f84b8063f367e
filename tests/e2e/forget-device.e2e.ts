// "Forget this device" with an account (issue 12, item 9): the session ends on the server first, so
// the old session cookie gets 401 afterwards, and nothing of Cercle is left in the browser: the
// raw IndexedDB / Cache Storage / localStorage dump is empty.
import { expect, test } from '@playwright/test';
import { createAccountPages } from './pages/account';
import { createSettingsPages } from './pages/settings';
import { createShell } from './pages/shell';
import { dumpBrowserStorage } from './pages/storage-dump';
import { createWelcomePage } from './pages/welcome-page';

const SECRET = 'oublier ce téléphone sans regret';
const SESSION_COOKIE = '__Host-cercle_session';

test('after forgetting the device, the old session cookie gets 401 and the storage dump is empty', async ({
	page,
	context
}) => {
	const shell = createShell(page);
	const accounts = createAccountPages(page);
	await createWelcomePage(page).createJournal(SECRET);
	await shell.waitForServiceWorkerControl();
	await accounts.createAccount(`forget.${Date.now().toString(36)}@example.org`);

	const session = (await context.cookies()).find((c) => c.name === SESSION_COOKIE);
	if (session === undefined) throw new Error('no session cookie');
	const oldCookie = { cookie: `${SESSION_COOKIE}=${session.value}` };
	expect((await page.request.get('/api/auth/session', { headers: oldCookie })).status()).toBe(200);
	// Control: the dump sees the journal, the caches and the settings before.
	const before = await dumpBrowserStorage(page);
	expect(before).toContain('idb:');
	expect(before).toContain('localStorage:');

	await createSettingsPages(page).open('leave');
	await page.getByRole('button', { name: 'Erase my journal from this device' }).click();
	await page.getByRole('button', { name: 'Yes, continue' }).click();
	await page.getByRole('button', { name: 'Erase everything now' }).click();
	// Clear-Site-Data "storage" takes Chromium a while: the page waits for it, then wipes itself.
	await expect(page).toHaveURL(/\/welcome$/u, { timeout: 30_000 });

	expect((await page.request.get('/api/auth/session', { headers: oldCookie })).status()).toBe(401);
	expect(await dumpBrowserStorage(page)).toBe('');
});
