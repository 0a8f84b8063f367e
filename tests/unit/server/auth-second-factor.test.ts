// The second factor (server/auth/second-factor.ts) called directly on an in-memory SQLite database:
// fast enough for mutation testing (issue 17). What they pin: enrolment stores an unconfirmed secret
// (and restarts), confirmation by a code writes ten hashed recovery codes and signs every other
// session out; at login a code is accepted once (a replay, even by a parallel request, is refused)
// and a recovery code works once; every attempt is counted per account (10 per 15 min) and a
// success clears the counter; the professional kind needs the factor on and keeps it on. The HTTP
// path runs on both databases in tests/integration/second-factor.int.test.ts.
import { decodeBase32IgnorePadding, encodeHexLowerCase } from '@oslojs/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../../server/auth/rate-limit';
import { createSecondFactor, TOTP_ISSUER } from '../../../server/auth/second-factor';
import type { SecondFactorDatabase } from '../../../server/auth/second-factor-schema';
import { hashRecoveryCode, totpAt, totpStep } from '../../../server/auth/totp';
import { createTestDatabase, type TestDatabase } from '../../fixtures/server/databases';
import { seedAccount } from '../../fixtures/server/seed';

const NOW = Date.UTC(2025, 6, 1, 9, 0, 10);
let database: TestDatabase;
let clock = NOW;
let counter = 0;

beforeAll(async () => {
	database = await createTestDatabase('sqlite', { inMemory: true });
});
afterAll(async () => {
	await database.cleanup();
});

/** Deterministic but distinct bytes on every call. */
const randomBytes = (length: number): Uint8Array => {
	counter += 1;
	return new Uint8Array(length).map((_, i) => (i * 7 + counter * 13) % 256);
};

function factor() {
	const now = () => clock;
	return createSecondFactor({
		db: database.handle,
		now,
		randomBytes,
		limiter: createRateLimiter({ db: database.handle, now })
	});
}

const sf = () => database.handle.db.$extendTables<SecondFactorDatabase>();
const totp = (accountId: string) =>
	sf().selectFrom('account_totp').selectAll().where('account_id', '=', accountId).execute();
const codeHashes = async (accountId: string) =>
	(
		await sf()
			.selectFrom('account_recovery_codes')
			.select('code_hash')
			.where('account_id', '=', accountId)
			.execute()
	)
		.map((r) => r.code_hash)
		.sort();
const rateRows = () => database.handle.db.selectFrom('rate_limits').select(['count']).execute();

async function session(accountId: string, id: string) {
	await database.handle.db
		.insertInto('sessions')
		.values({
			id,
			account_id: accountId,
			created_at: 1,
			expires_at: NOW * 2,
			last_seen_at: 1,
			user_agent: 'ua'
		})
		.execute();
}

/** An account with a confirmed second factor; answers its secret and recovery codes. */
async function enrolled() {
	clock = NOW;
	const accountId = await seedAccount(database.handle);
	const started = await factor().enrol(accountId, 'marie@example.org');
	if (!started.ok) throw new Error('enrol refused');
	const secret = decodeBase32IgnorePadding(started.value.secret);
	const confirmed = await factor().confirm(
		{ accountId, sessionId: 's-none' },
		totpAt(secret, clock)
	);
	if (!confirmed.ok) throw new Error(`confirm refused: ${confirmed.error.type}`);
	return { accountId, secret, codes: confirmed.value.recoveryCodes };
}

describe('enrolment', () => {
	it('stores an unconfirmed secret and answers it with the otpauth URI; the status stays off', async () => {
		clock = NOW;
		const accountId = await seedAccount(database.handle);
		const started = await factor().enrol(accountId, 'marie@example.org');
		if (!started.ok) throw new Error('refused');
		const secret = decodeBase32IgnorePadding(started.value.secret);
		expect(secret.length).toBe(20);
		const uri = new URL(started.value.uri);
		expect(uri.searchParams.get('secret')).toBe(started.value.secret);
		expect(uri.searchParams.get('issuer')).toBe(TOTP_ISSUER);
		expect(decodeURIComponent(uri.pathname)).toContain('marie@example.org');
		expect(await totp(accountId)).toEqual([
			expect.objectContaining({
				secret: encodeHexLowerCase(secret),
				confirmed: 0,
				last_step: null,
				created_at: NOW
			}) as unknown
		]);
		expect(await factor().status(accountId)).toEqual({
			enabled: false,
			recoveryCodesLeft: 0,
			kind: 'person'
		});
		// An unconfirmed factor is not asked at login.
		expect(await factor().check(accountId, {})).toEqual({ ok: true, value: undefined });
		// Enrolling again replaces the pending secret.
		const again = await factor().enrol(accountId, 'marie@example.org');
		expect(again.ok && again.value.secret).not.toBe(started.value.secret);
		expect(await totp(accountId)).toHaveLength(1);
	});

	it('confirms with a code: ten hashed recovery codes, every other session signed out', async () => {
		clock = NOW;
		const accountId = await seedAccount(database.handle);
		const other = await seedAccount(database.handle);
		await session(accountId, `keep-${accountId}`);
		await session(accountId, `drop-${accountId}`);
		await session(other, `other-${other}`);
		const started = await factor().enrol(accountId, 'm');
		if (!started.ok) throw new Error('refused');
		const secret = decodeBase32IgnorePadding(started.value.secret);
		const wrong = await factor().confirm({ accountId, sessionId: 'x' }, '000000');
		expect(wrong).toEqual({ ok: false, error: { type: 'second-factor-invalid' } });
		const confirmed = await factor().confirm(
			{ accountId, sessionId: `keep-${accountId}` },
			totpAt(secret, clock)
		);
		if (!confirmed.ok) throw new Error('refused');
		expect(confirmed.value.revokedSessions).toBe(1);
		expect(confirmed.value.recoveryCodes).toHaveLength(10);
		expect(await codeHashes(accountId)).toEqual(
			confirmed.value.recoveryCodes.map((c) => hashRecoveryCode(c)).sort()
		);
		expect(await totp(accountId)).toEqual([
			expect.objectContaining({ confirmed: 1, last_step: totpStep(clock) }) as unknown
		]);
		const sessions = await database.handle.db.selectFrom('sessions').select('id').execute();
		const ids = sessions.map((s) => s.id);
		expect(ids).toContain(`keep-${accountId}`);
		expect(ids).toContain(`other-${other}`);
		expect(ids).not.toContain(`drop-${accountId}`);
		expect(await factor().status(accountId)).toEqual({
			enabled: true,
			recoveryCodesLeft: 10,
			kind: 'person'
		});
		// Confirmed: nothing pending any more, and enrolling again is refused.
		expect(await factor().confirm({ accountId, sessionId: 'x' }, totpAt(secret, clock))).toEqual({
			ok: false,
			error: { type: 'second-factor-not-pending' }
		});
		expect(await factor().enrol(accountId, 'm')).toEqual({
			ok: false,
			error: { type: 'second-factor-enabled' }
		});
	});

	it('counts confirmation attempts and clears the counter on success', async () => {
		clock = NOW;
		const accountId = await seedAccount(database.handle);
		const started = await factor().enrol(accountId, 'm');
		if (!started.ok) throw new Error('refused');
		const secret = decodeBase32IgnorePadding(started.value.secret);
		for (let i = 0; i < 9; i++) await factor().confirm({ accountId, sessionId: 'x' }, '000000');
		expect((await factor().confirm({ accountId, sessionId: 'x' }, totpAt(secret, clock))).ok).toBe(
			true
		);
		const other = await seedAccount(database.handle);
		const pending = await factor().enrol(other, 'm');
		if (!pending.ok) throw new Error('refused');
		for (let i = 0; i < 10; i++) await factor().confirm({ accountId: other, sessionId: 'x' }, '1');
		const limited = await factor().confirm(
			{ accountId: other, sessionId: 'x' },
			totpAt(decodeBase32IgnorePadding(pending.value.secret), clock)
		);
		expect(!limited.ok && limited.error.type).toBe('rate-limited');
		expect(
			!limited.ok && limited.error.type === 'rate-limited' && limited.error.retryAfterSeconds
		).toBeGreaterThan(0);
	});
});

describe('check at login', () => {
	it('asks for a code, accepts it once, refuses a replay and a wrong code', async () => {
		const { accountId, secret } = await enrolled();
		expect(await factor().check(accountId, {})).toEqual({
			ok: false,
			error: { type: 'second-factor-required' }
		});
		expect(await factor().check(accountId, { code: '  ', recoveryCode: ' ' })).toEqual({
			ok: false,
			error: { type: 'second-factor-required' }
		});
		// The confirmation used this step: the same code is a replay.
		expect(await factor().check(accountId, { code: totpAt(secret, clock) })).toEqual({
			ok: false,
			error: { type: 'second-factor-replayed' }
		});
		clock += 30_000;
		const next = totpAt(secret, clock);
		expect(await factor().check(accountId, { code: ` ${next} ` })).toEqual({
			ok: true,
			value: undefined
		});
		expect((await totp(accountId))[0]?.last_step).toBe(totpStep(clock));
		expect(await factor().check(accountId, { code: next })).toEqual({
			ok: false,
			error: { type: 'second-factor-replayed' }
		});
		const wrong = next === '123456' ? '654321' : '123456';
		expect(await factor().check(accountId, { code: wrong })).toEqual({
			ok: false,
			error: { type: 'second-factor-invalid' }
		});
	});

	it('lets exactly one of two parallel logins with the same code through', async () => {
		const { accountId, secret } = await enrolled();
		clock += 30_000;
		const code = totpAt(secret, clock);
		const results = await Promise.all([
			factor().check(accountId, { code }),
			factor().check(accountId, { code })
		]);
		expect(results.filter((r) => r.ok)).toHaveLength(1);
		expect(results.filter((r) => !r.ok)).toEqual([
			{ ok: false, error: { type: 'second-factor-replayed' } }
		]);
	});

	it('accepts the first code of an account whose last step is unknown', async () => {
		const { accountId, secret } = await enrolled();
		await sf()
			.updateTable('account_totp')
			.set({ last_step: null })
			.where('account_id', '=', accountId)
			.execute();
		expect((await factor().check(accountId, { code: totpAt(secret, clock) })).ok).toBe(true);
		expect((await totp(accountId))[0]?.last_step).toBe(totpStep(clock));
	});

	it('accepts a recovery code once, in any case and spacing, and only the account’s own', async () => {
		const { accountId, codes } = await enrolled();
		const other = await enrolled();
		const first = codes[0] ?? '';
		expect(await factor().check(other.accountId, { recoveryCode: first })).toEqual({
			ok: false,
			error: { type: 'second-factor-invalid' }
		});
		expect(
			await factor().check(accountId, {
				recoveryCode: ` ${first.toUpperCase().replaceAll('-', ' ')} `
			})
		).toEqual({ ok: true, value: undefined });
		expect(await factor().check(accountId, { recoveryCode: first })).toEqual({
			ok: false,
			error: { type: 'second-factor-invalid' }
		});
		expect((await factor().status(accountId)).recoveryCodesLeft).toBe(9);
		expect((await factor().status(other.accountId)).recoveryCodesLeft).toBe(10);
	});

	it('counts every attempt per account (10 per 15 min) and clears the count on success', async () => {
		const { accountId, secret } = await enrolled();
		const wrong = (n: number) => factor().check(accountId, { code: String(n).padStart(6, '9') });
		for (let i = 0; i < 9; i++) await wrong(i);
		clock += 30_000;
		expect((await factor().check(accountId, { code: totpAt(secret, clock) })).ok).toBe(true);
		// Cleared: ten more wrong tries before the limit.
		for (let i = 0; i < 10; i++)
			expect(await wrong(i)).toEqual({ ok: false, error: { type: 'second-factor-invalid' } });
		clock += 30_000;
		const limited = await factor().check(accountId, { code: totpAt(secret, clock) });
		expect(!limited.ok && limited.error.type).toBe('rate-limited');
		expect((await rateRows()).length).toBeGreaterThan(0);
	});
});

describe('turning off and the professional kind', () => {
	it('turns off with a code, deleting the secret and the recovery codes', async () => {
		const { accountId, secret } = await enrolled();
		expect(await factor().disable(accountId, {})).toEqual({
			ok: false,
			error: { type: 'second-factor-required' }
		});
		expect((await factor().status(accountId)).enabled).toBe(true);
		clock += 30_000;
		expect(await factor().disable(accountId, { code: totpAt(secret, clock) })).toEqual({
			ok: true,
			value: undefined
		});
		expect(await totp(accountId)).toEqual([]);
		expect(await codeHashes(accountId)).toEqual([]);
		expect(await factor().check(accountId, {})).toEqual({ ok: true, value: undefined });
		// Already off: nothing to check.
		expect(await factor().disable(accountId, {})).toEqual({ ok: true, value: undefined });
	});

	it('makes an account professional only with the factor on, and keeps it on', async () => {
		clock = NOW;
		const plain = await seedAccount(database.handle);
		expect(await factor().setKind(plain, 'professional')).toEqual({
			ok: false,
			error: { type: 'professional-needs-second-factor' }
		});
		expect(await factor().isProfessional(plain)).toBe(false);
		expect(await factor().setKind(plain, 'person')).toEqual({ ok: true, value: undefined });
		const { accountId, secret } = await enrolled();
		expect(await factor().setKind(accountId, 'professional')).toEqual({
			ok: true,
			value: undefined
		});
		expect(await factor().isProfessional(accountId)).toBe(true);
		expect((await factor().status(accountId)).kind).toBe('professional');
		clock += 30_000;
		expect(await factor().disable(accountId, { code: totpAt(secret, clock) })).toEqual({
			ok: false,
			error: { type: 'professional-needs-second-factor' }
		});
		expect((await factor().status(accountId)).enabled).toBe(true);
		// Back to person (an update of the same row), then it may be turned off.
		expect(await factor().setKind(accountId, 'person')).toEqual({ ok: true, value: undefined });
		expect(await factor().isProfessional(accountId)).toBe(false);
		expect((await factor().status(accountId)).kind).toBe('person');
		expect((await factor().disable(accountId, { code: totpAt(secret, clock) })).ok).toBe(true);
	});

	it('is not professional when the kind says so but the factor is gone', async () => {
		const { accountId } = await enrolled();
		await factor().setKind(accountId, 'professional');
		await sf().deleteFrom('account_totp').where('account_id', '=', accountId).execute();
		expect(await factor().isProfessional(accountId)).toBe(false);
	});
});
