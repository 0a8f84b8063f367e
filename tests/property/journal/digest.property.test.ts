// The per-bucket digests are an optimisation, never a second truth: for any grouping of the
// journal's entries into buckets, merging the groups' digests gives exactly the series and the
// lasting records that the direct computation gives on all entries (the charts and Today read
// digests; their numbers must not change).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	digestLasting,
	digestSeries,
	LASTING_KINDS,
	mergeLasting,
	mergeSeries,
	metricSeriesKey,
	symptomSeriesKey
} from '$lib/domain/journal/digest';
import { METRICS } from '$lib/domain/journal/measurements';
import { generateSamplePerson } from '$lib/domain/journal/sample-person';
import type { JournalEntry } from '$lib/domain/journal/records';
import { symptomKey } from '$lib/domain/journal/symptoms';
import { metricSeries, symptomSeries, type SeriesPoint } from '$lib/domain/journal/trends';

const NOW = Date.UTC(2025, 5, 1, 12, 0);
let counter = 0;
const entries: readonly JournalEntry[] = [
	...generateSamplePerson({
		seed: 67,
		now: NOW,
		locale: 'en',
		timeZone: 'Europe/Paris',
		days: 120,
		newId: (at) => `${String(at).padStart(15, '0')}-${String((counter += 1)).padStart(6, '0')}`
	}).entries
].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));

const symptomKeys = [
	...new Set(
		entries.flatMap((e) => (e.body.kind === 'symptom' ? [symptomKey(e.body.symptom)] : []))
	)
];

/** Splits `list` into consecutive groups at the given cut points (like weekly buckets). */
function cut<T>(list: readonly T[], cuts: readonly number[]): T[][] {
	const points = [...new Set(cuts.map((c) => Math.floor(c * list.length)))].sort((a, b) => a - b);
	const groups: T[][] = [];
	let start = 0;
	for (const point of [...points, list.length]) {
		groups.push(list.slice(start, point));
		start = point;
	}
	return groups;
}

const byTimeValue = (a: SeriesPoint, b: SeriesPoint) => a.at - b.at || a.value - b.value;

describe('journal digests', () => {
	it('the sample data has every series the property is about', () => {
		expect(entries.length).toBeGreaterThan(500);
		expect(symptomKeys.length).toBeGreaterThan(2);
		expect(metricSeries(entries, 'systolic').length).toBeGreaterThan(100);
		expect(entries.some((e) => e.kind === 'target-range')).toBe(true);
	});

	it('consecutive buckets: merged series equal the direct series exactly, in order', () => {
		fc.assert(
			fc.property(
				fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 30 }),
				fc.integer({ min: NOW - 150 * 86_400_000, max: NOW }),
				(cuts, from) => {
					const digests = cut(entries, cuts).map((group) => digestSeries(group));
					for (const metric of METRICS) {
						expect(mergeSeries(digests, metricSeriesKey(metric))).toEqual(
							metricSeries(entries, metric)
						);
						expect(mergeSeries(digests, metricSeriesKey(metric), from)).toEqual(
							metricSeries(
								entries.filter((e) => e.at >= from),
								metric
							)
						);
					}
					for (const key of symptomKeys) {
						expect(mergeSeries(digests, symptomSeriesKey(key))).toEqual(
							symptomSeries(entries, key)
						);
					}
				}
			),
			{ numRuns: 40 }
		);
	});

	it('any grouping, in any order: the same readings and the same lasting records', () => {
		fc.assert(
			fc.property(
				fc.array(fc.integer({ min: 0, max: 7 }), {
					minLength: entries.length,
					maxLength: entries.length
				}),
				(assignment) => {
					const groups: JournalEntry[][] = Array.from({ length: 8 }, () => []);
					entries.forEach((entry, index) => {
						groups[assignment[index] ?? 0]?.push(entry);
					});
					const digests = groups.map((group) => digestSeries(group));
					for (const metric of ['systolic', 'glucose', 'weight'] as const) {
						const merged = mergeSeries(digests, metricSeriesKey(metric));
						expect([...merged].sort(byTimeValue)).toEqual(
							[...metricSeries(entries, metric)].sort(byTimeValue)
						);
						// Oldest first whatever the grouping.
						expect(merged.every((p, i) => i === 0 || (merged[i - 1]?.at ?? 0) <= p.at)).toBe(true);
					}
					const lasting = mergeLasting(groups.map((group) => digestLasting(group)));
					const kinds = new Set<string>(LASTING_KINDS);
					expect(lasting).toEqual(entries.filter((e) => kinds.has(e.kind)));
				}
			),
			{ numRuns: 25 }
		);
	});
});
