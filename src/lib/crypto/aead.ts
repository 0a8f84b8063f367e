// Record encryption: AES-256-GCM with a fresh random 96-bit IV per call and additional data that
// binds the ciphertext to {id, circleId, category, keyId, schemaVersion}. Invariant: `open` never
// returns bytes that failed authentication; it returns null instead, so nothing half-decrypted can
// ever reach the UI.
import { randomBytes, utf8 } from './bytes';
import { authenticatedPlaintext, makeCiphertext } from './types';
import type { BoundTo, Ciphertext, Plaintext } from './types';

export const IV_BYTES = 12;

/** Canonical, order-fixed encoding of the binding, used as AES-GCM additional data. */
export function additionalData(bound: BoundTo): Uint8Array<ArrayBuffer> {
	return utf8(
		JSON.stringify([bound.id, bound.circleId, bound.category, bound.keyId, bound.schemaVersion])
	);
}

export async function seal(
	key: CryptoKey,
	bound: BoundTo,
	plaintext: Uint8Array<ArrayBuffer>
): Promise<Ciphertext> {
	const iv = randomBytes(IV_BYTES);
	const data = await crypto.subtle.encrypt(
		{ name: 'AES-GCM', iv, additionalData: additionalData(bound), tagLength: 128 },
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
	try {
		const bytes = await crypto.subtle.decrypt(
			{
				name: 'AES-GCM',
				iv: ciphertext.iv,
				additionalData: additionalData(bound),
				tagLength: 128
			},
			key,
			ciphertext.data
		);
		return authenticatedPlaintext(new Uint8Array(bytes));
	} catch {
		return null;
	}
}
