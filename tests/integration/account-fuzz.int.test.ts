// Fuzz of the two account endpoints added for multi-device use: FUZZ_RUNS malformed requests each
// (10,000 by default on SQLite, FUZZ_RUNS_PG on PostgreSQL; see tests/fixtures/server/fuzz.ts),
// with the KDF parameters broken field by field as well. Never a 5xx, and every error body follows
// the contract. Endpoints: POST /api/auth/params, POST /api/auth/rekey.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { kdfParamsRequestSchema, rekeyRequestSchema } from '../../src/lib/contracts/auth';
import { CHEAP_ARGON2, createTestApp, signUpAs } from '../fixtures/server/app';
import { forEachDatabase } from '../fixtures/server/databases';
import { fuzzEndpoint, fuzzRuns, jsonish } from '../fixtures/server/fuzz';
import { marie, randomAuthKey } from '../fixtures/server/people';

const kdf = {
	alg: 'argon2id',
	memoryKiB: 19_456,
	iterations: 2,
	parallelism: 1,
	salt: 'c2FsdHNhbHRzYWx0c2FsdA'
};

/** KDF parameters with one field mistyped, or a cost out of range. */
const mutatedKdf = fc.oneof(
	fc.tuple(fc.constantFrom(...Object.keys(kdf)), jsonish).map(([k, v]) => ({ ...kdf, [k]: v })),
	fc
		.tuple(fc.constantFrom('memoryKiB', 'iterations', 'parallelism'), fc.integer())
		.map(([k, v]) => ({ ...kdf, [k]: v }))
);

forEachDatabase(
	'account fuzz',
	(get, dialect) => {
		const runs = fuzzRuns(dialect);

		it(`never answers ${runs} malformed params or rekey requests each with a 5xx`, async () => {
			const app = createTestApp(get().handle, undefined, { argon2: CHEAP_ARGON2 });
			const person = { ...marie(), kdf };
			const { cookie } = await signUpAs(app, person);
			const rekeyValid = {
				currentAuthKey: randomAuthKey(),
				authKey: randomAuthKey(),
				kdf,
				wrappedKeys: 'eA'
			};
			const params = await fuzzEndpoint(
				{
					method: 'POST',
					route: '/api/auth/params',
					handler: app.api.kdfParams,
					contract: kdfParamsRequestSchema,
					valid: { login: person.login },
					cookie: undefined
				},
				runs
			);
			const rekey = await fuzzEndpoint(
				{
					method: 'POST',
					route: '/api/auth/rekey',
					handler: app.api.rekey,
					contract: rekeyRequestSchema,
					valid: rekeyValid,
					extra: mutatedKdf.map((k) => ({ ...rekeyValid, kdf: k })),
					cookie
				},
				runs
			);
			expect([params, rekey]).toEqual([runs, runs]);
		}, 600_000);
	},
	{ inMemory: true }
);
