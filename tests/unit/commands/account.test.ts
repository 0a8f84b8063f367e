// The account commands (commands/account.ts) on a fake server that records what it was asked, with
// real vaults (fake-indexeddb, real Argon2id and WebCrypto): what each sends, in which order, what
// it answers, and that a refusal writes nothing (no vault replaced, no account forgotten).
import { beforeAll, describe, expect, it } from 'vitest';
import {
	deleteAccount,
	forgetDevice,
	logInOnThisDevice,
	logOut,
	logOutEverywhere,
	revokeSession,
	signInAgain,
	signUp
} from '$lib/commands/account';
import type { Account, SessionInfo } from '$lib/contracts/auth';
import { argon2HashWasm } from '$lib/crypto/argon2-hash-wasm';
import { authKeyText, createAccountHttp } from '$lib/sync/account-http';
import type { Vault } from '$lib/vault/vault';
import { errorBody, fakeServer } from '../../fixtures/circle/fake-server';
import { makeVault, PASSPHRASE } from '../../fixtures/vault';

const SIGNUP = 'POST /api/auth/signup';
const LOGIN = 'POST /api/auth/login';

let open: Vault;
let circleId: string;
beforeAll(async () => {
	open = makeVault();
	await open.create(PASSPHRASE);
	const header = await open.header();
	if (header === null) throw new Error('no header');
	circleId = header.circleId;
});

const ana = (): Account => ({ id: 'acc-1', login: 'ana', circleId });
const authKeyOf = (v: Vault): string => {
	const key = v.authKey();
	if (key === null) throw new Error('locked');
	return authKeyText(key);
};

/** Signs `open` up on a fake server and gives back what it sent. */
async function signedUpBody(): Promise<Record<string, unknown>> {
	let sent: Record<string, unknown> = {};
	const server = fakeServer({
		[SIGNUP]: (body) => {
			sent = body as Record<string, unknown>;
			return [201, { account: ana(), wrappedKeys: sent.wrappedKeys }];
		}
	});
	const result = await signUp(
		{ http: createAccountHttp(server.fetch), vault: open, isDemo: false },
		'ana'
	);
	expect(result).toEqual({ ok: true, value: ana() });
	expect(server.calls).toEqual([SIGNUP]);
	return sent;
}

describe('signUp', () => {
	it("sends the open vault's auth key, wrapped keys, circle and KDF, and answers the account", async () => {
		const sent = await signedUpBody();
		expect(sent.login).toBe('ana');
		expect(sent.authKey).toBe(authKeyOf(open));
		expect(sent.circleId).toBe(circleId);
		expect(typeof sent.wrappedKeys).toBe('string');
		expect(sent.kdf).toMatchObject({ salt: expect.any(String) as unknown });
	});

	it('sends nothing from a locked vault or the demo', async () => {
		const locked = makeVault();
		await locked.create(PASSPHRASE);
		locked.lock();
		const server = fakeServer({ [SIGNUP]: [201, { account: ana(), wrappedKeys: 'x' }] });
		const http = createAccountHttp(server.fetch);
		expect(await signUp({ http, vault: locked, isDemo: false }, 'ana')).toEqual({
			ok: false,
			error: { type: 'locked' }
		});
		expect(await signUp({ http, vault: open, isDemo: true }, 'ana')).toEqual({
			ok: false,
			error: { type: 'locked' }
		});
		expect(server.calls).toEqual([]);
	});

	it("answers the server's refusal as the typed error", async () => {
		const server = fakeServer({ [SIGNUP]: [409, errorBody('login-taken')] });
		const result = await signUp(
			{ http: createAccountHttp(server.fetch), vault: open, isDemo: false },
			'ana'
		);
		expect(result).toEqual({ ok: false, error: { type: 'login-taken' } });
	});
});

describe('logInOnThisDevice', () => {
	it("locks this device's vault and replaces it by the account's, which opens with the passphrase", async () => {
		const sent = await signedUpBody();
		const other = makeVault();
		await other.create('another passphrase, long enough');
		await other.sync.checkpoints.set(circleId, 42);
		const server = fakeServer({
			'POST /api/auth/params': [200, { kdf: sent.kdf }],
			[LOGIN]: [200, { account: ana(), wrappedKeys: sent.wrappedKeys }]
		});
		let locks = 0;
		const result = await logInOnThisDevice(
			{
				http: createAccountHttp(server.fetch),
				argon2: argon2HashWasm,
				vault: other,
				lock: () => {
					locks += 1;
					other.lock();
				}
			},
			'ana',
			PASSPHRASE
		);
		expect(result).toEqual({ ok: true, value: ana() });
		expect(server.calls).toEqual(['POST /api/auth/params', LOGIN]);
		expect(locks).toBe(1);
		expect((await other.header())?.circleId).toBe(circleId);
		expect(await other.sync.checkpoints.get(circleId)).toBe(0);
		expect((await other.unlock(PASSPHRASE)).ok).toBe(true);
	});

	it('replaces nothing when the server refuses the login', async () => {
		const sent = await signedUpBody();
		const other = makeVault();
		await other.create('another passphrase, long enough');
		const before = (await other.header())?.circleId;
		const server = fakeServer({
			'POST /api/auth/params': [200, { kdf: sent.kdf }],
			[LOGIN]: [401, errorBody('invalid-credentials')]
		});
		let locks = 0;
		const result = await logInOnThisDevice(
			{
				http: createAccountHttp(server.fetch),
				argon2: argon2HashWasm,
				vault: other,
				lock: () => {
					locks += 1;
				}
			},
			'ana',
			PASSPHRASE
		);
		expect(result).toEqual({ ok: false, error: { type: 'invalid-credentials' } });
		expect(locks).toBe(0);
		expect((await other.header())?.circleId).toBe(before);
		expect(other.isUnlocked()).toBe(true);
	});
});

describe('signInAgain', () => {
	it("logs the attached account in with the open vault's auth key and the second factor", async () => {
		let sent: unknown = null;
		const server = fakeServer({
			[LOGIN]: (body) => {
				sent = body;
				return [200, { account: ana(), wrappedKeys: 'x' }];
			}
		});
		const result = await signInAgain(
			{ http: createAccountHttp(server.fetch), vault: open },
			ana(),
			{ code: '123456' }
		);
		expect(result).toEqual({ ok: true, value: ana() });
		expect(sent).toEqual({
			login: 'ana',
			authKey: authKeyOf(open),
			secondFactor: { code: '123456' }
		});
	});

	it('sends nothing without an account', async () => {
		const server = fakeServer();
		const result = await signInAgain({ http: createAccountHttp(server.fetch), vault: open }, null);
		expect(result).toEqual({ ok: false, error: { type: 'locked' } });
		expect(server.calls).toEqual([]);
	});
});

describe('deleteAccount', () => {
	const DELETE = 'POST /api/account/delete';

	function ports(server: ReturnType<typeof fakeServer>, steps: string[]) {
		return {
			http: createAccountHttp(server.fetch),
			vault: open,
			erased: () => {
				steps.push('erased');
			},
			forgetMemberCircles: () => {
				steps.push('member circles forgotten');
				return Promise.resolve();
			}
		};
	}

	it('checks the passphrase, has the server erase the account, then forgets it here', async () => {
		let sent: unknown = null;
		const steps: string[] = [];
		const server = fakeServer({
			[DELETE]: (body) => {
				sent = body;
				steps.push('erased on the server');
				return [204, null];
			}
		});
		const result = await deleteAccount(ports(server, steps), ana(), PASSPHRASE);
		expect(result).toEqual({ ok: true, value: undefined });
		expect(sent).toEqual({ authKey: authKeyOf(open) });
		expect(steps).toEqual(['erased on the server', 'erased', 'member circles forgotten']);
	});

	it('sends nothing with a wrong passphrase', async () => {
		const steps: string[] = [];
		const server = fakeServer({ [DELETE]: [204, null] });
		const result = await deleteAccount(ports(server, steps), ana(), 'not the passphrase at all');
		expect(result).toEqual({ ok: false, error: { type: 'wrong-passphrase' } });
		expect(server.calls).toEqual([]);
		expect(steps).toEqual([]);
	});

	it('forgets nothing when the server refuses', async () => {
		const steps: string[] = [];
		const server = fakeServer({ [DELETE]: [401, errorBody('invalid-credentials')] });
		const result = await deleteAccount(ports(server, steps), ana(), PASSPHRASE);
		expect(result).toEqual({ ok: false, error: { type: 'invalid-credentials' } });
		expect(steps).toEqual([]);
	});
});

describe('logOut and logOutEverywhere', () => {
	it('are done when the server ended the session or no longer knew it', async () => {
		const server = fakeServer({
			'POST /api/auth/logout': [204, null],
			'DELETE /api/auth/sessions': [401, errorBody('unauthenticated')]
		});
		const http = createAccountHttp(server.fetch);
		expect(await logOut(http)).toEqual({ ok: true, value: undefined });
		expect(await logOutEverywhere(http)).toEqual({ ok: true, value: undefined });
		expect(server.calls).toEqual(['POST /api/auth/logout', 'DELETE /api/auth/sessions']);
	});

	it('answer any other failure (offline) as the typed error', async () => {
		const server = fakeServer();
		server.offline = true;
		const http = createAccountHttp(server.fetch);
		expect(await logOut(http)).toEqual({ ok: false, error: { type: 'offline' } });
		expect(await logOutEverywhere(http)).toEqual({ ok: false, error: { type: 'offline' } });
	});
});

describe('revokeSession', () => {
	const session = (id: string, current: boolean): SessionInfo => ({
		id,
		current,
		createdAt: 1,
		lastSeenAt: 2,
		expiresAt: 3,
		userAgent: 'Firefox'
	});
	const sessions = [session('s1', true), session('s2', false)];

	it('answers the sessions left after ending another one', async () => {
		const server = fakeServer({ 'DELETE /api/auth/sessions/s2': [204, null] });
		const result = await revokeSession(createAccountHttp(server.fetch), sessions, 's2');
		expect(result).toEqual({ ok: true, value: [session('s1', true)] });
		expect(server.calls).toEqual(['DELETE /api/auth/sessions/s2']);
	});

	it("answers null after ending this device's own session", async () => {
		const server = fakeServer({ 'DELETE /api/auth/sessions/s1': [204, null] });
		const result = await revokeSession(createAccountHttp(server.fetch), sessions, 's1');
		expect(result).toEqual({ ok: true, value: null });
	});

	it('keeps the sessions when the server refuses', async () => {
		const server = fakeServer({ 'DELETE /api/auth/sessions/s2': [500, errorBody('internal')] });
		const result = await revokeSession(createAccountHttp(server.fetch), sessions, 's2');
		expect(result).toEqual({ ok: false, error: { type: 'server' } });
	});
});

describe('forgetDevice', () => {
	it('ends the session on the server only when there is an account', async () => {
		const server = fakeServer({ 'POST /api/auth/forget': [204, null] });
		const http = createAccountHttp(server.fetch);
		await forgetDevice(http, null);
		expect(server.calls).toEqual([]);
		await forgetDevice(http, ana());
		expect(server.calls).toEqual(['POST /api/auth/forget']);
	});
});
