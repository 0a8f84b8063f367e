/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
// Background Sync in the service worker: when the browser fires the page's tag (connectivity is
// back), message every open window to sync now; the page's engine does the work, since only an
// unlocked page holds the keys (see src/lib/sync/background-sync.ts). With no window open, nothing
// happens: the outbox stays in IndexedDB for the next unlock, and nothing fails or retries here.
import { BACKGROUND_SYNC_TAG, SYNC_NOW_MESSAGE } from '$lib/sync/background-sync';

/** The `sync` event (Background Sync); the TypeScript DOM library does not declare it. */
export interface SyncEventLike {
	readonly tag: string;
	readonly waitUntil: (promise: Promise<unknown>) => void;
}

export function isSyncEvent(event: Event): event is Event & SyncEventLike {
	return (
		'tag' in event &&
		typeof event.tag === 'string' &&
		'waitUntil' in event &&
		typeof event.waitUntil === 'function'
	);
}

/** A window the worker can message (the part of `WindowClient` used here). */
export interface MessageableClient {
	readonly postMessage: (message: unknown) => void;
}

/** Messages every open window to sync now; returns how many were told (0: none open). */
export async function forwardBackgroundSync(
	windows: () => Promise<readonly MessageableClient[]>
): Promise<number> {
	const open = await windows();
	for (const client of open) client.postMessage(SYNC_NOW_MESSAGE);
	return open.length;
}

/** The worker's `sync` listener: only Cercle's tag, forwarded to the open windows. */
export function handleSyncEvent(
	event: Event,
	windows: () => Promise<readonly MessageableClient[]>
): void {
	if (!isSyncEvent(event) || event.tag !== BACKGROUND_SYNC_TAG) return;
	event.waitUntil(forwardBackgroundSync(windows));
}
