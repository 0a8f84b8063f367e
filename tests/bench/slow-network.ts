// The slow-network journey (issue 18 §3): a first visit and the first minutes of use on DevTools'
// "Regular 2G" (250 kb/s down, 50 kb/s up, 300 ms latency) with the CPU slowed 4×, through CDP in
// Playwright's Chromium, with the service worker allowed as on a phone. Each step's time is a
// figure in the bench report (aims: first visit usable under 5 s, every later step under 1 s);
// nothing asserts a time. Network emulation applies to the page's requests; the service worker's
// own precache downloads run in its own target, unthrottled (they do not block any step here).
// The worker registers once the vault and Today's code have arrived and controls the page only
// when its precache is done (clientsClaim), which on this link is after the blood pressure is
// saved: steps 2 and 3 all go over 2G, and each reports the kB it received (`…NetworkKB`);
// `serviceWorkerControlsAfterMs` says when it took control, from the address typed.
import type { Browser, CDPSession, Page } from 'playwright';
import { benchPort, startApp } from './app.ts';

const KBIT = 1024 / 8;
const REGULAR_2G = { latency: 300, downloadThroughput: 250 * KBIT, uploadThroughput: 50 * KBIT };
const PASSPHRASE = 'sentier de chevres sous la pluie fine';

async function network(cdp: CDPSession, offline: boolean): Promise<void> {
	await cdp.send('Network.emulateNetworkConditions', { offline, ...REGULAR_2G });
}

/** Milliseconds from now until `done` resolves. */
async function timed(done: () => Promise<unknown>): Promise<number> {
	const start = performance.now();
	await done();
	return Math.round(performance.now() - start);
}

function visible(page: Page, selector: string): Promise<unknown> {
	return page.locator(selector).first().waitFor({ state: 'visible', timeout: 120_000 });
}

export async function benchSlowNetwork(browser: Browser): Promise<Record<string, number>> {
	const port = benchPort();
	const origin = `http://127.0.0.1:${port}`;
	const app = await startApp(port);
	const context = await browser.newContext({ serviceWorkers: 'allow', locale: 'en-GB' });
	try {
		const page = await context.newPage();
		const cdp = await context.newCDPSession(page);
		await cdp.send('Network.enable');
		await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
		await network(cdp, false);
		await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
		const figures: Record<string, number> = {};
		// What a step waits for on the link: kB received over the page's network (not from the
		// service worker's cache) between the step's start and its end, encoded (gzip) sizes.
		let received = 0;
		cdp.on('Network.loadingFinished', (event) => {
			received += event.encodedDataLength;
		});
		async function timedWithBytes(name: string, done: () => Promise<unknown>): Promise<void> {
			const before = received;
			figures[`${name}Ms`] = await timed(done);
			figures[`${name}NetworkKB`] = Math.round((received - before) / 1024);
		}

		// 1. First visit: from the address typed to a welcome screen that reacts (its language
		// choice re-renders the page), then until the vault (Dexie, zod, crypto) has arrived too.
		const visitStart = performance.now();
		figures.firstVisitUsableMs = await timed(async () => {
			await page.goto(`${origin}/`, { waitUntil: 'commit' });
			await visible(page, 'h1:has-text("Welcome")');
			await page.getByRole('radio', { name: 'English' }).check({ timeout: 120_000 });
		});

		// When the service worker first controls the page (its precache done), from the address
		// typed: from then on the steps' code comes from its cache, not over the link.
		const controlled = page
			.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
				timeout: 120_000,
				polling: 250
			})
			.then(() => {
				figures.serviceWorkerControlsAfterMs = Math.round(performance.now() - visitStart);
			});

		// 2. Create the journal: open the form, then from "Create" to the recovery key (Argon2id
		// at 4×), then from "Go to my journal" to Today drawn (Today's code over 2G).
		figures.openCreateFormMs = await timed(async () => {
			await page.getByRole('button', { name: 'Create my journal' }).click();
			await visible(page, '#create-confirm');
		});
		await page.locator('#create-new').fill(PASSPHRASE);
		await page.locator('#create-confirm').fill(PASSPHRASE);
		await timedWithBytes('createJournal', async () => {
			await page.locator('form').getByRole('button', { name: 'Create my journal' }).click();
			await visible(page, '[data-testid="recovery-key"]');
		});
		await page.getByRole('checkbox').check();
		await page.getByRole('button', { name: 'Continue' }).click();
		await timedWithBytes('toToday', async () => {
			await page.getByRole('button', { name: 'Go to my journal' }).click();
			await visible(page, 'section[aria-labelledby="summary-title"]');
		});

		// 3. Log a blood pressure: the form's code over 2G, then saving (one encrypted commit).
		await timedWithBytes('openBloodPressureForm', async () => {
			await page.getByRole('link', { name: 'Blood pressure', exact: true }).click();
			await page.getByLabel(/Systolic/u).waitFor({ timeout: 120_000 });
		});
		await page.getByLabel(/Systolic/u).fill('128');
		await page.getByLabel(/Diastolic/u).fill('82');
		await timedWithBytes('saveBloodPressure', async () => {
			await page.getByRole('button', { name: 'Save', exact: true }).click();
			await page
				.getByText(/128\/82/u)
				.first()
				.waitFor({ timeout: 120_000 });
		});

		// 4. Offline and back: the shell says so, a reload is served by the service worker and
		// unlocks, an entry is saved offline, and the notice goes when the network returns.
		// The worker must control the page first (its precache runs in its own target, and on a
		// loaded machine it may not be done yet: the reload then failed with no figure at all).
		await controlled;
		await context.setOffline(true);
		await network(cdp, true);
		figures.offlineNoticeMs = await timed(() => visible(page, 'p.offline'));
		figures.offlineReloadToUnlockMs = await timed(async () => {
			await page.reload({ waitUntil: 'commit' });
			await page.locator('#unlock-passphrase').waitFor({ timeout: 120_000 });
		});
		await page.locator('#unlock-passphrase').fill(PASSPHRASE);
		figures.offlineUnlockMs = await timed(async () => {
			await page.getByRole('button', { name: 'Open', exact: true }).click();
			await page
				.getByText(/128\/82/u)
				.first()
				.waitFor({ timeout: 120_000 });
		});
		await context.setOffline(false);
		await network(cdp, false);
		figures.backOnlineMs = await timed(() =>
			page.locator('p.offline').waitFor({ state: 'detached', timeout: 120_000 })
		);
		await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
		return figures;
	} finally {
		await context.close();
		app.kill();
	}
}
