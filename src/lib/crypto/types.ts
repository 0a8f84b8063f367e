// Plaintext and ciphertext are different types (STYLE 4): only src/lib/crypto turns one into the
// other, so a ciphertext can never be rendered or parsed by mistake, and plaintext can never be
// written to storage without passing through `seal`. The brands are real (module-private symbols),
// so no cast is needed and no other module can forge a Plaintext.
const ciphertextBrand: unique symbol = Symbol('ciphertext');
const plaintextBrand: unique symbol = Symbol('plaintext');

/** AES-256-GCM output: a fresh 96-bit IV and the ciphertext with its 128-bit tag. */
export interface Ciphertext {
	readonly [ciphertextBrand]: true;
	readonly iv: Uint8Array<ArrayBuffer>;
	readonly data: Uint8Array<ArrayBuffer>;
}

/** Bytes that came out of a successful, authenticated decryption. */
export interface Plaintext {
	readonly [plaintextBrand]: true;
	readonly bytes: Uint8Array;
}

/** Wraps stored or freshly sealed bytes as a Ciphertext (nothing about them is trusted). */
export function makeCiphertext(
	iv: Uint8Array<ArrayBuffer>,
	data: Uint8Array<ArrayBuffer>
): Ciphertext {
	return { [ciphertextBrand]: true, iv, data };
}

/** Only called by aead.ts after WebCrypto authenticated the bytes. */
export function authenticatedPlaintext(bytes: Uint8Array): Plaintext {
	return { [plaintextBrand]: true, bytes };
}

/**
 * What a ciphertext is bound to. Any change (another record id, circle, category, key or schema
 * version) makes decryption fail, so a ciphertext cannot be moved to another record or category.
 * A sync envelope also binds its `version`: the HLC and the tombstone flag the server sees in
 * plain, so a stored ciphertext replayed as a deletion or under a higher HLC does not open.
 */
export interface BoundTo {
	readonly id: string;
	readonly circleId: string;
	readonly category: string;
	readonly keyId: string;
	readonly schemaVersion: number;
	readonly version?: { readonly hlc: string; readonly deleted: boolean };
}
