// The hand-written bucket reader used by every read of the vault (`parseBucketPlain`) gives exactly
// what the zod schema `bucketPlainSchema` gives: the same records (unknown keys dropped) or a
// refusal, on arbitrary JSON, on near-buckets with one field bent, and on real buckets.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketPlainSchema, parseBucketPlain } from '$lib/vault/buckets';

const agree = (x: unknown) => {
	const parsed = bucketPlainSchema.safeParse(x);
	expect(parseBucketPlain(x)).toStrictEqual(parsed.success ? parsed.data.records : null);
};

/** Mostly the valid value, sometimes a bent one. */
const mostly = (valid: fc.Arbitrary<unknown>, ...bent: fc.Arbitrary<unknown>[]) =>
	fc.oneof({ weight: 8, arbitrary: valid }, ...bent);
const odd = fc.constantFrom<unknown>(null, 1, 'x', true, [], {}, Number.NaN, Infinity, undefined);

const conflictArb = fc.record(
	{
		hlc: mostly(fc.string(), odd),
		body: fc.jsonValue(),
		author: mostly(fc.string(), odd),
		at: mostly(fc.integer({ min: 0, max: 2 ** 42 }), fc.double(), odd),
		base: mostly(fc.string(), odd),
		signature: mostly(fc.string(), odd),
		extra: fc.string()
	},
	{ requiredKeys: [] }
);
const recordArb = fc.record(
	{
		id: mostly(fc.uuid(), odd),
		kind: mostly(fc.constantFrom('measurement', 'symptom', 'dose'), odd),
		at: mostly(fc.integer({ min: 0, max: 2 ** 42 }), fc.double(), odd),
		hlc: mostly(fc.string(), odd),
		deleted: mostly(fc.boolean(), odd),
		author: mostly(fc.string(), odd),
		base: mostly(fc.string(), odd),
		body: fc.jsonValue(),
		conflict: mostly(conflictArb, odd),
		other: fc.jsonValue()
	},
	{ requiredKeys: [] }
);
// Most records carry the fields a real one has; some lack one.
const fullRecordArb = fc.record(
	{
		id: fc.uuid(),
		kind: fc.constantFrom('measurement', 'symptom'),
		at: fc.integer({ min: 0, max: 2 ** 42 }),
		hlc: fc.string(),
		deleted: fc.boolean(),
		body: fc.jsonValue()
	},
	{ requiredKeys: ['id', 'kind', 'at', 'hlc', 'deleted', 'body'] }
);
const bucketArb = fc.record(
	{
		v: mostly(fc.constant(1), odd, fc.constant(2)),
		records: mostly(
			fc.array(fc.oneof({ weight: 3, arbitrary: fullRecordArb }, recordArb), { maxLength: 4 }),
			odd
		),
		x: fc.jsonValue()
	},
	{ requiredKeys: [] }
);

describe('parseBucketPlain (property)', () => {
	it('agrees with bucketPlainSchema on arbitrary JSON', () => {
		fc.assert(fc.property(fc.jsonValue(), agree), { numRuns: 2000 });
	});

	it('agrees with bucketPlainSchema on near-buckets', () => {
		fc.assert(fc.property(bucketArb, agree), { numRuns: 4000 });
	});

	it('reads a real bucket and drops unknown keys', () => {
		const record = {
			id: '0190a0c0-0000-7000-8000-000000000001',
			kind: 'measurement',
			at: 1_700_000_000_000,
			hlc: '001700000000000-0000-0123456789abcdef',
			deleted: false,
			author: 'me',
			body: { kind: 'measurement' },
			conflict: { hlc: 'h', body: null, note: 'dropped' },
			note: 'dropped'
		};
		const bucket = JSON.parse(JSON.stringify({ v: 1, records: [record] })) as unknown;
		agree(bucket);
		const { note: _note, ...kept } = record;
		expect(parseBucketPlain(bucket)).toStrictEqual([
			{ ...kept, conflict: { hlc: 'h', body: null } }
		]);
		expect(parseBucketPlain({ v: 1, records: [{ ...record, at: '1' }] })).toBeNull();
		expect(parseBucketPlain({ v: 1, records: [{ ...record, body: undefined }] })).not.toBeNull();
		const { body: _body, ...bodiless } = record;
		expect(parseBucketPlain({ v: 1, records: [bodiless] })).toBeNull();
	});
});
