// The account manager's pure parts: the wrapped-keys blob round trip, and a second device's login,
// which must replace nothing when the passphrase is wrong or the keys do not open.
import { describe, expect, it } from 'vitest';
import { argon2HashWasm } from '$lib/crypto/argon2-hash-wasm';
import { fromBase64Url, toBase64Url, utf8 } from '$lib/crypto/bytes';
import { deriveRootKey, normalizePassphrase } from '$lib/crypto/kdf';
import { derivePassphraseKeys } from '$lib/crypto/keys';
import type { AuthResponse, PublicKdf } from '$lib/contracts/auth';
import {
	decodeWrappedKeys,
	encodeWrappedKeys,
	loginOnNewDevice,
	publicKdfOf,
	type AccountError,
	type AccountHttp
} from '$lib/sync/account-http';
import { err, ok, type Result } from '$lib/domain/result';
import type { Vault } from '$lib/vault/vault';
import { makeVault, PASSPHRASE, symptomOp } from '../../fixtures/vault';
import { vaultTables } from '$lib/vault/testing';

const LOGIN = 'monique@example.org';

async function authKeyFor(passphrase: string, kdf: PublicKdf): Promise<string> {
	const root = await deriveRootKey(
		argon2HashWasm,
		utf8(normalizePassphrase(passphrase)),
		fromBase64Url(kdf.salt),
		kdf
	);
	if (!root.ok) throw new Error('kdf');
	return toBase64Url((await derivePassphraseKeys(root.value)).authKey);
}

/** Device A: a vault with one entry, attached to an account held by a fake server. */
async function accountOnServer(): Promise<{
	readonly source: Vault;
	readonly http: Pick<AccountHttp, 'params' | 'login'>;
	readonly logins: string[];
}> {
	const source = makeVault();
	await source.create(PASSPHRASE);
	await source.commit([symptomOp(Date.now() - 1000, 6, 'from device A')]);
	const header = await source.header();
	if (!header) throw new Error('no header');
	const blob = encodeWrappedKeys(header, await vaultTables(source).keys.toArray());
	if (!blob.ok) throw new Error('blob');
	const kdf = publicKdfOf(header);
	const expected = source.authKey();
	if (!expected) throw new Error('locked');
	const logins: string[] = [];
	const http: Pick<AccountHttp, 'params' | 'login'> = {
		params: () => Promise.resolve(ok(kdf)),
		login: (login, authKey): Promise<Result<AuthResponse, AccountError>> => {
			logins.push(login);
			return Promise.resolve(
				authKey === toBase64Url(expected)
					? ok({
							account: { id: 'acc-1', login, circleId: header.circleId },
							wrappedKeys: blob.value
						})
					: err({ type: 'invalid-credentials' })
			);
		}
	};
	return { source, http, logins };
}

describe('wrapped-keys blob', () => {
	it('round-trips the header and every key row, without node id or throttle state', async () => {
		const vault = makeVault();
		await vault.create(PASSPHRASE);
		const header = await vault.header();
		if (!header) throw new Error('no header');
		const keys = await vaultTables(vault).keys.toArray();
		const blob = encodeWrappedKeys(header, keys);
		expect(blob.ok).toBe(true);
		if (!blob.ok) return;
		expect(blob.value).toMatch(/^[A-Za-z0-9_-]+$/);
		expect(blob.value).not.toContain(header.nodeId);
		const decoded = decodeWrappedKeys(blob.value);
		expect(decoded?.keys).toEqual(keys);
		const { nodeId: _nodeId, failures: _f, lastFailureAt: _l, ...rest } = header;
		expect(decoded?.header).toEqual(rest);
	});

	it('rejects what is not a blob', () => {
		expect(decodeWrappedKeys('not-json')).toBeNull();
		expect(decodeWrappedKeys(toBase64Url(utf8('{"v":2}')))).toBeNull();
		expect(decodeWrappedKeys(toBase64Url(utf8('{"v":1,"header":{},"keys":[]}')))).toBeNull();
	});

	it('carries the vault KDF parameters as the account contract wants them', async () => {
		const vault = makeVault();
		await vault.create(PASSPHRASE);
		const header = await vault.header();
		if (!header) throw new Error('no header');
		expect(publicKdfOf(header)).toEqual(header.kdf);
		expect(await authKeyFor(PASSPHRASE, publicKdfOf(header))).toBe(
			toBase64Url(vault.authKey() ?? new Uint8Array())
		);
	});
});

describe('login on a new device', () => {
	it('replaces the local vault with the account keys; it opens with the passphrase', async () => {
		const { source, http } = await accountOnServer();
		const target = makeVault();
		const replaced: string[] = [];
		const result = await loginOnNewDevice(
			{
				http,
				argon2: argon2HashWasm,
				replaceVault: async (header, keys) => {
					replaced.push(header.nodeId);
					await target.replaceAll(header, keys, []);
				},
				newNodeId: () => '00112233aabbccdd'
			},
			LOGIN,
			PASSPHRASE
		);
		expect(result).toEqual({
			ok: true,
			value: { id: 'acc-1', login: LOGIN, circleId: (await source.header())?.circleId }
		});
		expect(replaced).toEqual(['00112233aabbccdd']);
		expect((await target.unlock(PASSPHRASE)).ok).toBe(true);
		expect((await target.header())?.nodeId).not.toBe((await source.header())?.nodeId);
	});

	it('a wrong passphrase gives invalid-credentials and changes nothing locally', async () => {
		const { http } = await accountOnServer();
		const target = makeVault();
		await target.create('the passphrase of this device');
		await target.commit([symptomOp(Date.now() - 2000, 2, 'keep me')]);
		const before = await vaultTables(target).buckets.toArray();
		let replacedCalls = 0;
		const result = await loginOnNewDevice(
			{
				http,
				argon2: argon2HashWasm,
				replaceVault: () => {
					replacedCalls++;
					return Promise.resolve();
				}
			},
			LOGIN,
			'not the right passphrase'
		);
		expect(result).toEqual({ ok: false, error: { type: 'invalid-credentials' } });
		expect(replacedCalls).toBe(0);
		expect(await vaultTables(target).buckets.toArray()).toEqual(before);
		target.lock();
		expect((await target.unlock('the passphrase of this device')).ok).toBe(true);
		const notes = (await target.query({ category: 'symptoms' })).map((r) => r.body);
		expect(notes).toEqual([{ symptom: 'pain', severity: 2, note: 'keep me' }]);
	});

	it('refuses a blob that does not open and parameters below the floor', async () => {
		const { http } = await accountOnServer();
		let replacedCalls = 0;
		const replaceVault = () => {
			replacedCalls++;
			return Promise.resolve();
		};
		const tampered: Pick<AccountHttp, 'params' | 'login'> = {
			params: http.params,
			login: async (login, authKey) => {
				const real = await http.login(login, authKey);
				return real.ok ? ok({ ...real.value, wrappedKeys: 'bm90LWEtYmxvYg' }) : real;
			}
		};
		const corrupt = await loginOnNewDevice(
			{ http: tampered, argon2: argon2HashWasm, replaceVault },
			LOGIN,
			PASSPHRASE
		);
		expect(corrupt).toEqual({ ok: false, error: { type: 'corrupt-keys' } });

		const weak: Pick<AccountHttp, 'params' | 'login'> = {
			params: async (login) => {
				const real = await http.params(login);
				return real.ok ? ok({ ...real.value, memoryKiB: 1024 }) : real;
			},
			login: http.login
		};
		const below = await loginOnNewDevice(
			{ http: weak, argon2: argon2HashWasm, replaceVault },
			LOGIN,
			PASSPHRASE
		);
		expect(below).toEqual({ ok: false, error: { type: 'kdf-below-floor' } });
		expect(replacedCalls).toBe(0);
	});

	it('passes on a network failure as offline', async () => {
		const result = await loginOnNewDevice(
			{
				http: {
					params: () => Promise.resolve(err({ type: 'offline' })),
					login: () => Promise.resolve(err({ type: 'offline' }))
				},
				argon2: argon2HashWasm,
				replaceVault: () => Promise.reject(new Error('must not be called'))
			},
			LOGIN,
			PASSPHRASE
		);
		expect(result).toEqual({ ok: false, error: { type: 'offline' } });
	});
});
