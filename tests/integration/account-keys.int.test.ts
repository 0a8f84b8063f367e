// Pre-login KDF parameters and rekey after a passphrase change, through the real handlers, on
// SQLite and PostgreSQL. Known and unknown logins must get answers of the same shape, stable over
// time and across instances; rekey needs the current auth key and revokes the other sessions.
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import {
	authResponseSchema,
	kdfParamsResponseSchema,
	rekeyResponseSchema,
	sessionListResponseSchema,
	type PublicKdf
} from '../../src/lib/contracts/auth';
import { apiErrorBodySchema } from '../../src/lib/contracts/common';
import { createApi, type Api, type Handler } from '../../server/api';
import {
	apiRequest,
	createTestApp,
	freshIp,
	sessionCookieFrom,
	signUpAs,
	type TestApp
} from '../fixtures/server/app';
import { forEachDatabase } from '../fixtures/server/databases';
import { marie, randomAuthKey } from '../fixtures/server/people';

const kdfOf = (salt: string): PublicKdf => ({
	alg: 'argon2id',
	memoryKiB: 19_456,
	iterations: 2,
	parallelism: 1,
	salt
});
const randomSalt = (): string =>
	Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64url');

const call = (handler: Handler, request: Request, ip = '203.0.113.9'): Promise<Response> =>
	handler({ request, url: new URL(request.url), ip, params: {} });

async function paramsFor(api: Api, login: string, ip?: string): Promise<PublicKdf> {
	const response = await call(
		api.kdfParams,
		apiRequest('POST', '/api/auth/params', { body: { login } }),
		ip
	);
	expect(response.status).toBe(200);
	return kdfParamsResponseSchema.parse(await response.json()).kdf;
}

const errorCode = async (response: Response): Promise<string> =>
	apiErrorBodySchema.parse(await response.json()).error.code;

function rekeyRequest(cookie: string, body: unknown): Request {
	return apiRequest('POST', '/api/auth/rekey', { cookie, body });
}

async function login(app: TestApp, loginId: string, authKey: string): Promise<Response> {
	return app.fetch(apiRequest('POST', '/api/auth/login', { body: { login: loginId, authKey } }));
}

forEachDatabase('account params', (get) => {
	it('returns the stored parameters of a known login, whatever its case', async () => {
		const app = createTestApp(get().handle);
		const kdf = kdfOf(randomSalt());
		const person = { ...marie(), kdf };
		await signUpAs(app, person);
		expect(await paramsFor(app.api, person.login)).toEqual(kdf);
		expect(await paramsFor(app.api, ` ${person.login.toUpperCase()} `)).toEqual(kdf);
	});

	it('answers an unknown login with same-shaped, stable parameters shared by instances', async () => {
		const app = createTestApp(get().handle);
		const known = { ...marie(), kdf: kdfOf(randomSalt()) };
		await signUpAs(app, known);
		const unknown = `nobody.${randomUUID()}@example.org`;
		const fake = await paramsFor(app.api, unknown);
		const real = await paramsFor(app.api, known.login);
		expect(Object.keys(fake).sort()).toEqual(Object.keys(real).sort());
		expect(fake.salt).toHaveLength(real.salt.length);
		expect({ ...fake, salt: '' }).toEqual({ ...real, salt: '' });
		expect(fake.salt).not.toBe(real.salt);

		// Stable: again, and from a second instance on the same database.
		expect(await paramsFor(app.api, unknown)).toEqual(fake);
		const second = createTestApp(get().handle);
		expect(await paramsFor(second.api, unknown.toUpperCase())).toEqual(fake);
		// Different logins get different salts.
		expect((await paramsFor(app.api, `other.${unknown}`)).salt).not.toBe(fake.salt);
	});

	it('uses CERCLE_SERVER_SECRET when it is set', async () => {
		const make = (serverSecret: string): Api =>
			createApi({
				db: get().handle,
				now: () => Date.now(),
				randomBytes: (n) => crypto.getRandomValues(new Uint8Array(n)),
				newId: () => randomUUID(),
				serverSecret
			});
		const unknown = `ghost.${randomUUID()}@example.org`;
		const a = await paramsFor(make('operator secret one'), unknown, freshIp());
		const b = await paramsFor(make('operator secret one'), unknown, freshIp());
		const c = await paramsFor(make('operator secret two'), unknown, freshIp());
		expect(a).toEqual(b);
		expect(c.salt).not.toBe(a.salt);
	});

	it('gives fake parameters to an account created without them', async () => {
		const app = createTestApp(get().handle);
		const person = marie();
		await signUpAs(app, person);
		const kdf = await paramsFor(app.api, person.login);
		expect(kdf.memoryKiB).toBe(19_456);
		expect(await paramsFor(app.api, person.login)).toEqual(kdf);
	});

	it('limits requests per address with 429 and Retry-After', async () => {
		const app = createTestApp(get().handle);
		const ip = freshIp();
		for (let i = 0; i < 50; i++) await paramsFor(app.api, `probe${i}@example.org`, ip);
		const refused = await call(
			app.api.kdfParams,
			apiRequest('POST', '/api/auth/params', { body: { login: 'probe@example.org' } }),
			ip
		);
		expect(refused.status).toBe(429);
		expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
		expect(await paramsFor(app.api, 'probe@example.org', freshIp())).toBeDefined();
	});

	it('refuses parameters below the floor at sign-up and a malformed params body', async () => {
		const app = createTestApp(get().handle);
		const weak = await app.fetch(
			apiRequest('POST', '/api/auth/signup', {
				body: { ...marie(), kdf: { ...kdfOf(randomSalt()), memoryKiB: 1024 } }
			}),
			freshIp()
		);
		expect(weak.status).toBe(400);
		const bad = await call(
			app.api.kdfParams,
			apiRequest('POST', '/api/auth/params', { body: { login: 1 } })
		);
		expect(bad.status).toBe(400);
		expect(await errorCode(bad)).toBe('invalid-body');
	});
});

forEachDatabase('account rekey', (get) => {
	it('replaces auth key, parameters and wrapped keys, and revokes the other sessions', async () => {
		const app = createTestApp(get().handle);
		const person = { ...marie(), kdf: kdfOf(randomSalt()) };
		const signed = await signUpAs(app, person);
		const other = sessionCookieFrom(await login(app, person.login, person.authKey));

		const next = { authKey: randomAuthKey(), kdf: kdfOf(randomSalt()), wrappedKeys: 'bmV3LWJsb2I' };
		const response = await call(
			app.api.rekey,
			rekeyRequest(signed.cookie, { currentAuthKey: person.authKey, ...next })
		);
		expect(response.status).toBe(200);
		expect(rekeyResponseSchema.parse(await response.json())).toEqual({
			wrappedKeys: next.wrappedKeys,
			revokedSessions: 1
		});

		// This session goes on; the other device must log in again.
		const mine = await app.fetch(
			apiRequest('GET', '/api/auth/sessions', { cookie: signed.cookie })
		);
		expect(sessionListResponseSchema.parse(await mine.json()).sessions).toHaveLength(1);
		const theirs = await app.fetch(apiRequest('GET', '/api/auth/sessions', { cookie: other }));
		expect(theirs.status).toBe(401);

		expect(await paramsFor(app.api, person.login)).toEqual(next.kdf);
		expect((await login(app, person.login, person.authKey)).status).toBe(401);
		const fresh = await login(app, person.login, next.authKey);
		expect(fresh.status).toBe(200);
		expect(authResponseSchema.parse(await fresh.json()).wrappedKeys).toBe(next.wrappedKeys);
	});

	it('changes nothing when the current auth key is wrong', async () => {
		const app = createTestApp(get().handle);
		const person = { ...marie(), kdf: kdfOf(randomSalt()) };
		const signed = await signUpAs(app, person);
		const response = await call(
			app.api.rekey,
			rekeyRequest(signed.cookie, {
				currentAuthKey: randomAuthKey(),
				authKey: randomAuthKey(),
				kdf: kdfOf(randomSalt()),
				wrappedKeys: 'b3RoZXI'
			})
		);
		expect(response.status).toBe(401);
		expect(await errorCode(response)).toBe('invalid-credentials');
		expect(await paramsFor(app.api, person.login)).toEqual(person.kdf);
		const again = await login(app, person.login, person.authKey);
		expect(authResponseSchema.parse(await again.json()).wrappedKeys).toBe(person.wrappedKeys);
	});

	it('needs a session', async () => {
		const app = createTestApp(get().handle);
		const response = await call(
			app.api.rekey,
			apiRequest('POST', '/api/auth/rekey', {
				body: {
					currentAuthKey: randomAuthKey(),
					authKey: randomAuthKey(),
					kdf: kdfOf(randomSalt()),
					wrappedKeys: 'eA'
				}
			})
		);
		expect(response.status).toBe(401);
		expect(await errorCode(response)).toBe('unauthenticated');
	});

	it('stops guessing the current key after the login failure limit', async () => {
		const app = createTestApp(get().handle);
		const person = { ...marie(), kdf: kdfOf(randomSalt()) };
		const signed = await signUpAs(app, person);
		const guess = (currentAuthKey: string): Promise<Response> =>
			call(
				app.api.rekey,
				rekeyRequest(signed.cookie, {
					currentAuthKey,
					authKey: randomAuthKey(),
					kdf: kdfOf(randomSalt()),
					wrappedKeys: 'eA'
				})
			);
		for (let i = 0; i < 10; i++) expect((await guess(randomAuthKey())).status).toBe(401);
		const blocked = await guess(person.authKey);
		expect(blocked.status).toBe(429);
	});
});
