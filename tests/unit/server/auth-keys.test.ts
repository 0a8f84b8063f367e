// The server secret, pre-login KDF parameters, passphrase change and housekeeping
// (server/auth/server-secret.ts, kdf-params.ts, rekey.ts, maintenance.ts) on an in-memory SQLite
// database: fast enough for mutation testing (issue 17). What they pin: one secret per database,
// fake parameters that do not tell whether an account exists, rekey only with the current key
// (rate-limited, other sessions revoked), and deletes that keep what is still needed.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicKdf } from '../../../src/lib/contracts/auth';
import { LOGIN_ACCOUNT_RULE } from '../../../server/auth/accounts';
import {
	FAKE_KDF_COSTS,
	PARAMS_IP_RULE,
	createKdfParamsLookup,
	fakeKdf,
	storedKdf
} from '../../../server/auth/kdf-params';
import {
	ENVELOPE_VERSION_RETENTION_MS,
	RATE_LIMIT_RETENTION_MS,
	compactEnvelopes,
	pruneExpired
} from '../../../server/auth/maintenance';
import type { Hasher } from '../../../server/auth/passwords';
import { createRateLimiter, type RateLimiter } from '../../../server/auth/rate-limit';
import { createRekey } from '../../../server/auth/rekey';
import { SERVER_SECRET_NAME, createServerSecret } from '../../../server/auth/server-secret';
import { sha256Hex } from '../../../server/auth/tokens';
import { createTestDatabase, type TestDatabase } from '../../fixtures/server/databases';
import { seedAccount, seedCircle } from '../../fixtures/server/seed';

const NOW = Date.UTC(2025, 0, 6, 9);
const DAY = 24 * 60 * 60 * 1000;
let database: TestDatabase;

beforeAll(async () => {
	database = await createTestDatabase('sqlite', { inMemory: true });
});
afterAll(async () => {
	await database.cleanup();
});

const kdf = (salt = 'c2FsdHNhbHRzYWx0c2FsdA'): PublicKdf => ({
	alg: 'argon2id',
	memoryKiB: 32 * 1024,
	iterations: 3,
	parallelism: 1,
	salt
});

describe('server secret', () => {
	it('derives from the operator’s value when set, without touching the database', async () => {
		const fresh = await createTestDatabase('sqlite', { inMemory: true });
		try {
			const secret = createServerSecret({
				db: fresh.handle,
				now: () => NOW,
				randomBytes: () => {
					throw new Error('no randomness needed');
				},
				fromEnv: 'abc'
			});
			expect(Buffer.from(await secret()).toString('hex')).toBe(sha256Hex('abc'));
			const rows = await fresh.handle.db
				.selectFrom('server_secrets' as never)
				.selectAll()
				.execute();
			expect(rows).toEqual([]);
		} finally {
			await fresh.cleanup();
		}
	});

	it('stores one random secret per database (an empty env value counts as unset), read once', async () => {
		const fresh = await createTestDatabase('sqlite', { inMemory: true });
		try {
			const asked: number[] = [];
			const first = createServerSecret({
				db: fresh.handle,
				now: () => NOW,
				randomBytes: (length) => {
					asked.push(length);
					return new Uint8Array(length).fill(1);
				},
				fromEnv: ''
			});
			const value = await first();
			expect(asked).toEqual([32]);
			expect(value).toEqual(new Uint8Array(32).fill(1));
			expect(await first()).toBe(value);
			expect(asked).toEqual([32]);
			const second = createServerSecret({
				db: fresh.handle,
				now: () => NOW + 1,
				randomBytes: (length) => new Uint8Array(length).fill(2)
			});
			expect(await second()).toEqual(value);
			const rows = await fresh.handle.db
				.selectFrom('server_secrets' as never)
				.selectAll()
				.execute();
			expect(rows).toEqual([
				{
					name: SERVER_SECRET_NAME,
					value: Buffer.from(new Uint8Array(32).fill(1)).toString('base64url'),
					created_at: NOW
				}
			]);
		} finally {
			await fresh.cleanup();
		}
	});

	it('tries again after a failure instead of caching it', async () => {
		const fresh = await createTestDatabase('sqlite', { inMemory: true });
		try {
			let fail = true;
			const secret = createServerSecret({
				db: fresh.handle,
				now: () => NOW,
				randomBytes: (length) => {
					if (fail) throw new Error('entropy');
					return new Uint8Array(length).fill(3);
				}
			});
			await expect(secret()).rejects.toThrow('entropy');
			fail = false;
			expect(await secret()).toEqual(new Uint8Array(32).fill(3));
		} finally {
			await fresh.cleanup();
		}
	});
});

describe('KDF parameters', () => {
	const secret = new Uint8Array(32).fill(9);

	it('fakes stable parameters from the secret and the login: default costs, 16-byte salt', () => {
		const fake = fakeKdf(secret, 'marie@example.org');
		const mac = createHmac('sha256', secret)
			.update('cercle/kdf-salt\u0000marie@example.org')
			.digest();
		expect(fake).toEqual({
			alg: 'argon2id',
			memoryKiB: 19 * 1024,
			iterations: 2,
			parallelism: 1,
			salt: mac.subarray(0, 16).toString('base64url')
		});
		expect(FAKE_KDF_COSTS).toEqual({ memoryKiB: 19 * 1024, iterations: 2, parallelism: 1 });
		expect(fake.salt).toHaveLength(22);
		expect(fakeKdf(secret, 'claire@example.org').salt).not.toBe(fake.salt);
		expect(fakeKdf(new Uint8Array(32), 'marie@example.org').salt).not.toBe(fake.salt);
	});

	it('reads stored parameters, or null when absent, not JSON or not parameters', () => {
		expect(storedKdf(JSON.stringify(kdf()))).toEqual(kdf());
		expect(storedKdf(null)).toBeNull();
		expect(storedKdf(undefined)).toBeNull();
		expect(storedKdf('{')).toBeNull();
		expect(storedKdf(JSON.stringify({ ...kdf(), iterations: 1 }))).toBeNull();
	});

	it('answers the stored parameters of an account, fake ones otherwise, rate-limited per IP', async () => {
		const handle = database.handle;
		const login = `kdf.${Date.now()}@example.org`;
		const id = await seedAccount(handle);
		await handle.db.updateTable('accounts').set({ login }).where('id', '=', id).execute();
		await handle.db
			.$extendTables<{ accounts: { id: string; kdf: string | null } }>()
			.updateTable('accounts')
			.set({ kdf: JSON.stringify(kdf()) })
			.where('id', '=', id)
			.execute();
		const taken: [string, number][] = [];
		let wait = 0;
		const limiter: RateLimiter = {
			take: (subject, rule) => {
				taken.push([subject, rule.limit]);
				return Promise.resolve(wait);
			},
			reset: () => Promise.resolve()
		};
		const lookup = createKdfParamsLookup({
			db: handle,
			limiter,
			secret: () => Promise.resolve(secret)
		});
		expect(await lookup(login, '198.51.100.4')).toEqual({ ok: true, value: kdf() });
		expect(await lookup('nobody@example.org', '198.51.100.4')).toEqual({
			ok: true,
			value: fakeKdf(secret, 'nobody@example.org')
		});
		// An account created before parameters were stored gets the fake ones too.
		const old = await seedAccount(handle);
		expect(await lookup(`${old}@example.org`, '198.51.100.4')).toEqual({
			ok: true,
			value: fakeKdf(secret, `${old}@example.org`)
		});
		expect(taken).toEqual([
			['params-ip:198.51.100.4', PARAMS_IP_RULE.limit],
			['params-ip:198.51.100.4', PARAMS_IP_RULE.limit],
			['params-ip:198.51.100.4', PARAMS_IP_RULE.limit]
		]);
		expect(PARAMS_IP_RULE).toEqual({ limit: 50, windowMs: 15 * 60 * 1000 });
		wait = 7;
		expect(await lookup(login, '198.51.100.4')).toEqual({
			ok: false,
			error: { type: 'rate-limited', retryAfterSeconds: 7 }
		});
	});
});

describe('rekey', () => {
	// A hasher that is not about hashing: "h:" + secret.
	const hasher: Hasher = {
		hash: (secret) => Promise.resolve(`h:${secret}`),
		verify: (stored, secret) => Promise.resolve(stored === `h:${secret}`)
	};

	async function accountWithSessions() {
		const handle = database.handle;
		const id = await seedAccount(handle);
		await handle.db
			.updateTable('accounts')
			.set({ auth_hash: 'h:old' })
			.where('id', '=', id)
			.execute();
		const other = await seedAccount(handle);
		for (const [sid, account] of [
			[`${id}-a`, id],
			[`${id}-b`, id],
			[`${id}-c`, id],
			[`${other}-a`, other]
		] as const)
			await handle.db
				.insertInto('sessions')
				.values({
					id: sid,
					account_id: account,
					created_at: NOW,
					expires_at: NOW + DAY,
					last_seen_at: NOW,
					user_agent: 'ua'
				})
				.execute();
		return {
			id,
			other,
			session: { accountId: id, login: `${id}@example.org`, sessionId: `${id}-a` }
		};
	}

	const sessionIds = async (accountId: string) =>
		(
			await database.handle.db
				.selectFrom('sessions')
				.select('id')
				.where('account_id', '=', accountId)
				.orderBy('id')
				.execute()
		).map((r) => r.id);

	it('with the current key: new hash, parameters and keys; every other session revoked', async () => {
		const handle = database.handle;
		const { id, other, session } = await accountWithSessions();
		const limiter = createRateLimiter({ db: handle, now: () => NOW });
		const rekey = createRekey({ db: handle, hasher, limiter });
		// Two wrong tries first: counted, then forgotten once the right key is given.
		await rekey(session, { currentAuthKey: 'bad', authKey: 'new', kdf: kdf(), wrappedKeys: 'wk' });
		const result = await rekey(session, {
			currentAuthKey: 'old',
			authKey: 'new',
			kdf: kdf(),
			wrappedKeys: 'wk-2'
		});
		expect(result).toEqual({ ok: true, value: { wrappedKeys: 'wk-2', revokedSessions: 2 } });
		const row = await handle.db
			.$extendTables<{ accounts: { id: string; kdf: string | null } }>()
			.selectFrom('accounts')
			.select(['auth_hash', 'kdf', 'wrapped_keys'])
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(row).toEqual({ auth_hash: 'h:new', kdf: JSON.stringify(kdf()), wrapped_keys: 'wk-2' });
		expect(await sessionIds(id)).toEqual([`${id}-a`]);
		expect(await sessionIds(other)).toEqual([`${other}-a`]);
		const counter = await handle.db
			.selectFrom('rate_limits')
			.selectAll()
			.where('key', '=', sha256Hex(`reauth:${id}`))
			.execute();
		expect(counter).toEqual([]);
		const otherRow = await handle.db
			.selectFrom('accounts')
			.select('auth_hash')
			.where('id', '=', other)
			.executeTakeFirstOrThrow();
		expect(otherRow.auth_hash).toBe('h');
	});

	it('refuses a wrong current key and changes nothing', async () => {
		const handle = database.handle;
		const { id, session } = await accountWithSessions();
		const rekey = createRekey({
			db: handle,
			hasher,
			limiter: createRateLimiter({ db: handle, now: () => NOW })
		});
		expect(
			await rekey(session, { currentAuthKey: 'new', authKey: 'new', kdf: kdf(), wrappedKeys: 'wk' })
		).toEqual({ ok: false, error: { type: 'invalid-credentials' } });
		expect(await sessionIds(id)).toHaveLength(3);
		const row = await handle.db
			.selectFrom('accounts')
			.select(['auth_hash', 'wrapped_keys'])
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(row).toEqual({ auth_hash: 'h:old', wrapped_keys: 'w' });
	});

	it('answers unauthenticated for an account that no longer exists', async () => {
		const handle = database.handle;
		const rekey = createRekey({
			db: handle,
			hasher,
			limiter: createRateLimiter({ db: handle, now: () => NOW })
		});
		expect(
			await rekey(
				{ accountId: 'gone', login: 'gone@example.org', sessionId: 's' },
				{ currentAuthKey: 'old', authKey: 'new', kdf: kdf(), wrappedKeys: 'wk' }
			)
		).toEqual({ ok: false, error: { type: 'unauthenticated' } });
	});

	it('counts every try against the per-login limit and refuses past it, even the right key', async () => {
		const handle = database.handle;
		const { session } = await accountWithSessions();
		const rekey = createRekey({
			db: handle,
			hasher,
			limiter: createRateLimiter({ db: handle, now: () => NOW })
		});
		const wrong = { currentAuthKey: 'bad', authKey: 'new', kdf: kdf(), wrappedKeys: 'wk' };
		for (let i = 0; i < LOGIN_ACCOUNT_RULE.limit; i++)
			expect((await rekey(session, wrong)).ok).toBe(false);
		const refused = await rekey(session, { ...wrong, currentAuthKey: 'old' });
		expect(refused).toEqual({
			ok: false,
			error: { type: 'rate-limited', retryAfterSeconds: LOGIN_ACCOUNT_RULE.windowMs / 1000 }
		});
	});
});

describe('housekeeping', () => {
	it('deletes expired sessions and old rate-limit windows, keeping the others', async () => {
		const fresh = await createTestDatabase('sqlite', { inMemory: true });
		try {
			const handle = fresh.handle;
			const account = await seedAccount(handle);
			for (const [id, expires] of [
				['gone', NOW],
				['kept', NOW + 1]
			] as const)
				await handle.db
					.insertInto('sessions')
					.values({
						id,
						account_id: account,
						created_at: 0,
						expires_at: expires,
						last_seen_at: 0,
						user_agent: 'ua'
					})
					.execute();
			await handle.db
				.insertInto('rate_limits')
				.values([
					{ key: 'old', window_start: NOW - RATE_LIMIT_RETENTION_MS, count: 1 },
					{ key: 'recent', window_start: NOW - RATE_LIMIT_RETENTION_MS + 1, count: 1 }
				])
				.execute();
			expect(RATE_LIMIT_RETENTION_MS).toBe(DAY);
			expect(await pruneExpired(handle, NOW)).toEqual({
				sessions: 1,
				rateLimits: 1,
				envelopeVersions: 0
			});
			expect(
				(await handle.db.selectFrom('sessions').select('id').execute()).map((r) => r.id)
			).toEqual(['kept']);
			expect(
				(await handle.db.selectFrom('rate_limits').select('key').execute()).map((r) => r.key)
			).toEqual(['recent']);
		} finally {
			await fresh.cleanup();
		}
	});

	it('compacts only superseded versions older than 30 days, per record and circle', async () => {
		const fresh = await createTestDatabase('sqlite', { inMemory: true });
		try {
			const handle = fresh.handle;
			const mine = await seedCircle(handle);
			const theirs = await seedCircle(handle);
			const old = NOW - ENVELOPE_VERSION_RETENTION_MS - 1;
			const edge = NOW - ENVELOPE_VERSION_RETENTION_MS;
			const row = (circle: string, seq: number, record: string, hlc: string, at: number) => ({
				circle_id: circle,
				seq,
				record_id: record,
				hlc,
				category: 'notes',
				key_id: 'k',
				device_id: 'd',
				iv: 'iv',
				ciphertext: 'c',
				deleted: 0,
				received_at: at
			});
			await handle.db
				.insertInto('envelopes')
				.values([
					row(mine.circleId, 1, 'r1', 'h1', old), // superseded, old: deleted
					row(mine.circleId, 2, 'r1', 'h2', old), // newest of r1: kept however old
					row(mine.circleId, 3, 'r2', 'h1', edge), // superseded but exactly 30 days: kept
					row(mine.circleId, 4, 'r2', 'h2', NOW),
					row(mine.circleId, 5, 'r3', 'h5', old), // a newer seq with a lower HLC: r3 h5 wins
					row(mine.circleId, 6, 'r3', 'h4', NOW),
					row(theirs.circleId, 1, 'r4', 'h1', old), // newer version in another circle only
					row(mine.circleId, 7, 'r4', 'h2', NOW)
				])
				.execute();
			expect(ENVELOPE_VERSION_RETENTION_MS).toBe(30 * DAY);
			expect(await compactEnvelopes(handle, NOW)).toBe(1);
			const left = await handle.db
				.selectFrom('envelopes')
				.select(['circle_id', 'seq'])
				.orderBy('circle_id')
				.orderBy('seq')
				.execute();
			expect(left.filter((r) => r.circle_id === mine.circleId).map((r) => r.seq)).toEqual([
				2, 3, 4, 5, 6, 7
			]);
			expect(left.filter((r) => r.circle_id === theirs.circleId).map((r) => r.seq)).toEqual([1]);
			expect(await compactEnvelopes(handle, NOW)).toBe(0);
		} finally {
			await fresh.cleanup();
		}
	});
});
