// Background Sync: the page registers the tag when writes are left waiting, the worker turns the
// tag into a "sync now" message to every open window, and the page turns that message into a sync.
// Both halves run here with plain EventTargets and fakes (headless Chromium cannot fire a real
// `sync` event on demand).
import { describe, expect, it } from 'vitest';
import {
	BACKGROUND_SYNC_TAG,
	backgroundSyncOf,
	needsBackgroundSync,
	SYNC_NOW_MESSAGE
} from '$lib/sync/background-sync';
import { connectBackgroundSync } from '$lib/sync/triggers';
import type { SyncStatus } from '$lib/sync/types';
import { forwardBackgroundSync, handleSyncEvent } from '../../../service-worker/sync';

function aPage(initial: SyncStatus = { kind: 'synced' }) {
	const registered: string[] = [];
	const calls: string[] = [];
	const container = new EventTarget();
	const window = new EventTarget();
	const document = Object.assign(new EventTarget(), { visibilityState: 'visible' });
	let status = initial;
	let online = true;
	const trigger = connectBackgroundSync(
		{ notifyOnline: () => calls.push('sync') },
		{
			container,
			window,
			document,
			online: () => online,
			backgroundSync: () =>
				Promise.resolve({
					register: (tag: string) => {
						registered.push(tag);
						return Promise.resolve();
					}
				}),
			status: () => status
		}
	);
	return {
		registered,
		calls,
		container,
		window,
		document,
		trigger,
		goOffline() {
			online = false;
			window.dispatchEvent(new Event('offline'));
		},
		setStatus(next: SyncStatus) {
			status = next;
			trigger.noteStatus(next);
		}
	};
}

const settle = () => new Promise((done) => setTimeout(done, 0));

describe('background sync', () => {
	it('is needed only while writes wait', () => {
		expect(needsBackgroundSync({ kind: 'offline', pending: 2 })).toBe(true);
		expect(
			needsBackgroundSync({ kind: 'error', reason: { type: 'server', status: 503 }, pending: 1 })
		).toBe(true);
		expect(needsBackgroundSync({ kind: 'pending', pending: 1 })).toBe(true);
		expect(needsBackgroundSync({ kind: 'offline', pending: 0 })).toBe(false);
		expect(needsBackgroundSync({ kind: 'synced' })).toBe(false);
		expect(needsBackgroundSync({ kind: 'syncing', pending: 4 })).toBe(false);
		expect(needsBackgroundSync({ kind: 'auth-required', pending: 4 })).toBe(false);
	});

	it('registers the tag once when a run leaves writes waiting, again after the next success', async () => {
		const page = aPage();
		page.setStatus({ kind: 'pending', pending: 2 });
		page.setStatus({ kind: 'offline', pending: 2 });
		page.setStatus({ kind: 'offline', pending: 3 });
		await settle();
		expect(page.registered).toEqual([BACKGROUND_SYNC_TAG]);
		page.setStatus({ kind: 'synced' });
		page.setStatus({ kind: 'error', reason: { type: 'server', status: 502 }, pending: 1 });
		await settle();
		expect(page.registered).toEqual([BACKGROUND_SYNC_TAG, BACKGROUND_SYNC_TAG]);
	});

	it('registers when the browser goes offline with writes waiting (no run is even tried)', async () => {
		const page = aPage({ kind: 'pending', pending: 1 });
		page.trigger.noteStatus({ kind: 'pending', pending: 1 });
		await settle();
		expect(page.registered).toEqual([]);
		page.goOffline();
		page.setStatus({ kind: 'pending', pending: 2 });
		await settle();
		expect(page.registered).toEqual([BACKGROUND_SYNC_TAG]);
	});

	it('registers when the page hides with writes waiting, not when all is synced', async () => {
		const synced = aPage({ kind: 'synced' });
		synced.document.visibilityState = 'hidden';
		synced.document.dispatchEvent(new Event('visibilitychange'));
		const waiting = aPage({ kind: 'pending', pending: 1 });
		waiting.document.visibilityState = 'hidden';
		waiting.document.dispatchEvent(new Event('visibilitychange'));
		await settle();
		expect(synced.registered).toEqual([]);
		expect(waiting.registered).toEqual([BACKGROUND_SYNC_TAG]);
	});

	it("syncs on the worker's message only, until disconnected", () => {
		const page = aPage();
		page.container.dispatchEvent(new MessageEvent('message', { data: { type: 'SKIP_WAITING' } }));
		page.container.dispatchEvent(new MessageEvent('message', { data: SYNC_NOW_MESSAGE }));
		page.trigger.disconnect();
		page.container.dispatchEvent(new MessageEvent('message', { data: SYNC_NOW_MESSAGE }));
		expect(page.calls).toEqual(['sync']);
	});

	it('finds the SyncManager where the browser has one, and calls it on itself', async () => {
		const seen: unknown[] = [];
		const manager = {
			register(this: unknown, tag: string) {
				seen.push(this, tag);
				return Promise.resolve();
			}
		};
		const port = backgroundSyncOf({ sync: manager, scope: '/' });
		await port?.register(BACKGROUND_SYNC_TAG);
		expect(seen).toEqual([manager, BACKGROUND_SYNC_TAG]);
		expect(backgroundSyncOf({ scope: '/' })).toBeNull();
		expect(backgroundSyncOf(undefined)).toBeNull();
	});

	it("the worker tells every open window to sync on Cercle's tag, and does nothing without one", async () => {
		const posted: unknown[][] = [[], []];
		const windows = posted.map((inbox) => ({ postMessage: (m: unknown) => inbox.push(m) }));
		const waits: Promise<unknown>[] = [];
		const syncEvent = (tag: string) =>
			Object.assign(new Event('sync'), {
				tag,
				waitUntil: (p: Promise<unknown>) => waits.push(p)
			});
		handleSyncEvent(syncEvent(BACKGROUND_SYNC_TAG), () => Promise.resolve(windows));
		handleSyncEvent(syncEvent('another-tag'), () => Promise.resolve(windows));
		handleSyncEvent(new Event('sync'), () => Promise.resolve(windows));
		await Promise.all(waits);
		expect(waits).toHaveLength(1);
		expect(posted).toEqual([[SYNC_NOW_MESSAGE], [SYNC_NOW_MESSAGE]]);
		expect(await forwardBackgroundSync(() => Promise.resolve([]))).toBe(0);
	});
});
