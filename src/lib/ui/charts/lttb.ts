// Largest-Triangle-Three-Buckets downsampling (Steinarsson 2013), so a year of readings draws fast
// on a cheap phone while keeping the shape (peaks and dips) of the series.
// Invariants: keeps the first and last points, returns at most `threshold` points in time order,
// and returns the input unchanged when it is already small enough.
export interface Point {
	readonly at: number;
	readonly value: number;
}

export function lttb<P extends Point>(points: readonly P[], threshold: number): readonly P[] {
	if (threshold >= points.length || threshold < 3) return points;
	const first = points[0];
	const last = points[points.length - 1];
	if (!first || !last) return points;
	const out: P[] = [first];
	const every = (points.length - 2) / (threshold - 2);
	let a = first;
	for (let i = 0; i < threshold - 2; i++) {
		const avgStart = Math.floor((i + 1) * every) + 1;
		const avgEnd = Math.min(Math.floor((i + 2) * every) + 1, points.length);
		let avgAt = 0;
		let avgValue = 0;
		for (let j = avgStart; j < avgEnd; j++) {
			avgAt += points[j]?.at ?? 0;
			avgValue += points[j]?.value ?? 0;
		}
		const count = Math.max(1, avgEnd - avgStart);
		avgAt /= count;
		avgValue /= count;
		const rangeStart = Math.floor(i * every) + 1;
		const rangeEnd = Math.floor((i + 1) * every) + 1;
		let best: P | undefined;
		let bestArea = -1;
		for (let j = rangeStart; j < rangeEnd; j++) {
			const p = points[j];
			if (!p) continue;
			const area = Math.abs(
				(a.at - avgAt) * (p.value - a.value) - (a.at - p.at) * (avgValue - a.value)
			);
			if (area > bestArea) {
				bestArea = area;
				best = p;
			}
		}
		if (best) {
			out.push(best);
			a = best;
		}
	}
	out.push(last);
	return out;
}
