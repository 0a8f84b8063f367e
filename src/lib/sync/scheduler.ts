// When to sync: on change (debounced), on reconnect, when the app becomes visible, periodically,
// and after failures with exponential backoff and full jitter.
//
// Why: the engine knows how to sync, not when; browsers give us events (online/offline,
// visibilitychange, Background Sync) that the app shell forwards here. Timers and randomness are
// injected so every schedule is deterministic in tests.
//
// Invariants:
// - At most one run at a time; a trigger during a run schedules exactly one follow-up run.
// - While offline or waiting for a new session (`auth-required`), triggers only update the pending
//   count; nothing is sent, nothing is dropped: the outbox keeps every write.
// - The backoff attempt resets after a run that needs no retry, and on reconnect.
// - Periodic runs happen only while the app is visible (`isVisible`), so a short period keeps an
//   open screen current (a carer's claim reaches the person within a minute) without polling from
//   a hidden tab; becoming visible or focused syncs at once.
import { backoff, DEFAULT_BACKOFF } from './backoff';
import type { SyncEngine } from './client';
import type { SyncRun } from './types';

/** Runs `fn` after `ms` and returns a cancel function (wraps setTimeout/clearTimeout). */
export type Schedule = (fn: () => void, ms: number) => () => void;

export interface SchedulerDeps {
	readonly engine: Pick<SyncEngine, 'sync' | 'refresh'>;
	readonly schedule: Schedule;
	readonly random: () => number;
	readonly online?: boolean;
	readonly debounceMs?: number;
	readonly periodMs?: number;
	/** Whether the app is on screen now (periodic runs are skipped while hidden); default: always. */
	readonly isVisible?: () => boolean;
	readonly backoffBaseMs?: number;
	readonly backoffCapMs?: number;
}

export interface SyncScheduler {
	readonly start: () => void;
	readonly stop: () => void;
	readonly notifyChange: () => void;
	readonly notifyOnline: () => void;
	readonly notifyOffline: () => void;
	readonly notifyVisible: () => void;
	/** A new session after `auth-required`: the waiting outbox is pushed. */
	readonly notifyAuthenticated: () => void;
	/** Resolves when no run is in flight (for tests and the service worker's waitUntil). */
	readonly idle: () => Promise<void>;
}

export const DEFAULT_DEBOUNCE_MS = 1_000;
export const DEFAULT_PERIOD_MS = 5 * 60_000;
/** The app's period while visible: what others write in the circle shows within this time. */
export const VISIBLE_PERIOD_MS = 20_000;

const noop = (): void => undefined;

export function createSyncScheduler(deps: SchedulerDeps): SyncScheduler {
	const { engine, schedule, random } = deps;
	const debounceMs = deps.debounceMs ?? DEFAULT_DEBOUNCE_MS;
	const periodMs = deps.periodMs ?? DEFAULT_PERIOD_MS;
	const isVisible = deps.isVisible ?? (() => true);
	const base = deps.backoffBaseMs ?? DEFAULT_BACKOFF.base;
	const cap = deps.backoffCapMs ?? DEFAULT_BACKOFF.cap;

	let started = false;
	let online = deps.online ?? true;
	let waitingForAuth = false;
	let attempt = 0;
	let running: Promise<void> | null = null;
	let again = false;
	let cancelDebounce = noop;
	let cancelRetry = noop;
	let cancelPeriodic = noop;

	const canRun = (): boolean => started && online && !waitingForAuth;

	const afterRun = (run: SyncRun): void => {
		switch (run.retry.type) {
			case 'none':
				attempt = 0;
				break;
			case 'after-auth':
				waitingForAuth = true;
				break;
			case 'backoff': {
				const delay = Math.max(backoff(attempt, { base, cap, random }), run.retry.notBeforeMs);
				attempt += 1;
				cancelRetry();
				cancelRetry = schedule(trigger, delay);
				break;
			}
		}
	};

	function trigger(): void {
		if (!canRun()) return;
		if (running !== null) {
			again = true;
			return;
		}
		cancelRetry();
		cancelRetry = noop;
		running = engine.sync().then(
			(run) => {
				running = null;
				afterRun(run);
				if (again) {
					again = false;
					trigger();
				}
			},
			() => {
				running = null;
			}
		);
	}

	const periodic = (): void => {
		cancelPeriodic = schedule(() => {
			if (isVisible()) trigger();
			periodic();
		}, periodMs);
	};

	const refresh = (): void => {
		engine.refresh().catch(noop);
	};

	return {
		start: () => {
			if (started) return;
			started = true;
			periodic();
			trigger();
		},
		stop: () => {
			started = false;
			cancelDebounce();
			cancelRetry();
			cancelPeriodic();
		},
		notifyChange: () => {
			refresh();
			cancelDebounce();
			cancelDebounce = schedule(trigger, debounceMs);
		},
		notifyOnline: () => {
			online = true;
			attempt = 0;
			trigger();
		},
		notifyOffline: () => {
			online = false;
			cancelRetry();
			cancelRetry = noop;
		},
		notifyVisible: trigger,
		notifyAuthenticated: () => {
			waitingForAuth = false;
			attempt = 0;
			trigger();
		},
		idle: async () => {
			while (running !== null) await running;
		}
	};
}

/** A `Schedule` over a host's timer pair, e.g. `timeoutSchedule(setTimeout, clearTimeout)`. */
export function timeoutSchedule<H>(
	set: (fn: () => void, ms: number) => H,
	clear: (handle: H) => void
): Schedule {
	return (fn, ms) => {
		const handle = set(fn, ms);
		return () => {
			clear(handle);
		};
	};
}
