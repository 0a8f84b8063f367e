// Web Push on this device for the reminders manager: what the browser supports, the state shown in
// Settings, and subscribing or unsubscribing through the service worker's registration and the
// reminders HTTP port. No runes: the manager keeps the state this returns.
import { fromBase64Url } from '$lib/crypto/bytes';
import { err, ok, type Result } from '$lib/domain/result';
import type { ReceivedMark } from '$lib/shared/action-queue';
import type { PushAccountState, ReminderHttp } from '$lib/sync/reminders-http';
import type { PushPort, PushSubscribeError } from '$lib/commands/reminders';
import type { PushLocale } from '$lib/contracts/push';
import { getLocale } from '$lib/paraglide/runtime.js';

export type AccountState = 'unknown' | PushAccountState;

export interface PushState {
	readonly supported: boolean;
	readonly permission: NotificationPermission | 'unsupported';
	readonly subscribed: boolean;
	readonly account: AccountState;
	readonly lastReceived: ReceivedMark | null;
}

export const NO_PUSH: PushState = {
	supported: false,
	permission: 'unsupported',
	subscribed: false,
	account: 'unknown',
	lastReceived: null
};

async function registration(): Promise<ServiceWorkerRegistration | null> {
	if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return null;
	return (await navigator.serviceWorker.getRegistration()) ?? null;
}

/** The push state of this device and account, as Settings shows it. */
export async function readPushState(
	http: ReminderHttp,
	lastReceived: () => Promise<ReceivedMark | null>,
	hasAccount = true
): Promise<PushState> {
	const supported =
		typeof window !== 'undefined' &&
		'serviceWorker' in navigator &&
		'PushManager' in window &&
		'Notification' in window;
	const reg = supported ? await registration() : null;
	const subscription = reg === null ? null : await reg.pushManager.getSubscription();
	const account: AccountState = hasAccount ? await http.pushStatus() : 'signed-out';
	return {
		supported,
		permission: supported ? Notification.permission : 'unsupported',
		subscribed: subscription !== null,
		account,
		lastReceived: await lastReceived().catch(() => null)
	};
}

/** Asks for permission, subscribes through the worker and registers the subscription. */
export async function subscribeToPush(
	http: ReminderHttp,
	locale: PushLocale
): Promise<Result<null, PushSubscribeError>> {
	const reg = await registration();
	if (reg === null || !('Notification' in window)) return err('unsupported');
	const permission = await Notification.requestPermission();
	if (permission !== 'granted') return err('permission-denied');
	const key = await http.vapidKey();
	if (!key.ok) return key;
	let subscription: PushSubscription;
	try {
		subscription =
			(await reg.pushManager.getSubscription()) ??
			(await reg.pushManager.subscribe({
				userVisibleOnly: true,
				applicationServerKey: fromBase64Url(key.value)
			}));
	} catch {
		return err('unsupported');
	}
	return http.subscribe(subscription.toJSON(), locale);
}

/** Forgets this device's subscription on the server and in the browser (best effort). */
export async function unsubscribeFromPush(http: ReminderHttp): Promise<Result<null, never>> {
	const reg = await registration();
	const subscription = reg === null ? null : await reg.pushManager.getSubscription();
	if (subscription !== null) {
		await http.unsubscribe(subscription.endpoint);
		await subscription.unsubscribe().catch(() => false);
	}
	return ok(null);
}

/** This browser's push subscription as the Settings commands' port, over the reminders' HTTP. */
export const pushPort = (http: ReminderHttp): PushPort => ({
	subscribe: (locale) => subscribeToPush(http, locale),
	unsubscribe: () => unsubscribeFromPush(http)
});

/** The message the service worker posts after queueing a notification action. */
export const ACTION_MESSAGE = 'cercle-reminder-action';

/** Calls `run` whenever the service worker says an action was queued; returns the stop. */
export function onQueuedAction(run: () => void): () => void {
	const worker =
		typeof navigator !== 'undefined' && 'serviceWorker' in navigator
			? navigator.serviceWorker
			: null;
	const onMessage = (event: MessageEvent): void => {
		const data: unknown = event.data;
		if (typeof data === 'object' && data !== null && 'type' in data) {
			if (data.type === ACTION_MESSAGE) run();
		}
	};
	worker?.addEventListener('message', onMessage);
	return () => {
		worker?.removeEventListener('message', onMessage);
	};
}

/** The language push notifications and the calendar feed are written in: the app's. */
export const pushLocale = (): PushLocale => (getLocale() === 'fr' ? 'fr' : 'en');
