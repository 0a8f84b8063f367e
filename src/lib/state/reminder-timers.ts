// The reminders manager's clocks: the one alert timer to the next ring, the debounce of uploads
// and the minute tick, with time and timers injected so a test drives them with fake timers.
// Invariant: at most one alert timer and one pending upload at a time; a delay longer than the
// platform's maximum is clamped (the timer is re-armed when state changes anyway).
import type { ReminderOccurrence } from '$lib/domain/reminders';
import { nextRing } from '$lib/domain/reminders/ringing';

export interface Timers {
	readonly now: () => number;
	/** Runs `run` once after `ms`; returns the cancel. */
	readonly after: (ms: number, run: () => void) => () => void;
	/** Runs `run` every `ms`; returns the stop. */
	readonly every: (ms: number, run: () => void) => () => void;
}

export const browserTimers: Timers = {
	now: () => Date.now(),
	after(ms, run) {
		const handle = setTimeout(run, ms);
		return () => {
			clearTimeout(handle);
		};
	},
	every(ms, run) {
		const handle = setInterval(run, ms);
		return () => {
			clearInterval(handle);
		};
	}
};

/** The longest delay `setTimeout` honours (about 24.8 days). */
export const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * Arms one timer to the next unacknowledged ring after now; `onRing` gets it when it fires.
 * Returns the disarm (nothing is armed when nothing is ahead).
 */
export function armNextAlert(
	timers: Timers,
	occurrences: readonly ReminderOccurrence[],
	acknowledged: ReadonlySet<string>,
	onRing: (occurrence: ReminderOccurrence) => void
): () => void {
	const at = timers.now();
	const next = nextRing(occurrences, acknowledged, at);
	if (next === undefined) return () => undefined;
	return timers.after(Math.min(next.fireAt - at, MAX_TIMEOUT_MS), () => {
		onRing(next);
	});
}

/** `run` once, `ms` after the last `schedule()` (each call re-arms); `cancel` drops a pending run. */
export function createDebounce(
	timers: Timers,
	ms: number,
	run: () => void
): { readonly schedule: () => void; readonly cancel: () => void } {
	let pending: (() => void) | null = null;
	const cancel = (): void => {
		pending?.();
		pending = null;
	};
	return {
		schedule() {
			cancel();
			pending = timers.after(ms, () => {
				pending = null;
				run();
			});
		},
		cancel
	};
}
