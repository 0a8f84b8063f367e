// Sync as the UI sees it: one reactive status, and the wiring that runs the engine while it may.
//
// The engine (src/lib/sync/client.ts) runs over the open vault's ports and the HTTP transport; the
// scheduler decides when (debounced after every local commit, on reconnect, when the page becomes
// visible, periodically, with backoff after failures). Invariants: it runs only while the real
// vault is unlocked and an account is attached (never for the demo vault); locking stops it
// (the outbox stays in IndexedDB and is pushed on the next unlock); a new session after
// "sign in again" resumes a waiting outbox. Background Sync: the worker cannot unlock the vault,
// so it only wakes the page (src/lib/sync/background-sync.ts): the tag is registered when a run
// leaves writes waiting or the page hides with writes waiting, and the worker's "sync now" message
// runs this page's engine. Each run also re-wraps to a care team's rotated key (./team-rewrap.ts),
// so the person need not open her circle page for the team to read again.
import { createSyncEngine, type SyncEngine } from '$lib/sync/client';
import { applyWithKeyRefresh } from '$lib/sync/key-sync';
import {
	createSyncScheduler,
	timeoutSchedule,
	VISIBLE_PERIOD_MS,
	type SyncScheduler
} from '$lib/sync/scheduler';
import { createHttpTransport } from '$lib/sync/transport-http';
import { backgroundSyncOf } from '$lib/sync/background-sync';
import { connectBackgroundSync, connectSyncTriggers } from '$lib/sync/triggers';
import type { SyncStatus } from '$lib/sync/types';
import { account } from './account.svelte';
import { deviceId } from './device-id';
import { withRosterWatch } from './roster-watch';
import { withTeamRewrap } from './team-rewrap';
import { vault } from './vault.svelte';

interface Running {
	readonly scheduler: SyncScheduler;
	readonly stop: () => void;
}

function createSyncState() {
	let engineStatus = $state<SyncStatus | null>(null);
	/** The browser's view; while offline the scheduler sends nothing, so the engine cannot tell. */
	let online = $state(true);
	const status = $derived.by((): SyncStatus | null => {
		if (engineStatus === null || online) return engineStatus;
		if (engineStatus.kind === 'auth-required') return engineStatus;
		const pending = engineStatus.kind === 'synced' ? 0 : engineStatus.pending;
		return { kind: 'offline', pending };
	});
	/** Pulled changes of the vault that did not authenticate since unlock (never applied). */
	let unreadable = $state(0);
	let running: Running | null = null;
	let connected = false;
	let lastEpoch = 0;

	function start(): void {
		if (running !== null) return;
		const v = vault.vault();
		const fetchFn = (input: string, init?: RequestInit) => fetch(input, init);
		const core = createSyncEngine({
			outbox: v.sync.outbox,
			checkpoints: v.sync.checkpoints,
			restore: v.sync.restore,
			// A page written with a key another device rotated in fetches the account's keys first.
			applyRemote: applyWithKeyRefresh({
				apply: v.sync.applyRemote,
				missingKeyIds: v.sync.missingKeyIds,
				refresh: account.refreshKeys
			}),
			transport: createHttpTransport({ fetch: fetchFn, deviceId: deviceId() }),
			// applyRemote merges every pulled HLC into the vault's clock itself.
			clock: { receive: () => undefined },
			// Only the vault's own circle: circles this account is a member of are pulled by their
			// member view (member-circle.svelte.ts) into their own cache, never into this vault.
			circles: async () => {
				const own = (await v.header())?.circleId;
				if (own !== undefined) return [own];
				const listed = await account.circles();
				return listed.ok ? [...listed.value] : [];
			}
		});
		// Each run first retries what the account has pending (new keys, a passphrase change),
		// then re-wraps to a care team's rotated key when one moved on (./team-rewrap.ts; the
		// team commands load on first use, out of every page's first load).
		const pending: SyncEngine = {
			...core,
			sync: async () => {
				await account.resumePending().catch(() => undefined);
				return core.sync();
			}
		};
		// A member's device also checks the rosters of the circles she is in (./roster-watch.ts).
		const watched = withRosterWatch(pending, {
			run: async (force) => (await import('./roster-watch.svelte')).rosterWatch.run(force)
		});
		const engine = withTeamRewrap(watched, {
			run: async (force) => (await import('./teams.svelte')).teamRewrap.run(force)
		});
		const scheduler = createSyncScheduler({
			engine,
			schedule: timeoutSchedule(setTimeout, clearTimeout),
			random: Math.random,
			online: navigator.onLine,
			// While on screen, often: a carer's claim or note reaches the person within the minute.
			periodMs: VISIBLE_PERIOD_MS,
			isVisible: () => document.visibilityState === 'visible'
		});
		const hasWorker = 'serviceWorker' in navigator;
		const background = connectBackgroundSync(scheduler, {
			container: hasWorker ? navigator.serviceWorker : null,
			window,
			document,
			online: () => navigator.onLine,
			backgroundSync: async () =>
				hasWorker ? backgroundSyncOf(await navigator.serviceWorker.getRegistration()) : null,
			status: () => engine.status()
		});
		const unsubscribe = engine.subscribe((next) => {
			engineStatus = next;
			unreadable = v.sync.unreadable();
			background.noteStatus(next);
		});
		const disconnect = connectSyncTriggers(scheduler, { window, document });
		online = navigator.onLine;
		const handleOnline = (): void => {
			online = true;
		};
		const handleOffline = (): void => {
			online = false;
		};
		window.addEventListener('online', handleOnline);
		window.addEventListener('offline', handleOffline);
		// Every local commit writes an outbox row in the same transaction: that is the change signal.
		const stopOutbox = v.observeOutbox(() => {
			scheduler.notifyChange();
		});
		scheduler.start();
		running = {
			scheduler,
			stop: () => {
				scheduler.stop();
				unsubscribe();
				disconnect();
				background.disconnect();
				window.removeEventListener('online', handleOnline);
				window.removeEventListener('offline', handleOffline);
				stopOutbox();
			}
		};
	}

	function stop(): void {
		running?.stop();
		running = null;
		engineStatus = null;
	}

	return {
		/** null while sync is not running (no account, locked, demo). */
		get status() {
			return status;
		},

		get unreadable() {
			return unreadable;
		},

		/** Starts following the vault and account state; idempotent. Call from a component. */
		connect(): void {
			if (connected) return;
			connected = true;
			$effect.root(() => {
				$effect(() => {
					const should = vault.status === 'unlocked' && !vault.isDemo && account.account !== null;
					const epoch = account.sessionEpoch;
					if (!should) {
						stop();
						return;
					}
					start();
					if (epoch !== lastEpoch) {
						lastEpoch = epoch;
						running?.scheduler.notifyAuthenticated();
					}
				});
			});
		},

		/** Sync now (the "retry" button). */
		syncNow(): void {
			running?.scheduler.notifyOnline();
		}
	};
}

export const sync = createSyncState();
