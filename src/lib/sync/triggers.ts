// Browser events that should start a sync, forwarded to the scheduler: `online` / `offline` on the
// window, `visibilitychange` on the document (only when the page becomes visible).
//
// Why: the scheduler stays free of DOM globals; this is the only sync module that listens to the
// browser, and it takes its event targets injected (the app passes `window` and `document`, tests
// pass plain EventTargets). Invariant: everything it adds, the returned function removes.
import type { SyncScheduler } from './scheduler';

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
	targets.window.addEventListener('online', handleOnline);
	targets.window.addEventListener('offline', handleOffline);
	targets.document.addEventListener('visibilitychange', handleVisibility);
	return () => {
		targets.window.removeEventListener('online', handleOnline);
		targets.window.removeEventListener('offline', handleOffline);
		targets.document.removeEventListener('visibilitychange', handleVisibility);
	};
}
