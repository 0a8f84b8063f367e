// The clock screens read (issue 11 §6, "screens stay current"): a charts page or Today left open
// moves on each minute and at once when the app comes back to the front, and a "last 7 days" range
// built on it crosses midnight without a reload. Time, timers and wake-ups are injected.
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { chartRangeBounds } from '$lib/domain/journal/trends';
import { createLiveClock, type LiveClockDeps } from '$lib/state/live-clock.svelte';

const ZONE = 'Europe/Paris';
// 23:58 in Paris on 26 November 2026 (UTC+1).
const LATE = Date.UTC(2026, 10, 26, 22, 58);

function fakeTime(start: number) {
	let now = start;
	const ticks = new Set<() => void>();
	const wakes = new Set<() => void>();
	let step = 0;
	const deps: LiveClockDeps = {
		now: () => now,
		every(tick, ms) {
			step = ms;
			ticks.add(tick);
			return () => ticks.delete(tick);
		},
		onWake(wake) {
			wakes.add(wake);
			return () => wakes.delete(wake);
		}
	};
	return {
		deps,
		get step() {
			return step;
		},
		get listeners() {
			return ticks.size + wakes.size;
		},
		/** Time passes with the timers running (a visible page). */
		advance(ms: number) {
			now += ms;
			for (const tick of ticks) tick();
		},
		/** Time passes with timers paused (a phone asleep), then the app is back in front. */
		sleepThenWake(ms: number) {
			now += ms;
			for (const wake of wakes) wake();
		},
		set(at: number) {
			now = at;
		}
	};
}

/** A clock as a page holds it, with the range the charts page derives from it. */
function mounted(time: ReturnType<typeof fakeTime>) {
	let clock: ReturnType<typeof createLiveClock> | undefined;
	let from = 0;
	const stop = $effect.root(() => {
		const c = createLiveClock(time.deps);
		clock = c;
		const range = $derived(chartRangeBounds(7, c.current, ZONE));
		$effect(() => {
			from = range.fromMs;
		});
	});
	flushSync();
	return {
		get now() {
			return clock?.current ?? 0;
		},
		get from() {
			flushSync();
			return from;
		},
		stop
	};
}

describe('the live clock', () => {
	it('ticks each minute, and a 7-day range moves on past midnight', () => {
		const time = fakeTime(LATE);
		const page = mounted(time);
		expect(time.step).toBe(60_000);
		expect(page.now).toBe(LATE);
		const before = page.from;
		expect(new Date(before).toISOString()).toBe('2026-11-19T23:00:00.000Z');

		time.advance(60_000);
		expect(page.now).toBe(LATE + 60_000);
		expect(page.from).toBe(before);

		time.advance(60_000);
		time.advance(60_000);
		expect(page.from - before).toBe(86_400_000);
		page.stop();
		expect(time.listeners).toBe(0);
	});

	it('catches up at once when the app comes back after a night asleep', () => {
		const time = fakeTime(LATE);
		const page = mounted(time);
		time.sleepThenWake(8 * 3_600_000);
		expect(page.now).toBe(LATE + 8 * 3_600_000);
		expect(new Date(page.from).toISOString()).toBe('2026-11-20T23:00:00.000Z');
		page.stop();
	});

	it('never goes backwards when the device clock is set back', () => {
		const time = fakeTime(LATE);
		const page = mounted(time);
		time.set(LATE - 3_600_000);
		time.sleepThenWake(0);
		expect(page.now).toBe(LATE);
		page.stop();
	});
});
