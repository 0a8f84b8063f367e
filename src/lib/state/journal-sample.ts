// Writes the domain's sample person (Monique Durand, 67: hypertension, type 2 diabetes, goals in
// her own words) into a vault, for "try with a sample person" and for the benchmark.
// Why here: the generator is pure domain code; this adapter only gives it real UUIDv7 ids and
// commits its entries through the vault like any other write (the demo vault is its own database).
// Invariants: each id is `uuidv7(at)`, so its timestamp is the record's own time and the record
// lands in that week's bucket; commits go in batches of about 1,000 operations.
import { generateSamplePerson, type SamplePersonOptions } from '$lib/domain/journal/sample-person';
import type { SampleLocale } from '$lib/domain/journal/sample-person-texts';
import type { JournalEntry } from '$lib/domain/journal/records';
import type { RecordOp } from '$lib/domain/records';
import { uuidv7 } from '$lib/domain/ids';
import type { Records } from '$lib/vault/records';

export const SAMPLE_BATCH = 1000;

export interface FillOptions {
	readonly now: number;
	readonly locale: SampleLocale;
	readonly timeZone?: string;
	/** Days of history (the generator's default, three months, when absent). */
	readonly days?: number;
	readonly seed?: number;
}

/** Monique's entries with vault ids (pure but for the random bits of each id). */
export function buildSamplePerson(options: FillOptions): readonly JournalEntry[] {
	const generatorOptions: SamplePersonOptions = {
		seed: options.seed ?? 67,
		now: options.now,
		locale: options.locale,
		newId: (at) => uuidv7(at),
		...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }),
		...(options.days === undefined ? {} : { days: options.days })
	};
	return generateSamplePerson(generatorOptions).entries;
}

/** Commits `entries` into `store` in batches; returns how many were written. */
export async function commitEntries(
	store: Pick<Records, 'commit'>,
	entries: readonly JournalEntry[],
	batch = SAMPLE_BATCH
): Promise<number> {
	const ops: RecordOp[] = entries.map((entry) => ({
		type: 'put',
		id: entry.id,
		kind: entry.kind,
		category: entry.category,
		at: entry.at,
		body: entry.body
	}));
	for (let i = 0; i < ops.length; i += batch) {
		const result = await store.commit(ops.slice(i, i + batch));
		if (!result.ok) return i;
	}
	return ops.length;
}

/** Writes the sample person into `store` (the demo vault). */
export async function fillSamplePerson(
	store: Pick<Records, 'commit'>,
	options: FillOptions
): Promise<number> {
	return commitEntries(store, buildSamplePerson(options));
}
