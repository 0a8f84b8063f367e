// Web Push reminders for the server: one place that wires VAPID keys, the sender, the store and
// the scheduler, for hooks.server.ts and the `api/push/**` endpoints to call.
// Invariant: the scheduler loop never overlaps itself (one tick at a time per instance) and a
// failing tick (database down) is counted, not thrown; the next tick tries again.
import webpush from 'web-push';
import type { Kysely } from 'kysely';
import { err, ok, type Result } from '$lib/domain/result';
import { createScheduler, type Scheduler } from './scheduler';
import type { PushDatabase } from './schema';
import { createWebPushSender } from './sender';
import { createPushStore, type PushStore } from './store';
import { loadVapidKeys, type VapidError } from './vapid';

export { pushMigrations, push_001_tables } from './migrations';
export type { PushDatabase } from './schema';

export interface PushServiceDeps {
	readonly db: Kysely<PushDatabase>;
	readonly dialect: 'sqlite' | 'postgres';
	readonly env: Readonly<Record<string, string | undefined>>;
	readonly dataDir: string;
	readonly now: () => number;
	readonly newId: () => string;
	/** Unique per server process (e.g. a random UUID). */
	readonly instanceId: string;
	readonly sendTimeoutMs?: number;
}

export interface PushService {
	/** For `pushManager.subscribe({ applicationServerKey })`. */
	readonly vapidPublicKey: string;
	readonly store: PushStore;
	readonly scheduler: Scheduler;
	/** Starts ticking every `intervalMs`; returns a function that stops the loop. */
	/** Starts the scheduler loop; the returned stop resolves once a tick in progress has ended. */
	readonly start: (intervalMs: number) => () => Promise<void>;
	readonly failedTicks: () => number;
}

export const createPushService = (deps: PushServiceDeps): Result<PushService, VapidError> => {
	const vapid = loadVapidKeys({
		env: deps.env,
		dataDir: deps.dataDir,
		generate: () => webpush.generateVAPIDKeys()
	});
	if (!vapid.ok) return err(vapid.error);
	const scheduler = createScheduler({
		db: deps.db,
		dialect: deps.dialect,
		now: deps.now,
		instanceId: deps.instanceId,
		send: createWebPushSender({
			vapid: vapid.value,
			now: deps.now,
			timeoutMs: deps.sendTimeoutMs ?? 10_000
		})
	});
	let failed = 0;
	return ok({
		vapidPublicKey: vapid.value.publicKey,
		store: createPushStore({ db: deps.db, now: deps.now, newId: deps.newId }),
		scheduler,
		failedTicks: () => failed,
		start(intervalMs) {
			let timer: ReturnType<typeof setTimeout> | undefined;
			let stopped = false;
			let tick: Promise<void> = Promise.resolve();
			const loop = (): void => {
				tick = scheduler
					.drain(50)
					.then(
						() => undefined,
						() => {
							failed += 1;
						}
					)
					.finally(() => {
						if (!stopped) timer = setTimeout(loop, intervalMs);
					});
			};
			timer = setTimeout(loop, 0);
			return async () => {
				stopped = true;
				clearTimeout(timer);
				await tick;
			};
		}
	});
};
