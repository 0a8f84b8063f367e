// Accounts and sessions through the real handlers, on SQLite and PostgreSQL.
import { expect, it } from 'vitest';
import {
	authResponseSchema,
	currentSessionResponseSchema,
	sessionListResponseSchema,
	wrappedKeysResponseSchema
} from '../../src/lib/contracts/auth';
import { apiErrorBodySchema } from '../../src/lib/contracts/common';
import { apiRequest, createTestApp, sessionCookieFrom, signUpAs } from '../fixtures/server/app';
import { pruneExpired } from '../../server/auth/maintenance';
import { forEachDatabase } from '../fixtures/server/databases';
import { marie, randomAuthKey } from '../fixtures/server/people';

const DAY = 24 * 60 * 60 * 1000;

const errorCode = async (response: Response): Promise<string> =>
	apiErrorBodySchema.parse(await response.json()).error.code;

forEachDatabase('auth', (get) => {
	it('signs up, sets a __Host- session cookie and logs in from a second device', async () => {
		const app = createTestApp(get().handle);
		const person = marie();
		const signed = await signUpAs(app, person);
		const setCookie = signed.response.headers.get('set-cookie') ?? '';
		expect(setCookie).toMatch(/^__Host-cercle_session=[a-z2-7]{32}; /);
		expect(setCookie).toContain('HttpOnly');
		expect(setCookie).toContain('Secure');
		expect(setCookie).toContain('SameSite=Lax');
		expect(setCookie).toContain('Path=/');
		expect(signed.circleId).toBe(person.circleId);

		const login = await app.fetch(
			apiRequest('POST', '/api/auth/login', {
				body: { login: person.login.toUpperCase(), authKey: person.authKey },
				headers: { 'User-Agent': 'Mozilla/5.0 (Linux; Android 14) Firefox/128.0' }
			})
		);
		expect(login.status).toBe(200);
		const body = authResponseSchema.parse(await login.json());
		expect(body.wrappedKeys).toBe(person.wrappedKeys);
		expect(body.account.circleId).toBe(person.circleId);

		const sessions = await app.fetch(
			apiRequest('GET', '/api/auth/sessions', { cookie: sessionCookieFrom(login) })
		);
		const list = sessionListResponseSchema.parse(await sessions.json()).sessions;
		expect(list).toHaveLength(2);
		expect(list.filter((s) => s.current).map((s) => s.userAgent)).toEqual(['Firefox on Android']);
	});

	it('refuses a second account with the same login or the same circle', async () => {
		const app = createTestApp(get().handle);
		const person = marie();
		await signUpAs(app, person);
		const sameLogin = await app.fetch(
			apiRequest('POST', '/api/auth/signup', { body: marie({ login: ` ${person.login} ` }) })
		);
		expect(sameLogin.status).toBe(409);
		expect(await errorCode(sameLogin)).toBe('login-taken');
		const sameCircle = await app.fetch(
			apiRequest('POST', '/api/auth/signup', { body: marie({ circleId: person.circleId }) })
		);
		expect(sameCircle.status).toBe(409);
		expect(await errorCode(sameCircle)).toBe('circle-taken');
	});

	it('answers unknown and known accounts the same way', async () => {
		const app = createTestApp(get().handle);
		const person = marie();
		await signUpAs(app, person);
		const wrongKey = await app.fetch(
			apiRequest('POST', '/api/auth/login', {
				body: { login: person.login, authKey: randomAuthKey() }
			})
		);
		const unknown = await app.fetch(
			apiRequest('POST', '/api/auth/login', {
				body: { login: `nobody.${person.login}`, authKey: randomAuthKey() }
			})
		);
		expect(wrongKey.status).toBe(401);
		expect(unknown.status).toBe(401);
		expect(await wrongKey.text()).toBe(await unknown.text());
	});

	it('takes comparable time for unknown and known accounts', async () => {
		const app = createTestApp(get().handle);
		const person = marie();
		await signUpAs(app, person);
		const time = async (login: string): Promise<number> => {
			const start = performance.now();
			await app.fetch(
				apiRequest('POST', '/api/auth/login', { body: { login, authKey: randomAuthKey() } }),
				`198.51.100.${Math.floor(Math.random() * 200)}`
			);
			return performance.now() - start;
		};
		const known: number[] = [];
		const unknown: number[] = [];
		for (let i = 0; i < 4; i++) {
			known.push(await time(person.login));
			unknown.push(await time(`ghost${i}.${person.login}`));
		}
		const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? 0;
		// Both paths run one Argon2id verification: an unknown account must not answer in a
		// fraction of the time (a skipped hash would be ~50x faster).
		expect(median(unknown)).toBeGreaterThan(median(known) / 3);
		expect(median(known)).toBeGreaterThan(median(unknown) / 3);
	});

	it('caps one login from one address at 10 attempts (429, Retry-After) without locking the person out elsewhere', async () => {
		const app = createTestApp(get().handle);
		const person = marie();
		await signUpAs(app, person);
		const attempt = (authKey: string, ip: string) =>
			app.fetch(
				apiRequest('POST', '/api/auth/login', { body: { login: person.login, authKey } }),
				ip
			);
		for (let i = 0; i < 10; i++) {
			expect((await attempt(randomAuthKey(), '192.0.2.66')).status).toBe(401);
		}
		const locked = await attempt(person.authKey, '192.0.2.66');
		expect(locked.status).toBe(429);
		const retryAfter = Number(locked.headers.get('retry-after'));
		expect(retryAfter).toBeGreaterThan(0);
		expect(retryAfter).toBeLessThanOrEqual(15 * 60);
		expect(await errorCode(locked)).toBe('rate-limited');
		// The person, from their own address, is not locked out by the attacker's attempts.
		expect((await attempt(person.authKey, '192.0.2.99')).status).toBe(200);

		app.advance(retryAfter * 1000);
		expect((await attempt(person.authKey, '192.0.2.66')).status).toBe(200);
	});

	it('slows a distributed attack on one login at 100 attempts per window, and only for that window', async () => {
		const app = createTestApp(get().handle);
		const person = marie();
		await signUpAs(app, person);
		const attempt = (authKey: string, ip: string) =>
			app.fetch(
				apiRequest('POST', '/api/auth/login', { body: { login: person.login, authKey } }),
				ip
			);
		for (let i = 0; i < 100; i++) {
			expect((await attempt(randomAuthKey(), `192.0.${i >> 6}.${i & 63}`)).status).toBe(401);
		}
		const slowed = await attempt(randomAuthKey(), '192.0.3.1');
		expect(slowed.status).toBe(429);
		const retryAfter = Number(slowed.headers.get('retry-after'));
		app.advance(retryAfter * 1000);
		expect((await attempt(person.authKey, '192.0.3.2')).status).toBe(200);
	});

	it('limits failures per IP across many logins', async () => {
		const app = createTestApp(get().handle);
		const ip = '192.0.2.200';
		for (let i = 0; i < 50; i++) {
			const r = await app.fetch(
				apiRequest('POST', '/api/auth/login', {
					body: { login: `spray${i}@example.org`, authKey: randomAuthKey() }
				}),
				ip
			);
			expect(r.status).toBe(401);
		}
		const blocked = await app.fetch(
			apiRequest('POST', '/api/auth/login', {
				body: { login: 'spray-next@example.org', authKey: randomAuthKey() }
			}),
			ip
		);
		expect(blocked.status).toBe(429);
		expect(blocked.headers.get('retry-after')).not.toBeNull();
	});

	it('rejects a session cookie replayed after logout', async () => {
		const app = createTestApp(get().handle);
		const { cookie } = await signUpAs(app, marie());
		expect((await app.fetch(apiRequest('GET', '/api/auth/session', { cookie }))).status).toBe(200);
		const logout = await app.fetch(apiRequest('POST', '/api/auth/logout', { cookie }));
		expect(logout.status).toBe(204);
		expect(logout.headers.get('set-cookie')).toContain('Max-Age=0');
		const replay = await app.fetch(apiRequest('GET', '/api/auth/session', { cookie }));
		expect(replay.status).toBe(401);
		expect(await errorCode(replay)).toBe('unauthenticated');
	});

	it('revokes one session, or all of them', async () => {
		const app = createTestApp(get().handle);
		const person = marie();
		const first = await signUpAs(app, person);
		const loginAgain = () =>
			app.fetch(
				apiRequest('POST', '/api/auth/login', {
					body: { login: person.login, authKey: person.authKey }
				})
			);
		const second = sessionCookieFrom(await loginAgain());
		const third = sessionCookieFrom(await loginAgain());

		const listed = sessionListResponseSchema.parse(
			await (
				await app.fetch(apiRequest('GET', '/api/auth/sessions', { cookie: first.cookie }))
			).json()
		).sessions;
		const other = listed.find((s) => !s.current);
		expect(other).toBeDefined();
		const revoke = await app.fetch(
			apiRequest('DELETE', `/api/auth/sessions/${other?.id ?? ''}`, { cookie: first.cookie })
		);
		expect(revoke.status).toBe(204);
		const statuses = await Promise.all(
			[second, third].map(
				async (c) => (await app.fetch(apiRequest('GET', '/api/auth/session', { cookie: c }))).status
			)
		);
		expect([...statuses].sort()).toEqual([200, 401]);

		const stranger = await signUpAs(app, marie());
		const foreign = await app.fetch(
			apiRequest('DELETE', `/api/auth/sessions/${listed.find((s) => s.current)?.id ?? ''}`, {
				cookie: stranger.cookie
			})
		);
		expect(foreign.status).toBe(404);

		expect(
			(await app.fetch(apiRequest('DELETE', '/api/auth/sessions', { cookie: first.cookie }))).status
		).toBe(204);
		for (const c of [first.cookie, second, third]) {
			expect((await app.fetch(apiRequest('GET', '/api/auth/session', { cookie: c }))).status).toBe(
				401
			);
		}
		expect(
			(await app.fetch(apiRequest('GET', '/api/auth/session', { cookie: stranger.cookie }))).status
		).toBe(200);
	});

	it('slides the expiry when less than 15 days remain and expires after 30 idle days', async () => {
		const app = createTestApp(get().handle);
		const { cookie } = await signUpAs(app, marie());
		app.advance(10 * DAY);
		const early = await app.fetch(apiRequest('GET', '/api/auth/session', { cookie }));
		expect(early.status).toBe(200);
		expect(early.headers.get('set-cookie')).toBeNull();

		app.advance(6 * DAY);
		const renewed = await app.fetch(apiRequest('GET', '/api/auth/session', { cookie }));
		expect(renewed.status).toBe(200);
		expect(renewed.headers.get('set-cookie')).toContain(`Max-Age=${30 * 24 * 60 * 60}`);
		const session = currentSessionResponseSchema.parse(await renewed.json()).session;
		expect(session.expiresAt).toBe(app.now() + 30 * DAY);

		app.advance(30 * DAY);
		expect((await app.fetch(apiRequest('GET', '/api/auth/session', { cookie }))).status).toBe(401);
	});

	it('stores and returns the wrapped-keys blob for a second device', async () => {
		const app = createTestApp(get().handle);
		const person = marie();
		const { cookie } = await signUpAs(app, person);
		const read = async (): Promise<string> =>
			wrappedKeysResponseSchema.parse(
				await (await app.fetch(apiRequest('GET', '/api/account/keys', { cookie }))).json()
			).wrappedKeys;
		expect(await read()).toBe(person.wrappedKeys);
		const next = Buffer.from('{"v":2,"rewrapped":true}').toString('base64url');
		const put = await app.fetch(
			apiRequest('PUT', '/api/account/keys', { cookie, body: { wrappedKeys: next } })
		);
		expect(put.status).toBe(200);
		expect(await read()).toBe(next);
		const anonymous = await app.fetch(apiRequest('GET', '/api/account/keys'));
		expect(anonymous.status).toBe(401);
	});

	it('prunes expired sessions and old rate-limit windows, and nothing else', async () => {
		const app = createTestApp(get().handle);
		const person = marie();
		const stale = await signUpAs(app, person);
		await app.fetch(
			apiRequest('POST', '/api/auth/login', {
				body: { login: person.login, authKey: randomAuthKey() }
			})
		);
		app.advance(31 * DAY);
		const fresh = await signUpAs(app, marie());
		const { db } = get().handle;
		const countSessions = async (accountId: string): Promise<number> =>
			(await db.selectFrom('sessions').select('id').where('account_id', '=', accountId).execute())
				.length;
		expect(await countSessions(stale.accountId)).toBe(1);
		const pruned = await pruneExpired(get().handle, app.now());
		expect(pruned.sessions).toBeGreaterThanOrEqual(1);
		expect(pruned.rateLimits).toBeGreaterThanOrEqual(1);
		expect(await countSessions(stale.accountId)).toBe(0);
		expect(await countSessions(fresh.accountId)).toBe(1);
		expect(
			(await app.fetch(apiRequest('GET', '/api/auth/session', { cookie: fresh.cookie }))).status
		).toBe(200);
	});

	it('never stores the auth key or the session token in clear', async () => {
		const app = createTestApp(get().handle);
		const person = marie();
		const { cookie, accountId } = await signUpAs(app, person);
		const { db } = get().handle;
		const account = await db
			.selectFrom('accounts')
			.selectAll()
			.where('id', '=', accountId)
			.executeTakeFirstOrThrow();
		expect(account.auth_hash).toMatch(/^\$argon2id\$/);
		expect(account.auth_hash).not.toContain(person.authKey);
		const token = cookie.split('=')[1] ?? '';
		const sessions = await db
			.selectFrom('sessions')
			.select('id')
			.where('account_id', '=', accountId)
			.execute();
		expect(sessions.map((s) => s.id)).not.toContain(token);
		expect(sessions[0]?.id).toMatch(/^[0-9a-f]{64}$/);
	});
});
