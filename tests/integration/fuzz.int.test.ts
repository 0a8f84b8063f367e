// Fuzz of the account, session and sync endpoints: FUZZ_RUNS malformed requests per endpoint
// (10,000 by default on SQLite, FUZZ_RUNS_PG on PostgreSQL), built from each zod contract's valid
// body (see tests/fixtures/server/fuzz.ts), sent to the real handlers in-process. Never a 5xx, and
// every error body follows the contract. Also: malformed pull queries, session path ids and cookies.
// Endpoints covered here (the rest: account-fuzz.int.test.ts and endpoints-fuzz.int.test.ts):
//   POST /api/auth/signup, POST /api/auth/login, POST /api/auth/logout, POST /api/auth/forget,
//   POST /api/account/delete,
//   DELETE /api/auth/sessions, DELETE /api/auth/sessions/[id], PUT /api/account/keys,
//   POST /api/sync/push, GET /api/sync/pull (query),
//   POST /api/auth/second-factor/enrol, POST /api/auth/second-factor/confirm,
//   POST /api/auth/second-factor/disable, PUT /api/account/kind.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import {
	deleteAccountRequestSchema,
	loginRequestSchema,
	signUpRequestSchema,
	updateWrappedKeysRequestSchema
} from '../../src/lib/contracts/auth';
import {
	accountKindRequestSchema,
	confirmSecondFactorRequestSchema,
	disableSecondFactorRequestSchema
} from '../../src/lib/contracts/second-factor';
import { pushRequestSchema } from '../../src/lib/contracts/sync';
import { apiRequest, CHEAP_ARGON2, createTestApp, signUpAs } from '../fixtures/server/app';
import { forEachDatabase } from '../fixtures/server/databases';
import { fuzzEndpoint, fuzzRuns, jsonish, mutate, type FuzzTarget } from '../fixtures/server/fuzz';
import { envelope, marie, pushBody } from '../fixtures/server/people';

function pushMutations(circleId: string): fc.Arbitrary<unknown> {
	const valid = pushBody(circleId, [envelope()]);
	return fc.oneof(
		mutate(envelope()).map((e) => ({ ...valid, envelopes: [e] })),
		fc.integer({ min: 0, max: 700 }).map((n) => ({
			...valid,
			envelopes: Array.from({ length: n }, () => ({ id: 'x' }))
		})),
		fc.array(jsonish, { maxLength: 5 }).map((envelopes) => ({ ...valid, envelopes }))
	);
}

forEachDatabase(
	'fuzz',
	(get, dialect) => {
		const runs = fuzzRuns(dialect);

		const setup = async () => {
			const app = createTestApp(get().handle, undefined, { argon2: CHEAP_ARGON2 });
			const person = marie();
			const main = await signUpAs(app, person);
			return { app, person, main };
		};

		it(`never answers ${runs} malformed requests per auth or account endpoint with a 5xx`, async () => {
			const { app, person, main } = await setup();
			// Logging out ends a session: those two endpoints get accounts of their own.
			const leaving = await signUpAs(app, marie());
			const leavingAll = await signUpAs(app, marie());
			const forgetting = await signUpAs(app, marie());
			const erasingPerson = marie();
			const erasing = await signUpAs(app, erasingPerson);
			const targets: readonly FuzzTarget[] = [
				{
					method: 'POST',
					route: '/api/auth/signup',
					handler: app.api.signUp,
					contract: signUpRequestSchema,
					valid: { ...marie() },
					cookie: undefined
				},
				{
					method: 'POST',
					route: '/api/auth/login',
					handler: app.api.login,
					contract: loginRequestSchema,
					valid: { login: person.login, authKey: person.authKey },
					cookie: undefined
				},
				{
					method: 'POST',
					route: '/api/auth/login',
					handler: app.api.login,
					contract: loginRequestSchema,
					valid: {
						login: person.login,
						authKey: person.authKey,
						secondFactor: { recoveryCode: 'abcd-efgh-2345' }
					},
					cookie: undefined
				},
				{
					method: 'POST',
					route: '/api/auth/second-factor/enrol',
					handler: app.api.enrolSecondFactor,
					cookie: main.cookie
				},
				{
					method: 'POST',
					route: '/api/auth/second-factor/confirm',
					handler: app.api.confirmSecondFactor,
					contract: confirmSecondFactorRequestSchema,
					valid: { code: '123456' },
					cookie: main.cookie
				},
				{
					method: 'POST',
					route: '/api/auth/second-factor/disable',
					handler: app.api.disableSecondFactor,
					contract: disableSecondFactorRequestSchema,
					valid: { code: '123456' },
					cookie: main.cookie
				},
				{
					method: 'PUT',
					route: '/api/account/kind',
					handler: app.api.setAccountKind,
					contract: accountKindRequestSchema,
					valid: { kind: 'professional' },
					cookie: main.cookie
				},
				{
					method: 'PUT',
					route: '/api/account/keys',
					handler: app.api.putWrappedKeys,
					contract: updateWrappedKeysRequestSchema,
					valid: { wrappedKeys: person.wrappedKeys },
					cookie: main.cookie
				},
				{
					method: 'DELETE',
					route: '/api/auth/sessions/:id',
					handler: app.api.revokeSession,
					params: { id: 'unknown-session-id' },
					cookie: main.cookie
				},
				{
					method: 'POST',
					route: '/api/auth/logout',
					handler: app.api.logout,
					cookie: leaving.cookie
				},
				{
					method: 'DELETE',
					route: '/api/auth/sessions',
					handler: app.api.revokeAllSessions,
					cookie: leavingAll.cookie
				},
				{
					method: 'POST',
					route: '/api/auth/forget',
					handler: app.api.forgetDevice,
					cookie: forgetting.cookie
				},
				{
					method: 'POST',
					route: '/api/account/delete',
					handler: app.api.deleteAccount,
					contract: deleteAccountRequestSchema,
					valid: { authKey: erasingPerson.authKey },
					cookie: erasing.cookie
				}
			];
			for (const target of targets) expect(await fuzzEndpoint(target, runs)).toBe(runs);
		}, 600_000);

		it(`never answers ${runs} malformed pushes with a 5xx`, async () => {
			const { app, main } = await setup();
			const answered = await fuzzEndpoint(
				{
					method: 'POST',
					route: '/api/sync/push',
					handler: app.api.push,
					contract: pushRequestSchema,
					valid: { ...pushBody(main.circleId, [envelope()]) },
					extra: pushMutations(main.circleId),
					cookie: main.cookie
				},
				runs
			);
			expect(answered).toBe(runs);
		}, 600_000);

		it('never answers a malformed query, path id or cookie with a 5xx', async () => {
			const { app, main } = await setup();
			const { cookie, circleId } = main;
			const expectNo5xx = async (request: Request): Promise<void> => {
				const response = await app.fetch(request);
				expect(response.status, `${request.method} ${request.url}`).toBeLessThan(500);
				await response.body?.cancel();
			};
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
						await expectNo5xx(apiRequest('GET', `/api/sync/pull?${qs}`, { cookie }));
					}
				),
				{ numRuns: runs }
			);
			await fc.assert(
				fc.asyncProperty(fc.string({ maxLength: 200 }), async (garbage) => {
					const safe = garbage.replace(/[^\x20-\x7e]/g, '');
					await expectNo5xx(
						apiRequest('GET', '/api/auth/sessions', { cookie: `__Host-cercle_session=${safe}` })
					);
				}),
				{ numRuns: Math.min(runs, 2_000) }
			);
		}, 600_000);
	},
	{ inMemory: true }
);
