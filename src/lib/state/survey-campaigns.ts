// Anonymous experience surveys on this device (issue 15 §5–7), both sides:
// - publisher: publishes a campaign with a fresh survey key pair (private half sealed in this
//   vault's `settings`, public half signed by this account's identity key), asks a person of a
//   circle it can write `surveys` in (mints a token, registers only its hash, writes the token
//   sealed to the person's PINNED sharing key in the person's circle), computes the results on
//   this device after decryption, and posts signed "you said, we did" notices;
// - any member of a team asks with a team campaign (also one a colleague published): she vouches
//   for it by signing the same campaign statement with her own identity;
// - person: lists the invitations in her circle, each verified against the identity pinned for
//   the member who wrote it (the publisher's signature, or for a team campaign the asker's vouch
//   over the same statement, plus the publisher's own signature); answers with a ballot sealed to the survey key and posted without a
//   session; reads the notices, each verified against the campaign's pinned, verified identity.
// The writes themselves (publish, ask, post, answer: one commit and the server calls each) are
// commands/survey-campaigns.ts; this module gives them the key work (`campaignKeysOf`) and binds
// them to a vault and an HTTP client under their old names, and keeps the reads.
// Invariants: the answer itself is never stored in a shared category (only "sent" in settings);
// no key the server lists is trusted; every failure is a value the screen puts in words.
import * as z from 'zod';
import { fromUtf8, toHex, toBase64Url, utf8 } from '$lib/crypto/bytes';
import { openBoxes } from '$lib/crypto/open-boxes';
import {
	generateSurveyKeyPair,
	openSealed,
	sealTo,
	signCampaign,
	signUpdate,
	verifyCampaign,
	verifyUpdate
} from '$lib/crypto/sealed-box';
import { exportPublicKey, importPrivateJwk } from '$lib/crypto/sharing';
import { signTeamCampaign, verifyTeamCampaign, verifyTeamNotice } from '$lib/crypto/survey-team';
import type { Questionnaire } from '$lib/domain/surveys/fhir';
import {
	ballotContext,
	openedCacheSchema,
	type OpenedCache,
	ballotSentSchema,
	invitationBodySchema,
	signedCampaignSchema,
	SURVEY_BALLOT_SENT,
	SURVEY_CAMPAIGN,
	SURVEY_INVITATION,
	tokenContext,
	type InvitationBody,
	type SignedCampaign
} from '$lib/domain/surveys/ballot';
import type { Answers } from '$lib/domain/surveys/enable-when';
import { err, ok, type Result } from '$lib/domain/result';
import { readLocalSecret, saveLocalSecret } from '$lib/vault/local-secret';
import { ownerPin, pinsOf } from '$lib/vault/pins';
import { sharingIdentity, signingIdentity } from '$lib/vault/sharing-keys';
import type { Vault } from '$lib/vault/vault';
import type { CircleRecords } from '$lib/domain/circle-view';
import type { SurveysHttp } from '$lib/sync/surveys-http';
import {
	campaignResultsWith,
	createCampaignWrites,
	type CampaignError,
	type CampaignKeys,
	type CampaignResults,
	type Invitation,
	type OpenedAnswers
} from '$lib/commands/survey-campaigns';

const storedCampaignSchema = z.object({
	campaign: signedCampaignSchema,
	privateJwk: z.record(z.string(), z.unknown())
});

export interface OwnCampaign {
	readonly campaign: SignedCampaign;
	readonly createdAt: number;
}

const randomToken = () => toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
const sha256Hex = async (text: string) =>
	toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(text))));

// ---- Publisher ---------------------------------------------------------------------------------

export async function ownCampaigns(vault: Vault): Promise<readonly OwnCampaign[]> {
	const rows = await vault.query({ category: 'settings', kinds: [SURVEY_CAMPAIGN] });
	return rows
		.flatMap((r) => {
			const parsed = storedCampaignSchema.safeParse(r.body);
			return parsed.success && !r.deleted
				? [{ campaign: parsed.data.campaign, createdAt: r.at }]
				: [];
		})
		.toSorted((a, b) => b.createdAt - a.createdAt);
}

async function campaignKey(vault: Vault, surveyId: string) {
	const rows = await vault.query({ category: 'settings', kinds: [SURVEY_CAMPAIGN] });
	for (const r of rows) {
		const parsed = storedCampaignSchema.safeParse(r.body);
		if (!parsed.success || parsed.data.campaign.id !== surveyId) continue;
		const privateKey = await importPrivateJwk(parsed.data.privateJwk);
		if (privateKey !== null) return { campaign: parsed.data.campaign, privateKey };
	}
	return null;
}

const openedName = (surveyId: string) => `survey-opened:${surveyId}`;

async function readOpened(vault: Vault, surveyId: string): Promise<OpenedCache> {
	const bytes = await readLocalSecret(vault, openedName(surveyId));
	if (bytes === null) return {};
	try {
		const parsed = openedCacheSchema.safeParse(JSON.parse(fromUtf8(bytes)));
		return parsed.success ? parsed.data : {};
	} catch {
		return {};
	}
}

/**
 * Fetches every sealed answer, opens here only those not opened before (the opened ones are kept
 * sealed in this vault's local secrets, never synced), over a few workers, and tallies them.
 */
export async function campaignResults(
	vault: Vault,
	http: SurveysHttp,
	surveyId: string,
	questionnaire: Questionnaire
): Promise<Result<CampaignResults, CampaignError>> {
	const key = await campaignKey(vault, surveyId);
	if (key === null) return err({ type: 'key-missing' });
	return resultsWithKey(vault, http, key, questionnaire);
}

/** This vault's opened answers, sealed in its local secrets (never synced). */
const openedAnswersOf = (vault: Vault): OpenedAnswers => ({
	read: (surveyId) => readOpened(vault, surveyId),
	save: (surveyId, cache) =>
		saveLocalSecret(vault, openedName(surveyId), utf8(JSON.stringify(cache)))
});

/**
 * The results of a campaign whose survey private key this device holds (its own, or a team's
 * opened with the team key: ./team-surveys.ts): commands/survey-campaigns.ts
 * `campaignResultsWith`, given this vault's opened answers and the ballots opened over workers.
 */
export const resultsWithKey = (
	vault: Vault,
	http: SurveysHttp,
	key: { readonly campaign: SignedCampaign; readonly privateKey: CryptoKey },
	questionnaire: Questionnaire
): Promise<Result<CampaignResults, CampaignError>> =>
	campaignResultsWith(
		{
			http,
			opened: openedAnswersOf(vault),
			openBallots: (boxes, own, surveyId) => openBoxes(boxes, own, ballotContext(surveyId))
		},
		key,
		questionnaire
	);

// ---- Person ------------------------------------------------------------------------------------

const statementOf = (c: SignedCampaign) => ({
	surveyId: c.id,
	questionnaireId: c.questionnaireId,
	publicKey: c.publicKey,
	closesAt: c.closesAt
});

const teamStatementOf = (c: SignedCampaign, team: NonNullable<SignedCampaign['team']>) => ({
	...statementOf(c),
	teamId: team.teamId,
	noticeKey: team.noticeKey
});

/**
 * true when the campaign's own identity key signed it: an account's campaign as such, a team's
 * with its team and notice key (crypto/survey-team.ts). The caller checks that key is pinned.
 */
export const campaignSigned = (c: SignedCampaign): Promise<boolean> =>
	c.team === undefined
		? verifyCampaign(c.identityKey, statementOf(c), c.signature)
		: verifyTeamCampaign(c.identityKey, teamStatementOf(c, c.team), c.signature);

/**
 * An invitation's campaign as the person checks it, `askerKey` being the identity she pinned for
 * the member who wrote it: signed by that very key, or (a team campaign) signed by its publisher
 * AND vouched for by that key over the same statement. Anything else: not verified.
 */
export async function invitationVerified(
	c: SignedCampaign,
	vouch: InvitationBody['vouch'],
	askerKey: string | null
): Promise<boolean> {
	if (askerKey === null || !(await campaignSigned(c))) return false;
	if (c.identityKey === askerKey) return true;
	return (
		c.team !== undefined &&
		vouch !== undefined &&
		vouch.identityKey === askerKey &&
		(await verifyTeamCampaign(askerKey, teamStatementOf(c, c.team), vouch.signature))
	);
}

/** The invitations in the person's own circle, newest first, each checked against its pin. */
export async function myInvitations(
	vault: Vault,
	circleId: string
): Promise<readonly Invitation[]> {
	const [rows, sentRows, pins] = await Promise.all([
		vault.query({ category: 'surveys', kinds: [SURVEY_INVITATION] }),
		vault.query({ category: 'settings', kinds: [SURVEY_BALLOT_SENT] }),
		pinsOf(vault, circleId)
	]);
	const sent = new Map(
		sentRows.flatMap((r) => {
			const p = ballotSentSchema.safeParse(r.body);
			return p.success ? [[p.data.surveyId, p.data.outcome] as const] : [];
		})
	);
	const out: Invitation[] = [];
	for (const r of rows) {
		if (r.deleted) continue;
		const body = invitationBodySchema.safeParse(r.body);
		if (!body.success) continue;
		const c = body.data.campaign;
		const pin = pins.find((p) => p.role === 'member' && p.accountId === r.author);
		const verified = await invitationVerified(c, body.data.vouch, pin?.identityKey ?? null);
		out.push({
			recordId: r.id,
			campaign: c,
			sealedToken: body.data.sealedToken,
			at: r.at,
			verified,
			author: r.author ?? null,
			sent: sent.get(c.id) ?? null,
			professional: body.data.professional ?? null
		});
	}
	// One entry per campaign (a second invitation for the same survey adds nothing).
	const seen = new Set<string>();
	return out
		.toSorted((a, b) => b.at - a.at)
		.filter((i) => (seen.has(i.campaign.id) ? false : (seen.add(i.campaign.id), true)));
}

export interface VerifiedNotice {
	readonly id: string;
	readonly publishedAt: number;
	readonly en: string;
	readonly fr: string;
	readonly verified: boolean;
}

/** The "you said, we did" notices of a verified campaign, each checked against its signer. */
export async function campaignNotices(
	http: SurveysHttp,
	campaign: SignedCampaign
): Promise<Result<readonly VerifiedNotice[], CampaignError>> {
	const listed = await http.updates(campaign.id);
	if (!listed.ok) return listed;
	const team = campaign.team;
	return ok(
		await Promise.all(
			listed.value.map(async (u) => {
				const statement = {
					surveyId: campaign.id,
					id: u.id,
					publishedAt: u.publishedAt,
					en: u.en,
					fr: u.fr
				};
				return {
					id: u.id,
					publishedAt: u.publishedAt,
					en: u.en,
					fr: u.fr,
					// A team's notice: signed with the notice key the team's admin bound to this
					// campaign of this team (a server cannot forge it, nor move it to another team).
					verified:
						team === undefined
							? await verifyUpdate(campaign.identityKey, statement, u.signature)
							: await verifyTeamNotice(
									team.noticeKey,
									{ ...statement, teamId: team.teamId },
									u.signature
								)
				};
			})
		)
	);
}

// ---- The writes (commands/survey-campaigns.ts), with their key work ---------------------------

/** This account's signature over a team campaign a colleague published (null: none needed). */
async function vouchFor(
	vault: Vault,
	c: SignedCampaign
): Promise<{ readonly identityKey: string; readonly signature: string } | null | 'locked'> {
	if (c.team === undefined) return null;
	const identity = await signingIdentity(vault);
	if (identity === null) return 'locked';
	if (identity.identityKey === c.identityKey) return null;
	const signature = await signTeamCampaign(identity.privateKey, teamStatementOf(c, c.team));
	return { identityKey: identity.identityKey, signature };
}

/** This vault's key work for the campaign commands (src/lib/crypto, the pins it keeps). */
export function campaignKeysOf(vault: Vault): CampaignKeys {
	return {
		async newCampaign(input) {
			const identity = await signingIdentity(vault);
			if (identity === null) return null;
			const pair = await generateSurveyKeyPair();
			const statement = { ...input, publicKey: await exportPublicKey(pair.publicKey) };
			const campaign: SignedCampaign = {
				id: statement.surveyId,
				questionnaireId: statement.questionnaireId,
				publicKey: statement.publicKey,
				closesAt: statement.closesAt,
				identityKey: identity.identityKey,
				signature: await signCampaign(identity.privateKey, statement)
			};
			const privateJwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
			return { campaign, privateJwk: { ...privateJwk } };
		},
		async sealInvitation(circleId, campaign) {
			const pin = await ownerPin(vault, circleId);
			if (pin === null) return err({ type: 'owner-unverified' });
			const vouch = await vouchFor(vault, campaign);
			if (vouch === 'locked') return err({ type: 'locked' });
			const token = randomToken();
			const sealedToken = await sealTo(pin.sharingKey, tokenContext(campaign.id), token);
			if (sealedToken === null) return err({ type: 'owner-unverified' });
			return ok({ sealedToken, tokenHash: await sha256Hex(token), vouch });
		},
		async signNotice(statement) {
			const identity = await signingIdentity(vault);
			return identity === null ? null : signUpdate(identity.privateKey, statement);
		},
		async openToken(invitation) {
			const own = await sharingIdentity(vault);
			if (own === null) return err({ type: 'locked' });
			const c = invitation.campaign;
			const token = await openSealed(invitation.sealedToken, own, tokenContext(c.id));
			return token === null ? err({ type: 'key-missing' }) : ok(token);
		},
		sealBallot: (campaign, plain) => sealTo(campaign.publicKey, ballotContext(campaign.id), plain)
	};
}

const writesOf = (vault: Vault, http: SurveysHttp) =>
	createCampaignWrites({
		vault,
		http,
		keys: campaignKeysOf(vault),
		newId: () => crypto.randomUUID()
	});

/** An account's campaign: key pair sealed in the vault, then published. */
export const publishCampaign = (
	vault: Vault,
	http: SurveysHttp,
	input: { readonly questionnaireId: string; readonly closesAt: number; readonly now: number }
) => writesOf(vault, http).publishCampaign(input);

/**
 * Asks the owner of a circle this account writes `surveys` in: one token, its hash registered,
 * the token sealed to the owner's PINNED sharing key and written as an invitation in that circle.
 * A team campaign signed by someone else (a colleague published it; the caller checked it with
 * the team key: team-surveys.ts `teamCampaigns`, status `ready`) goes with this account's vouch.
 */
export const askCircleOwner = (
	vault: Vault,
	http: SurveysHttp,
	circle: { readonly circleId: string; readonly records: CircleRecords },
	campaign: SignedCampaign,
	now: number,
	/** After a visit: the member id of the professional seen (for CollaboRATE per professional). */
	professional: string | null = null
) => writesOf(vault, http).askCircleOwner(circle, campaign, now, professional);

/** "You said, we did", signed with this account's identity and posted. */
export const postNotice = (
	vault: Vault,
	http: SurveysHttp,
	surveyId: string,
	text: { readonly en: string; readonly fr: string },
	now: number
) => writesOf(vault, http).postNotice(surveyId, text, now);

/** Seals the answers to the survey key and posts them without a session; records "sent". */
export const sendBallot = (
	vault: Vault,
	http: SurveysHttp,
	invitation: Invitation,
	questionnaire: Questionnaire,
	answers: Answers,
	now: number,
	/**
	 * After a visit, the professional the person says it was with (null: rather not say);
	 * undefined keeps the one the invitation named.
	 */
	professional?: string | null
) => writesOf(vault, http).sendBallot(invitation, questionnaire, answers, now, professional);
