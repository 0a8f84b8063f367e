// The person's side of sharing (issue 5, DESIGN: Sharing), on top of the open vault:
// - `extractableCategoryKey`: the category's ACTIVE key, unwrapped from its stored key row as
//   extractable, for exactly one `wrapAndSignForMember` / `wrapAndSignForMembers` call. It is never
//   stored nor kept: callers let it go out of scope after wrapping. The session's own copy stays
//   non-extractable.
// - `rotateCategoryKey`: a fresh category key becomes the active one locally (older keys stay to
//   read older buckets), returned once as extractable so it can be wrapped to remaining members.
// - `sharingIdentity`: this account's ECDH P-256 key pair. The public key is what invitations pin;
//   the private key is kept as a JWK inside an encrypted `settings` record (never shared, only
//   synced as ciphertext to the person's own devices), created on first use.
// - `signingIdentity`: this account's long-term ECDSA P-256 identity (signs every wrap it grants;
//   what the other side pins and the safety code is computed from), kept the same way; made at the
//   first unlock of a vault that has none.
import * as z from 'zod/mini';
import { generateCategoryKey } from '$lib/crypto/keys';
import {
	exportIdentityPublicKey,
	generateIdentityKeyPair,
	importIdentityPrivateJwk
} from '$lib/crypto/identity';
import { exportPublicKey, generateSharingKeyPair, importPrivateJwk } from '$lib/crypto/sharing';
import type { ShareableCategory } from '$lib/domain/circle';
import type { Vault } from './vault';

export interface CategoryKey {
	readonly category: ShareableCategory;
	readonly keyId: string;
	/** Extractable AES-GCM key: wrap it, then drop it. */
	readonly key: CryptoKey;
}

/** The active key of `category` as extractable, or null while locked / without a key row. */
export async function extractableCategoryKey(
	vault: Vault,
	category: ShareableCategory
): Promise<CategoryKey | null> {
	const material = vault.sharingKeyMaterial();
	const keyId = material?.activeKeyIds.get(category);
	if (material === null || keyId === undefined) return null;
	const key = await vault.categoryKey(keyId, true);
	return key === null ? null : { category, keyId, key };
}

/** A new active key for `category` (rotation after a removal or a revoked grant). */
export async function rotateCategoryKey(
	vault: Vault,
	category: ShareableCategory
): Promise<CategoryKey | null> {
	const key = await generateCategoryKey();
	const keyId = await vault.installCategoryKey(category, key);
	return keyId === null ? null : { category, keyId, key };
}

export const SHARING_IDENTITY_KIND = 'sharing-identity';

const identityBodySchema = z.object({
	publicKey: z.string().check(z.minLength(1)),
	privateJwk: z.record(z.string(), z.unknown())
});

export interface SharingIdentity {
	/** Raw P-256 public key, base64url (what the server and invitations carry). */
	readonly publicKey: string;
	/** Non-extractable, for unwrapping keys a circle owner wrapped to this account. */
	readonly privateKey: CryptoKey;
}

async function readIdentity(vault: Vault): Promise<SharingIdentity | null> {
	const rows = await vault.query({ category: 'settings', kinds: [SHARING_IDENTITY_KIND] });
	for (const row of rows) {
		const body = identityBodySchema.safeParse(row.body);
		if (!body.success) continue;
		const privateKey = await importPrivateJwk(body.data.privateJwk);
		if (privateKey !== null) return { publicKey: body.data.publicKey, privateKey };
	}
	return null;
}

/** This account's sharing key pair, created and stored in the vault on first use. */
export async function sharingIdentity(vault: Vault): Promise<SharingIdentity | null> {
	if (!vault.isUnlocked()) return null;
	const existing = await readIdentity(vault);
	if (existing !== null) return existing;
	const pair = await generateSharingKeyPair();
	const publicKey = await exportPublicKey(pair.publicKey);
	const privateJwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
	const saved = await vault.commit([
		{
			type: 'put',
			kind: SHARING_IDENTITY_KIND,
			category: 'settings',
			at: Date.now(),
			body: { publicKey, privateJwk }
		}
	]);
	if (!saved.ok) return null;
	return readIdentity(vault);
}

export const SIGNING_IDENTITY_KIND = 'signing-identity';

export interface SigningIdentity {
	/** Raw P-256 ECDSA public key, base64url (what the other side pins). */
	readonly identityKey: string;
	/** Non-extractable, sign only. */
	readonly privateKey: CryptoKey;
}

async function readSigningIdentity(vault: Vault): Promise<SigningIdentity | null> {
	return signingIdentityIn((q) => vault.query(q));
}

/** The signing identity kept in these records (the vault's own `query`), or null. */
export async function signingIdentityIn(query: Vault['query']): Promise<SigningIdentity | null> {
	const rows = await query({ category: 'settings', kinds: [SIGNING_IDENTITY_KIND] });
	const sorted = [...rows].sort((a, b) => (a.id < b.id ? -1 : 1));
	for (const row of sorted) {
		const body = identityBodySchema.safeParse(row.body);
		if (!body.success) continue;
		const privateKey = await importIdentityPrivateJwk(body.data.privateJwk);
		if (privateKey !== null) return { identityKey: body.data.publicKey, privateKey };
	}
	return null;
}

/** This account's identity signing key pair, created and sealed in the vault on first use. */
export async function signingIdentity(vault: Vault): Promise<SigningIdentity | null> {
	if (!vault.isUnlocked()) return null;
	const existing = await readSigningIdentity(vault);
	if (existing !== null) return existing;
	const pair = await generateIdentityKeyPair();
	const publicKey = await exportIdentityPublicKey(pair.publicKey);
	const privateJwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
	const saved = await vault.commit([
		{
			type: 'put',
			kind: SIGNING_IDENTITY_KIND,
			category: 'settings',
			at: Date.now(),
			body: { publicKey, privateJwk }
		}
	]);
	if (!saved.ok) return null;
	return readSigningIdentity(vault);
}
