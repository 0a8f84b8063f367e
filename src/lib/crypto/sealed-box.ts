// Sealed boxes for anonymous experience surveys: a person's device encrypts an answer to a survey's
// public key (ECDH P-256), so only the publisher's devices, which hold the survey's private key,
// can read it; the server that keeps the box learns nothing, not even who sealed it (the sender's
// key is a fresh ephemeral one per box). The same box carries a survey token to the person's
// pinned sharing key. Also here: the publisher's signature over a campaign (its survey key, the
// questionnaire, the closing time) and over a "you said, we did" notice, made with the identity key
// the person's device pinned after an invitation proof.
// Wire format of a box, base64url: version (1) ‖ ephemeral public key (65) ‖ IV (12) ‖ AES-GCM.
// The AES key is HKDF-SHA-256(ECDH secret, info = context ‖ ephemeral ‖ recipient); the context
// (e.g. `survey-ballot/<surveyId>`) is also the AAD, so a box cannot be moved to another survey.
// Invariants: opening never throws on bad input (null instead); private keys made here are
// extractable only so the vault can seal them at once.
import { fromBase64Url, fromUtf8, toBase64Url, utf8 } from './bytes';
import { framed, signMessage, verifyBase64Signature } from './identity';
import {
	ephemeralAgreement,
	generateSharingKeyPair,
	hkdfAesKey,
	PUBLIC_KEY_BYTES,
	recipientAgreement
} from './sharing';

const BOX_VERSION = 1;
const IV_BYTES = 12;
const HKDF_SALT = utf8('cercle/v1/sealed-box');

const boxKey = (
	secret: Uint8Array<ArrayBuffer>,
	context: string,
	ephemeral: string,
	recipient: string
): Promise<CryptoKey> =>
	hkdfAesKey(
		secret,
		HKDF_SALT,
		framed(['cercle/v1/sealed-box', context, ephemeral, recipient]),
		'AES-GCM'
	);

/** A fresh survey key pair (ECDH P-256, the same kind as a sharing key pair). */
export const generateSurveyKeyPair = generateSharingKeyPair;

/** Seals `plaintext` to `recipientPublicKey` (raw base64url); null when the key is not a point. */
export async function sealTo(
	recipientPublicKey: string,
	context: string,
	plaintext: string
): Promise<string | null> {
	const agreed = await ephemeralAgreement(recipientPublicKey, (secret, ephemeralRaw) =>
		boxKey(secret, context, ephemeralRaw, recipientPublicKey)
	);
	if (agreed === null) return null;
	const { ephemeralRaw, key } = agreed;
	const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
	const sealed = new Uint8Array(
		await crypto.subtle.encrypt(
			{ name: 'AES-GCM', iv, additionalData: utf8(context) },
			key,
			utf8(plaintext)
		)
	);
	const out = new Uint8Array(1 + PUBLIC_KEY_BYTES + IV_BYTES + sealed.length);
	out[0] = BOX_VERSION;
	out.set(fromBase64Url(ephemeralRaw), 1);
	out.set(iv, 1 + PUBLIC_KEY_BYTES);
	out.set(sealed, 1 + PUBLIC_KEY_BYTES + IV_BYTES);
	return toBase64Url(out);
}

/** Opens a box with the recipient's private key; null when anything does not fit or was changed. */
export async function openSealed(
	box: string,
	own: { readonly privateKey: CryptoKey; readonly publicKey: string },
	context: string
): Promise<string | null> {
	try {
		const bytes = fromBase64Url(box);
		if (bytes.length < 1 + PUBLIC_KEY_BYTES + IV_BYTES + 16 || bytes[0] !== BOX_VERSION)
			return null;
		const ephemeralRaw = toBase64Url(bytes.subarray(1, 1 + PUBLIC_KEY_BYTES));
		const key = await recipientAgreement(own.privateKey, ephemeralRaw, (secret) =>
			boxKey(secret, context, ephemeralRaw, own.publicKey)
		);
		if (key === null) return null;
		const plain = await crypto.subtle.decrypt(
			{
				name: 'AES-GCM',
				iv: bytes.slice(1 + PUBLIC_KEY_BYTES, 1 + PUBLIC_KEY_BYTES + IV_BYTES),
				additionalData: utf8(context)
			},
			key,
			bytes.slice(1 + PUBLIC_KEY_BYTES + IV_BYTES)
		);
		return fromUtf8(new Uint8Array(plain));
	} catch {
		return null;
	}
}

/** What a publisher signs when it publishes a survey campaign. */
export interface CampaignStatement {
	readonly surveyId: string;
	readonly questionnaireId: string;
	/** The survey's ECDH public key, raw base64url. */
	readonly publicKey: string;
	readonly closesAt: number;
}

const campaignMessage = (c: CampaignStatement) =>
	framed([
		'cercle/v1/survey-campaign',
		c.surveyId,
		c.questionnaireId,
		c.publicKey,
		String(c.closesAt)
	]);

export async function signCampaign(
	identityPrivateKey: CryptoKey,
	c: CampaignStatement
): Promise<string> {
	return toBase64Url(await signMessage(identityPrivateKey, campaignMessage(c)));
}

/** true only when the publisher whose identity key is `identityKey` signed exactly `c`. */
export async function verifyCampaign(
	identityKey: string,
	c: CampaignStatement,
	signature: string
): Promise<boolean> {
	return verifyBase64Signature(identityKey, campaignMessage(c), signature);
}

/** A "you said, we did" notice as signed: the same words in each language. */
export interface UpdateStatement {
	readonly surveyId: string;
	readonly id: string;
	readonly publishedAt: number;
	readonly en: string;
	readonly fr: string;
}

const updateMessage = (u: UpdateStatement) =>
	framed(['cercle/v1/survey-update', u.surveyId, u.id, String(u.publishedAt), u.en, u.fr]);

export async function signUpdate(
	identityPrivateKey: CryptoKey,
	u: UpdateStatement
): Promise<string> {
	return toBase64Url(await signMessage(identityPrivateKey, updateMessage(u)));
}

export async function verifyUpdate(
	identityKey: string,
	u: UpdateStatement,
	signature: string
): Promise<boolean> {
	return verifyBase64Signature(identityKey, updateMessage(u), signature);
}
