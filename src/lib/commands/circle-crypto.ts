// The key work the circle and care-team commands need, as a port (issue 13: commands never import
// crypto; keys and randomness are injected). `state/circle-crypto.ts` binds it to src/lib/crypto;
// each function keeps the contract of the crypto function it stands for (named in its comment).
// Every function that can fail answers null or false: the commands turn that into a `CircleError`.

/** One party's public keys: identity (ECDSA, signs) and sharing (ECDH, receives wraps). */
export interface PartyKeys {
	readonly identityKey: string;
	readonly sharingKey: string;
}

/** What a signed wrap binds (crypto/signed-wrap.ts). */
export interface WrapBinding {
	readonly circleId: string;
	readonly category: string;
	readonly keyId: string;
	readonly memberAccountId: string;
}

/** What a sealed team private key binds (crypto/team-key.ts). */
export interface TeamSealBinding {
	readonly teamId: string;
	readonly keyVersion: number;
	readonly memberAccountId: string;
}

export interface TeamKeyStatement {
	readonly teamId: string;
	readonly keyVersion: number;
	readonly publicKey: string;
}

export interface CircleCrypto {
	/** signed-wrap `wrapAndSignForMember`: a category key wrapped to a sharing key, signed. */
	readonly wrapForMember: (
		key: CryptoKey,
		recipientPublicKey: string,
		binding: WrapBinding,
		signer: { readonly privateKey: CryptoKey },
		createdAt: number
	) => Promise<string | null>;
	/** invitation `newInvitationSecret`: a fresh 256-bit secret for a link's fragment. */
	readonly newInvitationSecret: () => string;
	/** invitation `invitationLink`: `${origin}/join#${secret}`. */
	readonly invitationLink: (origin: string, secret: string) => string;
	readonly invitationLookupId: (secret: string) => Promise<string | null>;
	readonly invitationServerKey: (secret: string) => Promise<string | null>;
	/** invitation `proveOwnerKeys`: the inviter's keys proved under the secret. */
	readonly proveOwnerKeys: (
		secret: string,
		scopeId: string,
		owner: PartyKeys
	) => Promise<string | null>;
	/** invitation `proveInvitation`: the invitee's proof of both parties' keys. */
	readonly proveInvitation: (
		secret: string,
		invitationId: string,
		parties: { readonly invitee: PartyKeys; readonly owner: PartyKeys }
	) => Promise<{ readonly proof: string; readonly serverProof: string } | null>;
	/** invitation `verifyInvitationProof`: true only for a proof of exactly these keys. */
	readonly verifyInvitationProof: (
		secret: string,
		invitationId: string,
		parties: { readonly invitee: PartyKeys; readonly owner: PartyKeys },
		proof: string
	) => Promise<boolean>;
	/** framed-signature `signFields`. */
	readonly signFields: (privateKey: CryptoKey, fields: readonly string[]) => Promise<string>;
	/** framed-signature `sha256Text`: SHA-256 of a UTF-8 text, base64url. */
	readonly hashText: (text: string) => Promise<string>;
	/** framed-signature `verifyFields`. */
	readonly verifyFields: (
		identityKey: string,
		fields: readonly string[],
		signature: string
	) => Promise<boolean>;
	/** team-key `generateTeamKeyPair` (ECDH P-256). */
	readonly generateTeamKeyPair: () => Promise<CryptoKeyPair>;
	/** sharing `exportPublicKey`: raw, base64url. */
	readonly exportPublicKey: (publicKey: CryptoKey) => Promise<string>;
	readonly signTeamKey: (
		identityPrivateKey: CryptoKey,
		statement: TeamKeyStatement
	) => Promise<string>;
	readonly verifyTeamKey: (
		identityKey: string,
		statement: TeamKeyStatement,
		signature: string
	) => Promise<boolean>;
	readonly sealTeamPrivateKey: (
		teamPrivateKey: CryptoKey,
		recipientSharingKey: string,
		binding: TeamSealBinding,
		signer: CryptoKey,
		createdAt: number
	) => Promise<string | null>;
	readonly openTeamPrivateKey: (
		sealed: string,
		own: { readonly privateKey: CryptoKey; readonly publicKey: string },
		binding: TeamSealBinding,
		signerIdentityKey: string,
		extractable?: boolean
	) => Promise<CryptoKey | null>;
	/** team-key `attestOwner`: a member vouches for the person's identity key to the team. */
	readonly attestOwner: (
		identityPrivateKey: CryptoKey,
		attestation: {
			readonly teamId: string;
			readonly circleId: string;
			readonly ownerIdentityKey: string;
		}
	) => Promise<string>;
	/** A fresh random id (a new team's). */
	readonly randomId: () => string;
}
