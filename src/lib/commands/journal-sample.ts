// The "try with a sample person" write, by name: the domain's sample person (Monique Durand, 67:
// hypertension, type 2 diabetes, goals in her own words) written into a vault (the demo vault, its
// own database; the benchmark's). Loaded lazily by state/journal.svelte.ts (`registerDemoFiller`),
// so it never enters the Today bundle.
// Why a command of its own: the generator is pure domain code; this command parses its options,
// gives the entries real UUIDv7 ids and commits them through the vault like any other write.
// Invariants: options that do not parse write nothing; each id is `uuidv7(at)`, so its timestamp
// is the record's own time and the record lands in that week's bucket; three months of entries
// are too many for one transaction, so the one exception to "one action, one commit": commits go
// in batches of at most SAMPLE_BATCH operations, in order, and the first refused batch stops the
// fill (what was written is counted).
import * as z from 'zod/mini';
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

const fillOptionsSchema = z.object({
	now: z.int().check(z.positive()),
	locale: z.enum(['fr', 'en']),
	timeZone: z.optional(z.string().check(z.minLength(1))),
	days: z.optional(z.int().check(z.positive())),
	seed: z.optional(z.int())
});

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

/**
 * Writes the sample person into `store` (the demo vault); returns how many entries were written
 * (0 for options that do not parse).
 */
export async function fillSamplePerson(
	store: Pick<Records, 'commit'>,
	options: FillOptions
): Promise<number> {
	const parsed = fillOptionsSchema.safeParse(options);
	if (!parsed.success) return 0;
	return commitEntries(store, buildSamplePerson(parsed.data));
}
