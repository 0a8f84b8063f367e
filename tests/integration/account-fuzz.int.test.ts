// Fuzz of the two account endpoints added for multi-device use (POST /api/auth/params and
// POST /api/auth/rekey): malformed JSON, valid bodies with fields dropped, mistyped or swollen, raw
// bytes under random content types. Never a 5xx, and every error body follows the contract.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { apiErrorBodySchema } from '../../src/lib/contracts/common';
import type { Handler } from '../../server/api';
import { apiRequest, createTestApp, freshIp, signUpAs } from '../fixtures/server/app';
import { forEachDatabase } from '../fixtures/server/databases';
import { marie, randomAuthKey } from '../fixtures/server/people';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 300);
const jsonish = fc.jsonValue({ maxDepth: 4 });

const kdf = {
	alg: 'argon2id',
	memoryKiB: 19_456,
	iterations: 2,
	parallelism: 1,
	salt: 'c2FsdHNhbHRzYWx0c2FsdA'
};

function mutate(valid: Record<string, unknown>): fc.Arbitrary<unknown> {
	const keys = Object.keys(valid);
	return fc.oneof(
		fc
			.constantFrom(...keys)
			.map((k) => Object.fromEntries(Object.entries(valid).filter(([key]) => key !== k))),
		fc.tuple(fc.constantFrom(...keys), jsonish).map(([k, v]) => ({ ...valid, [k]: v })),
		fc
			.tuple(fc.constantFrom(...keys), fc.string({ maxLength: 3000 }))
			.map(([k, v]) => ({ ...valid, [k]: v })),
		mutateKdf().map((k) => ({ ...valid, kdf: k })),
		fc.dictionary(fc.string(), jsonish, { maxKeys: 5 }).map((extra) => ({ ...extra, ...valid })),
		fc.constant([valid]),
		fc.constant(null)
	);
}

function mutateKdf(): fc.Arbitrary<unknown> {
	return fc.oneof(
		fc.tuple(fc.constantFrom(...Object.keys(kdf)), jsonish).map(([k, v]) => ({ ...kdf, [k]: v })),
		fc
			.tuple(fc.constantFrom('memoryKiB', 'iterations', 'parallelism'), fc.integer())
			.map(([k, v]) => ({ ...kdf, [k]: v }))
	);
}

const rawBody = fc.oneof(
	fc.string({ maxLength: 2000 }),
	fc.uint8Array({ maxLength: 2000 }),
	fc.constantFrom('{', '[', '{"login":', '\u0000', 'null', '[['.repeat(5000))
);

const CONTENT_TYPES = ['application/json', 'text/plain', 'application/x-www-form-urlencoded'];

async function expectNo5xx(handler: Handler, request: Request): Promise<void> {
	const response = await handler({
		request,
		url: new URL(request.url),
		ip: freshIp(),
		params: {}
	});
	expect(response.status).toBeLessThan(500);
	if (response.status >= 400) apiErrorBodySchema.parse(await response.json());
	else await response.body?.cancel();
}

forEachDatabase('account fuzz', (get) => {
	it('never answers a malformed params or rekey request with a 5xx', async () => {
		const app = createTestApp(get().handle);
		const person = { ...marie(), kdf };
		const { cookie } = await signUpAs(app, person);
		const rekeyValid = {
			currentAuthKey: randomAuthKey(),
			authKey: randomAuthKey(),
			kdf,
			wrappedKeys: 'eA'
		};
		await fc.assert(
			fc.asyncProperty(mutate({ login: person.login }), async (body) => {
				await expectNo5xx(app.api.kdfParams, apiRequest('POST', '/api/auth/params', { body }));
			}),
			{ numRuns: RUNS }
		);
		await fc.assert(
			fc.asyncProperty(mutate(rekeyValid), async (body) => {
				await expectNo5xx(app.api.rekey, apiRequest('POST', '/api/auth/rekey', { body, cookie }));
			}),
			{ numRuns: RUNS }
		);
		await fc.assert(
			fc.asyncProperty(
				rawBody,
				fc.constantFrom(...CONTENT_TYPES),
				fc.boolean(),
				async (raw, contentType, toRekey) => {
					const path = toRekey ? '/api/auth/rekey' : '/api/auth/params';
					const handler = toRekey ? app.api.rekey : app.api.kdfParams;
					await expectNo5xx(
						handler,
						apiRequest('POST', path, { rawBody: raw, contentType, cookie })
					);
				}
			),
			{ numRuns: RUNS }
		);
	});
});
