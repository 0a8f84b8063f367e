// The two sealed formats of the vault: a sync envelope (one record version) and a bucket (the
// records of one category and week). Each opens only where it was sealed (record, circle,
// category, key, and for an envelope its HLC and tombstone flag) and only when its payload parses;
// anything else gives null, never a half-read record.
import { describe, expect, it } from 'vitest';
import { seal } from '$lib/crypto/aead';
import { toBase64Url, utf8 } from '$lib/crypto/bytes';
import { generateCategoryKey } from '$lib/crypto/keys';
import { openBucket, sealBucket, SCHEMA_VERSION, type StoredRecord } from '$lib/vault/buckets';
import { envelopeBinding, openEnvelope, sealEnvelope } from '$lib/vault/envelope';
import type { Envelope } from '$lib/sync/types';

const HLC = '001750000000000-0000-0123456789abcdef';
const LATER = '001750000000001-0000-0123456789abcdef';

const aRecord = (extra: Partial<StoredRecord> = {}): StoredRecord => ({
	id: 'rec-1',
	kind: 'symptom',
	at: 1_750_000_000_000,
	hlc: HLC,
	deleted: false,
	body: { severity: 4, note: 'Dizzy after lunch' },
	...extra
});

/** An envelope whose sealed payload is `text`, bound like a real one. */
async function envelopeOf(key: CryptoKey, text: string): Promise<Envelope> {
	const sealed = await seal(
		key,
		envelopeBinding('circle-1', 'symptoms', 'rec-1', 'k1', { hlc: HLC, deleted: false }),
		utf8(text)
	);
	return {
		id: 'rec-1',
		circleId: 'circle-1',
		category: 'symptoms',
		hlc: HLC,
		keyId: 'k1',
		iv: toBase64Url(sealed.iv),
		ciphertext: toBase64Url(sealed.data),
		deleted: false
	};
}

describe('sync envelopes', () => {
	it('carries a version with its base and author, and reads it back exactly', async () => {
		const key = await generateCategoryKey();
		const record = aRecord({ base: LATER, author: 'Claire' });
		const envelope = await sealEnvelope(key, 'k1', 'circle-1', 'symptoms', record);
		expect(envelope).toMatchObject({
			id: 'rec-1',
			circleId: 'circle-1',
			category: 'symptoms',
			hlc: HLC,
			keyId: 'k1',
			deleted: false
		});
		expect(envelope.ciphertext).not.toContain('Dizzy');
		expect(await openEnvelope(key, envelope)).toStrictEqual(record);
	});

	it('leaves out a base and an author it does not have', async () => {
		const key = await generateCategoryKey();
		const opened = await openEnvelope(key, await sealEnvelope(key, 'k1', 'c', 'notes', aRecord()));
		expect(opened).toStrictEqual(aRecord());
		expect(opened !== null && 'base' in opened).toBe(false);
		expect(opened !== null && 'author' in opened).toBe(false);
	});

	it('seals a tombstone without its body', async () => {
		const key = await generateCategoryKey();
		const tombstone = aRecord({ deleted: true });
		const envelope = await sealEnvelope(key, 'k1', 'c', 'notes', tombstone);
		expect(envelope.deleted).toBe(true);
		expect(await openEnvelope(key, envelope)).toStrictEqual({ ...tombstone, body: null });
	});

	it('never opens under another record, circle, category, key id, timestamp or flag', async () => {
		const key = await generateCategoryKey();
		const envelope = await sealEnvelope(key, 'k1', 'circle-1', 'symptoms', aRecord());
		for (const moved of [
			{ ...envelope, id: 'rec-2' },
			{ ...envelope, circleId: 'circle-2' },
			{ ...envelope, category: 'notes' },
			{ ...envelope, keyId: 'k2' },
			{ ...envelope, hlc: LATER },
			{ ...envelope, deleted: true }
		]) {
			expect(await openEnvelope(key, moved)).toBeNull();
		}
		expect(await openEnvelope(await generateCategoryKey(), envelope)).toBeNull();
	});

	it('gives null for a payload that is not JSON or not a version, and for bad base64', async () => {
		const key = await generateCategoryKey();
		expect(await openEnvelope(key, await envelopeOf(key, 'not json'))).toBeNull();
		expect(await openEnvelope(key, await envelopeOf(key, '{"kind":"symptom"}'))).toBeNull();
		const long = JSON.stringify({ kind: 'k'.repeat(65), at: 1, body: null });
		expect(await openEnvelope(key, await envelopeOf(key, long))).toBeNull();
		const ok = JSON.stringify({ kind: 'k'.repeat(64), at: 1, author: 'a'.repeat(200), body: 1 });
		expect(await openEnvelope(key, await envelopeOf(key, ok))).not.toBeNull();
		const author = JSON.stringify({ kind: 'k', at: 1, author: 'a'.repeat(201), body: 1 });
		expect(await openEnvelope(key, await envelopeOf(key, author))).toBeNull();
		const good = await envelopeOf(key, ok);
		expect(await openEnvelope(key, { ...good, iv: '***' })).toBeNull();
	});
});

describe('buckets', () => {
	const meta = {
		bid: 'b1',
		circleId: 'circle-1',
		category: 'symptoms',
		week: 2900,
		keyId: 'k1'
	} as const;

	it('round-trips the records of a week, keeping the row metadata and revision', async () => {
		const key = await generateCategoryKey();
		const records = [aRecord(), aRecord({ id: 'rec-2', conflict: { hlc: LATER, body: 'x' } })];
		const row = await sealBucket(key, meta, records, 7);
		expect(row).toMatchObject({ ...meta, rev: 7 });
		expect(row.iv).toHaveLength(12);
		expect(await openBucket(key, row)).toStrictEqual(records);
	});

	it('never opens a bucket copied to another row, circle, category or key id', async () => {
		const key = await generateCategoryKey();
		const row = await sealBucket(key, meta, [aRecord()], 1);
		for (const moved of [
			{ ...row, bid: 'b2' },
			{ ...row, circleId: 'circle-2' },
			{ ...row, category: 'notes' as const },
			{ ...row, keyId: 'k2' }
		]) {
			expect(await openBucket(key, moved)).toBeNull();
		}
	});

	it('gives null for a plaintext that is not JSON, of another version, or with bad records', async () => {
		const key = await generateCategoryKey();
		const bound = {
			id: 'b1',
			circleId: 'circle-1',
			category: 'symptoms',
			keyId: 'k1',
			schemaVersion: SCHEMA_VERSION
		};
		const rowOf = async (text: string) => {
			const sealed = await seal(key, bound, utf8(text));
			return { ...meta, iv: sealed.iv, ct: sealed.data, rev: 1 };
		};
		expect(await openBucket(key, await rowOf('{"v":1,"records":[]}'))).toEqual([]);
		expect(await openBucket(key, await rowOf('not json'))).toBeNull();
		expect(await openBucket(key, await rowOf('{"v":2,"records":[]}'))).toBeNull();
		expect(await openBucket(key, await rowOf('{"v":1,"records":[{"id":"x"}]}'))).toBeNull();
	});
});
