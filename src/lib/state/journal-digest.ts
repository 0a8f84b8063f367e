// The journal's per-bucket digests as the vault derives and keeps them (src/lib/vault/derived.ts):
// what each digest is computed from and how a stored one is checked when read back.
// Why: charts and Today read digests instead of every record (see src/lib/domain/journal/digest).
// Invariants: a digest is computed only from records that passed the journal's zod schemas
// (`toJournalRecords`); a stored digest that does not match its schema is recomputed; lasting
// records are re-validated by their kind's schema on the way back in. Read back without zod (a
// daily goal check-in makes three years of lasting records, read on every unlock): `isSeriesDigest`
// and `parseLasting` are held equal to `seriesDigestSchema` and `lastingDigestSchema` by
// tests/property/journal/series-guard.property.test.ts and lasting-guard.property.test.ts. Bump a query's `name`
// whenever what it computes changes, so older stored digests are ignored.
import * as z from 'zod/mini';
import { CATEGORIES, categorySchema, type Category } from '$lib/domain/categories';
import {
	digestLasting,
	digestSeries,
	isSeriesDigest,
	LASTING_KINDS,
	type SeriesDigest
} from '$lib/domain/journal/digest';
import { toJournalRecord, toJournalRecords, type JournalRecord } from '$lib/vault/repos/journal';
import type { DeriveQuery } from '$lib/domain/records';

/** A stored series digest's shape; read back with `isSeriesDigest`, held equal to this by a test. */
export const seriesDigestSchema = z.record(z.string(), z.array(z.number()));

// Only the kinds a digest reads are parsed (a bucket of doses holds one medicine, if any).
const SERIES_KINDS: ReadonlySet<string> = new Set(['measurement', 'symptom']);
const LASTING: ReadonlySet<string> = new Set(LASTING_KINDS);

/** A stored lasting digest's shape; read back by `parseLasting`, held equal to this by a test. */
export const lastingDigestSchema = z.array(
	z.object({
		id: z.string(),
		kind: z.string(),
		category: categorySchema,
		at: z.number(),
		hlc: z.string(),
		author: z.optional(z.string()),
		signature: z.optional(z.string()),
		body: z.unknown()
	})
);

function parseSeries(value: unknown): SeriesDigest | null {
	return isSeriesDigest(value) ? value : null;
}

const CATEGORY_SET: ReadonlySet<unknown> = new Set(CATEGORIES);

const isRecordObject = (x: unknown): x is Record<string, unknown> =>
	typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * A stored lasting digest read back: what `lastingDigestSchema` accepts (unknown keys dropped),
 * each record through `toJournalRecord`; null if any record fails. Plain checks, no zod.
 */
export function parseLasting(value: unknown): readonly JournalRecord[] | null {
	if (!Array.isArray(value)) return null;
	const out: JournalRecord[] = [];
	for (const stored of value as readonly unknown[]) {
		if (!isRecordObject(stored)) return null;
		const { id, kind, category, at, hlc, author, signature, body } = stored;
		if (typeof id !== 'string' || typeof kind !== 'string' || typeof hlc !== 'string') return null;
		if (!CATEGORY_SET.has(category) || typeof at !== 'number' || !Number.isFinite(at)) return null;
		if (author !== undefined && typeof author !== 'string') return null;
		if (signature !== undefined && typeof signature !== 'string') return null;
		const record = toJournalRecord({
			id,
			kind,
			category: category as Category,
			at,
			hlc,
			...(author === undefined ? {} : { author }),
			...(signature === undefined ? {} : { signature }),
			body,
			circleId: '',
			deleted: false
		});
		if (record === null) return null;
		out.push(record);
	}
	return out;
}

/** Readings per series (see `digestSeries`) of the buckets of `category` from `from` on. */
export const seriesDigestQuery = (
	category: Category,
	from?: number
): DeriveQuery<SeriesDigest> => ({
	category,
	...(from === undefined ? {} : { from }),
	name: 'journal-series-v1',
	kinds: SERIES_KINDS,
	compute: (records) =>
		digestSeries(toJournalRecords(records.filter((r) => SERIES_KINDS.has(r.kind)))),
	parse: parseSeries
});

/** The lasting records (targets, medicines, goals, own symptoms…) of every bucket of `category`. */
export const lastingDigestQuery = (category: Category): DeriveQuery<readonly JournalRecord[]> => ({
	category,
	name: 'journal-lasting-v2',
	kinds: LASTING,
	compute: (records) => digestLasting(toJournalRecords(records.filter((r) => LASTING.has(r.kind)))),
	parse: parseLasting
});
