// Atomic rate limits on SQLite and PostgreSQL (issue 12, item 12): counting and checking are one
// statement, so 50 login attempts sent at once never get more than the limit past it; an attack on
// one login from many addresses is slowed without locking the person's own browsers out.
import { expect, it } from 'vitest';
import { LOGIN_ACCOUNT_RULE, LOGIN_TOTAL_RULE } from '../../server/auth/accounts';
import { KNOWN_DEVICE_COOKIE } from '../../server/auth/known-device';
import { createRateLimiter } from '../../server/auth/rate-limit';
import { CHEAP_ARGON2, apiRequest, createTestApp, signUpAs } from '../fixtures/server/app';
import { forEachDatabase } from '../fixtures/server/databases';
import { marie, randomAuthKey } from '../fixtures/server/people';

forEachDatabase('atomic rate limits', (get) => {
	it('50 parallel login attempts from one address: exactly 10 reach the passphrase check', async () => {
		const app = createTestApp(get().handle, undefined, { argon2: CHEAP_ARGON2 });
		const person = marie();
		await signUpAs(app, person);
		const statuses = await Promise.all(
			Array.from({ length: 50 }, () =>
				app
					.fetch(
						apiRequest('POST', '/api/auth/login', {
							body: { login: person.login, authKey: randomAuthKey() }
						}),
						'192.0.2.150'
					)
					.then((r) => r.status)
			)
		);
		expect(statuses.filter((s) => s === 401)).toHaveLength(LOGIN_ACCOUNT_RULE.limit);
		expect(statuses.filter((s) => s === 429)).toHaveLength(50 - LOGIN_ACCOUNT_RULE.limit);
	});

	it('50 parallel takes of one subject: exactly `limit` pass, the window then reopens', async () => {
		let now = Date.UTC(2025, 0, 6, 9);
		const limiter = createRateLimiter({ db: get().handle, now: () => now });
		const rule = { limit: 7, windowMs: 60_000 };
		const waits = await Promise.all(
			Array.from({ length: 50 }, () => limiter.take('subject:parallel', rule))
		);
		expect(waits.filter((w) => w === 0)).toHaveLength(7);
		expect(waits.filter((w) => w > 0).every((w) => w <= 60)).toBe(true);
		now += 60_000;
		expect(await limiter.take('subject:parallel', rule)).toBe(0);
	});

	it('a distributed attack fills the per-login cap, yet the person’s known browser still logs in', async () => {
		const app = createTestApp(get().handle, undefined, { argon2: CHEAP_ARGON2 });
		const person = marie();
		const signedUp = await signUpAs(app, person);
		const known = /__Host-cercle_known=([^;]+)/u.exec(
			signedUp.response.headers.get('set-cookie') ?? ''
		)?.[1];
		expect(known).toBeDefined();
		const attempt = (authKey: string, ip: string, cookie?: string) =>
			app.fetch(
				apiRequest('POST', '/api/auth/login', {
					body: { login: person.login, authKey },
					...(cookie === undefined ? {} : { cookie })
				}),
				ip
			);
		for (let i = 0; i < LOGIN_TOTAL_RULE.limit; i++) {
			expect((await attempt(randomAuthKey(), `198.51.${i >> 6}.${i & 63}`)).status).toBe(401);
		}
		// A new browser is slowed like the attacker; the person's own browser is not.
		expect((await attempt(person.authKey, '203.0.113.80')).status).toBe(429);
		// A forged or another login's cookie does not pass.
		expect(
			(await attempt(person.authKey, '203.0.113.82', `${KNOWN_DEVICE_COOKIE}=${'A'.repeat(43)}`))
				.status
		).toBe(429);
		expect(
			(await attempt(person.authKey, '203.0.113.81', `${KNOWN_DEVICE_COOKIE}=${known ?? ''}`))
				.status
		).toBe(200);
	});
});
