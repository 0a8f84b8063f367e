// "My people" on a professional's device (issue 14 figures), inside headless Chromium: 50 people
// with ~7,000 entries each (the sample person over 730 days: its rhythm gives ~3,400 a year), as
// the decrypted records a member circle serves. Measures the device-side work of the list (parse every circle once, compute the
// flags and "changes since my last visit" for all 50) and of one person's summary. Opening the
// member circles (IndexedDB reads and AES-GCM) is not in these figures.
import { flagsFor } from '$lib/domain/care-team/flags';
import {
	changesSince,
	flagInputOf,
	readShared,
	type SharedRecord
} from '$lib/domain/care-team/shared-records';
import { personSummary } from '$lib/domain/care-team/summary';
import { SHAREABLE_CATEGORIES } from '$lib/domain/categories';
import { generateSamplePerson } from '$lib/domain/journal/sample-person';
import { uuidv7 } from '$lib/domain/ids';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 6, 12);
const ZONE = 'Europe/Paris';
let people: SharedRecord[][] = [];

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

globalThis.cercleBenchPeople = {
	prepare(count: number, days: number) {
		people = Array.from({ length: count }, (_, i) =>
			generateSamplePerson({
				seed: i + 1,
				now: NOW,
				locale: i % 2 === 0 ? 'fr' : 'en',
				newId: (at) => uuidv7(at),
				days
			}).entries.map((e) => ({
				id: e.id,
				kind: e.kind,
				category: e.category,
				at: e.at,
				hlc: '',
				deleted: false,
				body: e.body
			}))
		);
		const total = people.reduce((sum, p) => sum + p.length, 0);
		return { people: people.length, entriesPerPerson: Math.round(total / people.length) };
	},
	measureList(runs: number) {
		const times: number[] = [];
		let flagged = 0;
		for (let run = 0; run < runs; run++) {
			const start = performance.now();
			flagged = 0;
			for (const records of people) {
				const data = readShared(records, 'owner', { from: NOW - 14 * DAY });
				const flags = flagsFor(
					flagInputOf(data, { now: NOW, timeZone: ZONE, seenAt: NOW - 14 * DAY, noNewsDays: 7 })
				);
				changesSince(data, NOW - 14 * DAY);
				if (flags.length > 0) flagged += 1;
			}
			times.push(performance.now() - start);
		}
		return { medianMs: median(times), flaggedPeople: flagged };
	},
	measureSummary(runs: number) {
		const records = people[0] ?? [];
		const times: number[] = [];
		for (let run = 0; run < runs; run++) {
			const start = performance.now();
			personSummary(readShared(records, 'owner'), SHAREABLE_CATEGORIES, {
				now: NOW,
				timeZone: ZONE
			});
			times.push(performance.now() - start);
		}
		return { medianMs: median(times) };
	}
};
document.body.dataset.ready = 'true';
