// When syncs happen: debounced changes, reconnects, visibility, periodic runs, backoff after
// failures, and a paused outbox while the session has expired.
import { describe, expect, it } from 'vitest';
import { createSyncScheduler, timeoutSchedule } from '$lib/sync/scheduler';
import type { SyncRun, SyncStatus } from '$lib/sync/types';
import { aManualTimer } from './fakes';

const synced: SyncRun = { status: { kind: 'synced' }, retry: { type: 'none' } };
const offline: SyncRun = {
	status: { kind: 'offline', pending: 1 },
	retry: { type: 'backoff', notBeforeMs: 0 }
};
const expired: SyncRun = {
	status: { kind: 'auth-required', pending: 1 },
	retry: { type: 'after-auth' }
};

/** An engine whose runs the test scripts; unscripted runs succeed. */
function aScriptedEngine(script: SyncRun[] = []) {
	const engine = {
		runs: 0,
		refreshes: 0,
		sync: () => {
			engine.runs += 1;
			return Promise.resolve(script.shift() ?? synced);
		},
		refresh: (): Promise<SyncStatus> => {
			engine.refreshes += 1;
			return Promise.resolve({ kind: 'pending', pending: 1 });
		}
	};
	return engine;
}

function aScheduler(script: SyncRun[] = [], online = true) {
	const timer = aManualTimer();
	const engine = aScriptedEngine(script);
	const scheduler = createSyncScheduler({
		engine,
		schedule: timer.schedule,
		random: () => 0.5,
		online,
		debounceMs: 1_000,
		periodMs: 60_000,
		backoffBaseMs: 1_000,
		backoffCapMs: 8_000
	});
	return { timer, engine, scheduler };
}

describe('sync scheduler', () => {
	it('syncs on start, then debounces bursts of changes into one run', async () => {
		const { timer, engine, scheduler } = aScheduler();
		scheduler.start();
		await scheduler.idle();
		expect(engine.runs).toBe(1);
		scheduler.notifyChange();
		timer.advance(500);
		scheduler.notifyChange();
		timer.advance(500);
		scheduler.notifyChange();
		expect(engine.runs).toBe(1);
		expect(engine.refreshes).toBe(3);
		timer.advance(1_000);
		await scheduler.idle();
		expect(engine.runs).toBe(2);
	});

	it('retries failures with growing jittered delays and resets after a success', async () => {
		const { timer, engine, scheduler } = aScheduler([offline, offline, offline, synced, offline]);
		scheduler.start();
		await scheduler.idle();
		// random 0.5 → half of 1 s, 2 s, 4 s windows.
		expect(timer.pending()).toContain(500);
		timer.advance(500);
		await scheduler.idle();
		expect(engine.runs).toBe(2);
		expect(timer.pending()).toContain(1_000);
		timer.advance(1_000);
		await scheduler.idle();
		expect(timer.pending()).toContain(2_000);
		timer.advance(2_000);
		await scheduler.idle();
		expect(engine.runs).toBe(4);
		expect(timer.pending()).toEqual([60_000 - 3_500]); // only the periodic run is left
		// The success reset the attempt: the next failure waits in the first window again
		// (half of 1 s), not in the fourth (half of 8 s).
		scheduler.notifyVisible();
		await scheduler.idle();
		expect(engine.runs).toBe(5);
		expect([...timer.pending()].sort((a, b) => a - b)).toEqual([500, 60_000 - 3_500]);
	});

	it('honours a server Retry-After longer than the backoff', async () => {
		const limited: SyncRun = {
			status: { kind: 'error', reason: { type: 'rate-limited', retryAfterMs: 30_000 }, pending: 1 },
			retry: { type: 'backoff', notBeforeMs: 30_000 }
		};
		const { timer, scheduler } = aScheduler([limited]);
		scheduler.start();
		await scheduler.idle();
		expect(timer.pending()).toContain(30_000);
	});

	it('does nothing while offline and syncs as soon as the connection is back', async () => {
		const { timer, engine, scheduler } = aScheduler([], false);
		scheduler.start();
		scheduler.notifyChange();
		scheduler.notifyVisible();
		timer.advance(120_000);
		await scheduler.idle();
		expect(engine.runs).toBe(0);
		scheduler.notifyOnline();
		await scheduler.idle();
		expect(engine.runs).toBe(1);
	});

	it('going offline cancels a pending retry', async () => {
		const { timer, engine, scheduler } = aScheduler([offline]);
		scheduler.start();
		await scheduler.idle();
		scheduler.notifyOffline();
		timer.advance(10_000);
		await scheduler.idle();
		expect(engine.runs).toBe(1);
	});

	it('waits for a new session after auth-required, then pushes the waiting outbox', async () => {
		const { timer, engine, scheduler } = aScheduler([expired]);
		scheduler.start();
		await scheduler.idle();
		scheduler.notifyChange();
		scheduler.notifyVisible();
		timer.advance(120_000);
		await scheduler.idle();
		expect(engine.runs).toBe(1);
		scheduler.notifyAuthenticated();
		await scheduler.idle();
		expect(engine.runs).toBe(2);
	});

	it('syncs on visibility and periodically', async () => {
		const { timer, engine, scheduler } = aScheduler();
		scheduler.start();
		await scheduler.idle();
		scheduler.notifyVisible();
		await scheduler.idle();
		expect(engine.runs).toBe(2);
		timer.advance(60_000);
		await scheduler.idle();
		timer.advance(60_000);
		await scheduler.idle();
		expect(engine.runs).toBe(4);
		scheduler.stop();
		timer.advance(600_000);
		expect(engine.runs).toBe(4);
	});

	it('a trigger during a run causes exactly one follow-up run', async () => {
		const { engine, scheduler } = aScheduler();
		scheduler.start();
		scheduler.notifyVisible();
		scheduler.notifyVisible();
		scheduler.notifyOnline();
		await scheduler.idle();
		expect(engine.runs).toBe(2);
	});
});

describe('sync scheduler while the app is hidden (issue 11 §6)', () => {
	it('runs periodically only while visible, and at once when it comes back', async () => {
		const timer = aManualTimer();
		const engine = aScriptedEngine();
		let visible = true;
		const scheduler = createSyncScheduler({
			engine,
			schedule: timer.schedule,
			random: () => 0.5,
			periodMs: 20_000,
			isVisible: () => visible
		});
		scheduler.start();
		await scheduler.idle();
		timer.advance(20_000);
		await scheduler.idle();
		expect(engine.runs).toBe(2);
		visible = false;
		timer.advance(60_000);
		await scheduler.idle();
		expect(engine.runs).toBe(2);
		visible = true;
		scheduler.notifyVisible();
		await scheduler.idle();
		expect(engine.runs).toBe(3);
		timer.advance(20_000);
		await scheduler.idle();
		expect(engine.runs).toBe(4);
	});
});

describe('sync scheduler lifecycle and edge cases', () => {
	it('starting twice keeps one periodic timer and runs once', async () => {
		const { timer, engine, scheduler } = aScheduler();
		scheduler.start();
		scheduler.start();
		await scheduler.idle();
		expect(engine.runs).toBe(1);
		expect(timer.pending()).toEqual([60_000]);
	});

	it('stopping cancels the debounced run, the retry and the periodic timer', async () => {
		const { timer, engine, scheduler } = aScheduler([offline]);
		scheduler.start();
		await scheduler.idle();
		scheduler.notifyChange();
		expect([...timer.pending()].sort((a, b) => a - b)).toEqual([500, 1_000, 60_000]);
		scheduler.stop();
		expect(timer.pending()).toEqual([]);
		scheduler.notifyVisible();
		await scheduler.idle();
		expect(engine.runs).toBe(1);
	});

	it('after going offline, triggers do not sync until the connection is back', async () => {
		const { engine, scheduler } = aScheduler();
		scheduler.start();
		await scheduler.idle();
		scheduler.notifyOffline();
		scheduler.notifyVisible();
		await scheduler.idle();
		expect(engine.runs).toBe(1);
		scheduler.notifyOnline();
		await scheduler.idle();
		expect(engine.runs).toBe(2);
	});

	it('idle resolves only once the run in flight, and its follow-up, are over', async () => {
		const timer = aManualTimer();
		const pending: ((run: SyncRun) => void)[] = [];
		const scheduler = createSyncScheduler({
			engine: {
				sync: () =>
					new Promise<SyncRun>((resolve) => {
						pending.push(resolve);
					}),
				refresh: () => Promise.resolve({ kind: 'synced' })
			},
			schedule: timer.schedule,
			random: () => 0.5
		});
		scheduler.start();
		scheduler.notifyVisible();
		let idle = false;
		const waiting = scheduler.idle().then(() => {
			idle = true;
		});
		await new Promise((resolve) => setTimeout(resolve, 0));
		expect(idle).toBe(false);
		pending.shift()?.(synced);
		await new Promise((resolve) => setTimeout(resolve, 0));
		// The follow-up run of the trigger made during the first one is now in flight.
		expect(pending).toHaveLength(1);
		expect(idle).toBe(false);
		pending.shift()?.(synced);
		await waiting;
		expect(idle).toBe(true);
	});

	it('going offline drops the retry timer', async () => {
		const { timer, scheduler } = aScheduler([offline]);
		scheduler.start();
		await scheduler.idle();
		expect(timer.pending()).toContain(500);
		scheduler.notifyOffline();
		expect(timer.pending()).toEqual([60_000]);
	});

	it('a run started by a trigger cancels the pending retry, so it does not run twice', async () => {
		const { timer, engine, scheduler } = aScheduler([offline]);
		scheduler.start();
		await scheduler.idle();
		expect(timer.pending()).toContain(500);
		scheduler.notifyVisible();
		await scheduler.idle();
		expect(engine.runs).toBe(2);
		expect(timer.pending()).toEqual([60_000]);
		timer.advance(500);
		await scheduler.idle();
		expect(engine.runs).toBe(2);
	});

	it('a new failure replaces the retry timer instead of adding one', async () => {
		const { timer, scheduler } = aScheduler([offline, offline]);
		scheduler.start();
		await scheduler.idle();
		// A retry is pending when the next (failing) run starts from a trigger during a run.
		scheduler.notifyVisible();
		await scheduler.idle();
		expect([...timer.pending()].sort((a, b) => a - b)).toEqual([1_000, 60_000]);
	});

	it('reconnecting resets the backoff to the first window', async () => {
		const { timer, scheduler } = aScheduler([offline, offline, offline, offline]);
		scheduler.start();
		await scheduler.idle();
		timer.advance(500);
		await scheduler.idle();
		timer.advance(1_000);
		await scheduler.idle();
		expect(timer.pending()).toContain(2_000);
		scheduler.notifyOffline();
		scheduler.notifyOnline();
		await scheduler.idle();
		expect([...timer.pending()].sort((a, b) => a - b)).toEqual([500, 60_000 - 1_500]);
	});

	it('a new session resets the backoff to the first window', async () => {
		const { timer, scheduler } = aScheduler([offline, offline, expired, offline]);
		scheduler.start();
		await scheduler.idle();
		timer.advance(500);
		await scheduler.idle();
		timer.advance(1_000);
		await scheduler.idle();
		expect(timer.pending()).toEqual([60_000 - 1_500]);
		scheduler.notifyAuthenticated();
		await scheduler.idle();
		expect([...timer.pending()].sort((a, b) => a - b)).toEqual([500, 60_000 - 1_500]);
	});

	it('an engine that throws leaves the scheduler able to run again', async () => {
		let calls = 0;
		const timer = aManualTimer();
		const scheduler = createSyncScheduler({
			engine: {
				sync: () => {
					calls += 1;
					return calls === 1 ? Promise.reject(new Error('boom')) : Promise.resolve(synced);
				},
				refresh: () => Promise.reject(new Error('no vault'))
			},
			schedule: timer.schedule,
			random: () => 0.5
		});
		scheduler.start();
		await scheduler.idle();
		scheduler.notifyChange();
		timer.advance(1_000);
		await scheduler.idle();
		expect(calls).toBe(2);
	});

	it('uses a one-second debounce and a five-minute period by default', async () => {
		const timer = aManualTimer();
		const engine = aScriptedEngine();
		const scheduler = createSyncScheduler({
			engine,
			schedule: timer.schedule,
			random: () => 0.5
		});
		scheduler.start();
		await scheduler.idle();
		expect(timer.pending()).toEqual([5 * 60_000]);
		scheduler.notifyChange();
		expect([...timer.pending()].sort((a, b) => a - b)).toEqual([1_000, 5 * 60_000]);
	});

	it('backs off in default windows of one second up to five minutes', async () => {
		const timer = aManualTimer();
		const engine = aScriptedEngine(Array.from({ length: 12 }, () => offline));
		const scheduler = createSyncScheduler({
			engine,
			schedule: timer.schedule,
			random: () => 0.5,
			periodMs: 10 * 60 * 60_000
		});
		scheduler.start();
		await scheduler.idle();
		const delays: number[] = [];
		for (let i = 0; i < 11; i++) {
			const retry = Math.min(...timer.pending());
			delays.push(retry);
			timer.advance(retry);
			await scheduler.idle();
		}
		expect(delays).toEqual([
			500, 1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 150_000, 150_000
		]);
	});
});

describe('timeoutSchedule', () => {
	it('sets the host timer and clears that handle on cancel', () => {
		const calls: string[] = [];
		const schedule = timeoutSchedule(
			(fn: () => void, ms: number) => {
				calls.push(`set ${String(ms)}`);
				fn();
				return 42;
			},
			(handle: number) => {
				calls.push(`clear ${String(handle)}`);
			}
		);
		const cancel = schedule(() => calls.push('ran'), 250);
		expect(calls).toEqual(['set 250', 'ran']);
		cancel();
		expect(calls).toEqual(['set 250', 'ran', 'clear 42']);
	});
});
