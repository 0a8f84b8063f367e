// Category-key wraps signed by the granting identity (DESIGN: Sharing — "the server may lie").
// An ECDH wrap alone proves nothing about its author: anyone who knows a member's public sharing
// key (the server does) can make one. So every wrap the owner sends carries an ECDSA signature of
// the owner's identity key over {circle, member, category, key id, createdAt, the ephemeral public
// key, the wrapped bytes}, and a member opens a wrap only when that signature verifies under the
// owner identity key it PINNED when the invitation proof verified.
// Wire form (base64url, inside the existing `wrapped` field, so the server stores it unchanged):
//   version 2 (1) ‖ inner v1 wrap (version 1 ‖ ephemeral key 65 ‖ AES-KW 40) ‖ createdAt (8, ms BE)
//   ‖ signature (64, r ‖ s).
// Invariants: opening never throws (null instead); an unsigned (v1) wrap never opens here.
import { decodeBase64Url, fromBase64Url, toBase64Url } from './bytes';
import { framed, SIGNATURE_BYTES, signMessage, verifyMessage } from './identity';
import {
	PUBLIC_KEY_BYTES,
	unwrapCategoryKeyAsMember,
	wrapCategoryKeyForMember,
	type WrapBinding
} from './sharing';

const SIGNED_VERSION = 2;
const INNER_BYTES = 1 + PUBLIC_KEY_BYTES + 40;
const TIME_BYTES = 8;
export const SIGNED_WRAP_BYTES = 1 + INNER_BYTES + TIME_BYTES + SIGNATURE_BYTES;
const CONTEXT = 'cercle/v1/signed-category-key-wrap';

/** The granting side: the owner's identity private key (non-extractable, sign). */
export interface WrapSigner {
	readonly privateKey: CryptoKey;
}

function signedMessage(
	binding: WrapBinding,
	createdAt: number,
	inner: Uint8Array
): Uint8Array<ArrayBuffer> {
	return framed([
		CONTEXT,
		binding.circleId,
		binding.memberAccountId,
		binding.category,
		binding.keyId,
		String(createdAt),
		inner.subarray(1, 1 + PUBLIC_KEY_BYTES),
		inner.subarray(1 + PUBLIC_KEY_BYTES)
	]);
}

/** Wraps `categoryKey` to `recipientPublicKey` and signs the wrap with the owner's identity. */
export async function wrapAndSignForMember(
	categoryKey: CryptoKey,
	recipientPublicKey: string,
	binding: WrapBinding,
	signer: WrapSigner,
	createdAt: number
): Promise<string | null> {
	const innerText = await wrapCategoryKeyForMember(categoryKey, recipientPublicKey, binding);
	if (innerText === null) return null;
	const inner = fromBase64Url(innerText);
	const signature = await signMessage(signer.privateKey, signedMessage(binding, createdAt, inner));
	const out = new Uint8Array(SIGNED_WRAP_BYTES);
	out[0] = SIGNED_VERSION;
	out.set(inner, 1);
	new DataView(out.buffer).setBigUint64(1 + INNER_BYTES, BigInt(createdAt));
	out.set(signature, 1 + INNER_BYTES + TIME_BYTES);
	return toBase64Url(out);
}

/** When a signed wrap says it was made (what the signature covers), or null if malformed. */
export function signedWrapCreatedAt(wrapped: string): number | null {
	try {
		const bytes = fromBase64Url(wrapped);
		if (bytes.length !== SIGNED_WRAP_BYTES || bytes[0] !== SIGNED_VERSION) return null;
		return Number(new DataView(bytes.buffer).getBigUint64(1 + INNER_BYTES));
	} catch {
		return null;
	}
}

/**
 * The member's side: the category key only when the wrap is signed by `ownerIdentityKey` (the
 * PINNED owner key) for exactly this binding, and opens with this account's sharing key.
 */
export async function openSignedWrap(
	wrapped: string,
	own: { readonly privateKey: CryptoKey; readonly publicKey: string },
	binding: WrapBinding,
	ownerIdentityKey: string
): Promise<CryptoKey | null> {
	const bytes = decodeBase64Url(wrapped);
	if (bytes === null) return null;
	if (bytes.length !== SIGNED_WRAP_BYTES || bytes[0] !== SIGNED_VERSION) return null;
	const inner = bytes.slice(1, 1 + INNER_BYTES);
	const createdAt = Number(new DataView(bytes.buffer).getBigUint64(1 + INNER_BYTES));
	const signature = bytes.slice(1 + INNER_BYTES + TIME_BYTES);
	const signed = await verifyMessage(
		ownerIdentityKey,
		signedMessage(binding, createdAt, inner),
		signature
	);
	if (!signed) return null;
	return unwrapCategoryKeyAsMember(toBase64Url(inner), own, binding);
}

export interface PinnedRecipient {
	readonly accountId: string;
	/** The sharing key PINNED for this member (never one just listed by the server). */
	readonly publicKey: string;
}

/** Rotation: a new key version wrapped and signed for each pinned remaining holder. */
export async function wrapAndSignForMembers(
	categoryKey: CryptoKey,
	circleId: string,
	category: string,
	keyId: string,
	members: readonly PinnedRecipient[],
	signer: WrapSigner,
	createdAt: number
): Promise<readonly { readonly accountId: string; readonly wrapped: string }[] | null> {
	const out: { accountId: string; wrapped: string }[] = [];
	for (const m of members) {
		const wrapped = await wrapAndSignForMember(
			categoryKey,
			m.publicKey,
			{ circleId, category, keyId, memberAccountId: m.accountId },
			signer,
			createdAt
		);
		if (wrapped === null) return null;
		out.push({ accountId: m.accountId, wrapped });
	}
	return out;
}
