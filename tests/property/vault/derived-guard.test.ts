// The plain reader of the vault's stored digest maps (`storedEntriesOf`, read on every unlock: one
// entry per bucket ever derived) gives exactly what the zod schema `derivedMapSchema` gives: the
// same entries by bucket id or a refusal, on arbitrary JSON, on near-maps with one part bent, and
// on what JSON gives back for an own `__proto__` key.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { derivedMapSchema, storedEntriesOf } from '$lib/vault/derived';

const flat = (entries: ReadonlyMap<string, { rev: number; iv: string; value?: unknown }>) =>
	[...entries].map(([bid, e]) => [bid, e.rev, e.iv, e.value]);

let accepted = 0;
const agree = (input: unknown) => {
	const x: unknown = JSON.parse(JSON.stringify(input));
	const parsed = derivedMapSchema.safeParse(x);
	const plain = storedEntriesOf(x);
	if (!parsed.success) {
		expect(plain).toBeNull();
		return;
	}
	expect(plain).not.toBeNull();
	expect(flat(plain ?? new Map())).toStrictEqual(
		flat(new Map(Object.entries(parsed.data.buckets)))
	);
	if (plain !== null && plain.size > 0) accepted += 1;
};

const mostly = (valid: fc.Arbitrary<unknown>, ...bent: fc.Arbitrary<unknown>[]) =>
	fc.oneof({ weight: 8, arbitrary: valid }, ...bent);
const odd = fc.constantFrom<unknown>(null, 1, 'x', true, [], {}, -0, 1.5);

const entry = mostly(
	fc.record(
		{
			rev: mostly(fc.integer({ min: 0, max: 1000 }), fc.double(), odd),
			iv: mostly(fc.base64String({ maxLength: 16 }), odd),
			value: fc.jsonValue({ maxDepth: 2 }),
			extra: fc.jsonValue({ maxDepth: 1 })
		},
		{ requiredKeys: ['rev', 'iv'] }
	),
	odd
);
const map = fc.record(
	{
		v: mostly(fc.constant(1), odd, fc.constant(2)),
		buckets: mostly(
			fc.dictionary(
				fc.oneof(fc.constantFrom('c:measurements:2900', '__proto__', 'toString'), fc.string()),
				entry,
				{ maxKeys: 6 }
			),
			odd
		),
		other: fc.jsonValue({ maxDepth: 1 })
	},
	{ requiredKeys: ['v', 'buckets'] }
);

describe('storedEntriesOf (property)', () => {
	it('agrees with derivedMapSchema on near-maps', () => {
		accepted = 0;
		fc.assert(fc.property(map, agree), { numRuns: 3000 });
		expect(accepted).toBeGreaterThan(300);
	});

	it('agrees with derivedMapSchema on arbitrary JSON', () => {
		fc.assert(fc.property(fc.jsonValue(), agree), { numRuns: 2000 });
	});

	it('agrees on an own __proto__ key and on fixed cases', () => {
		for (const text of [
			'{"v":1,"buckets":{"__proto__":{"rev":1,"iv":"a","value":[]},"b":{"rev":2,"iv":"c"}}}',
			'{"v":1,"buckets":{"__proto__":"junk","b":{"rev":2,"iv":"c","value":{"x":[1]}}}}',
			'{"v":1,"buckets":{}}',
			'{"v":1,"buckets":[]}',
			'{"v":"1","buckets":{}}',
			'{"v":1,"buckets":{"b":{"rev":"2","iv":"c"}}}'
		]) {
			agree(JSON.parse(text));
		}
		expect(storedEntriesOf({ v: 1, buckets: { b: { rev: 2, iv: 'c', value: 3 } } })).toStrictEqual(
			new Map([['b', { rev: 2, iv: 'c', value: 3 }]])
		);
	});
});
