// The hand-written ballot check used on the hot path (`isBallotPlain`) accepts exactly what the
// zod schema `ballotPlainSchema` accepts: on arbitrary JSON, on near-ballots with one field bent,
// and on real ballots.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ballotPlainSchema, isBallotPlain } from '$lib/domain/surveys/ballot';

const agree = (x: unknown) => {
	expect(isBallotPlain(x)).toBe(ballotPlainSchema.safeParse(x).success);
};

const text = (max: number) => fc.string({ maxLength: max });
/** Mostly the valid value, sometimes a bent one: most cases differ from a ballot by one field. */
const mostly = (valid: fc.Arbitrary<unknown>, ...bent: fc.Arbitrary<unknown>[]) =>
	fc.oneof({ weight: 6, arbitrary: valid }, ...bent);
const ballotArb = fc.record(
	{
		v: mostly(fc.constant(2), fc.constantFrom<unknown>(1, '2', 3)),
		surveyId: mostly(text(64), text(70), fc.integer()),
		questionnaireId: mostly(text(64), text(70), fc.constant(null)),
		a: mostly(
			fc.dictionary(
				fc.oneof({ weight: 6, arbitrary: text(64) }, text(70)),
				mostly(
					fc.array(text(10), { maxLength: 1 }),
					fc.array(text(10), { minLength: 2, maxLength: 3 }),
					fc.array(fc.integer(), { minLength: 1, maxLength: 1 }),
					fc.constant('x'),
					fc.constant(null)
				),
				{ maxKeys: 4 }
			),
			fc.constant([]),
			fc.constant(null)
		),
		p: mostly(fc.string({ minLength: 1, maxLength: 64 }), text(70), fc.constant(''), fc.integer())
	},
	{ requiredKeys: [] }
);

describe('isBallotPlain (property)', () => {
	it('agrees with ballotPlainSchema on arbitrary JSON', () => {
		fc.assert(fc.property(fc.jsonValue(), agree), { numRuns: 2000 });
	});

	it('agrees with ballotPlainSchema on near-ballots', () => {
		fc.assert(fc.property(ballotArb, agree), { numRuns: 3000 });
	});

	it('agrees on an answer keyed `__proto__` (zod skips the key; found with seed 324871969)', () => {
		for (const a of ['{"__proto__":[0]}', '{"__proto__":["x"],"q1":["y"]}', '{"__proto__":7}'])
			agree(JSON.parse(`{"v":2,"surveyId":"","questionnaireId":"","a":${a}}`));
	});

	it('accepts a well-formed ballot and refuses a long text', () => {
		const good = { v: 2, surveyId: 's', questionnaireId: 'q', a: { x: ['1'], y: [] }, p: 'pro' };
		expect(isBallotPlain(good)).toBe(true);
		expect(isBallotPlain({ ...good, a: { x: ['y'.repeat(4001)] } })).toBe(false);
		agree({ ...good, a: { x: ['y'.repeat(4001)] } });
		for (const n of [64, 65]) {
			agree({ ...good, a: { ['k'.repeat(n)]: ['1'] } });
			agree({ ...good, surveyId: 's'.repeat(n), p: 'p'.repeat(n) });
		}
		expect(isBallotPlain({ ...good, a: { ['k'.repeat(65)]: ['1'] } })).toBe(false);
	});
});
