// Retry delays for failed syncs: exponential backoff with "full jitter" (AWS Architecture Blog,
// "Exponential Backoff And Jitter"): delay = random() × min(cap, base × 2^attempt).
//
// Why: after an outage every device of every person retries; without jitter they retry in waves and
// knock the server over again. Full jitter spreads them uniformly over the window.
//
// Invariant: 0 ≤ delay < min(cap, base × 2^attempt) ≤ cap, for any attempt (huge attempts saturate
// at the cap instead of overflowing). Randomness is injected so tests are deterministic.

export interface BackoffOptions {
	/** Window of the first retry, in ms. */
	readonly base: number;
	/** Largest window, in ms. */
	readonly cap: number;
	/** Uniform in [0, 1), e.g. Math.random. */
	readonly random: () => number;
}

export const DEFAULT_BACKOFF: Omit<BackoffOptions, 'random'> = { base: 1_000, cap: 5 * 60_000 };

/** The window for an attempt (0 for the first retry): min(cap, base × 2^attempt). */
export function backoffWindow(attempt: number, options: Omit<BackoffOptions, 'random'>): number {
	const exponent = Math.min(Math.max(0, Math.floor(attempt)), 52);
	return Math.min(options.cap, options.base * 2 ** exponent);
}

/** Delay in whole ms before retry number `attempt` (0-based). */
export function backoff(attempt: number, options: BackoffOptions): number {
	const r = Math.min(Math.max(options.random(), 0), 1 - Number.EPSILON);
	return Math.floor(r * backoffWindow(attempt, options));
}
