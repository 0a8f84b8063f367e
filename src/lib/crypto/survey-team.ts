// Survey campaigns published by a care team (issue 15 §5–7). The publishing admin's device makes
// two key pairs for the campaign: the survey key (ECDH P-256: ballots are sealed to it) and the
// campaign's notice key (ECDSA P-256: "you said, we did" is signed with it). Both private keys
// travel ONLY sealed to the team's public key, so every device holding the team private key (each
// current member's, opened under a pinned colleague's seal) reads the results and may sign a
// notice, and the server, which stores the seal, can do neither.
//   team campaign statement = sign(admin identity, framed(ctx, survey, questionnaire, survey
//                             public key, closesAt, team, notice public key)): the person's device
//                             checks it against the identity it pinned, so the notice key it later
//                             verifies notices with is the one the team's admin bound to THIS
//                             campaign of THIS team;
//   sealed campaign keys    = sealed box (./sealed-box.ts) to the team public key, context
//                             `survey-team-keys/<survey>/<team>/<team key version>`, of
//                             {survey private JWK, notice private JWK};
//   team notice             = sign(notice key, framed(ctx, team, survey, notice id, publishedAt,
//                             en, fr)): a server that relabels a notice to another team, campaign,
//                             date or text is caught.
// Invariants: opening and verifying never throw (null / a reason instead); the keys opened are
// non-extractable unless the caller asks (to seal them again to a new team key at once); the public
// halves are computed from the opened private keys, never taken from the server.
import * as z from 'zod';
import { fromBase64Url, toBase64Url } from './bytes';
import { framed, signMessage, verifyBase64Signature } from './identity';
import { openSealed, sealTo } from './sealed-box';

const CAMPAIGN_CONTEXT = 'cercle/v1/survey-team-campaign';
const NOTICE_CONTEXT = 'cercle/v1/survey-team-notice';
const ECDSA = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const ECDH = { name: 'ECDH', namedCurve: 'P-256' } as const;

/** What the publishing admin signs for a team campaign (and a person's device verifies). */
export interface TeamCampaignStatement {
	readonly surveyId: string;
	readonly questionnaireId: string;
	/** The survey's ECDH public key, raw base64url. */
	readonly publicKey: string;
	readonly closesAt: number;
	readonly teamId: string;
	/** The campaign's ECDSA notice public key, raw base64url. */
	readonly noticeKey: string;
}

const campaignMessage = (c: TeamCampaignStatement) =>
	framed([
		CAMPAIGN_CONTEXT,
		c.surveyId,
		c.questionnaireId,
		c.publicKey,
		String(c.closesAt),
		c.teamId,
		c.noticeKey
	]);

export async function signTeamCampaign(
	identityPrivateKey: CryptoKey,
	c: TeamCampaignStatement
): Promise<string> {
	return toBase64Url(await signMessage(identityPrivateKey, campaignMessage(c)));
}

/** true only when the identity `identityKey` signed exactly this team campaign. */
export async function verifyTeamCampaign(
	identityKey: string,
	c: TeamCampaignStatement,
	signature: string
): Promise<boolean> {
	return verifyBase64Signature(identityKey, campaignMessage(c), signature);
}

/** A fresh notice key pair (extractable only so the private half can be sealed at once). */
export async function generateNoticeKeyPair(): Promise<CryptoKeyPair> {
	return crypto.subtle.generateKey(ECDSA, true, ['sign', 'verify']);
}

export interface TeamSealTarget {
	readonly surveyId: string;
	readonly teamId: string;
	readonly teamKeyVersion: number;
}

const sealContext = (t: TeamSealTarget) =>
	`survey-team-keys/${t.surveyId}/${t.teamId}/${String(t.teamKeyVersion)}`;

const privateJwkSchema = z.object({
	kty: z.literal('EC'),
	crv: z.literal('P-256'),
	d: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
	x: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
	y: z.string().regex(/^[A-Za-z0-9_-]{43}$/)
});
type PrivateJwk = z.infer<typeof privateJwkSchema>;
const bundleSchema = z.object({
	v: z.literal(1),
	survey: privateJwkSchema,
	notice: privateJwkSchema
});

async function privateJwkOf(key: CryptoKey): Promise<PrivateJwk | null> {
	const parsed = privateJwkSchema.safeParse(await crypto.subtle.exportKey('jwk', key));
	return parsed.success ? parsed.data : null;
}

/** The raw uncompressed point (base64url) of a JWK's public half. */
function rawPublicOf(jwk: PrivateJwk): string {
	const x = fromBase64Url(jwk.x);
	const y = fromBase64Url(jwk.y);
	const out = new Uint8Array(65);
	out[0] = 4;
	out.set(x, 1);
	out.set(y, 33);
	return toBase64Url(out);
}

/**
 * Seals the campaign's two (extractable) private keys to the team public key of one version.
 * The caller passes a team public key it verified (see `matchesTeamKey`); null when it is no point.
 */
export async function sealCampaignKeys(
	teamPublicKey: string,
	target: TeamSealTarget,
	keys: { readonly survey: CryptoKey; readonly notice: CryptoKey }
): Promise<string | null> {
	const survey = await privateJwkOf(keys.survey);
	const notice = await privateJwkOf(keys.notice);
	if (survey === null || notice === null) return null;
	return sealTo(teamPublicKey, sealContext(target), JSON.stringify({ v: 1, survey, notice }));
}

export interface CampaignKeys {
	/** Opens the ballots (ECDH, deriveBits). */
	readonly survey: { readonly privateKey: CryptoKey; readonly publicKey: string };
	/** Signs the campaign's notices (ECDSA, sign). */
	readonly notice: { readonly privateKey: CryptoKey; readonly publicKey: string };
}

/**
 * The team member's side: the campaign's keys, only when `sealed` opens with the team private key
 * for exactly this survey, team and key version; the public halves come from the private keys.
 */
export async function openCampaignKeys(
	sealed: string,
	team: { readonly privateKey: CryptoKey; readonly publicKey: string },
	target: TeamSealTarget,
	/** Only to seal them again at once to a new team key; never kept. */
	extractable = false
): Promise<CampaignKeys | null> {
	const plain = await openSealed(sealed, team, sealContext(target));
	if (plain === null) return null;
	try {
		const bundle = bundleSchema.safeParse(JSON.parse(plain));
		if (!bundle.success) return null;
		const { survey, notice } = bundle.data;
		return {
			survey: {
				privateKey: await crypto.subtle.importKey('jwk', survey, ECDH, extractable, ['deriveBits']),
				publicKey: rawPublicOf(survey)
			},
			notice: {
				privateKey: await crypto.subtle.importKey('jwk', notice, ECDSA, extractable, ['sign']),
				publicKey: rawPublicOf(notice)
			}
		};
	} catch {
		return null;
	}
}

/**
 * true only when `teamPublicKey` (as a server lists it) belongs to `teamPrivateKey` (opened under
 * a pinned colleague's seal): a box sealed to it opens with the private key. A server that swaps
 * the team's public key gets no campaign key sealed to its own.
 */
export async function matchesTeamKey(
	teamPublicKey: string,
	teamPrivateKey: CryptoKey
): Promise<boolean> {
	const probe = toBase64Url(crypto.getRandomValues(new Uint8Array(16)));
	const box = await sealTo(teamPublicKey, 'survey-team-key-probe', probe);
	if (box === null) return false;
	const opened = await openSealed(
		box,
		{ privateKey: teamPrivateKey, publicKey: teamPublicKey },
		'survey-team-key-probe'
	);
	return opened === probe;
}

/** A "you said, we did" notice as the team signs it. */
export interface TeamNoticeStatement {
	readonly teamId: string;
	readonly surveyId: string;
	readonly id: string;
	readonly publishedAt: number;
	readonly en: string;
	readonly fr: string;
}

const noticeMessage = (n: TeamNoticeStatement) =>
	framed([NOTICE_CONTEXT, n.teamId, n.surveyId, n.id, String(n.publishedAt), n.en, n.fr]);

export async function signTeamNotice(
	noticePrivateKey: CryptoKey,
	n: TeamNoticeStatement
): Promise<string> {
	return toBase64Url(await signMessage(noticePrivateKey, noticeMessage(n)));
}

/** true only when the campaign's notice key signed exactly this notice. */
export async function verifyTeamNotice(
	noticeKey: string,
	n: TeamNoticeStatement,
	signature: string
): Promise<boolean> {
	return verifyBase64Signature(noticeKey, noticeMessage(n), signature);
}
