// Background Sync, the honest version. The service worker cannot sync by itself: the vault's keys
// live only in an unlocked page, so the worker can neither seal the outbox nor open what it pulls.
// What it can do is wake the page: the page registers a Background Sync tag when writes are left
// waiting (a push failed offline, or the page is hidden with a non-empty outbox); when the browser
// fires that tag (connectivity is back), the worker messages every open window to sync now, and
// the page's own engine runs. With no window open it does nothing; the outbox waits in IndexedDB
// for the next unlock. This module holds the protocol both sides share and the page's decision;
// the worker's side is service-worker/sync.ts, the page's listeners are in ./triggers.ts.
import * as z from 'zod';
import type { SyncStatus } from './types';

/** The Background Sync tag the page registers and the worker answers. */
export const BACKGROUND_SYNC_TAG = 'cercle-sync';

/** Worker → page: "connectivity is back, sync now". Carries nothing else. */
export const SYNC_NOW_MESSAGE = { type: 'cercle:sync-now' } as const;

const syncNowSchema = z.object({ type: z.literal(SYNC_NOW_MESSAGE.type) });

export const isSyncNowMessage = (data: unknown): boolean => syncNowSchema.safeParse(data).success;

/** Writes are waiting and the last run could not deliver them. */
export function needsBackgroundSync(status: SyncStatus): boolean {
	switch (status.kind) {
		case 'offline':
		case 'error':
		case 'pending':
			return status.pending > 0;
		case 'synced':
		case 'syncing':
		case 'auth-required':
			return false;
	}
}

/** `registration.sync` where the browser has Background Sync (Chromium), or null. */
export interface BackgroundSyncPort {
	readonly register: (tag: string) => Promise<void>;
}

const syncManagerSchema = z.object({
	sync: z.object({
		register: z.custom<(tag: string) => Promise<void>>((v) => typeof v === 'function')
	})
});

/** The registration's SyncManager, validated (the DOM types do not describe it). */
export function backgroundSyncOf(registration: unknown): BackgroundSyncPort | null {
	const parsed = syncManagerSchema.safeParse(registration);
	if (!parsed.success) return null;
	// zod returns a copy of the object, so the method is called on the original manager.
	const manager: unknown = Reflect.get(Object(registration), 'sync');
	const register = parsed.data.sync.register;
	return { register: (tag) => register.call(manager, tag) };
}
