// Benchmark hook: fills a vault with about 20,000 plausible journal entries over three years, the
// volume the figures are measured at (unlock → Today, unlock → a 1-year chart).
// Why: the entries come from the domain's sample person (Monique Durand), stretched over
// `years`, so the benchmark reads the same shapes of data the app shows. Three years of her life
// hold about 10,000 entries; to reach the issue's ~20,000, further runs of the generator (other
// seeds) add readings only (measurements, catalogue symptoms, mood) — records that reference no
// other record — as if she measured and logged twice as often.
// Invariants: ids are `uuidv7(at)` (each record in the bucket of its own week); commits go in
// batches of ~1,000 operations; the same `now` and `seed` give the same entries (but for id bits).
import type { JournalEntry } from '$lib/domain/journal/records';
import { buildSamplePerson, commitEntries, SAMPLE_BATCH } from '$lib/commands/journal-sample';
import type { Vault } from '$lib/vault/vault';

const TARGET_ENTRIES_PER_YEAR = 20_000 / 3;
const MAX_EXTRA_RUNS = 4;

/** A reading that stands alone: it can be added from another run without dangling references. */
const isStandaloneReading = (entry: JournalEntry): boolean =>
	entry.body.kind === 'measurement' ||
	entry.body.kind === 'mood' ||
	(entry.body.kind === 'symptom' && entry.body.symptom.source === 'catalogue');

export interface FillJournalOptions {
	readonly years: number;
	readonly now: number;
	readonly locale?: 'fr' | 'en';
	readonly timeZone?: string;
	readonly seed?: number;
}

/** Commits the journal into an unlocked `vault`; returns how many entries were written. */
export async function fillJournal(vault: Vault, options: FillJournalOptions): Promise<number> {
	const seed = options.seed ?? 67;
	const run = (runSeed: number) =>
		buildSamplePerson({
			now: options.now,
			locale: options.locale ?? 'fr',
			days: Math.round(options.years * 365),
			seed: runSeed,
			...(options.timeZone === undefined ? {} : { timeZone: options.timeZone })
		});
	const target = Math.round(options.years * TARGET_ENTRIES_PER_YEAR);
	const entries: JournalEntry[] = [...run(seed)];
	for (let extra = 1; extra <= MAX_EXTRA_RUNS && entries.length < target; extra += 1) {
		const readings = run(seed + extra).filter(isStandaloneReading);
		entries.push(...readings.slice(0, target - entries.length));
	}
	entries.sort((a, b) => a.at - b.at);
	return commitEntries(vault, entries, SAMPLE_BATCH);
}
