// Anonymous experience-survey ballots as the devices see them (issue 15 §5–6), pure:
// - the invitation a professional writes in the person's circle: the signed campaign and the
//   single-use token, itself sealed to the person's pinned sharing key (crypto/sealed-box.ts);
// - the ballot plaintext the person's device seals to the survey key: the survey id, the
//   questionnaire and a FHIR response whose `authored` is only the week's Monday (no exact time);
// - the tally on the publisher's device: every opened box that is not a matching response for
//   THIS survey and questionnaire counts as invalid (never thrown), then the team results with
//   their small-number suppression (./results.ts) and the trend per quarter.
import * as z from 'zod';
import type { Questionnaire, QuestionnaireResponse } from './fhir';
import { questionnaireResponseSchema } from './fhir';
import { checkResponse } from './response';
import { summarise, trendByQuarter, type Period, type Results } from './results';
import { scoreQuestionnaire } from './scoring';

export const SURVEY_INVITATION = 'survey-invitation';
export const SURVEY_BALLOT_SENT = 'survey-ballot-sent';
export const SURVEY_CAMPAIGN = 'survey-campaign';

const b64 = z.string().regex(/^[A-Za-z0-9_-]+$/);

/** A campaign as signed by its publisher (fields of crypto/sealed-box.ts `CampaignStatement`). */
export const signedCampaignSchema = z.object({
	id: z.string().min(1),
	questionnaireId: z.string().min(1),
	publicKey: b64,
	identityKey: b64,
	signature: b64,
	closesAt: z.int().positive()
});
export type SignedCampaign = z.infer<typeof signedCampaignSchema>;

/** The body of a `survey-invitation` record in the person's circle (`surveys` category). */
export const invitationBodySchema = z.object({
	schemaVersion: z.literal(1),
	campaign: signedCampaignSchema,
	/** The token, sealed to the person's sharing key (context `survey-token/<surveyId>`). */
	sealedToken: b64
});
export type InvitationBody = z.infer<typeof invitationBodySchema>;

/** The body of a `survey-ballot-sent` record (the person's `settings`, never shared). */
export const ballotSentSchema = z.object({
	surveyId: z.string().min(1),
	outcome: z.enum(['counted', 'refused'])
});
export type BallotSent = z.infer<typeof ballotSentSchema>;

export const tokenContext = (surveyId: string) => `survey-token/${surveyId}`;
export const ballotContext = (surveyId: string) => `survey-ballot/${surveyId}`;

export const ballotPlainSchema = z.object({
	v: z.literal(1),
	surveyId: z.string(),
	questionnaireId: z.string(),
	response: questionnaireResponseSchema
});
export type BallotPlain = z.infer<typeof ballotPlainSchema>;

const DAY = 86_400_000;

/** Monday 00:00 UTC of the week of `ms`, ISO 8601: the only time a ballot carries. */
export function weekStartIso(ms: number): string {
	const day = Math.floor(ms / DAY);
	const weekday = (new Date(day * DAY).getUTCDay() + 6) % 7;
	return new Date((day - weekday) * DAY).toISOString();
}

export function ballotPlain(
	surveyId: string,
	questionnaireId: string,
	response: QuestionnaireResponse
): string {
	return JSON.stringify({ v: 1, surveyId, questionnaireId, response } satisfies BallotPlain);
}

export interface CampaignTally {
	readonly results: Results;
	readonly trend: readonly Period[];
	/** Answers received (valid or not). */
	readonly received: number;
}

/**
 * The team results of a campaign from the opened boxes (`plain` null: it did not open). A box for
 * another survey or questionnaire, unparsable JSON or answers that do not check are invalid.
 */
export function tallyCampaign(
	q: Questionnaire,
	surveyId: string,
	opened: readonly { readonly week: string; readonly plain: string | null }[]
): CampaignTally {
	const responses: QuestionnaireResponse[] = [];
	const scored: { week: string; score: number }[] = [];
	let unreadable = 0;
	for (const box of opened) {
		const parsed = box.plain === null ? null : parseBallot(box.plain);
		if (parsed === null || parsed.surveyId !== surveyId || parsed.questionnaireId !== q.id) {
			unreadable += 1;
			continue;
		}
		responses.push(parsed.response);
		const checked = checkResponse(q, parsed.response);
		if (!checked.ok) continue;
		const score = scoreQuestionnaire(q, checked.value);
		if (score.ok) scored.push({ week: box.week, score: score.value.value });
	}
	return {
		results: summarise(q, responses, unreadable),
		trend: trendByQuarter(scored),
		received: opened.length
	};
}

function parseBallot(plain: string): BallotPlain | null {
	try {
		const parsed = ballotPlainSchema.safeParse(JSON.parse(plain));
		return parsed.success ? parsed.data : null;
	} catch {
		return null;
	}
}
