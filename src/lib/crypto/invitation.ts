// Invitation secrets and proofs (DESIGN: Sharing). The person's client mints a 256-bit secret that
// travels only in the link's URL fragment (`/join#<secret>`), never to the server. From it:
//   lookupId  = HMAC(secret, "cercle/v1/invitation/lookup")      → the server finds the invitation
//   serverKey = HMAC(secret, "cercle/v1/invitation/server-key")  → the server checks an accept
//   proof     = HMAC(secret, ctx ‖ invitationId ‖ invitee identity + sharing keys ‖ owner identity
//               + sharing keys)                                   → the PERSON's client checks it
//   ownerProof = HMAC(secret, ctx ‖ circleId ‖ owner identity + sharing keys) → the INVITEE checks it
// The server stores only SHA-256(lookupId) and serverKey, both one-way from the secret, so it can
// refuse random or forged accepts (and count failures) but can never compute `proof`: a server
// that substitutes the invitee's public key is caught by the person's client before any category
// key is wrapped; a server that substitutes the owner's keys in the preview is caught by the
// invitee. Once a proof verifies, each side pins the other's keys (src/lib/vault/pins.ts).
// Invariant: comparisons of tags go through WebCrypto `verify` (constant time).
import { err, ok, type Result } from '$lib/domain/result';
import { decodeBase64Url, fromBase64Url, randomBytes, toBase64Url, utf8 } from './bytes';
import { framed } from './identity';

export const INVITATION_SECRET_BYTES = 32;
const PROOF_CONTEXT = 'cercle/v2/invitation/proof';
const OWNER_PROOF_CONTEXT = 'cercle/v2/invitation/owner-proof';
const SERVER_PROOF_CONTEXT = 'cercle/v1/invitation/server-proof';
const TAG_BYTES = 32;

async function hmacKey(secret: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
	return crypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, [
		'sign',
		'verify'
	]);
}

/** HMAC-SHA-256 (RFC 2104), full 32-byte tag. */
export async function hmacSha256(
	key: Uint8Array<ArrayBuffer>,
	message: Uint8Array<ArrayBuffer>
): Promise<Uint8Array<ArrayBuffer>> {
	return new Uint8Array(await crypto.subtle.sign('HMAC', await hmacKey(key), message));
}

/** Constant-time check of a full 32-byte tag; truncated tags are refused. */
export async function verifyHmacSha256(
	key: Uint8Array<ArrayBuffer>,
	message: Uint8Array<ArrayBuffer>,
	tag: Uint8Array<ArrayBuffer>
): Promise<boolean> {
	if (tag.length !== TAG_BYTES) return false;
	return crypto.subtle.verify('HMAC', await hmacKey(key), tag, message);
}

const decodeSecret = (secret: string): Uint8Array<ArrayBuffer> | null => {
	try {
		const bytes = fromBase64Url(secret);
		return bytes.length === INVITATION_SECRET_BYTES ? bytes : null;
	} catch {
		return null;
	}
};

/** A fresh invitation secret (base64url, 256 bits) for the link fragment. */
export function newInvitationSecret(
	random: (length: number) => Uint8Array<ArrayBuffer> = randomBytes
): string {
	return toBase64Url(random(INVITATION_SECRET_BYTES));
}

/** `${origin}/join#${secret}`: the fragment never reaches the server. */
export const invitationLink = (origin: string, secret: string): string =>
	`${origin}/join#${secret}`;

/** Reads the secret back from a link (or the bare fragment); null when it is not one. */
export function secretFromLink(link: string): string | null {
	const fragment = link.includes('#') ? link.slice(link.indexOf('#') + 1) : link;
	return decodeSecret(fragment) === null ? null : fragment;
}

async function derived(secret: string, label: string): Promise<string | null> {
	const key = decodeSecret(secret);
	if (key === null) return null;
	return toBase64Url(await hmacSha256(key, utf8(label)));
}

export const invitationLookupId = (secret: string): Promise<string | null> =>
	derived(secret, 'cercle/v1/invitation/lookup');

export const invitationServerKey = (secret: string): Promise<string | null> =>
	derived(secret, 'cercle/v1/invitation/server-key');

/** Length-prefixed so no two (context, id, key) triples share a message. */
function proofMessage(context: string, invitationId: string, publicKey: string): Uint8Array {
	const parts = [utf8(context), utf8(invitationId), utf8(publicKey)];
	const out = new Uint8Array(parts.reduce((n, p) => n + 4 + p.length, 0));
	const view = new DataView(out.buffer);
	let offset = 0;
	for (const part of parts) {
		view.setUint32(offset, part.length);
		out.set(part, offset + 4);
		offset += 4 + part.length;
	}
	return out;
}

async function tagWith(key: Uint8Array<ArrayBuffer>, message: Uint8Array): Promise<string> {
	return toBase64Url(await hmacSha256(key, new Uint8Array(message)));
}

async function verifyWith(
	key: Uint8Array<ArrayBuffer>,
	message: Uint8Array,
	tag: string
): Promise<boolean> {
	const bytes = decodeBase64Url(tag);
	if (bytes === null) return false;
	return verifyHmacSha256(key, new Uint8Array(message), bytes);
}

export interface InvitationProofs {
	/** Checked by the person's client before any key is wrapped. */
	readonly proof: string;
	/** Checked by the server (under serverKey) to refuse forged accepts early. */
	readonly serverProof: string;
}

/** One party's public keys: identity (ECDSA, signs) and sharing (ECDH, receives wraps). */
export interface PartyKeys {
	readonly identityKey: string;
	readonly sharingKey: string;
}

/** Both parties of one invitation, as the invitee's proof binds them. */
export interface InvitationParties {
	readonly invitee: PartyKeys;
	readonly owner: PartyKeys;
}

const partiesMessage = (invitationId: string, parties: InvitationParties) =>
	framed([
		PROOF_CONTEXT,
		invitationId,
		parties.invitee.identityKey,
		parties.invitee.sharingKey,
		parties.owner.identityKey,
		parties.owner.sharingKey
	]);

const ownerMessage = (circleId: string, owner: PartyKeys) =>
	framed([OWNER_PROOF_CONTEXT, circleId, owner.identityKey, owner.sharingKey]);

/** The invitee's side: proves both parties' keys under the link's secret. */
export async function proveInvitation(
	secret: string,
	invitationId: string,
	parties: InvitationParties
): Promise<InvitationProofs | null> {
	const key = decodeSecret(secret);
	const serverKey = await invitationServerKey(secret);
	if (key === null || serverKey === null) return null;
	return {
		proof: await tagWith(key, partiesMessage(invitationId, parties)),
		serverProof: await tagWith(
			fromBase64Url(serverKey),
			proofMessage(SERVER_PROOF_CONTEXT, invitationId, parties.invitee.sharingKey)
		)
	};
}

/** The person's side: true only if `proof` was made with the secret for exactly these keys. */
export async function verifyInvitationProof(
	secret: string,
	invitationId: string,
	parties: InvitationParties,
	proof: string
): Promise<boolean> {
	const key = decodeSecret(secret);
	if (key === null) return false;
	return verifyWith(key, partiesMessage(invitationId, parties), proof);
}

/** The person's side at creation: proves the owner's keys to the invitee under the secret. */
export async function proveOwnerKeys(
	secret: string,
	circleId: string,
	owner: PartyKeys
): Promise<string | null> {
	const key = decodeSecret(secret);
	if (key === null) return null;
	return tagWith(key, ownerMessage(circleId, owner));
}

/** The invitee's side: true only if the previewed owner keys are the ones the person proved. */
export async function verifyOwnerKeys(
	secret: string,
	circleId: string,
	owner: PartyKeys,
	ownerProof: string
): Promise<boolean> {
	const key = decodeSecret(secret);
	if (key === null) return false;
	return verifyWith(key, ownerMessage(circleId, owner), ownerProof);
}

/** The server's side, with the stored serverKey (base64url); never sees the secret. */
export async function verifyServerProof(
	serverKey: string,
	invitationId: string,
	publicKey: string,
	serverProof: string
): Promise<boolean> {
	const key = decodeBase64Url(serverKey);
	if (key === null || key.length !== TAG_BYTES) return false;
	return verifyWith(key, proofMessage(SERVER_PROOF_CONTEXT, invitationId, publicKey), serverProof);
}

/** SHA-256 hex of a lookup id: what the server stores and searches by. */
export async function lookupIdHash(lookupId: string): Promise<string> {
	const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(lookupId)));
	return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** One category key the person grants, with its key id. */
export interface GrantedKey<C extends string = string> {
	readonly category: C;
	readonly keyId: string;
	/** Extractable AES-GCM category key (unwrapped for this operation only). */
	readonly key: CryptoKey;
}

export interface AcceptedInvitee {
	readonly invitationId: string;
	readonly accountId: string;
	/** The invitee's sharing key (what wraps go to). */
	readonly publicKey: string;
	readonly identityKey: string;
	readonly proof: string;
}

export type WrapToMember = (
	key: CryptoKey,
	publicKey: string,
	binding: {
		readonly circleId: string;
		readonly category: string;
		readonly keyId: string;
		readonly memberAccountId: string;
	}
) => Promise<string | null>;

/** One category key wrapped (and signed) for the invitee. */
export interface InviteeWrap<C extends string = string> {
	readonly category: C;
	readonly keyId: string;
	readonly wrapped: string;
}

export type ConfirmInviteeError = { readonly type: 'proof-invalid' | 'bad-public-key' };

/**
 * The person's client confirming an accepted invitation: verifies the invitee's proof under the
 * link secret FIRST and wraps the granted category keys only when it holds. `wrap` is injected so
 * tests can see that nothing is wrapped for a substituted key.
 */
export async function wrapKeysForVerifiedInvitee<C extends string>(
	secret: string,
	circleId: string,
	invitee: AcceptedInvitee,
	owner: PartyKeys,
	keys: readonly GrantedKey<C>[],
	wrap: WrapToMember
): Promise<Result<readonly InviteeWrap<C>[], ConfirmInviteeError>> {
	const verified = await verifyInvitationProof(
		secret,
		invitee.invitationId,
		{ invitee: { identityKey: invitee.identityKey, sharingKey: invitee.publicKey }, owner },
		invitee.proof
	);
	if (!verified) return err({ type: 'proof-invalid' });
	const wraps: InviteeWrap<C>[] = [];
	for (const k of keys) {
		const wrapped = await wrap(k.key, invitee.publicKey, {
			circleId,
			category: k.category,
			keyId: k.keyId,
			memberAccountId: invitee.accountId
		});
		if (wrapped === null) return err({ type: 'bad-public-key' });
		wraps.push({ category: k.category, keyId: k.keyId, wrapped });
	}
	return ok(wraps);
}
