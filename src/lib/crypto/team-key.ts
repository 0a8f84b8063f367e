// A care team's own key pair (issue 14 §1; DESIGN: Sharing — "a team has its own key pair"). The
// team's ECDH P-256 key receives the category keys people grant to the team; its private key is
// made on a member's device and sealed to each member's PINNED sharing key, signed by the sealing
// member's identity, so the server (which stores the sealed copies) can neither read nor swap it.
//   team key statement = sign(identity, framed(ctx, teamId, keyVersion, team public key))
//   sealed private key = 3 ‖ ephemeral P-256 (65) ‖ IV (12) ‖ createdAt (8) ‖ signature (64)
//                        ‖ AES-GCM(PKCS#8), key = HKDF(ECDH(ephemeral, member sharing key)),
//                        AAD and signature bound to {team, key version, member, createdAt}
//   attestation        = sign(identity, framed(ctx, teamId, circleId, person's identity key)):
//                        a member who pinned the person vouches for her identity to colleagues
// Invariants: opening and verifying never throw (null / false instead); an opened team private
// key is non-extractable (unless asked: for sealing it again to a new colleague at once, or for
// this device's sealed cache, `exportTeamPrivateKey` / `importTeamPrivateKey`); a sealed key opens
// only for exactly its binding and only when its signature verifies under the identity key the
// caller passes (its pin).
import { fromBase64Url, toBase64Url, utf8 } from './bytes';
import { framed, SIGNATURE_BYTES, signMessage, verifyMessage } from './identity';
import {
	ephemeralAgreement,
	generateSharingKeyPair,
	hkdfAesKey,
	recipientAgreement
} from './sharing';

const KEY_CONTEXT = 'cercle/v1/team-key';
const SEAL_CONTEXT = 'cercle/v1/team-private-key';
const ATTEST_CONTEXT = 'cercle/v1/team-circle-owner';
const SEAL_VERSION = 3;
const EPHEMERAL_BYTES = 65;
const IV_BYTES = 12;
const TIME_BYTES = 8;
const HEADER = 1 + EPHEMERAL_BYTES + IV_BYTES + TIME_BYTES + SIGNATURE_BYTES;

export interface TeamKeyStatement {
	readonly teamId: string;
	readonly keyVersion: number;
	readonly publicKey: string;
}

export interface TeamSealBinding {
	readonly teamId: string;
	readonly keyVersion: number;
	readonly memberAccountId: string;
}

const statementMessage = (s: TeamKeyStatement) =>
	framed([KEY_CONTEXT, s.teamId, String(s.keyVersion), s.publicKey]);

/** A fresh team key pair (extractable only so the private half can be sealed at once). */
export const generateTeamKeyPair = generateSharingKeyPair;

export async function signTeamKey(
	identityPrivateKey: CryptoKey,
	statement: TeamKeyStatement
): Promise<string> {
	return toBase64Url(await signMessage(identityPrivateKey, statementMessage(statement)));
}

/** true only when `signature` over this exact statement verifies under `identityKey` (a pin). */
export async function verifyTeamKey(
	identityKey: string,
	statement: TeamKeyStatement,
	signature: string
): Promise<boolean> {
	try {
		return await verifyMessage(identityKey, statementMessage(statement), fromBase64Url(signature));
	} catch {
		return false;
	}
}

const sealKey = (
	secret: Uint8Array<ArrayBuffer>,
	binding: TeamSealBinding,
	ephemeral: string,
	recipient: string
): Promise<CryptoKey> =>
	hkdfAesKey(
		secret,
		utf8(SEAL_CONTEXT),
		framed([
			binding.teamId,
			String(binding.keyVersion),
			binding.memberAccountId,
			ephemeral,
			recipient
		]),
		'AES-GCM'
	);

const sealedMessage = (
	binding: TeamSealBinding,
	createdAt: number,
	ephemeral: Uint8Array,
	ciphertext: Uint8Array
) =>
	framed([
		SEAL_CONTEXT,
		binding.teamId,
		String(binding.keyVersion),
		binding.memberAccountId,
		String(createdAt),
		ephemeral,
		ciphertext
	]);

/** Seals the (extractable) team private key to a member's pinned sharing key, signed. */
export async function sealTeamPrivateKey(
	teamPrivateKey: CryptoKey,
	recipientSharingKey: string,
	binding: TeamSealBinding,
	signer: CryptoKey,
	createdAt: number
): Promise<string | null> {
	const agreed = await ephemeralAgreement(recipientSharingKey, (secret, ephemeralRaw) =>
		sealKey(secret, binding, ephemeralRaw, recipientSharingKey)
	);
	if (agreed === null) return null;
	const { ephemeralRaw, key } = agreed;
	const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
	const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', teamPrivateKey));
	const ciphertext = new Uint8Array(
		await crypto.subtle.encrypt(
			{ name: 'AES-GCM', iv, additionalData: sealedAad(binding, createdAt) },
			key,
			pkcs8
		)
	);
	pkcs8.fill(0);
	const ephemeralBytes = fromBase64Url(ephemeralRaw);
	const signature = await signMessage(
		signer,
		sealedMessage(binding, createdAt, ephemeralBytes, ciphertext)
	);
	const out = new Uint8Array(HEADER + ciphertext.length);
	out[0] = SEAL_VERSION;
	out.set(ephemeralBytes, 1);
	out.set(iv, 1 + EPHEMERAL_BYTES);
	new DataView(out.buffer).setBigUint64(1 + EPHEMERAL_BYTES + IV_BYTES, BigInt(createdAt));
	out.set(signature, 1 + EPHEMERAL_BYTES + IV_BYTES + TIME_BYTES);
	out.set(ciphertext, HEADER);
	return toBase64Url(out);
}

const sealedAad = (binding: TeamSealBinding, createdAt: number) =>
	framed([
		SEAL_CONTEXT,
		binding.teamId,
		String(binding.keyVersion),
		binding.memberAccountId,
		String(createdAt)
	]);

/**
 * The member's side: the team private key (non-extractable, deriveBits) only when the seal is
 * signed by `signerIdentityKey` (the sealing member's PINNED identity) for exactly this binding and
 * opens with this account's sharing key.
 */
export async function openTeamPrivateKey(
	sealed: string,
	own: { readonly privateKey: CryptoKey; readonly publicKey: string },
	binding: TeamSealBinding,
	signerIdentityKey: string,
	/** Only to seal it again at once for a new colleague; never kept. */
	extractable = false
): Promise<CryptoKey | null> {
	try {
		const bytes = fromBase64Url(sealed);
		if (bytes.length <= HEADER || bytes[0] !== SEAL_VERSION) return null;
		const ephemeralBytes = bytes.slice(1, 1 + EPHEMERAL_BYTES);
		const iv = bytes.slice(1 + EPHEMERAL_BYTES, 1 + EPHEMERAL_BYTES + IV_BYTES);
		const createdAt = Number(
			new DataView(bytes.buffer).getBigUint64(1 + EPHEMERAL_BYTES + IV_BYTES)
		);
		const signature = bytes.slice(1 + EPHEMERAL_BYTES + IV_BYTES + TIME_BYTES, HEADER);
		const ciphertext = bytes.slice(HEADER);
		const signed = await verifyMessage(
			signerIdentityKey,
			sealedMessage(binding, createdAt, ephemeralBytes, ciphertext),
			signature
		);
		if (!signed) return null;
		const ephemeralRaw = toBase64Url(ephemeralBytes);
		const key = await recipientAgreement(own.privateKey, ephemeralRaw, (secret) =>
			sealKey(secret, binding, ephemeralRaw, own.publicKey)
		);
		if (key === null) return null;
		const pkcs8 = await crypto.subtle.decrypt(
			{ name: 'AES-GCM', iv, additionalData: sealedAad(binding, createdAt) },
			key,
			ciphertext
		);
		return await crypto.subtle.importKey(
			'pkcs8',
			pkcs8,
			{ name: 'ECDH', namedCurve: 'P-256' },
			extractable,
			['deriveBits']
		);
	} catch {
		return null;
	}
}

export interface OwnerAttestation {
	readonly teamId: string;
	readonly circleId: string;
	readonly ownerIdentityKey: string;
}

const attestMessage = (a: OwnerAttestation) =>
	framed([ATTEST_CONTEXT, a.teamId, a.circleId, a.ownerIdentityKey]);

export async function attestOwner(
	identityPrivateKey: CryptoKey,
	attestation: OwnerAttestation
): Promise<string> {
	return toBase64Url(await signMessage(identityPrivateKey, attestMessage(attestation)));
}

export async function verifyOwnerAttestation(
	signerIdentityKey: string,
	attestation: OwnerAttestation,
	signature: string
): Promise<boolean> {
	try {
		return await verifyMessage(
			signerIdentityKey,
			attestMessage(attestation),
			fromBase64Url(signature)
		);
	} catch {
		return false;
	}
}

/** PKCS#8 of an extractable team private key, for this device's sealed cache (null: not allowed). */
export async function exportTeamPrivateKey(
	key: CryptoKey
): Promise<Uint8Array<ArrayBuffer> | null> {
	try {
		return new Uint8Array(await crypto.subtle.exportKey('pkcs8', key));
	} catch {
		return null;
	}
}

/** A cached team private key back in memory: non-extractable, deriveBits only (null: invalid). */
export async function importTeamPrivateKey(
	pkcs8: Uint8Array<ArrayBuffer>
): Promise<CryptoKey | null> {
	try {
		return await crypto.subtle.importKey(
			'pkcs8',
			pkcs8,
			{ name: 'ECDH', namedCurve: 'P-256' },
			false,
			['deriveBits']
		);
	} catch {
		return null;
	}
}
