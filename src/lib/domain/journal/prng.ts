// A small seeded pseudo-random generator (mulberry32) and the draws the sample data needs.
// Why: the sample person must be the same for the same seed on every device and in tests;
// Math.random is neither seedable nor injectable.
// Invariant: `next()` returns a float in [0, 1); the sequence depends only on the seed.

export interface Prng {
	/** Uniform in [0, 1). */
	readonly next: () => number;
	/** Uniform integer in [min, max], both included. */
	readonly int: (min: number, max: number) => number;
	/** True with probability `p`. */
	readonly chance: (p: number) => boolean;
	/** Normal draw (Box–Muller) with the given mean and standard deviation. */
	readonly normal: (mean: number, sd: number) => number;
	/** One element of a non-empty list. */
	readonly pick: <T>(items: readonly [T, ...T[]]) => T;
}

export const createPrng = (seed: number): Prng => {
	let state = seed >>> 0;
	const next = (): number => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
	const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
	return {
		next,
		int,
		chance: (p) => next() < p,
		normal: (mean, sd) => {
			const u = 1 - next();
			const v = next();
			return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
		},
		pick: (items) => items[int(0, items.length - 1)] ?? items[0]
	};
};
