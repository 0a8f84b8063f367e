// Long-term identity keys and what they sign (DESIGN: Sharing — "the server may lie"). Each account
// has an ECDSA P-256 identity key pair made on its device. The public key is pinned by the other
// side of a circle after an invitation proof verifies; the private key signs every category-key
// wrap the owner sends. Two people compare a **safety code** computed on each device from both
// identity keys (never by the server): equal on both devices, different after any key change.
// Invariants: verification never throws on bad input (false instead); private keys imported here
// are non-extractable; signatures are raw IEEE P1363 (r ‖ s, 64 bytes), the WebCrypto form.
import { fromBase64Url, toBase64Url, utf8 } from './bytes';

const CURVE = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;
export const IDENTITY_KEY_BYTES = 65;
export const SIGNATURE_BYTES = 64;
const SAFETY_CODE_CONTEXT = 'cercle/v1/safety-code';
const SAFETY_GROUPS = 12;
const SAFETY_GROUP_BYTES = 5;

/** A fresh identity pair; extractable only so the private key can be sealed in the vault at once. */
export async function generateIdentityKeyPair(): Promise<CryptoKeyPair> {
	return crypto.subtle.generateKey(CURVE, true, ['sign', 'verify']);
}

/** Raw uncompressed point (65 bytes) as base64url: the wire, pin and safety-code form. */
export async function exportIdentityPublicKey(publicKey: CryptoKey): Promise<string> {
	return toBase64Url(new Uint8Array(await crypto.subtle.exportKey('raw', publicKey)));
}

/** null when `text` is not a P-256 point. */
export async function importIdentityPublicKey(text: string): Promise<CryptoKey | null> {
	try {
		const raw = fromBase64Url(text);
		if (raw.length !== IDENTITY_KEY_BYTES || raw[0] !== 4) return null;
		return await crypto.subtle.importKey('raw', raw, CURVE, false, ['verify']);
	} catch {
		return null;
	}
}

/** The private key as kept in memory: non-extractable, sign only. */
export async function importIdentityPrivateJwk(jwk: JsonWebKey): Promise<CryptoKey | null> {
	try {
		return await crypto.subtle.importKey('jwk', jwk, CURVE, false, ['sign']);
	} catch {
		return null;
	}
}

/** Length-prefixed parts, so no two lists of fields share a message. */
export function framed(parts: readonly (string | Uint8Array)[]): Uint8Array<ArrayBuffer> {
	const bytes = parts.map((p) => (typeof p === 'string' ? utf8(p) : p));
	const out = new Uint8Array(bytes.reduce((n, p) => n + 4 + p.length, 0));
	const view = new DataView(out.buffer);
	let offset = 0;
	for (const part of bytes) {
		view.setUint32(offset, part.length);
		out.set(part, offset + 4);
		offset += 4 + part.length;
	}
	return out;
}

export async function signMessage(
	privateKey: CryptoKey,
	message: Uint8Array<ArrayBuffer>
): Promise<Uint8Array<ArrayBuffer>> {
	return new Uint8Array(await crypto.subtle.sign(SIGN, privateKey, message));
}

/** true only when `signature` was made over `message` by the private half of `publicKey`. */
export async function verifyMessage(
	publicKey: string,
	message: Uint8Array<ArrayBuffer>,
	signature: Uint8Array<ArrayBuffer>
): Promise<boolean> {
	if (signature.length !== SIGNATURE_BYTES) return false;
	const key = await importIdentityPublicKey(publicKey);
	if (key === null) return false;
	try {
		return await crypto.subtle.verify(SIGN, key, signature, message);
	} catch {
		return false;
	}
}

/** `verifyMessage` of a base64url signature (a statement's); false for one that does not decode. */
export async function verifyBase64Signature(
	publicKey: string,
	message: Uint8Array<ArrayBuffer>,
	signature: string
): Promise<boolean> {
	try {
		return await verifyMessage(publicKey, message, fromBase64Url(signature));
	} catch {
		return false;
	}
}

/**
 * The safety code of two identity keys, Signal-style: SHA-512 over both raw keys in sorted order
 * (so both devices get the same code), 12 groups of 5 digits, each group a 40-bit chunk mod 10^5.
 * null when either key is not a valid point.
 */
export async function safetyCode(a: string, b: string): Promise<string | null> {
	if ((await importIdentityPublicKey(a)) === null) return null;
	if ((await importIdentityPublicKey(b)) === null) return null;
	const [first, second] = [a, b].sort();
	const digest = new Uint8Array(
		await crypto.subtle.digest(
			'SHA-512',
			framed([SAFETY_CODE_CONTEXT, fromBase64Url(first ?? ''), fromBase64Url(second ?? '')])
		)
	);
	const groups: string[] = [];
	for (let g = 0; g < SAFETY_GROUPS; g++) {
		let value = 0;
		for (let i = 0; i < SAFETY_GROUP_BYTES; i++) {
			value = value * 256 + (digest[g * SAFETY_GROUP_BYTES + i] ?? 0);
		}
		groups.push(String(value % 100000).padStart(5, '0'));
	}
	return groups.join(' ');
}
