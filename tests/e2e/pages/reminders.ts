// Page model of reminders: the due list on Today, Settings › Reminders on its own page (push
// explanation, status, subscribe), and the service worker side (CDP push delivery, the worker's notifications and its
// real notificationclick handler), for tests/e2e/reminders.e2e.ts.
import {
	expect,
	type BrowserContext,
	type CDPSession,
	type Page,
	type Worker
} from '@playwright/test';
import { createSettingsPages } from './settings';

/** Client-side navigation: a full page load would lock the journal. */
async function navigate(page: Page, name: RegExp, path: string): Promise<void> {
	await page.getByRole('navigation').getByRole('link', { name }).click();
	await expect(page).toHaveURL(new RegExp(`${path}$`, 'u'));
}

/** A local "HH:MM" one minute ago ("00:00" in the first minute of the day: then it is "coming up"). */
export async function recentLocalTime(page: Page): Promise<string> {
	return page.evaluate(() => {
		const now = new Date();
		const earlier = new Date(now.getTime() - 60_000);
		const pad = (n: number): string => String(n).padStart(2, '0');
		return earlier.getDate() === now.getDate()
			? `${pad(earlier.getHours())}:${pad(earlier.getMinutes())}`
			: '00:00';
	});
}

export function createRemindersPages(page: Page) {
	const section = page.getByRole('region', { name: /^(Reminders|Rappels)$/u });
	const pushCard = page.getByRole('region', {
		name: /^(Reminders on this device|Rappels sur cet appareil)$/u
	});
	return {
		section,
		pushCard,
		explanation: page.getByTestId('push-explanation'),
		subscribeButton: pushCard.getByRole('button', {
			name: /^(Turn on reminders on this device|Activer les rappels sur cet appareil)$/u
		}),
		toToday: () => navigate(page, /^(Today|Aujourd’hui)$/u, '/today'),
		/** Settings → Reminders, through the index's link. */
		toSettings: () => createSettingsPages(page).open('reminders'),
		toJournal: () => navigate(page, /^(Journal)$/u, '/journal'),
		/** A medication with a daily schedule at `time`, via the journal's form. */
		async addDailyMedication(name: string, time: string): Promise<void> {
			await this.toJournal();
			await page.locator('main a[href="/journal/medications"]').click();
			await page.getByRole('link', { name: /Add a medicine|Ajouter un médicament/u }).click();
			await page.getByLabel(/^(Name|Nom)$/u).fill(name);
			await page.getByRole('radio', { name: /^(Every day|Tous les jours)/u }).check();
			await page.getByLabel(/^(Time 1|Heure 1)$/u).fill(time);
			await page.getByRole('button', { name: /^(Save|Enregistrer)$/u }).click();
			await expect(page.getByRole('heading', { name })).toBeVisible();
		},
		/** The one card on Today of the dose of `label` that a reminder rings for. */
		dueItem(label: string) {
			return page.locator('main li[data-reminder]').filter({ hasText: label });
		},
		/** The opaque id of the due item (what a push from the server would carry). */
		async opaqueIdOf(label: string): Promise<string> {
			const id = await this.dueItem(label).getAttribute('data-reminder');
			expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/u);
			return id ?? '';
		},
		/** Sign up from Settings › Account and devices (the real UI). */
		async createAccount(login: string): Promise<void> {
			await createSettingsPages(page).open('account');
			await page
				.getByRole('textbox', { name: /^(Email or user name|E-mail ou nom d’utilisateur)$/u })
				.first()
				.fill(login);
			await page.getByRole('button', { name: /^(Create the account|Créer le compte)$/u }).click();
			await expect(page.getByText(/Signed in as|Connecté en tant que/u)).toBeVisible({
				timeout: 30_000
			});
		}
	};
}

/** The app's service worker, once it is active. */
export async function serviceWorkerOf(context: BrowserContext): Promise<Worker> {
	const existing = context.serviceWorkers()[0];
	return existing ?? (await context.waitForEvent('serviceworker'));
}

/**
 * CDP access to the service worker: the registration id (from `workerRegistrationUpdated`) and
 * `ServiceWorker.deliverPushMessage`, which hands a push to the worker's `push` handler without a
 * push service (none is reachable from a test).
 */
export async function createPushDelivery(page: Page, origin: string) {
	const cdp: CDPSession = await page.context().newCDPSession(page);
	const registrations = new Map<string, string>();
	cdp.on('ServiceWorker.workerRegistrationUpdated', (event) => {
		for (const r of event.registrations) {
			if (!r.isDeleted && r.scopeURL.startsWith(origin))
				registrations.set(r.scopeURL, r.registrationId);
		}
	});
	await cdp.send('ServiceWorker.enable');
	await expect.poll(() => registrations.size).toBeGreaterThan(0);
	return {
		async deliver(data: unknown): Promise<void> {
			const registrationId = [...registrations.values()][0] ?? '';
			await cdp.send('ServiceWorker.deliverPushMessage', {
				origin,
				registrationId,
				data: JSON.stringify(data)
			});
		}
	};
}

/** What the tests use of the worker's global scope (the e2e tsconfig has no WebWorker lib). */
interface WorkerScope {
	readonly registration: {
		getNotifications(filter?: { tag?: string }): Promise<
			{
				title: string;
				body: string;
				tag: string;
				data: unknown;
				actions?: { action: string; title: string }[];
			}[]
		>;
	};
	readonly NotificationEvent: new (
		type: string,
		init: { notification: unknown; action: string }
	) => Event;
	dispatchEvent(event: Event): boolean;
}

export interface ShownNotification {
	readonly title: string;
	readonly body: string;
	readonly tag: string;
	readonly actions: readonly string[];
	/** The actions' labels, as the person reads them. */
	readonly actionTitles: readonly string[];
	readonly data: unknown;
}

/** The notifications the worker shows now (from `registration.getNotifications()`). */
export async function shownNotifications(worker: Worker): Promise<readonly ShownNotification[]> {
	return worker.evaluate(async (): Promise<ShownNotification[]> => {
		const sw = self as unknown as WorkerScope;
		const list = await sw.registration.getNotifications();
		return list.map((n) => ({
			title: n.title,
			body: n.body,
			tag: n.tag,
			actions: (n.actions ?? []).map((a) => a.action),
			actionTitles: (n.actions ?? []).map((a) => a.title),
			data: n.data
		}));
	});
}

/**
 * Runs the worker's real `notificationclick` listener for the notification tagged `tag`, as a tap on
 * the action `action` would (an event dispatched in the worker is untrusted, so the handler does
 * its work without `waitUntil`; the test then waits for its effect on the page).
 */
export async function clickNotificationAction(
	worker: Worker,
	tag: string,
	action: string
): Promise<void> {
	const dispatched = await worker.evaluate(
		async ({ tag, action }) => {
			const sw = self as unknown as WorkerScope;
			const [notification] = await sw.registration.getNotifications({ tag });
			if (notification === undefined) return false;
			sw.dispatchEvent(new sw.NotificationEvent('notificationclick', { notification, action }));
			return true;
		},
		{ tag, action }
	);
	expect(dispatched, `a notification tagged ${tag}`).toBe(true);
}

/** The reminder action queue the worker wrote (src/lib/shared/action-queue.ts), read from the page. */
export async function queuedActions(
	page: Page
): Promise<readonly { opaqueId: string; action: string }[]> {
	return page.evaluate(
		() =>
			new Promise<{ opaqueId: string; action: string }[]>((resolve, reject) => {
				const req = indexedDB.open('cercle-reminder-actions', 1);
				req.onerror = () => {
					reject(req.error ?? new Error('open failed'));
				};
				req.onsuccess = () => {
					const db = req.result;
					if (!db.objectStoreNames.contains('actions')) {
						db.close();
						resolve([]);
						return;
					}
					const all = db.transaction('actions').objectStore('actions').getAll();
					all.onsuccess = () => {
						db.close();
						resolve(all.result as { opaqueId: string; action: string }[]);
					};
					all.onerror = () => {
						reject(all.error ?? new Error('read failed'));
					};
				};
			})
	);
}
