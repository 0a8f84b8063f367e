/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
// Web Push in the service worker: show every reminder, record that it arrived, and turn a tap on a
// notification action into an entry of the action queue.
// Why: browsers revoke a subscription whose pushes show nothing (Safari), and the worker can never
// decrypt the vault, so it must act without knowing what the reminder is about. The payload is
// generic (`{ v: 1, id, title }`, see src/lib/contracts/push.ts); the notification says only that,
// with the actions "Taken" and "Snooze 10 min", in the language the person chose in the app (the
// page tells the worker, which keeps it: notification-text.ts).
// Invariants:
// - `push` always ends in `showNotification`, even with a missing or malformed payload.
// - The tag is the opaque id, so the same reminder rung twice (two uploads, a retry) is one
//   notification, and nothing but the opaque id, an action name and a time is ever stored.
// - A tap on an action is queued, then open pages are told (an unlocked page applies it at once; a
//   locked one at the next unlock). A tap on the notification opens or focuses
//   `/today?reminder=<opaqueId>`.
import { createActionQueue, isReminderActionName } from '$lib/shared/action-queue';
import { appLocaleOf } from '$lib/shared/app-locale';
import { notificationText } from './notification-text';

declare const self: ServiceWorkerGlobalScope;

const OPAQUE_ID = /^[A-Za-z0-9_-]{22}$/;
export const REMINDER_ACTION_MESSAGE = 'cercle-reminder-action';

interface PushPayload {
	readonly id: string | null;
	/** The server's generic title, or null when the payload has none. */
	readonly title: string | null;
}

const parsePayload = (data: PushMessageData | null): PushPayload => {
	const fallback = { id: null, title: null };
	if (data === null) return fallback;
	try {
		const value: unknown = JSON.parse(data.text());
		if (typeof value !== 'object' || value === null) return fallback;
		const id =
			'id' in value && typeof value.id === 'string' && OPAQUE_ID.test(value.id) ? value.id : null;
		const title =
			'title' in value && typeof value.title === 'string' && value.title.length > 0
				? value.title.slice(0, 80)
				: fallback.title;
		return { id, title };
	} catch {
		return fallback;
	}
};

const reminderUrl = (opaqueId: string | null): string =>
	opaqueId === null ? '/today' : `/today?reminder=${encodeURIComponent(opaqueId)}`;

const queue = () => createActionQueue(self.indexedDB);

/** What `push` does: show the notification, then record the arrival (never fails the push). */
export async function handlePush(data: PushMessageData | null): Promise<void> {
	const payload = parsePayload(data);
	const appLocale = await queue()
		.appLocale()
		.catch(() => null);
	const text = notificationText(appLocale, payload.title, self.navigator.language);
	const options: NotificationOptions & { actions?: { action: string; title: string }[] } = {
		tag: payload.id ?? 'cercle-reminder',
		data: { url: reminderUrl(payload.id), opaqueId: payload.id },
		actions:
			payload.id === null
				? []
				: [
						{ action: 'taken', title: text.taken },
						{ action: 'snooze-10', title: text.snooze }
					]
	};
	await self.registration.showNotification(text.title, options);
	if (payload.id !== null) {
		await queue()
			.markReceived({ opaqueId: payload.id, at: Date.now() })
			.catch(() => undefined);
	}
}

const notificationTarget = (
	notification: Notification
): { url: string; opaqueId: string | null } => {
	const data: unknown = notification.data;
	if (typeof data === 'object' && data !== null && 'opaqueId' in data) {
		const id =
			typeof data.opaqueId === 'string' && OPAQUE_ID.test(data.opaqueId) ? data.opaqueId : null;
		return { url: reminderUrl(id), opaqueId: id };
	}
	return { url: '/today', opaqueId: null };
};

async function openOrFocus(url: string): Promise<void> {
	const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
	const own = windows.find((client) => new URL(client.url).origin === self.location.origin);
	if (own !== undefined) {
		await own.focus();
		await own.navigate(url).catch(() => undefined);
		return;
	}
	await self.clients.openWindow(url);
}

/** What `notificationclick` does: queue an action, or open the right screen. */
export async function handleNotificationClick(
	notification: Notification,
	action: string
): Promise<void> {
	notification.close();
	const target = notificationTarget(notification);
	if (isReminderActionName(action) && target.opaqueId !== null) {
		await queue().append({ opaqueId: target.opaqueId, action, at: Date.now() });
		const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
		for (const client of windows) client.postMessage({ type: REMINDER_ACTION_MESSAGE });
		return;
	}
	await openOrFocus(target.url);
}

/** The page said which language the person chose: kept for the next notifications. */
self.addEventListener('message', (event) => {
	const locale = appLocaleOf(event.data);
	if (locale !== null)
		event.waitUntil(
			queue()
				.setAppLocale(locale)
				.catch(() => undefined)
		);
});

self.addEventListener('push', (event) => {
	event.waitUntil(handlePush(event.data));
});

self.addEventListener('notificationclick', (event) => {
	const work = handleNotificationClick(event.notification, event.action);
	// A click dispatched by the browser is trusted and may extend the worker's life; an event
	// dispatched from inside the worker itself (the end-to-end test) may not call waitUntil.
	if (event.isTrusted) event.waitUntil(work);
	else void work;
});
