// Fuzz: every endpoint receives many malformed inputs (random JSON, valid bodies with fields
// dropped, mistyped or swollen, raw bytes under random content types, random queries and path
// ids). The server must answer each with a 4xx (or a 2xx when the input happens to be valid),
// never a 5xx, and every error body must follow the contract.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { apiErrorBodySchema } from '../../src/lib/contracts/common';
import { apiRequest, createTestApp, signUpAs, type TestApp } from '../fixtures/server/app';
import { forEachDatabase } from '../fixtures/server/databases';
import { envelope, marie, pushBody } from '../fixtures/server/people';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 300);

const jsonish = fc.jsonValue({ maxDepth: 4 });

/** A valid body with one field dropped, replaced, or the whole thing wrapped or padded. */
function mutate(valid: Record<string, unknown>): fc.Arbitrary<unknown> {
	const keys = Object.keys(valid);
	return fc.oneof(
		fc
			.constantFrom(...keys)
			.map((k) => Object.fromEntries(Object.entries(valid).filter(([key]) => key !== k))),
		fc.tuple(fc.constantFrom(...keys), jsonish).map(([k, v]) => ({ ...valid, [k]: v })),
		fc
			.tuple(fc.constantFrom(...keys), fc.string({ minLength: 0, maxLength: 3000 }))
			.map(([k, v]) => ({
				...valid,
				[k]: v
			})),
		fc.dictionary(fc.string(), jsonish, { maxKeys: 5 }).map((extra) => ({ ...extra, ...valid })),
		fc.constant([valid]),
		fc.constant(null)
	);
}

function pushMutations(circleId: string): fc.Arbitrary<unknown> {
	const valid = pushBody(circleId, [envelope()]);
	return fc.oneof(
		mutate(valid),
		mutate(envelope()).map((e) => ({ ...valid, envelopes: [e] })),
		fc.integer({ min: 0, max: 700 }).map((n) => ({
			...valid,
			envelopes: Array.from({ length: n }, () => ({ id: 'x' }))
		})),
		fc.array(jsonish, { maxLength: 5 }).map((envelopes) => ({ ...valid, envelopes }))
	);
}

const CONTENT_TYPES = [
	'application/json',
	'application/json; charset=utf-8',
	'text/plain',
	'application/x-www-form-urlencoded'
];

const rawBody = fc.oneof(
	fc.string({ maxLength: 2000 }),
	fc.uint8Array({ maxLength: 2000 }),
	jsonish.map((v) => JSON.stringify(v)),
	fc.constantFrom('{', '[', '{"a":', '\u0000', 'null', '"', '{}'.repeat(10), '[['.repeat(5000))
);

async function expectNo5xx(app: TestApp, request: Request): Promise<void> {
	const response = await app.fetch(request);
	expect(response.status, `${request.method} ${request.url}`).toBeLessThan(500);
	if (response.status >= 400 && response.status !== 404) {
		apiErrorBodySchema.parse(await response.json());
	} else {
		await response.body?.cancel();
	}
}

forEachDatabase('fuzz', (get) => {
	it('never answers a malformed JSON body with a 5xx', async () => {
		const app = createTestApp(get().handle);
		const person = marie();
		const { cookie, circleId } = await signUpAs(app, person);
		const endpoints: readonly (readonly [string, string, fc.Arbitrary<unknown>])[] = [
			['POST', '/api/auth/signup', mutate({ ...marie() })],
			['POST', '/api/auth/login', mutate({ login: person.login, authKey: person.authKey })],
			['PUT', '/api/account/keys', mutate({ wrappedKeys: person.wrappedKeys })],
			['POST', '/api/sync/push', pushMutations(circleId)]
		];
		for (const [method, path, body] of endpoints) {
			await fc.assert(
				fc.asyncProperty(fc.oneof(body, jsonish), async (value) => {
					await expectNo5xx(app, apiRequest(method, path, { cookie, body: value ?? null }));
				}),
				{ numRuns: RUNS }
			);
		}
	});

	it('never answers raw bytes under any content type with a 5xx', async () => {
		const app = createTestApp(get().handle);
		const { cookie } = await signUpAs(app, marie());
		const targets = [
			['POST', '/api/auth/signup'],
			['POST', '/api/auth/login'],
			['POST', '/api/auth/logout'],
			['PUT', '/api/account/keys'],
			['POST', '/api/sync/push'],
			['DELETE', '/api/auth/sessions/abc']
		] as const;
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom(...targets),
				rawBody,
				fc.constantFrom(...CONTENT_TYPES),
				fc.boolean(),
				async ([method, path], body, contentType, withCookie) => {
					await expectNo5xx(
						app,
						apiRequest(method, path, {
							rawBody: body,
							contentType,
							cookie: withCookie ? cookie : undefined
						})
					);
				}
			),
			{ numRuns: RUNS * 2 }
		);
	});

	it('never answers a malformed query, path id or cookie with a 5xx', async () => {
		const app = createTestApp(get().handle);
		const { cookie, circleId } = await signUpAs(app, marie());
		const value = fc.oneof(
			fc.string({ maxLength: 60 }),
			fc.integer().map(String),
			fc.double().map(String),
			fc.constantFrom(circleId, '-1', '1e400', 'NaN', '9007199254740993', '0x10', '')
		);
		await fc.assert(
			fc.asyncProperty(
				fc.dictionary(fc.constantFrom('circle', 'since', 'limit', 'x'), value, { maxKeys: 4 }),
				async (query) => {
					const qs = new URLSearchParams(query).toString();
					await expectNo5xx(app, apiRequest('GET', `/api/sync/pull?${qs}`, { cookie }));
				}
			),
			{ numRuns: RUNS }
		);
		await fc.assert(
			fc.asyncProperty(fc.string({ maxLength: 100 }), async (id) => {
				await expectNo5xx(
					app,
					apiRequest('DELETE', `/api/auth/sessions/${encodeURIComponent(id) || 'x'}`, { cookie })
				);
			}),
			{ numRuns: RUNS }
		);
		await fc.assert(
			fc.asyncProperty(fc.string({ maxLength: 200 }), async (garbage) => {
				const safe = garbage.replace(/[^\x20-\x7e]/g, '');
				await expectNo5xx(
					app,
					apiRequest('GET', '/api/auth/sessions', { cookie: `__Host-cercle_session=${safe}` })
				);
			}),
			{ numRuns: RUNS }
		);
	});
});
