// Atomic rate limits on SQLite and PostgreSQL (issue 12, item 12): counting and checking are one
// statement, so 50 login attempts sent at once never get more than the limit past it.
import { expect, it } from 'vitest';
import { LOGIN_ACCOUNT_RULE } from '../../server/auth/accounts';
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
});
