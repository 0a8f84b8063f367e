// Sign-up and login (server/auth/accounts.ts) on an in-memory SQLite database: fast enough for
// mutation testing (issue 17). What they pin: the auth key is stored only as its hash; sign-up
// makes the account, its circle and its owner row together, or nothing; login answers the same for
// an unknown login and a wrong key (and still verifies against the dummy hash); the three login
// limits are counted before the check, a known device passes only the per-login cap, and success
// clears the login's counters; the second factor is asked after the passphrase. The HTTP path runs
// on both databases in tests/integration/auth.int.test.ts.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	LOGIN_ACCOUNT_RULE,
	LOGIN_IP_RULE,
	LOGIN_TOTAL_RULE,
	SIGNUP_IP_RULE,
	createAccounts
} from '../../../server/auth/accounts';
import type { Hasher } from '../../../server/auth/passwords';
import {
	createRateLimiter,
	type RateLimiter,
	type RateRule
} from '../../../server/auth/rate-limit';
import { createSessions } from '../../../server/auth/sessions';
import { sha256Hex } from '../../../server/auth/tokens';
import { createTestDatabase, type TestDatabase } from '../../fixtures/server/databases';

const NOW = Date.UTC(2025, 0, 6, 9);
const MINUTE = 60 * 1000;
let database: TestDatabase;

beforeAll(async () => {
	database = await createTestDatabase('sqlite', { inMemory: true });
});
afterAll(async () => {
	await database.cleanup();
});

/** "h:" + secret; records what verify was asked. */
function fakeHasher() {
	const verified: [string | null, string][] = [];
	const hasher: Hasher = {
		hash: (secret) => Promise.resolve(`h:${secret}`),
		verify: (stored, secret) => {
			verified.push([stored, secret]);
			return Promise.resolve(stored !== null && stored === `h:${secret}`);
		}
	};
	return { hasher, verified };
}

/** A limiter that counts in the database but lets the test see every take. */
function spyLimiter(real: RateLimiter) {
	const taken: [string, RateRule][] = [];
	const reset: string[] = [];
	const limiter: RateLimiter = {
		take: (subject, rule) => {
			taken.push([subject, rule]);
			return real.take(subject, rule);
		},
		reset: (subject) => {
			reset.push(subject);
			return real.reset(subject);
		}
	};
	return { limiter, taken, reset };
}

function setup(
	options: {
		secondFactor?: Parameters<typeof createAccounts>[0]['secondFactor'];
		signupsPerHour?: number;
		ids?: () => string;
	} = {}
) {
	const db = database.handle;
	let now = NOW;
	const { hasher, verified } = fakeHasher();
	const spy = spyLimiter(createRateLimiter({ db, now: () => now }));
	let n = 0;
	const accounts = createAccounts({
		db,
		now: () => now,
		newId: options.ids ?? (() => `acc-${randomUUID()}-${++n}`),
		hasher,
		sessions: createSessions({
			db,
			now: () => now,
			randomBytes: (length) => crypto.getRandomValues(new Uint8Array(length))
		}),
		limiter: spy.limiter,
		secondFactor: options.secondFactor,
		signupsPerHour: options.signupsPerHour
	});
	return {
		accounts,
		verified,
		...spy,
		advance(ms: number) {
			now += ms;
		}
	};
}

const signUpInput = (overrides: Partial<{ login: string; circleId: string }> = {}) => ({
	login: `marie.${randomUUID()}@example.org`,
	authKey: 'auth-key',
	wrappedKeys: 'wrapped',
	circleId: randomUUID(),
	...overrides
});

const meta = (ip = `203.0.113.${Math.floor(Math.random() * 250)}`) => ({ ip, userAgent: 'ua' });

describe('sign-up', () => {
	it('stores the hash, the keys, the KDF parameters, the circle and its owner row; opens a session', async () => {
		const { accounts } = setup({ ids: () => 'acc-fixed-1' });
		const input = {
			...signUpInput(),
			kdf: {
				alg: 'argon2id' as const,
				memoryKiB: 19 * 1024,
				iterations: 2,
				parallelism: 1 as const,
				salt: 'c2FsdHNhbHRzYWx0c2FsdA'
			}
		};
		const result = await accounts.signUp(input, meta());
		if (!result.ok) throw new Error('refused');
		expect(result.value.account).toEqual({
			id: 'acc-fixed-1',
			login: input.login,
			circleId: input.circleId
		});
		expect(result.value.wrappedKeys).toBe('wrapped');
		expect(result.value.session.account_id).toBe('acc-fixed-1');
		expect(result.value.session.user_agent).toBe('ua');
		expect(result.value.session.id).toBe(sha256Hex(result.value.token));
		const db = database.handle.db;
		expect(
			await db
				.$extendTables<{ accounts: { id: string; kdf: string | null } }>()
				.selectFrom('accounts')
				.selectAll()
				.where('id', '=', 'acc-fixed-1')
				.execute()
		).toEqual([
			{
				id: 'acc-fixed-1',
				login: input.login,
				auth_hash: 'h:auth-key',
				wrapped_keys: 'wrapped',
				kdf: JSON.stringify(input.kdf),
				created_at: NOW
			}
		]);
		expect(
			await db.selectFrom('circles').selectAll().where('id', '=', input.circleId).execute()
		).toEqual([{ id: input.circleId, owner_account_id: 'acc-fixed-1', seq: 0, created_at: NOW }]);
		expect(
			await db
				.selectFrom('circle_members')
				.selectAll()
				.where('circle_id', '=', input.circleId)
				.execute()
		).toEqual([
			{ circle_id: input.circleId, account_id: 'acc-fixed-1', role: 'owner', created_at: NOW }
		]);
		expect(await accounts.view('acc-fixed-1')).toEqual({
			id: 'acc-fixed-1',
			login: input.login,
			circleId: input.circleId
		});
		expect(await accounts.getWrappedKeys('acc-fixed-1')).toBe('wrapped');
		expect(await accounts.authHash('acc-fixed-1')).toBe('h:auth-key');
	});

	it('stores null KDF parameters when none are given', async () => {
		const { accounts } = setup();
		const result = await accounts.signUp(signUpInput(), meta());
		if (!result.ok) throw new Error('refused');
		const row = await database.handle.db
			.$extendTables<{ accounts: { id: string; kdf: string | null } }>()
			.selectFrom('accounts')
			.select('kdf')
			.where('id', '=', result.value.account.id)
			.executeTakeFirstOrThrow();
		expect(row.kdf).toBeNull();
	});

	it('refuses a taken login or a taken circle and writes nothing', async () => {
		const { accounts } = setup();
		const first = signUpInput();
		expect((await accounts.signUp(first, meta())).ok).toBe(true);
		const again = signUpInput({ login: first.login });
		expect(await accounts.signUp(again, meta())).toEqual({
			ok: false,
			error: { type: 'login-taken' }
		});
		const circleAgain = signUpInput({ circleId: first.circleId });
		expect(await accounts.signUp(circleAgain, meta())).toEqual({
			ok: false,
			error: { type: 'circle-taken' }
		});
		const db = database.handle.db;
		for (const login of [again.login, circleAgain.login])
			expect(
				await db.selectFrom('accounts').select('id').where('login', '=', login).execute()
			).toHaveLength(login === first.login ? 1 : 0);
		expect(
			await db.selectFrom('circles').select('id').where('id', '=', again.circleId).execute()
		).toEqual([]);
	});

	it('answers login-taken for a lost race (a unique violation) and rethrows anything else', async () => {
		const taken = signUpInput();
		const { accounts: first } = setup({ ids: () => 'acc-race-1' });
		expect((await first.signUp(taken, meta())).ok).toBe(true);
		// Same account id again (a lost race on the primary key): a unique violation.
		const { accounts: racing } = setup({ ids: () => 'acc-race-1' });
		expect(await racing.signUp(signUpInput(), meta())).toEqual({
			ok: false,
			error: { type: 'login-taken' }
		});
		const { accounts: broken } = setup({
			ids: () => {
				throw new Error('no id');
			}
		});
		await expect(broken.signUp(signUpInput(), meta())).rejects.toThrow('no id');
	});

	it('answers login-taken before circle-taken when both are taken', async () => {
		const { accounts } = setup();
		const first = signUpInput();
		expect((await accounts.signUp(first, meta())).ok).toBe(true);
		expect(await accounts.signUp(first, meta())).toEqual({
			ok: false,
			error: { type: 'login-taken' }
		});
	});

	it('fails loudly on a database error other than a unique violation', async () => {
		const { accounts } = setup();
		const input = { ...signUpInput(), wrappedKeys: null as unknown as string };
		await expect(accounts.signUp(input, meta())).rejects.toThrow();
	});

	it('limits sign-ups per address (20 an hour, or the configured number)', async () => {
		const { accounts, taken } = setup({ signupsPerHour: 2 });
		const ip = '198.51.100.20';
		expect((await accounts.signUp(signUpInput(), meta(ip))).ok).toBe(true);
		expect((await accounts.signUp(signUpInput(), meta(ip))).ok).toBe(true);
		const refused = await accounts.signUp(signUpInput(), meta(ip));
		expect(refused).toEqual({
			ok: false,
			error: { type: 'rate-limited', retryAfterSeconds: 3600 }
		});
		expect(taken.map(([subject, rule]) => [subject, rule.limit, rule.windowMs])).toEqual(
			Array.from({ length: 3 }, () => [`signup-ip:${ip}`, 2, 60 * MINUTE])
		);
		expect(SIGNUP_IP_RULE).toEqual({ limit: 20, windowMs: 60 * MINUTE });
		const { accounts: defaults, taken: takenDefault } = setup();
		await defaults.signUp(signUpInput(), meta());
		expect(takenDefault[0]?.[1]).toBe(SIGNUP_IP_RULE);
	});
});

describe('login', () => {
	async function signedUp() {
		const { accounts } = setup();
		const input = signUpInput();
		const result = await accounts.signUp(input, meta());
		if (!result.ok) throw new Error('refused');
		return { input, id: result.value.account.id };
	}

	it('opens a session with the right key and answers the account, its circle and its keys', async () => {
		const { input, id } = await signedUp();
		const { accounts, verified } = setup();
		const result = await accounts.login({ login: input.login, authKey: 'auth-key' }, meta());
		if (!result.ok) throw new Error('refused');
		expect(result.value.account).toEqual({ id, login: input.login, circleId: input.circleId });
		expect(result.value.wrappedKeys).toBe('wrapped');
		expect(result.value.session.account_id).toBe(id);
		expect(result.value.session.id).toBe(sha256Hex(result.value.token));
		expect(verified).toEqual([['h:auth-key', 'auth-key']]);
	});

	it('answers invalid-credentials alike for a wrong key and an unknown login (dummy verify)', async () => {
		const { input } = await signedUp();
		const { accounts, verified } = setup();
		const wrong = await accounts.login({ login: input.login, authKey: 'nope' }, meta());
		const unknown = await accounts.login(
			{ login: 'nobody@example.org', authKey: 'auth-key' },
			meta()
		);
		expect(wrong).toEqual({ ok: false, error: { type: 'invalid-credentials' } });
		expect(unknown).toEqual(wrong);
		expect(verified).toEqual([
			['h:auth-key', 'nope'],
			[null, 'auth-key']
		]);
	});

	it('counts the three limits before the check; success clears the login’s two counters', async () => {
		const { input } = await signedUp();
		const { accounts, taken, reset } = setup();
		const ip = '198.51.100.30';
		await accounts.login({ login: input.login, authKey: 'nope' }, meta(ip));
		expect(taken).toEqual([
			[`login-ip:${ip}`, LOGIN_IP_RULE],
			[`login:${input.login}|ip:${ip}`, LOGIN_ACCOUNT_RULE],
			[`login:${input.login}`, LOGIN_TOTAL_RULE]
		]);
		expect(reset).toEqual([]);
		expect((await accounts.login({ login: input.login, authKey: 'auth-key' }, meta(ip))).ok).toBe(
			true
		);
		expect(reset).toEqual([`login:${input.login}|ip:${ip}`, `login:${input.login}`]);
		expect(LOGIN_ACCOUNT_RULE).toEqual({ limit: 10, windowMs: 15 * MINUTE });
		expect(LOGIN_TOTAL_RULE).toEqual({ limit: 100, windowMs: 15 * MINUTE });
		expect(LOGIN_IP_RULE).toEqual({ limit: 50, windowMs: 15 * MINUTE });
	});

	it('refuses the eleventh try from one address, even with the right key', async () => {
		const { input } = await signedUp();
		const { accounts, verified } = setup();
		const ip = '198.51.100.31';
		for (let i = 0; i < LOGIN_ACCOUNT_RULE.limit; i++)
			await accounts.login({ login: input.login, authKey: 'nope' }, meta(ip));
		const refused = await accounts.login({ login: input.login, authKey: 'auth-key' }, meta(ip));
		expect(refused).toEqual({
			ok: false,
			error: { type: 'rate-limited', retryAfterSeconds: 15 * 60 }
		});
		expect(verified).toHaveLength(LOGIN_ACCOUNT_RULE.limit);
		// Another address is not held by this pair's cap.
		expect(
			(await accounts.login({ login: input.login, authKey: 'auth-key' }, meta('198.51.100.32'))).ok
		).toBe(true);
	});

	it('a known device is not counted against the per-login cap, the others still are', async () => {
		const { input } = await signedUp();
		const { accounts, taken } = setup();
		const ip = '198.51.100.33';
		await accounts.login(
			{ login: input.login, authKey: 'nope' },
			{ ...meta(ip), knownDevice: true }
		);
		expect(taken.map(([subject]) => subject)).toEqual([
			`login-ip:${ip}`,
			`login:${input.login}|ip:${ip}`
		]);
		await accounts.login(
			{ login: input.login, authKey: 'nope' },
			{ ...meta(ip), knownDevice: false }
		);
		expect(taken.map(([subject]) => subject).slice(2)).toEqual([
			`login-ip:${ip}`,
			`login:${input.login}|ip:${ip}`,
			`login:${input.login}`
		]);
	});

	it('refuses when the per-login cap over every address is full, unless the device is known', async () => {
		const { input } = await signedUp();
		const db = database.handle.db;
		await db
			.insertInto('rate_limits')
			.values({
				key: sha256Hex(`login:${input.login}`),
				window_start: NOW,
				count: LOGIN_TOTAL_RULE.limit
			})
			.execute();
		const { accounts } = setup();
		const refused = await accounts.login({ login: input.login, authKey: 'auth-key' }, meta());
		expect(refused.ok || refused.error.type).toBe('rate-limited');
		const known = await accounts.login(
			{ login: input.login, authKey: 'auth-key' },
			{ ...meta(), knownDevice: true }
		);
		expect(known.ok).toBe(true);
	});

	it('asks the second factor after the passphrase, and refuses with its answer', async () => {
		const { input, id } = await signedUp();
		const asked: [string, unknown][] = [];
		let answer:
			{ ok: true; value: null } | { ok: false; error: { type: 'second-factor-required' } } = {
			ok: false,
			error: { type: 'second-factor-required' }
		};
		const { accounts, reset } = setup({
			secondFactor: {
				check: (accountId, given) => {
					asked.push([accountId, given]);
					return Promise.resolve(answer as never);
				}
			}
		});
		expect(await accounts.login({ login: input.login, authKey: 'nope' }, meta())).toEqual({
			ok: false,
			error: { type: 'invalid-credentials' }
		});
		expect(asked).toEqual([]);
		expect(await accounts.login({ login: input.login, authKey: 'auth-key' }, meta())).toEqual(
			answer
		);
		expect(asked).toEqual([[id, {}]]);
		expect(reset).toEqual([]);
		answer = { ok: true, value: null };
		const code = { code: '123456' };
		const passed = await accounts.login(
			{ login: input.login, authKey: 'auth-key', secondFactor: code },
			meta()
		);
		expect(passed.ok).toBe(true);
		expect(asked[1]).toEqual([id, code]);
	});

	it('fails loudly for an account without an owned circle; view answers null for it', async () => {
		const db = database.handle.db;
		const login = `orphan.${randomUUID()}@example.org`;
		await db
			.insertInto('accounts')
			.values({ id: 'orphan-1', login, auth_hash: 'h:k', wrapped_keys: 'w', created_at: 1 })
			.execute();
		const { accounts } = setup();
		await expect(accounts.login({ login, authKey: 'k' }, meta())).rejects.toThrow(
			'account without an owned circle'
		);
		expect(await accounts.view('orphan-1')).toBeNull();
		expect(await accounts.view('nobody')).toBeNull();
		expect(await accounts.getWrappedKeys('nobody')).toBeNull();
		expect(await accounts.authHash('nobody')).toBeNull();
	});
});

describe('account data', () => {
	it('view names the first circle the account owns; setWrappedKeys changes only that account', async () => {
		const { accounts } = setup();
		const a = await accounts.signUp(signUpInput(), meta());
		const b = await accounts.signUp(signUpInput(), meta());
		if (!a.ok || !b.ok) throw new Error('refused');
		const db = database.handle.db;
		// A second circle owned by the same account, created later (or same time, higher id).
		await db
			.insertInto('circles')
			.values({ id: 'zzzz-later', owner_account_id: a.value.account.id, created_at: NOW })
			.execute();
		await db
			.insertInto('circles')
			.values({ id: '0000-earlier', owner_account_id: a.value.account.id, created_at: NOW + 1 })
			.execute();
		expect((await accounts.view(a.value.account.id))?.circleId).toBe(a.value.account.circleId);
		await accounts.setWrappedKeys(a.value.account.id, 'new-keys');
		expect(await accounts.getWrappedKeys(a.value.account.id)).toBe('new-keys');
		expect(await accounts.getWrappedKeys(b.value.account.id)).toBe('wrapped');
	});
});
