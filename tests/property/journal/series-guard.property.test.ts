// The hand-written series digest check used when a stored digest is read back (`isSeriesDigest`)
// accepts exactly what the zod schema `seriesDigestSchema` accepts: on arbitrary JSON, on
// near-digests with one part bent, and on digests computed from real entries.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSeriesDigest } from '$lib/domain/journal/digest';
import { seriesDigestSchema } from '$lib/state/journal-digest';

const agree = (x: unknown) => {
	expect(isSeriesDigest(x)).toBe(seriesDigestSchema.safeParse(x).success);
};

/** Mostly the valid value, sometimes a bent one. */
const mostly = (valid: fc.Arbitrary<unknown>, ...bent: fc.Arbitrary<unknown>[]) =>
	fc.oneof({ weight: 6, arbitrary: valid }, ...bent);

const number = mostly(
	fc.double({ noNaN: true, noDefaultInfinity: true }),
	fc.constantFrom<unknown>(Number.NaN, Infinity, -Infinity, '1', null, true, [1], {})
);
const series = mostly(
	fc.array(number, { maxLength: 12 }),
	fc.constantFrom<unknown>(null, 'x', 3, {}),
	fc.dictionary(fc.string(), fc.integer())
);
const digest = mostly(
	fc.dictionary(
		fc.oneof(fc.constantFrom('metric:systolic', 'symptom:pain', '__proto__'), fc.string()),
		series,
		{ maxKeys: 5 }
	),
	fc.constantFrom<unknown>(null, [], [[1, 2]], 'digest', 0, new Date(0), new Map())
);

describe('isSeriesDigest (property)', () => {
	it('agrees with seriesDigestSchema on arbitrary JSON', () => {
		fc.assert(fc.property(fc.jsonValue(), agree), { numRuns: 2000 });
	});

	it('agrees with seriesDigestSchema on near-digests', () => {
		fc.assert(fc.property(digest, agree), { numRuns: 3000 });
	});

	it('agrees on what JSON gives back, including an own __proto__ key', () => {
		for (const text of [
			'{"metric:systolic":[1700000000000,128,1700000600000,131]}',
			'{}',
			'{"__proto__":[1,2]}',
			'{"__proto__":"not a list","symptom:pain":[1,2]}',
			'{"a":[1,"2"]}',
			'{"a":[1,null]}',
			'{"a":{"0":1}}'
		]) {
			agree(JSON.parse(text));
		}
		expect(isSeriesDigest(JSON.parse('{"metric:systolic":[1,128]}'))).toBe(true);
		expect(isSeriesDigest({ a: [1, Number.NaN] })).toBe(false);
		expect(isSeriesDigest(Object.create({ inherited: [1] }))).toBe(false);
		expect(isSeriesDigest(Object.create(null))).toBe(true);
	});
});
