// Largest-Triangle-Three-Buckets downsampling (Steinarsson, 2013) for long chart series.
// Why: a year of twice-daily readings is more points than a phone screen has pixels; LTTB keeps
// the visual shape (peaks and dips) with far fewer points, so charts render fast.
// Invariants: the output is a subsequence of the input (same objects, x order preserved), the
// first and last points are kept, and its length is exactly `threshold` when the input is longer
// (threshold ≥ 2); shorter inputs are returned whole. Input must be sorted by x.

export interface XY {
	readonly x: number;
	readonly y: number;
}

/** Downsamples `points` (sorted by x) to `threshold` points. */
export const lttb = <P extends XY>(points: readonly P[], threshold: number): readonly P[] => {
	const size = Math.floor(threshold);
	if (size >= points.length) return [...points];
	if (size <= 0) return [];
	const first = points[0];
	const last = points[points.length - 1];
	if (first === undefined || last === undefined) return [];
	if (size === 1) return [first];
	if (size === 2) return [first, last];

	const sampled: P[] = [first];
	// Buckets for the points between first and last.
	const bucketSize = (points.length - 2) / (size - 2);
	let selected = first;
	for (let bucket = 0; bucket < size - 2; bucket += 1) {
		const start = Math.floor(bucket * bucketSize) + 1;
		const end = Math.floor((bucket + 1) * bucketSize) + 1;
		// Average of the next bucket (the last point for the final bucket).
		const nextStart = end;
		const nextEnd = Math.min(Math.floor((bucket + 2) * bucketSize) + 1, points.length - 1);
		let avgX = 0;
		let avgY = 0;
		const nextPoints =
			bucket === size - 3 ? [last] : points.slice(nextStart, Math.max(nextEnd, nextStart + 1));
		for (const point of nextPoints) {
			avgX += point.x;
			avgY += point.y;
		}
		avgX /= nextPoints.length;
		avgY /= nextPoints.length;

		let best: P | undefined;
		let bestArea = -1;
		for (let index = start; index < end; index += 1) {
			const point = points[index];
			if (point === undefined) continue;
			const area = Math.abs(
				(selected.x - avgX) * (point.y - selected.y) - (selected.x - point.x) * (avgY - selected.y)
			);
			if (area > bestArea) {
				bestArea = area;
				best = point;
			}
		}
		if (best !== undefined) {
			sampled.push(best);
			selected = best;
		}
	}
	sampled.push(last);
	return sampled;
};
