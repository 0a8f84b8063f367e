// Background Sync in the real browser: a `sync` event for Cercle's tag, fired through the Chrome
// DevTools Protocol (ServiceWorker.dispatchSyncEvent, as the browser does when connectivity
// returns), makes the worker tell the open page to sync now (it cannot decrypt, so it only wakes
// the page); and a write made offline leaves the tag registered with the service worker. Whether
// the page then syncs BECAUSE of the message cannot be told apart here from its other triggers
// (a debounced run follows every acknowledgement), so that half is covered by the unit tests.
import { expect, test, type Page } from '@playwright/test';
import { createAccountPages } from './pages/account';
import { createJournalPages } from './pages/journal-pages';
import { createWelcomePage } from './pages/welcome-page';

const SECRET = 'sept merles chantent le matin';
const TAG = 'cercle-sync';

/** The Background Sync tags registered with the page's service worker (Chromium's getTags). */
function syncTags(page: Page): Promise<string[]> {
	return page.evaluate(async () => {
		const registration = await navigator.serviceWorker.getRegistration();
		if (registration === undefined || !('sync' in registration)) return [];
		const manager: unknown = registration.sync;
		if (typeof manager !== 'object' || manager === null || !('getTags' in manager)) return [];
		const getTags: unknown = manager.getTags;
		if (typeof getTags !== 'function') return [];
		const tags: unknown = await getTags.call(manager);
		return Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string') : [];
	});
}

test('a write left offline registers Background Sync, and the worker’s sync event makes the page sync', async ({
	context,
	page
}) => {
	test.setTimeout(120_000);
	const account = createAccountPages(page);
	await createWelcomePage(page).createJournal(SECRET);
	await createJournalPages(page, SECRET).quickLogSymptom(/^Fatigue$/u);
	await account.createAccount(`lea.${Date.now().toString(36)}@example.org`);
	await account.expectSynced();

	// The worker controls the page (it answers only windows it controls).
	await expect
		.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null))
		.toBe(true);

	// The worker's sync event, fired as the browser would: the worker tells the open page to sync.
	const cdp = await context.newCDPSession(page);
	const registrations = new Map<string, string>();
	cdp.on('ServiceWorker.workerRegistrationUpdated', (event) => {
		for (const r of event.registrations) {
			if (!r.isDeleted) registrations.set(r.scopeURL, r.registrationId);
		}
	});
	await cdp.send('ServiceWorker.enable');
	const origin = new URL(page.url()).origin;
	await expect.poll(() => registrations.get(`${origin}/`)).toBeDefined();
	const registrationId = registrations.get(`${origin}/`) ?? '';
	// The page's sync engine listens for this message (unit-tested in background-sync.test.ts);
	// here the page records it, to show the real worker sends it on the real event.
	await page.evaluate(() => {
		navigator.serviceWorker.addEventListener('message', (event: MessageEvent<unknown>) => {
			sessionStorage.setItem('e2e.workerMessage', JSON.stringify(event.data));
		});
	});
	await cdp.send('ServiceWorker.dispatchSyncEvent', {
		origin,
		registrationId,
		tag: TAG,
		lastChance: false
	});
	await expect
		.poll(() => page.evaluate(() => sessionStorage.getItem('e2e.workerMessage')))
		.toBe(JSON.stringify({ type: 'cercle:sync-now' }));
	await account.expectSynced();

	// Offline, a write cannot be pushed: the page registers the tag.
	await context.setOffline(true);
	await account.navigate('Today');
	await createJournalPages(page, SECRET).quickLogSymptom(/^Fatigue$/u);
	await expect(account.status).toHaveText(/Offline|Hors ligne/u);
	await expect.poll(() => syncTags(page)).toContain(TAG);
	// Back online: the page syncs (on the `online` event, and the browser fires the tag too).
	await context.setOffline(false);
	await account.expectSynced();
});
