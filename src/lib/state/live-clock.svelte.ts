// A clock that screens read instead of `Date.now()` at mount (issue 11 §6, "screens stay current"):
// a page left open overnight must move its "last 7 days" and chart ranges on. It ticks every minute
// and at once when the app comes back to the front (visibility or focus), when timers may have
// been paused for hours. Time and timers are injected, so tests move the clock themselves.
// Invariant: `current` never goes backwards while mounted.

export interface LiveClockDeps {
	readonly now: () => number;
	/** Calls `tick` every `ms`; returns the cancel. */
	readonly every: (tick: () => void, ms: number) => () => void;
	/** Calls `wake` when the page becomes visible again or gets focus; returns the cancel. */
	readonly onWake: (wake: () => void) => () => void;
}

export const MINUTE_MS = 60_000;

const browserDeps: LiveClockDeps = {
	now: () => Date.now(),
	every(tick, ms) {
		const timer = setInterval(tick, ms);
		return () => {
			clearInterval(timer);
		};
	},
	onWake(wake) {
		const onVisibility = (): void => {
			if (document.visibilityState === 'visible') wake();
		};
		document.addEventListener('visibilitychange', onVisibility);
		window.addEventListener('focus', wake);
		return () => {
			document.removeEventListener('visibilitychange', onVisibility);
			window.removeEventListener('focus', wake);
		};
	}
};

/** Starts the ticking; pure of runes, so it can be tested alone. Returns the stop. */
export function startClock(deps: LiveClockDeps, set: (now: number) => void, stepMs: number) {
	let last = deps.now();
	const update = (): void => {
		const next = deps.now();
		if (next > last) {
			last = next;
			set(next);
		}
	};
	const stopTimer = deps.every(update, stepMs);
	const stopWake = deps.onWake(update);
	return (): void => {
		stopTimer();
		stopWake();
	};
}

/** Call during component initialisation: `current` is the time, kept current while mounted. */
export function createLiveClock(deps: LiveClockDeps = browserDeps, stepMs = MINUTE_MS) {
	let now = $state(deps.now());
	$effect(() =>
		startClock(
			deps,
			(next) => {
				now = next;
			},
			stepMs
		)
	);
	return {
		get current(): number {
			return now;
		}
	};
}

export type LiveClock = ReturnType<typeof createLiveClock>;
