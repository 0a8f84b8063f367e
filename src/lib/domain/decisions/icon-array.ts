// Icon arrays for natural frequencies ("7 out of 100 people"). Invariant: the counts are whole
// numbers that always add up to exactly `total` (100 by default), using the largest-remainder
// method so no category is off by more than one icon from its exact share.

/**
 * Splits `total` icons between categories in proportion to `weights` (non-negative, any scale).
 * Each count is the floor or the ceiling of the exact share; ties go to the earlier category.
 * All-zero weights (nothing to show) give all-zero counts.
 */
export function allocateIcons(weights: readonly number[], total = 100): readonly number[] {
	if (!Number.isInteger(total) || total < 0)
		throw new RangeError('total must be a whole number ≥ 0');
	if (weights.some((w) => !Number.isFinite(w) || w < 0)) {
		throw new RangeError('weights must be finite and ≥ 0');
	}
	const sum = weights.reduce((a, b) => a + b, 0);
	if (sum === 0) return weights.map(() => 0);
	const exact = weights.map((w) => (w / sum) * total);
	const counts = exact.map(Math.floor);
	let left = total - counts.reduce((a, b) => a + b, 0);
	const order = exact
		.map((e, i) => ({ i, rest: e - Math.floor(e) }))
		.sort((a, b) => b.rest - a.rest || a.i - b.i);
	for (const { i } of order) {
		if (left === 0) break;
		counts[i] = (counts[i] ?? 0) + 1;
		left -= 1;
	}
	return counts;
}

export interface IconSplit {
	/** Icons for people who have the outcome. */
	readonly affected: number;
	/** Icons for people who do not. */
	readonly unaffected: number;
}

/** An outcome "value out of 100" as a 100-icon array (e.g. 0.4 → 0 affected, 100 unaffected). */
export function outcomeIcons(valueOutOf100: number): IconSplit {
	const v = Math.min(100, Math.max(0, valueOutOf100));
	const [affected = 0, unaffected = 0] = allocateIcons([v, 100 - v], 100);
	return { affected, unaffected };
}
