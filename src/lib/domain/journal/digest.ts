// Digests of a group of journal entries (the vault computes one per weekly bucket and keeps it):
// the readings of each series as plain numbers, and the few long-lived records (targets,
// medicines, goals, the person's own symptoms) whole.
// Why: a 1-year chart needs one series out of thousands of records, and Today needs the handful of
// medicines and goals among three years of doses; reading digests instead of every record keeps
// both fast. The digests are an optimisation only, never a second truth: merging the digests of
// any grouping of entries gives exactly what `metricSeries` / `symptomSeries` give on the entries
// themselves (tests/property/journal/digest.test.ts).
// Invariants: series keys are `metric:<metric>` (canonical units) and `symptom:<symptomKey>`;
// each series is a flat `[at, value, at, value, …]` list, oldest first (ties by id); lasting
// records are those of `LASTING_KINDS`, sorted like the journal (time, then id).
import { metricValues, type Metric } from './measurements';
import type { JournalEntry, JournalKind } from './records';
import { symptomKey } from './symptoms';
import type { SeriesPoint } from './trends';

/** Kinds that stay relevant whatever their age (a target or a medicine set three years ago). */
export const LASTING_KINDS = [
	'target-range',
	'custom-symptom',
	'medication',
	'goal',
	'goal-checkin',
	'unit-preferences'
] as const satisfies readonly JournalKind[];
export type LastingKind = (typeof LASTING_KINDS)[number];

const LASTING = new Set<JournalKind>(LASTING_KINDS);

/** Readings of each series in a group of entries, as flat `[at, value, …]` lists. */
export type SeriesDigest = Readonly<Record<string, readonly number[]>>;

/**
 * Whether a value read back (a stored digest, JSON) is a `SeriesDigest`: a plain object whose own
 * keys each hold an array of finite numbers. A hand-written check for the hot path (a year's chart
 * reads ~50 stored digests of hundreds of numbers each; zod without JIT under our CSP costs a
 * multiple of this); tests/property/journal/series-guard.property.test.ts holds it equal to
 * `seriesDigestSchema` (state/journal-digest.ts), including zod's skipping of a `__proto__` key.
 */
export function isSeriesDigest(value: unknown): value is SeriesDigest {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
	const proto: unknown = Object.getPrototypeOf(value);
	if (proto !== Object.prototype && proto !== null) return false;
	for (const key of Reflect.ownKeys(value)) {
		if (key === '__proto__' || !Object.prototype.propertyIsEnumerable.call(value, key)) continue;
		if (typeof key !== 'string') return false;
		const list: unknown = Reflect.get(value, key);
		if (!Array.isArray(list)) return false;
		for (const n of list as readonly unknown[]) {
			if (typeof n !== 'number' || !Number.isFinite(n)) return false;
		}
	}
	return true;
}

export const metricSeriesKey = (metric: Metric): string => `metric:${metric}`;
export const symptomSeriesKey = (key: string): string => `symptom:${key}`;

const byTimeThenId = (a: JournalEntry, b: JournalEntry) =>
	a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The series digest of `entries` (any order): measurements per metric and symptom severities. */
export const digestSeries = (entries: readonly JournalEntry[]): SeriesDigest => {
	const series: Record<string, number[]> = {};
	const push = (key: string, at: number, value: number) => {
		const list = (series[key] ??= []);
		list.push(at, value);
	};
	for (const entry of [...entries].sort(byTimeThenId)) {
		const body = entry.body;
		if (body.kind === 'measurement') {
			for (const v of metricValues(body.measurement))
				push(metricSeriesKey(v.metric), entry.at, v.value);
		} else if (body.kind === 'symptom') {
			push(symptomSeriesKey(symptomKey(body.symptom)), entry.at, body.severity);
		}
	}
	return series;
};

/** The entries of lasting kinds among `entries`, sorted by time then id. */
export const digestLasting = <E extends JournalEntry>(entries: readonly E[]): readonly E[] =>
	entries.filter((entry) => LASTING.has(entry.kind)).sort(byTimeThenId);

/**
 * One series from digests given in bucket order, oldest first; readings at the same instant keep
 * their order within a digest, and digests their given order.
 */
export const mergeSeries = (
	digests: readonly SeriesDigest[],
	key: string,
	from = -Infinity
): readonly SeriesPoint[] => {
	const points: SeriesPoint[] = [];
	for (const digest of digests) {
		const flat = digest[key];
		if (flat === undefined) continue;
		for (let i = 0; i + 1 < flat.length; i += 2) {
			const at = flat[i] ?? 0;
			if (at >= from) points.push({ at, value: flat[i + 1] ?? 0 });
		}
	}
	return points.sort((a, b) => a.at - b.at);
};

/** Lasting records from digests, sorted by time then id. */
export const mergeLasting = <E extends JournalEntry>(
	digests: readonly (readonly E[])[]
): readonly E[] => digests.flat().sort(byTimeThenId);
