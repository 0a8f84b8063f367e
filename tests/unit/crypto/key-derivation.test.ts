// Known-answer vectors for the key hierarchy (issue 17, hole 1): passphrase + salt + costs → root
// key → passphrase KEK, auth key, and recovery KEK. The expected values were computed outside the
// app, with Node's OpenSSL (crypto.argon2Sync, hkdfSync, the id-aes256-wrap cipher), so a changed
// HKDF label, salt or length fails here even when every round-trip test still passes.
// KEKs are non-extractable, so they are pinned through AES-KW (deterministic): the wrap of a fixed
// key under each KEK.
import { describe, expect, it } from 'vitest';
import { argon2HashWasm } from '$lib/crypto/argon2-hash-wasm';
import { fromHex, toHex, utf8 } from '$lib/crypto/bytes';
import { deriveRootKey, KDF_FLOOR, normalizePassphrase } from '$lib/crypto/kdf';
import {
	derivePassphraseKeys,
	deriveRecoveryKek,
	unwrapCategoryKey,
	unwrapVaultKey,
	wrapKey
} from '$lib/crypto/keys';

const VECTOR = {
	passphrase: 'correct horse battery staple',
	salt: '636572636c652d6b61742d73616c742d',
	root: 'e012f4606b73a9148afb48430a7c0890ea8a256453880b00dd34ed6c917eed26',
	authKey: '597a820137a0eecc288d17c6ada215fc82643f84fe2f06a0d3f2a061de652a0c',
	recovery: '404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f',
	/** AES-KW of the bytes 00..1f under the passphrase KEK, then under the recovery KEK. */
	wrapUnderPassphraseKek:
		'ee47a8ddc42da35bc623a616d215b0427d66ed1689f0621f1266676254d299f5fd73994b2679c1bf',
	wrapUnderRecoveryKek:
		'6d1aee0faf95d6f71d2daa66addf85a1c970463167b3c80199a09e719bad402dc8b12cd815f3db52'
} as const;

const FIXED = Uint8Array.from({ length: 32 }, (_, i) => i);

async function fixedKey(): Promise<CryptoKey> {
	return crypto.subtle.importKey('raw', FIXED, 'AES-KW', true, ['wrapKey', 'unwrapKey']);
}

async function rootKey(): Promise<Uint8Array> {
	const root = await deriveRootKey(
		argon2HashWasm,
		utf8(normalizePassphrase(VECTOR.passphrase)),
		fromHex(VECTOR.salt),
		KDF_FLOOR
	);
	if (!root.ok) throw new Error('the floor itself was refused');
	return root.value;
}

/** The auth key used as if it were a key-encryption key. */
async function authKeyAsKek(authKey: Uint8Array): Promise<CryptoKey> {
	return crypto.subtle.importKey('raw', new Uint8Array(authKey), 'AES-KW', false, [
		'wrapKey',
		'unwrapKey'
	]);
}

describe('key hierarchy known answers', () => {
	it('derives the root key with Argon2id at the floor costs', async () => {
		expect(toHex(await rootKey())).toBe(VECTOR.root);
	});

	it('derives the auth key and the passphrase KEK from the root key', async () => {
		const keys = await derivePassphraseKeys(fromHex(VECTOR.root));
		expect(toHex(keys.authKey)).toBe(VECTOR.authKey);
		expect(toHex(await wrapKey(await fixedKey(), keys.kek))).toBe(VECTOR.wrapUnderPassphraseKek);
	});

	it('derives the recovery KEK from the recovery key', async () => {
		const kek = await deriveRecoveryKek(fromHex(VECTOR.recovery));
		expect(toHex(await wrapKey(await fixedKey(), kek))).toBe(VECTOR.wrapUnderRecoveryKek);
	});

	it('never makes the login secret equal to a key that opens the vault', async () => {
		const keys = await derivePassphraseKeys(await rootKey());
		const recoveryKek = await deriveRecoveryKek(fromHex(VECTOR.recovery));
		const asKek = await authKeyAsKek(keys.authKey);
		// What the server receives does not wrap like either local KEK...
		const underAuth = toHex(await wrapKey(await fixedKey(), asKek));
		expect(underAuth).not.toBe(VECTOR.wrapUnderPassphraseKek);
		expect(underAuth).not.toBe(VECTOR.wrapUnderRecoveryKek);
		// ...and opens nothing they wrapped.
		for (const kek of [keys.kek, recoveryKek]) {
			const wrapped = await wrapKey(await fixedKey(), kek);
			expect(await unwrapVaultKey(wrapped, asKek)).toBeNull();
			expect(await unwrapCategoryKey(wrapped, asKek)).toBeNull();
			expect(await unwrapVaultKey(wrapped, kek)).not.toBeNull();
		}
	});
});
