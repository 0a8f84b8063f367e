// Sessions, their tokens and cookies, and the "known device" cookie (server/auth/sessions.ts,
// tokens.ts, cookie.ts, known-device.ts), on an in-memory SQLite database: fast enough for
// mutation testing (issue 17). What they pin: only the token's hash is stored, a session expires
// at its end and slides when less than 15 days remain, revoking is per account, and the cookies
// carry their security attributes. The HTTP path runs on both databases in auth.int.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	CLEAR_SITE_DATA,
	SESSION_COOKIE,
	clearSessionCookie,
	readSessionToken,
	serializeSessionCookie
} from '../../../server/auth/cookie';
import {
	KNOWN_DEVICE_COOKIE,
	isKnownDevice,
	knownDeviceToken,
	readKnownDeviceToken,
	serializeKnownDeviceCookie
} from '../../../server/auth/known-device';
import {
	SESSION_LIFETIME_MS,
	SESSION_RENEW_BELOW_MS,
	createSessions
} from '../../../server/auth/sessions';
import {
	TOKEN_BYTES,
	generateSessionToken,
	isWellFormedToken,
	sessionIdFromToken,
	sha256Hex
} from '../../../server/auth/tokens';
import { userAgentLabel } from '../../../server/auth/user-agent';
import { createTestDatabase, type TestDatabase } from '../../fixtures/server/databases';
import { seedAccount } from '../../fixtures/server/seed';

const DAY = 24 * 60 * 60 * 1000;
const MINUTE = 60 * 1000;
const START = Date.UTC(2025, 0, 6, 9);
let database: TestDatabase;

beforeAll(async () => {
	database = await createTestDatabase('sqlite', { inMemory: true });
});
afterAll(async () => {
	await database.cleanup();
});

let fill = 0;
const bytes = (length: number): Uint8Array => new Uint8Array(length).fill((fill += 1) % 256);

function sessionsAt(start = START) {
	let now = start;
	const sessions = createSessions({ db: database.handle, now: () => now, randomBytes: bytes });
	return {
		sessions,
		set(at: number) {
			now = at;
		}
	};
}

async function rows(accountId: string) {
	return database.handle.db
		.selectFrom('sessions')
		.selectAll()
		.where('account_id', '=', accountId)
		.orderBy('created_at')
		.execute();
}

describe('session tokens', () => {
	it('are 160 random bits in lowercase base32, and only their SHA-256 hex is an id', () => {
		const asked: number[] = [];
		const token = generateSessionToken((length) => {
			asked.push(length);
			return new Uint8Array(length).fill(255);
		});
		expect(asked).toEqual([TOKEN_BYTES]);
		expect(TOKEN_BYTES).toBe(20);
		expect(token).toBe('7'.repeat(32));
		expect(isWellFormedToken(token)).toBe(true);
		expect(sessionIdFromToken('abc')).toBe(
			'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
		);
		expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
	});

	it('refuses anything but 32 characters of lowercase base32', () => {
		for (const bad of [
			'a'.repeat(31),
			'a'.repeat(33),
			`${'a'.repeat(31)}A`,
			`${'a'.repeat(31)}1`,
			` ${'a'.repeat(32)}`,
			`${'a'.repeat(32)}\n`,
			''
		])
			expect(isWellFormedToken(bad)).toBe(false);
		for (const digit of ['0', '1', '8', '9', '-', '_'])
			expect(isWellFormedToken(`${'a'.repeat(31)}${digit}`)).toBe(false);
		expect(isWellFormedToken('abcdefghijklmnopqrstuvwxyz234567')).toBe(true);
	});
});

describe('sessions', () => {
	it('creates a 30-day session stored under the token’s hash, never the token', async () => {
		const account = await seedAccount(database.handle);
		const { sessions } = sessionsAt();
		const { token, session } = await sessions.create(account, 'Firefox on Linux');
		expect(isWellFormedToken(token)).toBe(true);
		expect(session).toEqual({
			id: sessionIdFromToken(token),
			account_id: account,
			created_at: START,
			expires_at: START + 30 * DAY,
			last_seen_at: START,
			user_agent: 'Firefox on Linux'
		});
		expect(SESSION_LIFETIME_MS).toBe(30 * DAY);
		expect(await rows(account)).toEqual([session]);
		const valid = await sessions.validate(token);
		expect(valid?.account).toEqual({ id: account, login: `${account}@example.org` });
		expect(valid?.renewed).toBe(false);
		expect(valid?.session).toEqual(session);
		// The stored id is not a token: presenting it does not log in.
		expect(await sessions.validate(session.id.slice(0, 32))).toBeNull();
	});

	it('refuses a malformed or unknown token', async () => {
		const { sessions } = sessionsAt();
		expect(await sessions.validate('A'.repeat(32))).toBeNull();
		expect(await sessions.validate('a'.repeat(32))).toBeNull();
		// A row under the hash of a malformed token (none is ever issued) is never looked up.
		const account = await seedAccount(database.handle);
		const malformed = 'A'.repeat(32);
		await database.handle.db
			.insertInto('sessions')
			.values({
				id: sessionIdFromToken(malformed),
				account_id: account,
				created_at: START,
				expires_at: START + SESSION_LIFETIME_MS,
				last_seen_at: START,
				user_agent: 'ua'
			})
			.execute();
		expect(await sessions.validate(malformed)).toBeNull();
	});

	it('expires at its end exactly and deletes the row', async () => {
		const account = await seedAccount(database.handle);
		const clock = sessionsAt();
		const { token } = await clock.sessions.create(account, 'ua');
		clock.set(START + SESSION_LIFETIME_MS - 1);
		expect(await clock.sessions.validate(token)).not.toBeNull();
		const renewedEnd = START + SESSION_LIFETIME_MS - 1 + SESSION_LIFETIME_MS;
		clock.set(renewedEnd);
		expect(await clock.sessions.validate(token)).toBeNull();
		expect(await rows(account)).toEqual([]);
	});

	it('slides when less than 15 days remain, and not before', async () => {
		const account = await seedAccount(database.handle);
		const clock = sessionsAt();
		const { token } = await clock.sessions.create(account, 'ua');
		expect(SESSION_RENEW_BELOW_MS).toBe(15 * DAY);
		// Exactly 15 days left: no renewal (only last_seen moves).
		const at15 = START + SESSION_LIFETIME_MS - SESSION_RENEW_BELOW_MS;
		clock.set(at15);
		const kept = await clock.sessions.validate(token);
		expect(kept?.renewed).toBe(false);
		expect(kept?.session.expires_at).toBe(START + SESSION_LIFETIME_MS);
		expect(kept?.session.last_seen_at).toBe(at15);
		clock.set(at15 + 1);
		const renewed = await clock.sessions.validate(token);
		expect(renewed?.renewed).toBe(true);
		expect(renewed?.session.expires_at).toBe(at15 + 1 + SESSION_LIFETIME_MS);
		expect(renewed?.session.last_seen_at).toBe(at15 + 1);
		expect(renewed?.account.id).toBe(account);
		const [row] = await rows(account);
		expect(row?.expires_at).toBe(at15 + 1 + SESSION_LIFETIME_MS);
		expect(row?.last_seen_at).toBe(at15 + 1);
	});

	it('records last seen at a five-minute granularity', async () => {
		const account = await seedAccount(database.handle);
		const clock = sessionsAt();
		const { token } = await clock.sessions.create(account, 'ua');
		clock.set(START + 5 * MINUTE - 1);
		expect((await clock.sessions.validate(token))?.session.last_seen_at).toBe(START);
		expect((await rows(account))[0]?.last_seen_at).toBe(START);
		clock.set(START + 5 * MINUTE);
		const seen = await clock.sessions.validate(token);
		expect(seen?.session.last_seen_at).toBe(START + 5 * MINUTE);
		expect(seen?.renewed).toBe(false);
		expect(seen?.session.expires_at).toBe(START + SESSION_LIFETIME_MS);
		expect((await rows(account))[0]?.last_seen_at).toBe(START + 5 * MINUTE);
	});

	it('prunes the account’s expired sessions on create, and only those', async () => {
		const account = await seedAccount(database.handle);
		const other = await seedAccount(database.handle);
		const clock = sessionsAt();
		const old = await clock.sessions.create(account, 'old');
		const othersOld = await clock.sessions.create(other, 'old');
		clock.set(START + 10 * DAY);
		const live = await clock.sessions.create(account, 'live');
		clock.set(START + SESSION_LIFETIME_MS);
		const fresh = await clock.sessions.create(account, 'fresh');
		expect((await rows(account)).map((r) => r.id)).toEqual([live.session.id, fresh.session.id]);
		expect((await rows(other)).map((r) => r.id)).toEqual([othersOld.session.id]);
		expect(old.session.id).not.toBe(live.session.id);
	});

	it('lists an account’s live sessions, most recently seen first', async () => {
		const account = await seedAccount(database.handle);
		const other = await seedAccount(database.handle);
		const clock = sessionsAt();
		const first = await clock.sessions.create(account, 'first');
		clock.set(START + 10 * MINUTE);
		const second = await clock.sessions.create(account, 'second');
		await clock.sessions.create(other, 'other');
		clock.set(START + 20 * MINUTE);
		await clock.sessions.validate(first.token);
		expect((await clock.sessions.list(account)).map((s) => s.user_agent)).toEqual([
			'first',
			'second'
		]);
		clock.set(START + 10 * MINUTE + SESSION_LIFETIME_MS);
		expect((await clock.sessions.list(account)).map((s) => s.user_agent)).toEqual([]);
		clock.set(START + 10 * MINUTE + SESSION_LIFETIME_MS - 1);
		expect((await clock.sessions.list(account)).map((s) => s.id)).toEqual([second.session.id]);
	});

	it('revokes one session of its own account only; revokeAll ends every one', async () => {
		const account = await seedAccount(database.handle);
		const other = await seedAccount(database.handle);
		const { sessions } = sessionsAt();
		const a = await sessions.create(account, 'a');
		const b = await sessions.create(account, 'b');
		const theirs = await sessions.create(other, 'c');
		expect(await sessions.revoke(account, theirs.session.id)).toBe(false);
		expect(await sessions.validate(theirs.token)).not.toBeNull();
		expect(await sessions.revoke(account, a.session.id)).toBe(true);
		expect(await sessions.revoke(account, a.session.id)).toBe(false);
		expect(await sessions.validate(a.token)).toBeNull();
		expect(await sessions.validate(b.token)).not.toBeNull();
		await sessions.create(account, 'c');
		await sessions.revokeAll(account);
		expect(await rows(account)).toEqual([]);
		expect((await rows(other)).length).toBe(1);
	});
});

describe('cookies', () => {
	it('session cookie: __Host-, HttpOnly, Secure, Lax, Max-Age in whole seconds, never negative', () => {
		expect(SESSION_COOKIE).toBe('__Host-cercle_session');
		expect(serializeSessionCookie('tok', 10_000 + 2_600, 10_000)).toBe(
			'__Host-cercle_session=tok; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=3'
		);
		expect(serializeSessionCookie('tok', 10_000 + 2_400, 10_000)).toMatch(/Max-Age=2$/);
		expect(serializeSessionCookie('tok', 5_000, 10_000)).toMatch(/Max-Age=0$/);
		expect(clearSessionCookie()).toBe(
			'__Host-cercle_session=; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=0'
		);
		expect(CLEAR_SITE_DATA).toBe('"cache", "cookies"');
	});

	it('reads the session token among other cookies, trimmed, and null when absent', () => {
		const req = (cookie?: string) =>
			new Request('https://cercle.test/', cookie === undefined ? {} : { headers: { cookie } });
		expect(readSessionToken(req())).toBeNull();
		expect(readSessionToken(req('a=1; other'))).toBeNull();
		expect(readSessionToken(req('x__Host-cercle_session=no'))).toBeNull();
		expect(readSessionToken(req('flag; a=1;  __Host-cercle_session = tok ; b=2'))).toBe('tok');
		expect(readSessionToken(req('__Host-cercle_session=t=k'))).toBe('t=k');
		// A part without `=` is no cookie, even one that starts with the name.
		expect(readSessionToken(req('__Host-cercle_sessionX; a=1'))).toBeNull();
	});

	it('known-device cookie: HMAC of the login under the secret, one year, Strict', () => {
		const secret = new Uint8Array(32).fill(7);
		const token = knownDeviceToken(secret, 'marie@example.org');
		expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(knownDeviceToken(secret, 'claire@example.org')).not.toBe(token);
		expect(knownDeviceToken(new Uint8Array(32).fill(8), 'marie@example.org')).not.toBe(token);
		expect(serializeKnownDeviceCookie(token)).toBe(
			`__Host-cercle_known=${token}; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=31536000`
		);
		expect(KNOWN_DEVICE_COOKIE).toBe('__Host-cercle_known');
		expect(isKnownDevice(secret, 'marie@example.org', token)).toBe(true);
		expect(isKnownDevice(secret, 'claire@example.org', token)).toBe(false);
		expect(isKnownDevice(secret, 'marie@example.org', null)).toBe(false);
		expect(isKnownDevice(secret, 'marie@example.org', token.slice(0, -1))).toBe(false);
		expect(isKnownDevice(secret, 'marie@example.org', `${token}A`)).toBe(false);
		expect(isKnownDevice(secret, 'marie@example.org', `${token.slice(0, -1)}A`)).toBe(
			token.endsWith('A')
		);
		const req = (cookie?: string) =>
			new Request('https://cercle.test/', cookie === undefined ? {} : { headers: { cookie } });
		expect(readKnownDeviceToken(req())).toBeNull();
		expect(readKnownDeviceToken(req('a=1; novalue'))).toBeNull();
		expect(readKnownDeviceToken(req('a=1;  __Host-cercle_known = abc ;b=2'))).toBe('abc');
		expect(readKnownDeviceToken(req('__Host-cercle_knownX; b=2'))).toBeNull();
	});

	it('labels a user agent coarsely', () => {
		expect(userAgentLabel(null)).toBe('Unknown device');
		expect(userAgentLabel('curl/8')).toBe('Browser');
		expect(
			userAgentLabel('Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0')
		).toBe('Firefox on Linux');
		expect(userAgentLabel('Mozilla/5.0 (Windows NT 10.0) Chrome/120 Safari/537 Edg/120')).toBe(
			'Edge on Windows'
		);
		expect(
			userAgentLabel('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Safari/604')
		).toBe('Safari on iOS');
		expect(userAgentLabel('Mozilla/5.0 (Linux; Android 14) Chromium/120')).toBe(
			'Chrome on Android'
		);
		expect(userAgentLabel('Mozilla/5.0 (Macintosh) Safari/605')).toBe('Safari on macOS');
		expect(userAgentLabel('Mozilla/5.0 (Intel Mac OS X 14_0) Firefox/128')).toBe(
			'Firefox on macOS'
		);
		expect(userAgentLabel('Mozilla/5.0 (iPad; CPU OS 17_0) Safari/604')).toBe('Safari on iOS');
		expect(userAgentLabel('Mozilla/5.0 (iPod touch) Safari/604')).toBe('Safari on iOS');
		expect(userAgentLabel('Mozilla/5.0 (X11; CrOS x86_64) Chrome/120')).toBe('Chrome on ChromeOS');
	});
});
