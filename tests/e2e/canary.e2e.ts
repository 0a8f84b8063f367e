// What a person writes, their passphrase and their recovery key never sit in the browser's storage in
// plain text: a raw dump of IndexedDB, Cache Storage and localStorage holds none of them, while the
// note is still there for the person once the journal is open.
import { expect, test, type Page } from '@playwright/test';
import { dumpBrowserStorage } from './pages/storage-dump';
import { createShell } from './pages/shell';
import { createUnlockPage } from './pages/unlock-page';
import { createWelcomePage } from './pages/welcome-page';

const SECRET = 'canari-phrase-7Q2 sous le pont';
const CANARY = 'CANARY-zebra-4711-cercle';

/** Control: the dump does see plaintext kept as bytes in IndexedDB, so a pass above means something. */
async function expectDumpFindsPlaintextBytes(page: Page): Promise<void> {
	const marker = 'CONTROL-plain-bytes-9931';
	await page.evaluate(async (text) => {
		await new Promise<void>((resolve, reject) => {
			const request = indexedDB.open('e2e-control', 1);
			request.onupgradeneeded = () => {
				request.result.createObjectStore('rows');
			};
			request.onsuccess = () => {
				const db = request.result;
				const tx = db.transaction('rows', 'readwrite');
				tx.objectStore('rows').put({ body: new TextEncoder().encode(text) }, 1);
				tx.oncomplete = () => {
					db.close();
					resolve();
				};
				tx.onerror = () => {
					reject(tx.error ?? new Error('control write failed'));
				};
			};
			request.onerror = () => {
				reject(request.error ?? new Error('control open failed'));
			};
		});
	}, marker);
	expect(await dumpBrowserStorage(page)).toContain(marker);
	await page.evaluate(
		() =>
			new Promise<void>((resolve) => {
				const request = indexedDB.deleteDatabase('e2e-control');
				request.onsuccess = () => {
					resolve();
				};
				request.onerror = () => {
					resolve();
				};
			})
	);
}

test('a note saved through the journal never appears in a raw storage dump', async ({ page }) => {
	const shell = createShell(page);
	const unlock = createUnlockPage(page);
	const recoveryKey = await createWelcomePage(page).createJournal(SECRET);

	await page.goto('/journal/symptom');
	await unlock.unlock(SECRET);
	await page.getByLabel('Note (optional)').fill(`Headache after lunch ${CANARY}`);
	await page.getByRole('button', { name: 'Save', exact: true }).click();
	await expect(page).toHaveURL(/\/journal$/u);
	await expect(page.getByText(CANARY)).toBeVisible();

	// Let the service worker finish precaching so Cache Storage is part of the dump.
	await shell.waitForServiceWorkerControl();
	const dump = await dumpBrowserStorage(page);
	expect(dump).toContain('idb:');
	expect(dump).toContain('cache:');
	expect(dump).not.toContain(CANARY);
	expect(dump).not.toContain(SECRET);
	expect(dump).not.toContain(recoveryKey);
	expect(dump).not.toContain(recoveryKey.replace(/\s/gu, ''));
	expect(dump.toLowerCase()).not.toContain('headache after lunch');
	await expectDumpFindsPlaintextBytes(page);

	// Locked, the same holds, and the note comes back only with the passphrase.
	await shell.lockButton.click();
	expect(await dumpBrowserStorage(page)).not.toContain(CANARY);
	await unlock.unlock(SECRET);
	await expect(page.getByText(CANARY)).toBeVisible();
});
