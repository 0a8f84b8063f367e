// The key hierarchy (DESIGN: Local vault), with one extra layer so that both the passphrase and the
// recovery key open the vault and a new category key never needs either of them:
//
//   passphrase ─Argon2id→ root ─HKDF→ passphrase KEK (AES-KW) ─┐
//                              └HKDF→ auth key (login secret)  ├─unwrap→ vault key (AES-KW)
//   recovery key (256 random bits) ─HKDF→ recovery KEK ────────┘        └─unwrap→ category keys (AES-GCM)
//
// Invariants: keys in memory are non-extractable; an extractable copy exists only transiently while
// (re)wrapping; changing the passphrase rewraps the vault key and never touches records.
import { decodeBase32IgnorePadding, encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { utf8 } from './bytes';

const HKDF_SALT = utf8('cercle/v1');

async function hkdfBase(secret: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
	return crypto.subtle.importKey('raw', secret, 'HKDF', false, ['deriveKey', 'deriveBits']);
}

function hkdfParams(info: string): HkdfParams {
	return { name: 'HKDF', hash: 'SHA-256', salt: HKDF_SALT, info: utf8(info) };
}

async function deriveKek(base: CryptoKey, info: string): Promise<CryptoKey> {
	return crypto.subtle.deriveKey(hkdfParams(info), base, { name: 'AES-KW', length: 256 }, false, [
		'wrapKey',
		'unwrapKey'
	]);
}

/** HKDF-SHA-256 output bits (RFC 5869), used for the auth key and checked against test vectors. */
export async function hkdfBits(
	ikm: Uint8Array<ArrayBuffer>,
	salt: Uint8Array<ArrayBuffer>,
	info: Uint8Array<ArrayBuffer>,
	lengthBytes: number
): Promise<Uint8Array> {
	const base = await hkdfBase(ikm);
	const bits = await crypto.subtle.deriveBits(
		{ name: 'HKDF', hash: 'SHA-256', salt, info },
		base,
		lengthBytes * 8
	);
	return new Uint8Array(bits);
}

export interface PassphraseKeys {
	/** Wraps and unwraps the vault key. */
	readonly kek: CryptoKey;
	/** 32 bytes sent to the server as the login secret (never the passphrase, never the KEK). */
	readonly authKey: Uint8Array;
}

export async function derivePassphraseKeys(root: Uint8Array): Promise<PassphraseKeys> {
	const ikm = new Uint8Array(root);
	const kek = await deriveKek(await hkdfBase(ikm), 'cercle/v1/local-key');
	const authKey = await hkdfBits(ikm, HKDF_SALT, utf8('cercle/v1/auth-key'), 32);
	return { kek, authKey };
}

export async function deriveRecoveryKek(recovery: Uint8Array): Promise<CryptoKey> {
	return deriveKek(await hkdfBase(new Uint8Array(recovery)), 'cercle/v1/recovery-key');
}

/** A fresh vault key, extractable only so that it can be wrapped right away. */
export async function generateVaultKey(): Promise<CryptoKey> {
	return crypto.subtle.generateKey({ name: 'AES-KW', length: 256 }, true, ['wrapKey', 'unwrapKey']);
}

export async function generateCategoryKey(): Promise<CryptoKey> {
	return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
}

export async function wrapKey(key: CryptoKey, kek: CryptoKey): Promise<Uint8Array<ArrayBuffer>> {
	return new Uint8Array(await crypto.subtle.wrapKey('raw', key, kek, 'AES-KW'));
}

/** An AES-KW unwrap into a 256-bit key of `algorithm`; null when the KEK is wrong (integrity check). */
async function unwrapAesKey(
	wrapped: Uint8Array<ArrayBuffer>,
	kek: CryptoKey,
	algorithm: 'AES-KW' | 'AES-GCM',
	extractable: boolean
): Promise<CryptoKey | null> {
	try {
		return await crypto.subtle.unwrapKey(
			'raw',
			wrapped,
			kek,
			'AES-KW',
			{ name: algorithm, length: 256 },
			extractable,
			algorithm === 'AES-KW' ? ['wrapKey', 'unwrapKey'] : ['encrypt', 'decrypt']
		);
	} catch {
		return null;
	}
}

/** Unwraps an AES-KW wrapped vault key; null when the KEK is wrong (AES-KW's integrity check). */
export const unwrapVaultKey = (
	wrapped: Uint8Array<ArrayBuffer>,
	kek: CryptoKey,
	extractable = false
): Promise<CryptoKey | null> => unwrapAesKey(wrapped, kek, 'AES-KW', extractable);

/** Unwraps a category key (AES-GCM) under the vault key; null when it does not authenticate. */
export const unwrapCategoryKey = (
	wrapped: Uint8Array<ArrayBuffer>,
	vaultKey: CryptoKey,
	extractable = false
): Promise<CryptoKey | null> => unwrapAesKey(wrapped, vaultKey, 'AES-GCM', extractable);

const RECOVERY_BYTES = 32;

/** 256 random bits shown once as 13 groups of 4 base32 characters. */
export function newRecoveryKey(): { readonly bytes: Uint8Array; readonly text: string } {
	const bytes = crypto.getRandomValues(new Uint8Array(RECOVERY_BYTES));
	return { bytes, text: formatRecoveryKey(bytes) };
}

export function formatRecoveryKey(bytes: Uint8Array): string {
	const plain = encodeBase32UpperCaseNoPadding(bytes);
	return (plain.match(/.{1,4}/g) ?? []).join('-');
}

/** Accepts what a person types back: any case, spaces or dashes, 0/1/8 for O/I/B. */
export function parseRecoveryKey(text: string): Uint8Array | null {
	const cleaned = text
		.toUpperCase()
		.replace(/[\s-]/g, '')
		.replace(/0/g, 'O')
		.replace(/1/g, 'I')
		.replace(/8/g, 'B');
	if (!/^[A-Z2-7]{52}$/.test(cleaned)) return null;
	try {
		const bytes = decodeBase32IgnorePadding(cleaned);
		return bytes.length === RECOVERY_BYTES ? bytes : null;
	} catch {
		return null;
	}
}

// ---------------------------------------------------------------------------------------------
// Key rows: category keys sealed under the vault key with AES-256-GCM, bound to
// {circle, category, key id, createdAt}, so a server that relabels a row of the account's
// wrapped-keys blob (another category, another key id, another date) gets a row that does not
// open. The sealing key is derived from the vault key (AES-KW cannot carry additional data): the
// vault key wraps a fixed constant (AES-KW is deterministic, a keyed pseudorandom function of the
// vault key), and HKDF turns those bytes into a non-extractable AES-GCM wrapping key.
//   row = IV (12 bytes) ‖ AES-GCM(raw category key) with its 16-byte tag   (60 bytes)
// Rows of the first format (40 bytes, AES-KW, no binding) are only read from this device's own
// storage, to reseal them (`isLegacyKeyRow`).

const KEY_ROW_IV_BYTES = 12;
export const KEY_ROW_BYTES = KEY_ROW_IV_BYTES + 32 + 16;
const LEGACY_KEY_ROW_BYTES = 40;
const KEY_ROW_LABEL = 'cercle/v1/key-rows';

export interface KeyRowBinding {
	readonly circleId: string;
	readonly category: string;
	readonly keyId: string;
	readonly createdAt: number;
}

function keyRowAad(b: KeyRowBinding): Uint8Array<ArrayBuffer> {
	return utf8(JSON.stringify([KEY_ROW_LABEL, b.circleId, b.category, b.keyId, b.createdAt]));
}

/** The AES-GCM key that seals key rows, derived from the (non-extractable) vault key. */
export async function deriveKeyRowKey(vaultKey: CryptoKey): Promise<CryptoKey> {
	const constant = await crypto.subtle.importKey(
		'raw',
		utf8('cercle/v1/key-rows/prf-input/32b'),
		{ name: 'AES-GCM', length: 256 },
		true,
		['encrypt']
	);
	const prf = new Uint8Array(await crypto.subtle.wrapKey('raw', constant, vaultKey, 'AES-KW'));
	const base = await hkdfBase(prf);
	return crypto.subtle.deriveKey(
		hkdfParams(KEY_ROW_LABEL),
		base,
		{ name: 'AES-GCM', length: 256 },
		false,
		['wrapKey', 'unwrapKey']
	);
}

/** Seals an extractable category key as a key row bound to `binding`. */
export async function sealKeyRow(
	key: CryptoKey,
	rowKey: CryptoKey,
	binding: KeyRowBinding
): Promise<Uint8Array<ArrayBuffer>> {
	const iv = crypto.getRandomValues(new Uint8Array(KEY_ROW_IV_BYTES));
	const sealed = new Uint8Array(
		await crypto.subtle.wrapKey('raw', key, rowKey, {
			name: 'AES-GCM',
			iv,
			additionalData: keyRowAad(binding)
		})
	);
	const out = new Uint8Array(KEY_ROW_IV_BYTES + sealed.length);
	out.set(iv);
	out.set(sealed, KEY_ROW_IV_BYTES);
	return out;
}

/** The category key of a sealed row, or null when the row is not exactly this binding's. */
export async function openKeyRow(
	wrapped: Uint8Array<ArrayBuffer>,
	rowKey: CryptoKey,
	binding: KeyRowBinding,
	extractable = false
): Promise<CryptoKey | null> {
	if (wrapped.length !== KEY_ROW_BYTES) return null;
	try {
		return await crypto.subtle.unwrapKey(
			'raw',
			wrapped.slice(KEY_ROW_IV_BYTES),
			rowKey,
			{
				name: 'AES-GCM',
				iv: wrapped.slice(0, KEY_ROW_IV_BYTES),
				additionalData: keyRowAad(binding)
			},
			{ name: 'AES-GCM', length: 256 },
			extractable,
			['encrypt', 'decrypt']
		);
	} catch {
		return null;
	}
}

/** A row of the first format (AES-KW, bound to nothing): read only from local storage. */
export function isLegacyKeyRow(wrapped: Uint8Array): boolean {
	return wrapped.length === LEGACY_KEY_ROW_BYTES;
}
