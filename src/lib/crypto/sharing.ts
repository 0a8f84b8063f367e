// Sharing a category key with a member of the circle (DESIGN: Sharing). Each account has an ECDH
// P-256 key pair; its private key is stored wrapped under the vault key. Granting a category wraps
// the category key to the member's public key with ephemeral-static ECDH → HKDF-SHA-256 → AES-KW,
// the HKDF info binding {circleId, category, keyId, member account id, both public keys}, so a
// wrap cannot be replayed for another member, category, key version or circle.
// Invariants: unwrapping never throws on bad input (null instead); unwrapped keys are
// non-extractable; the server only ever sees public keys and opaque wraps. An ECDH wrap alone does
// not say who made it: what the app sends and accepts is the signed form (signed-wrap.ts).
import { decodeBase64Url, fromBase64Url, toBase64Url, utf8 } from './bytes';
import { unwrapCategoryKey, wrapKey } from './keys';

const CURVE = { name: 'ECDH', namedCurve: 'P-256' } as const;
const HKDF_SALT = utf8('cercle/v1/share');
export const PUBLIC_KEY_BYTES = 65;
const WRAP_VERSION = 1;
const WRAPPED_KEY_BYTES = 40;
const PRIVATE_WRAP_VERSION = 1;
const IV_BYTES = 12;

/** What a wrapped category key is bound to. */
export interface WrapBinding {
	readonly circleId: string;
	readonly category: string;
	readonly keyId: string;
	readonly memberAccountId: string;
}

/** A fresh sharing key pair; the private key is extractable only so it can be wrapped at once. */
export async function generateSharingKeyPair(): Promise<CryptoKeyPair> {
	return crypto.subtle.generateKey(CURVE, true, ['deriveBits']);
}

/** Uncompressed SEC1 point (65 bytes) as base64url: the wire and storage form of a public key. */
export async function exportPublicKey(publicKey: CryptoKey): Promise<string> {
	return toBase64Url(new Uint8Array(await crypto.subtle.exportKey('raw', publicKey)));
}

export async function exportPublicJwk(publicKey: CryptoKey): Promise<JsonWebKey> {
	return crypto.subtle.exportKey('jwk', publicKey);
}

/** Imports a base64url raw public key; null when it is not a valid P-256 point. */
export async function importPublicKey(text: string): Promise<CryptoKey | null> {
	try {
		const raw = fromBase64Url(text);
		if (raw.length !== PUBLIC_KEY_BYTES || raw[0] !== 4) return null;
		return await crypto.subtle.importKey('raw', raw, CURVE, true, []);
	} catch {
		return null;
	}
}

export async function importPublicJwk(jwk: JsonWebKey): Promise<CryptoKey | null> {
	try {
		return await crypto.subtle.importKey('jwk', jwk, CURVE, true, []);
	} catch {
		return null;
	}
}

export async function importPrivateJwk(jwk: JsonWebKey): Promise<CryptoKey | null> {
	try {
		return await crypto.subtle.importKey('jwk', jwk, CURVE, false, ['deriveBits']);
	} catch {
		return null;
	}
}

/** Raw ECDH shared secret (32 bytes); null when the peer key does not fit (checked by vectors). */
export async function ecdhSharedBits(
	privateKey: CryptoKey,
	publicKey: CryptoKey
): Promise<Uint8Array<ArrayBuffer> | null> {
	try {
		return new Uint8Array(
			await crypto.subtle.deriveBits({ name: 'ECDH', public: publicKey }, privateKey, 256)
		);
	} catch {
		return null;
	}
}

/**
 * HKDF-SHA-256 of an ECDH secret into a non-extractable 256-bit AES key: AES-GCM (encrypt,
 * decrypt) or AES-KW (wrapKey, unwrapKey). Each caller brings its own salt and info: its domain
 * separation (sharing, sealed boxes, team keys), which this function never changes.
 */
export async function hkdfAesKey(
	secret: Uint8Array<ArrayBuffer>,
	salt: Uint8Array,
	info: Uint8Array,
	algorithm: 'AES-GCM' | 'AES-KW'
): Promise<CryptoKey> {
	const base = await crypto.subtle.importKey('raw', secret, 'HKDF', false, ['deriveKey']);
	return crypto.subtle.deriveKey(
		{ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(salt), info: new Uint8Array(info) },
		base,
		{ name: algorithm, length: 256 },
		false,
		algorithm === 'AES-GCM' ? ['encrypt', 'decrypt'] : ['wrapKey', 'unwrapKey']
	);
}

/**
 * The sender's side of ephemeral-static ECDH (P-256): a fresh key pair agreed with the recipient's
 * raw public key, and the key `derive` makes of the shared secret and the ephemeral public key.
 * Null when the recipient's key is not a point (or the agreement fails).
 */
export async function ephemeralAgreement(
	recipientPublicKey: string,
	derive: (secret: Uint8Array<ArrayBuffer>, ephemeralRaw: string) => Promise<CryptoKey>
): Promise<{ readonly ephemeralRaw: string; readonly key: CryptoKey } | null> {
	const recipient = await importPublicKey(recipientPublicKey);
	if (recipient === null) return null;
	const ephemeral = await generateSharingKeyPair();
	const secret = await ecdhSharedBits(ephemeral.privateKey, recipient);
	if (secret === null) return null;
	const ephemeralRaw = await exportPublicKey(ephemeral.publicKey);
	return { ephemeralRaw, key: await derive(secret, ephemeralRaw) };
}

/** The recipient's side: the key `derive` makes of the secret agreed with a box's ephemeral key. */
export async function recipientAgreement(
	ownPrivateKey: CryptoKey,
	ephemeralRaw: string,
	derive: (secret: Uint8Array<ArrayBuffer>) => Promise<CryptoKey>
): Promise<CryptoKey | null> {
	const ephemeral = await importPublicKey(ephemeralRaw);
	if (ephemeral === null) return null;
	const secret = await ecdhSharedBits(ownPrivateKey, ephemeral);
	if (secret === null) return null;
	return derive(secret);
}

function bindingInfo(binding: WrapBinding, ephemeral: string, recipient: string): Uint8Array {
	return utf8(
		JSON.stringify([
			'cercle/v1/category-key-wrap',
			binding.circleId,
			binding.category,
			binding.keyId,
			binding.memberAccountId,
			ephemeral,
			recipient
		])
	);
}

const deriveWrapKek = (secret: Uint8Array<ArrayBuffer>, info: Uint8Array): Promise<CryptoKey> =>
	hkdfAesKey(secret, HKDF_SALT, info, 'AES-KW');

/**
 * Wraps an (extractable) category key to a member's public key. Output, base64url:
 * version (1) ‖ ephemeral public key (65) ‖ AES-KW(category key) (40).
 */
export async function wrapCategoryKeyForMember(
	categoryKey: CryptoKey,
	recipientPublicKey: string,
	binding: WrapBinding
): Promise<string | null> {
	const agreed = await ephemeralAgreement(recipientPublicKey, (secret, ephemeralRaw) =>
		deriveWrapKek(secret, bindingInfo(binding, ephemeralRaw, recipientPublicKey))
	);
	if (agreed === null) return null;
	const { ephemeralRaw, key: kek } = agreed;
	const wrapped = await wrapKey(categoryKey, kek);
	const out = new Uint8Array(1 + PUBLIC_KEY_BYTES + wrapped.length);
	out[0] = WRAP_VERSION;
	out.set(fromBase64Url(ephemeralRaw), 1);
	out.set(wrapped, 1 + PUBLIC_KEY_BYTES);
	return toBase64Url(out);
}

/** The member's side: a non-extractable AES-GCM category key, or null if anything does not fit. */
export async function unwrapCategoryKeyAsMember(
	wrapped: string,
	own: { readonly privateKey: CryptoKey; readonly publicKey: string },
	binding: WrapBinding
): Promise<CryptoKey | null> {
	const bytes = decodeBase64Url(wrapped);
	if (bytes === null) return null;
	if (bytes.length !== 1 + PUBLIC_KEY_BYTES + WRAPPED_KEY_BYTES || bytes[0] !== WRAP_VERSION)
		return null;
	const ephemeralRaw = toBase64Url(bytes.subarray(1, 1 + PUBLIC_KEY_BYTES));
	const kek = await recipientAgreement(own.privateKey, ephemeralRaw, (secret) =>
		deriveWrapKek(secret, bindingInfo(binding, ephemeralRaw, own.publicKey))
	);
	if (kek === null) return null;
	return unwrapCategoryKey(bytes.slice(1 + PUBLIC_KEY_BYTES), kek);
}

/**
 * Wraps the sharing private key for storage next to the vault's keys. The vault key is AES-KW,
 * which only wraps multiples of 8 bytes, so a fresh AES-GCM key encrypts the PKCS#8 private key
 * and the vault key wraps that AES key. Output, base64url:
 * version (1) ‖ AES-KW(AES key) (40) ‖ IV (12) ‖ AES-GCM(PKCS#8).
 */
export async function wrapSharingPrivateKey(
	privateKey: CryptoKey,
	vaultKey: CryptoKey
): Promise<string> {
	const inner = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, [
		'wrapKey',
		'unwrapKey',
		'encrypt',
		'decrypt'
	]);
	const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
	const sealed = new Uint8Array(
		await crypto.subtle.wrapKey('pkcs8', privateKey, inner, {
			name: 'AES-GCM',
			iv,
			additionalData: utf8('cercle/v1/sharing-private-key')
		})
	);
	const wrappedInner = await wrapKey(inner, vaultKey);
	const out = new Uint8Array(1 + WRAPPED_KEY_BYTES + IV_BYTES + sealed.length);
	out[0] = PRIVATE_WRAP_VERSION;
	out.set(wrappedInner, 1);
	out.set(iv, 1 + WRAPPED_KEY_BYTES);
	out.set(sealed, 1 + WRAPPED_KEY_BYTES + IV_BYTES);
	return toBase64Url(out);
}

/** Unwraps the sharing private key (non-extractable); null with a wrong vault key or bad bytes. */
export async function unwrapSharingPrivateKey(
	wrapped: string,
	vaultKey: CryptoKey
): Promise<CryptoKey | null> {
	try {
		const bytes = fromBase64Url(wrapped);
		if (bytes[0] !== PRIVATE_WRAP_VERSION) return null;
		const inner = await crypto.subtle.unwrapKey(
			'raw',
			bytes.slice(1, 1 + WRAPPED_KEY_BYTES),
			vaultKey,
			'AES-KW',
			{ name: 'AES-GCM', length: 256 },
			false,
			['unwrapKey']
		);
		return await crypto.subtle.unwrapKey(
			'pkcs8',
			bytes.slice(1 + WRAPPED_KEY_BYTES + IV_BYTES),
			inner,
			{
				name: 'AES-GCM',
				iv: bytes.slice(1 + WRAPPED_KEY_BYTES, 1 + WRAPPED_KEY_BYTES + IV_BYTES),
				additionalData: utf8('cercle/v1/sharing-private-key')
			},
			CURVE,
			false,
			['deriveBits']
		);
	} catch {
		return null;
	}
}
