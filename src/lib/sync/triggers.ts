// Browser events that should start a sync, forwarded to the scheduler: `online` / `offline` on the
// window, `visibilitychange` on the document (only when the page becomes visible), and `focus` on
// the window (coming back to the app's window, which may not change visibility on a desktop).
//
// Why: the scheduler stays free of DOM globals; this is the only sync module that listens to the
// browser, and it takes its event targets injected (the app passes `window` and `document`, tests
// pass plain EventTargets). Invariant: everything it adds, the returned function removes.
// Background Sync (a message from the service worker) is wired here too: `connectBackgroundSync`.
import {
	BACKGROUND_SYNC_TAG,
	isSyncNowMessage,
	needsBackgroundSync,
	type BackgroundSyncPort
} from './background-sync';
import type { SyncScheduler } from './scheduler';
import type { SyncStatus } from './types';

export interface TriggerTargets {
	readonly window: EventTarget;
	readonly document: EventTarget & { readonly visibilityState: string };
}

export function connectSyncTriggers(
	scheduler: Pick<SyncScheduler, 'notifyOnline' | 'notifyOffline' | 'notifyVisible'>,
	targets: TriggerTargets
): () => void {
	const handleOnline = (): void => {
		scheduler.notifyOnline();
	};
	const handleOffline = (): void => {
		scheduler.notifyOffline();
	};
	const handleVisibility = (): void => {
		if (targets.document.visibilityState === 'visible') scheduler.notifyVisible();
	};
	const handleFocus = (): void => {
		scheduler.notifyVisible();
	};
	targets.window.addEventListener('online', handleOnline);
	targets.window.addEventListener('offline', handleOffline);
	targets.document.addEventListener('visibilitychange', handleVisibility);
	targets.window.addEventListener('focus', handleFocus);
	return () => {
		targets.window.removeEventListener('focus', handleFocus);
		targets.window.removeEventListener('online', handleOnline);
		targets.window.removeEventListener('offline', handleOffline);
		targets.document.removeEventListener('visibilitychange', handleVisibility);
	};
}

export interface BackgroundSyncTargets {
	/** `navigator.serviceWorker`, or null where there is none. */
	readonly container: EventTarget | null;
	readonly window: EventTarget;
	readonly document: EventTarget & { readonly visibilityState: string };
	/** `navigator.onLine`: while the browser is offline the scheduler does not even try. */
	readonly online: () => boolean;
	/** The registration's SyncManager, or null (no service worker, no Background Sync). */
	readonly backgroundSync: () => Promise<BackgroundSyncPort | null>;
	/** The engine's current status. */
	readonly status: () => SyncStatus;
}

export interface BackgroundSyncTrigger {
	/** Call with every new engine status: a run that left writes waiting registers the tag. */
	readonly noteStatus: (status: SyncStatus) => void;
	readonly disconnect: () => void;
}

/**
 * The page's half of Background Sync (see ./background-sync.ts): registers the tag when writes are
 * left waiting (a run failed, or the browser is offline, or the page hides) and turns the
 * worker's "sync now" message into a sync. Registration failures are ignored: the other triggers
 * still run.
 */
export function connectBackgroundSync(
	scheduler: Pick<SyncScheduler, 'notifyOnline'>,
	targets: BackgroundSyncTargets
): BackgroundSyncTrigger {
	let waiting = false;
	const request = (): void => {
		void targets
			.backgroundSync()
			.then((sync) => sync?.register(BACKGROUND_SYNC_TAG))
			.catch(() => undefined);
	};
	const handleMessage = (event: Event): void => {
		if (event instanceof MessageEvent && isSyncNowMessage(event.data)) scheduler.notifyOnline();
	};
	const handleVisibility = (): void => {
		if (targets.document.visibilityState === 'hidden' && needsBackgroundSync(targets.status())) {
			request();
		}
	};
	// A pending write is waiting only when the browser is offline; online, the debounce pushes it.
	const stuck = (status: SyncStatus): boolean =>
		needsBackgroundSync(status) && (status.kind !== 'pending' || !targets.online());
	const noteStatus = (status: SyncStatus): void => {
		const needs = stuck(status);
		if (needs && !waiting) request();
		waiting = needs;
	};
	const handleOffline = (): void => {
		noteStatus(targets.status());
	};
	targets.container?.addEventListener('message', handleMessage);
	targets.window.addEventListener('offline', handleOffline);
	targets.document.addEventListener('visibilitychange', handleVisibility);
	return {
		noteStatus,
		disconnect() {
			targets.container?.removeEventListener('message', handleMessage);
			targets.window.removeEventListener('offline', handleOffline);
			targets.document.removeEventListener('visibilitychange', handleVisibility);
		}
	};
}
