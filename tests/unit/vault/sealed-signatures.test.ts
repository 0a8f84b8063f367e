// An author's identity signature (domain/circle/record-signature.ts) travels with its version in
// both sealed formats: inside a sync envelope's payload and inside a bucket, for the record and for
// the other side of a conflict. A version read back without its signature would show as unsigned,
// and one whose signature is not text is refused.
import { describe, expect, it } from 'vitest';
import { generateCategoryKey } from '$lib/crypto/keys';
import { openBucket, parseBucketPlain, sealBucket, type StoredRecord } from '$lib/vault/buckets';
import { openEnvelope, sealEnvelope } from '$lib/vault/envelope';

const HLC = '001750000000000-0000-0123456789abcdef';
const LATER = '001750000000001-0000-0123456789abcdef';
const SIGNATURE = 'c2lnbmVkIGJ5IHRoZSBhdXRob3I';

const signed: StoredRecord = {
	id: 'rec-1',
	kind: 'symptom',
	at: 1_750_000_000_000,
	hlc: HLC,
	deleted: false,
	author: 'member-1',
	signature: SIGNATURE,
	body: { severity: 4 }
};

describe('signatures in sealed formats', () => {
	it('carries the signature inside an envelope and reads it back', async () => {
		const key = await generateCategoryKey();
		const envelope = await sealEnvelope(key, 'k1', 'circle-1', 'symptoms', signed);
		expect(await openEnvelope(key, envelope)).toStrictEqual(signed);
		const unsigned: StoredRecord = { ...signed };
		delete unsigned.signature;
		const opened = await openEnvelope(
			key,
			await sealEnvelope(key, 'k1', 'circle-1', 'symptoms', unsigned)
		);
		expect(opened).toStrictEqual(unsigned);
		expect(opened !== null && 'signature' in opened).toBe(false);
	});

	it('keeps the signatures of a record and of its conflict in a bucket', async () => {
		const key = await generateCategoryKey();
		const record: StoredRecord = {
			...signed,
			conflict: { hlc: LATER, body: 'theirs', author: 'member-2', signature: SIGNATURE }
		};
		const meta = {
			bid: 'b1',
			circleId: 'circle-1',
			category: 'symptoms',
			week: 2900,
			keyId: 'k1'
		} as const;
		const row = await sealBucket(key, meta, [record], 1);
		expect(await openBucket(key, row)).toStrictEqual([record]);
	});

	it('refuses a bucket whose conflict signature is not text', () => {
		const conflict = { hlc: LATER, body: 'theirs', signature: 42 };
		expect(parseBucketPlain({ v: 1, records: [{ ...signed, conflict }] })).toBeNull();
		expect(
			parseBucketPlain({
				v: 1,
				records: [{ ...signed, conflict: { ...conflict, signature: 'ok' } }]
			})
		).toStrictEqual([{ ...signed, conflict: { ...conflict, signature: 'ok' } }]);
	});
});
