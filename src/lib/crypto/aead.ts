// Record encryption: AES-256-GCM with a fresh random 96-bit IV per call and additional data that
// binds the ciphertext to {id, circleId, category, keyId, schemaVersion} and, for a sync envelope,
// to its {hlc, deleted} (the record's base and author travel inside the sealed payload, so they
// are authenticated with it). Invariant: `open` never
// returns bytes that failed authentication; it returns null instead, so nothing half-decrypted can
// ever reach the UI.
import { randomBytes, utf8 } from './bytes';
import { authenticatedPlaintext, makeCiphertext } from './types';
import type { BoundTo, Ciphertext, Plaintext } from './types';

export const IV_BYTES = 12;

/** Canonical, order-fixed encoding of the binding, used as AES-GCM additional data. */
export function additionalData(bound: BoundTo): Uint8Array<ArrayBuffer> {
	const fixed = [bound.id, bound.circleId, bound.category, bound.keyId, bound.schemaVersion];
	const { version } = bound;
	return utf8(
		JSON.stringify(version === undefined ? fixed : [...fixed, version.hlc, version.deleted])
	);
}

export async function seal(
	key: CryptoKey,
	bound: BoundTo,
	plaintext: Uint8Array<ArrayBuffer>
): Promise<Ciphertext> {
	return sealRaw(key, randomBytes(IV_BYTES), additionalData(bound), plaintext);
}

/** AES-256-GCM with an explicit IV and additional data (used by `seal` and the test vectors). */
export async function sealRaw(
	key: CryptoKey,
	iv: Uint8Array<ArrayBuffer>,
	aad: Uint8Array<ArrayBuffer>,
	plaintext: Uint8Array<ArrayBuffer>
): Promise<Ciphertext> {
	const data = await crypto.subtle.encrypt(
		{ name: 'AES-GCM', iv, additionalData: aad, tagLength: 128 },
		key,
		plaintext
	);
	return makeCiphertext(iv, new Uint8Array(data));
}

export async function open(
	key: CryptoKey,
	bound: BoundTo,
	ciphertext: Ciphertext
): Promise<Plaintext | null> {
	return openRaw(key, additionalData(bound), ciphertext);
}

/** Authenticated decryption with explicit additional data; null when authentication fails. */
export async function openRaw(
	key: CryptoKey,
	aad: Uint8Array<ArrayBuffer>,
	ciphertext: Ciphertext
): Promise<Plaintext | null> {
	if (ciphertext.iv.length !== IV_BYTES) return null;
	try {
		const bytes = await crypto.subtle.decrypt(
			{ name: 'AES-GCM', iv: ciphertext.iv, additionalData: aad, tagLength: 128 },
			key,
			ciphertext.data
		);
		return authenticatedPlaintext(new Uint8Array(bytes));
	} catch {
		return null;
	}
}
