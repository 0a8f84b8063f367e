// Encoding of a bucket: the records of one category and week, as one JSON document sealed with
// AES-256-GCM and bound to the bucket id, circle, category and key (so a bucket copied to another
// row or category fails to open). A bucket that fails to open is reported, never half-shown.
import * as z from 'zod/mini';
import { open, seal } from '$lib/crypto/aead';
import { fromUtf8, utf8 } from '$lib/crypto/bytes';
import { makeCiphertext } from '$lib/crypto/types';
import type { BucketRow } from './db';

export const SCHEMA_VERSION = 1;

export const storedRecordSchema = z.object({
	id: z.string(),
	kind: z.string(),
	at: z.number(),
	hlc: z.string(),
	deleted: z.boolean(),
	author: z.optional(z.string()),
	/** The author's identity signature over this version (`domain/circle/record-signature.ts`). */
	signature: z.optional(z.string()),
	/** HLC of the version this edit was based on (for concurrent free-text edits). */
	base: z.optional(z.string()),
	body: z.unknown(),
	/** The other side of a concurrent edit, kept until the person chooses (see src/lib/sync/merge). */
	conflict: z.optional(
		z.object({
			hlc: z.string(),
			body: z.unknown(),
			author: z.optional(z.string()),
			// What this device needs to send that version on when it was its own unsent edit (a
			// remote version won here before it was pushed): see `envelopeFor` in remote.ts.
			at: z.optional(z.number()),
			base: z.optional(z.string()),
			signature: z.optional(z.string())
		})
	)
});
export type StoredRecord = z.infer<typeof storedRecordSchema>;

export const bucketPlainSchema = z.object({
	v: z.literal(SCHEMA_VERSION),
	records: z.array(storedRecordSchema)
});

const isObject = (x: unknown): x is Record<string, unknown> =>
	typeof x === 'object' && x !== null && !Array.isArray(x);

function conflictOf(x: Record<string, unknown>): StoredRecord['conflict'] | null {
	const { hlc, body, author, at, base, signature } = x;
	if (typeof hlc !== 'string' || !('body' in x)) return null;
	if (author !== undefined && typeof author !== 'string') return null;
	if (at !== undefined && (typeof at !== 'number' || !Number.isFinite(at))) return null;
	if (base !== undefined && typeof base !== 'string') return null;
	if (signature !== undefined && typeof signature !== 'string') return null;
	return {
		hlc,
		body,
		...('author' in x ? { author } : {}),
		...('at' in x ? { at } : {}),
		...('base' in x ? { base } : {}),
		...('signature' in x ? { signature } : {})
	};
}

function storedRecordOf(x: unknown): StoredRecord | null {
	if (!isObject(x)) return null;
	const { id, kind, at, hlc, deleted, author, signature, base, body, conflict } = x;
	if (typeof id !== 'string' || typeof kind !== 'string' || typeof hlc !== 'string') return null;
	if (typeof at !== 'number' || !Number.isFinite(at) || typeof deleted !== 'boolean') return null;
	if (!('body' in x)) return null;
	if (author !== undefined && typeof author !== 'string') return null;
	if (signature !== undefined && typeof signature !== 'string') return null;
	if (base !== undefined && typeof base !== 'string') return null;
	let kept: StoredRecord['conflict'];
	if (conflict !== undefined) {
		if (!isObject(conflict)) return null;
		const other = conflictOf(conflict);
		if (other === null) return null;
		kept = other;
	}
	return {
		id,
		kind,
		at,
		hlc,
		deleted,
		...('author' in x ? { author } : {}),
		...('signature' in x ? { signature } : {}),
		...('base' in x ? { base } : {}),
		body,
		...('conflict' in x ? { conflict: kept } : {})
	};
}

/**
 * A bucket's plaintext as `bucketPlainSchema` reads it (unknown keys dropped), or null: a plain
 * function, because every read of the journal opens buckets and zod without JIT (our CSP) costs
 * several times this per record on a slow phone. tests/property/vault/bucket-guard.test.ts holds
 * it equal to the schema.
 */
export function parseBucketPlain(value: unknown): readonly StoredRecord[] | null {
	if (!isObject(value) || value.v !== SCHEMA_VERSION || !Array.isArray(value.records)) return null;
	const records: readonly unknown[] = value.records;
	const out: StoredRecord[] = [];
	for (const item of records) {
		const record = storedRecordOf(item);
		if (record === null) return null;
		out.push(record);
	}
	return out;
}

export async function sealBucket(
	key: CryptoKey,
	meta: Pick<BucketRow, 'bid' | 'circleId' | 'category' | 'week' | 'keyId'>,
	records: readonly StoredRecord[],
	rev: number
): Promise<BucketRow> {
	const bytes = utf8(JSON.stringify({ v: SCHEMA_VERSION, records }));
	const sealed = await seal(
		key,
		{
			id: meta.bid,
			circleId: meta.circleId,
			category: meta.category,
			keyId: meta.keyId,
			schemaVersion: SCHEMA_VERSION
		},
		bytes
	);
	return { ...meta, iv: sealed.iv, ct: sealed.data, rev };
}

/** The records of a bucket, or null if it does not authenticate or does not parse. */
export async function openBucket(
	key: CryptoKey,
	row: BucketRow
): Promise<readonly StoredRecord[] | null> {
	const plain = await open(
		key,
		{
			id: row.bid,
			circleId: row.circleId,
			category: row.category,
			keyId: row.keyId,
			schemaVersion: SCHEMA_VERSION
		},
		makeCiphertext(row.iv, row.ct)
	);
	if (!plain) return null;
	try {
		return parseBucketPlain(JSON.parse(fromUtf8(plain.bytes)));
	} catch {
		return null;
	}
}
