// The writes of anonymous experience surveys (issue 15 §5–7), by name, as sequences: each makes
// ONE vault commit and the server calls it needs, in an order that loses nothing.
// - publish: the survey key pair sealed in this vault (`survey-campaign` in `settings`) BEFORE the
//   server hears of the campaign (a campaign the server knows but whose key is lost is useless);
// - ask the person of a circle: the token's hash registered, then the invitation (the token sealed
//   to the person's PINNED sharing key) written in her circle;
// - post "you said, we did": signed, then posted (no vault write);
// - answer: the ballot sealed to the survey key and posted without a session, then "sent" (week
//   only, never the answer) recorded in this vault's `settings`;
// - results (`campaignResultsWith`, an account's or a team's campaign): every sealed answer
//   fetched, only those not opened before opened here, the opened ones kept (ONE write to this
//   device's local secrets, never synced), then tallied.
// The key work (survey key pairs, signatures, sealing and opening) is injected (`CampaignKeys`,
// state/survey-campaigns.ts over src/lib/crypto): commands never touch crypto. The forms are
// parsed before these run (commands/surveys.ts `createSurveyWriteCommands`, `createSurveyCommands`).
// Invariants: an invitation not verified against the asker's pin is never answered; a closed
// campaign is not answered; every failure is a value (`CampaignError`) the screen puts in words.
import type { Answers } from '$lib/domain/surveys/enable-when';
import type { Questionnaire } from '$lib/domain/surveys/fhir';
import {
	ballotPlain,
	boxId,
	boxesToOpen,
	tallyCampaign,
	SURVEY_BALLOT_SENT,
	SURVEY_CAMPAIGN,
	SURVEY_INVITATION,
	weekStartIso,
	type CampaignTally,
	type InvitationBody,
	type OpenedCache,
	type SignedCampaign
} from '$lib/domain/surveys/ballot';
import { buildResponse } from '$lib/domain/surveys/response';
import type { NoticeText } from '$lib/domain/surveys/team-forms';
import type { CircleRecords } from '$lib/domain/circle-view';
import { err, ok, type Result } from '$lib/domain/result';
import type { SurveyHttpError, SurveysHttp } from '$lib/sync/surveys-http';

export type CampaignError =
	| SurveyHttpError
	| { readonly type: 'locked' }
	| { readonly type: 'owner-unverified' }
	| { readonly type: 'not-saved' }
	| { readonly type: 'key-missing' };

/** An invitation in the person's own circle, as her device read and checked it. */
export interface Invitation {
	readonly recordId: string;
	readonly campaign: SignedCampaign;
	readonly sealedToken: string;
	readonly at: number;
	/** The campaign verified against the identity pinned for the member who wrote it. */
	readonly verified: boolean;
	/** Who asked, by account id (named by the screen), or null when unknown. */
	readonly author: string | null;
	readonly sent: 'counted' | 'refused' | null;
	/** The professional seen at the visit this survey is about (sealed into the ballot). */
	readonly professional: string | null;
}

export type AnswerOutcome =
	{ readonly type: 'counted' } | { readonly type: 'refused' } | { readonly type: 'closed' };

type KeyFailure = { readonly type: 'locked' } | { readonly type: 'owner-unverified' };

/** The key work, bound to this account's vault (each `locked` while it has no identity). */
export interface CampaignKeys {
	/** A fresh survey key pair, its public half signed with this account's identity. */
	newCampaign(statement: {
		readonly surveyId: string;
		readonly questionnaireId: string;
		readonly closesAt: number;
	}): Promise<{
		readonly campaign: SignedCampaign;
		readonly privateJwk: Readonly<Record<string, unknown>>;
	} | null>;
	/**
	 * A fresh token sealed to the PINNED sharing key of the circle's owner, its SHA-256 (hex) and,
	 * for a team campaign a colleague published, this account's vouch.
	 */
	sealInvitation(
		circleId: string,
		campaign: SignedCampaign
	): Promise<
		Result<
			{
				readonly sealedToken: string;
				readonly tokenHash: string;
				readonly vouch: NonNullable<InvitationBody['vouch']> | null;
			},
			KeyFailure
		>
	>;
	/** This account's signature over a notice's statement (null: locked). */
	signNotice(statement: {
		readonly surveyId: string;
		readonly id: string;
		readonly publishedAt: number;
		readonly en: string;
		readonly fr: string;
	}): Promise<string | null>;
	/** The invitation's token, opened with this account's sharing key. */
	openToken(
		invitation: Invitation
	): Promise<Result<string, { readonly type: 'locked' } | { readonly type: 'key-missing' }>>;
	/** `plain` sealed to the campaign's survey key (null: the key does not import). */
	sealBallot(campaign: SignedCampaign, plain: string): Promise<string | null>;
}

/** What the server is told of a signed campaign when it is published (a team's adds its seal). */
export const publishRequestOf = (campaign: SignedCampaign) => ({
	id: campaign.id,
	questionnaireId: campaign.questionnaireId,
	publicKey: campaign.publicKey,
	identityKey: campaign.identityKey,
	signature: campaign.signature,
	closesAt: campaign.closesAt
});

export interface CampaignWriteDeps {
	/** This account's vault (the campaign keys and the "sent" markers live in its `settings`). */
	readonly vault: Pick<CircleRecords, 'commit'>;
	readonly http: Pick<SurveysHttp, 'publish' | 'issueTokens' | 'postUpdate' | 'ballot'>;
	readonly keys: CampaignKeys;
	readonly newId: () => string;
}

export function createCampaignWrites(deps: CampaignWriteDeps) {
	const { vault, http, keys } = deps;
	return {
		async publishCampaign(input: {
			readonly questionnaireId: string;
			readonly closesAt: number;
			readonly now: number;
		}): Promise<Result<SignedCampaign, CampaignError>> {
			const made = await keys.newCampaign({
				surveyId: deps.newId(),
				questionnaireId: input.questionnaireId,
				closesAt: input.closesAt
			});
			if (made === null) return err({ type: 'locked' });
			const { campaign, privateJwk } = made;
			const saved = await vault.commit([
				{
					type: 'put',
					kind: SURVEY_CAMPAIGN,
					category: 'settings',
					at: input.now,
					body: { campaign, privateJwk }
				}
			]);
			if (!saved.ok) return err({ type: 'not-saved' });
			const published = await http.publish(publishRequestOf(campaign));
			return published.ok ? ok(campaign) : published;
		},

		async askCircleOwner(
			circle: { readonly circleId: string; readonly records: Pick<CircleRecords, 'commit'> },
			campaign: SignedCampaign,
			now: number,
			professional: string | null = null
		): Promise<Result<void, CampaignError>> {
			const sealed = await keys.sealInvitation(circle.circleId, campaign);
			if (!sealed.ok) return sealed;
			const issued = await http.issueTokens(campaign.id, [sealed.value.tokenHash]);
			if (!issued.ok) return issued;
			const { sealedToken, vouch } = sealed.value;
			const body: InvitationBody = {
				schemaVersion: 1,
				campaign,
				sealedToken,
				...(professional === null ? {} : { professional }),
				...(vouch === null ? {} : { vouch })
			};
			const saved = await circle.records.commit([
				{ type: 'put', kind: SURVEY_INVITATION, category: 'surveys', at: now, body }
			]);
			return saved.ok ? ok(undefined) : err({ type: 'not-saved' });
		},

		async postNotice(
			surveyId: string,
			text: NoticeText,
			now: number
		): Promise<Result<void, CampaignError>> {
			const statement = {
				surveyId,
				id: deps.newId(),
				publishedAt: now,
				en: text.en.trim(),
				fr: text.fr.trim()
			};
			const signature = await keys.signNotice(statement);
			if (signature === null) return err({ type: 'locked' });
			return http.postUpdate(surveyId, {
				id: statement.id,
				publishedAt: now,
				en: statement.en,
				fr: statement.fr,
				signature
			});
		},

		/** `professional` undefined keeps the one the invitation named; null: rather not say. */
		async sendBallot(
			invitation: Invitation,
			questionnaire: Questionnaire,
			answers: Answers,
			now: number,
			professional?: string | null
		): Promise<Result<AnswerOutcome, CampaignError>> {
			if (!invitation.verified) return err({ type: 'owner-unverified' });
			const c = invitation.campaign;
			if (now >= c.closesAt) return ok({ type: 'closed' });
			const token = await keys.openToken(invitation);
			if (!token.ok) return token;
			const built = buildResponse(questionnaire, answers, weekStartIso(now));
			if (!built.ok) return err({ type: 'invalid-response' });
			const box = await keys.sealBallot(
				c,
				ballotPlain(c.id, questionnaire.id, built.value, professional ?? invitation.professional)
			);
			if (box === null) return err({ type: 'owner-unverified' });
			const posted = await http.ballot(c.id, token.value, box);
			if (!posted.ok && posted.error.type !== 'token-refused') return posted;
			const outcome = posted.ok ? 'counted' : 'refused';
			await vault.commit([
				// `at` is the week only: even this device keeps no exact time of the answer.
				{
					type: 'put',
					kind: SURVEY_BALLOT_SENT,
					category: 'settings',
					at: Date.parse(weekStartIso(now)),
					body: { surveyId: c.id, outcome }
				}
			]);
			return ok({ type: outcome });
		}
	};
}

export type CampaignWrites = ReturnType<typeof createCampaignWrites>;

// ---- Results -------------------------------------------------------------------------------------

export interface CampaignResults extends CampaignTally {
	readonly campaign: SignedCampaign;
}

/** The answers this device opened already, per campaign (sealed in its local secrets). */
export interface OpenedAnswers {
	read(surveyId: string): Promise<OpenedCache>;
	save(surveyId: string, cache: OpenedCache): Promise<unknown>;
}

export interface CampaignResultsDeps {
	readonly http: Pick<SurveysHttp, 'answers'>;
	readonly opened: OpenedAnswers;
	/** Each box opened with the survey's private key (null where it does not open), in order. */
	readonly openBallots: (
		boxes: readonly string[],
		own: { readonly privateKey: CryptoKey; readonly publicKey: string },
		surveyId: string
	) => Promise<readonly (string | null)[]>;
}

/**
 * The results of a campaign whose survey private key this device holds (its own, or a team's
 * opened with the team key): fetch, open what is new (saved once), tally.
 */
export async function campaignResultsWith(
	deps: CampaignResultsDeps,
	key: { readonly campaign: SignedCampaign; readonly privateKey: CryptoKey },
	questionnaire: Questionnaire
): Promise<Result<CampaignResults, CampaignError>> {
	const surveyId = key.campaign.id;
	const answers = await deps.http.answers(surveyId);
	if (!answers.ok) return answers;
	const own = { privateKey: key.privateKey, publicKey: key.campaign.publicKey };
	const cache = { ...(await deps.opened.read(surveyId)) };
	const fresh = boxesToOpen(answers.value, cache);
	if (fresh.length > 0) {
		const plains = await deps.openBallots(fresh, own, surveyId);
		fresh.forEach((box, i) => (cache[boxId(box)] = plains[i] ?? null));
		await deps.opened.save(surveyId, cache);
	}
	const opened = answers.value.map((a) => ({
		week: a.week,
		plain: cache[boxId(a.ciphertext)] ?? null
	}));
	return ok({ campaign: key.campaign, ...tallyCampaign(questionnaire, surveyId, opened) });
}
