// The survey API (issue 15 §5–7): campaigns, token hashes, sealed answers and "you said, we did".
// The ballot route is the anonymous one: no session is read, nothing of the request (IP, headers,
// exact time) is kept or logged; the answer row holds the survey id, a coarse week and ciphertext.
// Every other write needs the publisher's session (for a team campaign: any current member's, an
// admin's to publish); reading notices needs only the survey's id.
import type { Kysely } from 'kysely';
import {
	ballotRequestSchema,
	createCampaignRequestSchema,
	issueTokensRequestSchema,
	MAX_BALLOT,
	postUpdateRequestSchema,
	resealCampaignRequestSchema,
	type AnswersResponse,
	type UpdatesResponse
} from '$lib/contracts/surveys';
import { idSchema } from '$lib/contracts/common';
import { withJsonBody, type AuthedHandler } from '../api/session';
import type { Handler } from '../api/types';
import { AUTH_BODY_LIMIT, SYNC_BODY_LIMIT, parseJsonBody } from '../http/body';
import { errorResponse } from '../http/errors';
import { emptyResponse, jsonResponse } from '../http/respond';
import { createSurveyBallots } from './ballots';
import { createSurveyCampaigns, type CampaignError, type SurveyCampaignsDeps } from './campaigns';
import type { SurveyBallotDatabase } from './schema';

export interface SurveyHandlers {
	/** GET /api/surveys/campaigns (session): this account's and its teams' campaigns. */
	readonly surveyCampaignList: Handler;
	/** POST /api/surveys/campaigns (session). */
	readonly surveyCampaignCreate: Handler;
	/** POST /api/surveys/campaigns/[id]/tokens (session, publisher or a current team member). */
	readonly surveyTokensIssue: Handler;
	/** GET /api/surveys/campaigns/[id]/answers (session, publisher or a current team member). */
	readonly surveyAnswers: Handler;
	/** PUT /api/surveys/campaigns/[id]/team-key (session, a current member of the campaign's team). */
	readonly surveyCampaignReseal: Handler;
	/** GET /api/surveys/campaigns/[id]/updates (no session). */
	readonly surveyUpdates: Handler;
	/** POST /api/surveys/campaigns/[id]/updates (session, publisher or a current team member). */
	readonly surveyUpdatePost: Handler;
	/** POST /api/surveys/ballots (no session). */
	readonly surveyBallot: Handler;
}

export interface SurveyHandlersDeps {
	readonly db: Kysely<SurveyBallotDatabase>;
	readonly now: () => number;
	readonly teamStanding: SurveyCampaignsDeps['teamStanding'];
	readonly teamsOf: SurveyCampaignsDeps['teamsOf'];
	readonly requireSession: (handler: AuthedHandler) => Handler;
	readonly guarded: (name: string, handler: Handler) => Handler;
}

const campaignError = (e: CampaignError) =>
	errorResponse(
		e.type === 'conflict'
			? { type: 'survey-conflict' }
			: e.type === 'forbidden' || e.type === 'team-key-stale'
				? { type: e.type }
				: { type: 'not-found' }
	);

export function createSurveyHandlers(deps: SurveyHandlersDeps): SurveyHandlers {
	const ballots = createSurveyBallots({ db: deps.db, now: deps.now });
	const campaigns = createSurveyCampaigns({
		db: deps.db,
		now: deps.now,
		teamStanding: deps.teamStanding,
		teamsOf: deps.teamsOf
	});
	const { guarded, requireSession } = deps;
	const surveyIdOf = (params: Readonly<Record<string, string>>) => idSchema.safeParse(params['id']);

	return {
		surveyCampaignList: guarded(
			'surveyCampaignList',
			requireSession(async (_req, auth) =>
				jsonResponse({ campaigns: await campaigns.list(auth.account.id) })
			)
		),

		surveyCampaignCreate: guarded(
			'surveyCampaignCreate',
			requireSession(
				withJsonBody(createCampaignRequestSchema, AUTH_BODY_LIMIT, async (body, auth) => {
					const created = await campaigns.create(auth.account.id, body);
					return created.ok ? emptyResponse(201) : campaignError(created.error);
				})
			)
		),

		surveyTokensIssue: guarded(
			'surveyTokensIssue',
			requireSession(async (req, auth) => {
				const id = surveyIdOf(req.params);
				if (!id.success) return errorResponse({ type: 'not-found' });
				const campaign = await campaigns.own(auth.account.id, id.data);
				if (!campaign.ok) return campaignError(campaign.error);
				const body = await parseJsonBody(req.request, issueTokensRequestSchema, SYNC_BODY_LIMIT);
				if (!body.ok) return errorResponse(body.error);
				const issued = await ballots.issue(
					id.data,
					body.value.tokenHashes,
					campaign.value.closesAt
				);
				if (!issued.ok) return errorResponse({ type: 'invalid-body', issues: [] });
				return jsonResponse({ issued: issued.value }, 201);
			})
		),

		surveyAnswers: guarded(
			'surveyAnswers',
			requireSession(async (req, auth) => {
				const id = surveyIdOf(req.params);
				if (!id.success) return errorResponse({ type: 'not-found' });
				const campaign = await campaigns.own(auth.account.id, id.data);
				if (!campaign.ok) return campaignError(campaign.error);
				const answers = await ballots.answers(id.data);
				return jsonResponse({ answers: [...answers] } satisfies AnswersResponse);
			})
		),

		surveyCampaignReseal: guarded(
			'surveyCampaignReseal',
			requireSession(async (req, auth) => {
				const id = surveyIdOf(req.params);
				if (!id.success) return errorResponse({ type: 'not-found' });
				const body = await parseJsonBody(req.request, resealCampaignRequestSchema, AUTH_BODY_LIMIT);
				if (!body.ok) return errorResponse(body.error);
				const resealed = await campaigns.reseal(auth.account.id, id.data, body.value);
				return resealed.ok ? emptyResponse(204) : campaignError(resealed.error);
			})
		),

		surveyUpdates: guarded('surveyUpdates', async (req) => {
			const id = surveyIdOf(req.params);
			if (!id.success) return errorResponse({ type: 'not-found' });
			return jsonResponse({
				updates: [...(await campaigns.updates(id.data))]
			} satisfies UpdatesResponse);
		}),

		surveyUpdatePost: guarded(
			'surveyUpdatePost',
			requireSession(async (req, auth) => {
				const id = surveyIdOf(req.params);
				if (!id.success) return errorResponse({ type: 'not-found' });
				const body = await parseJsonBody(req.request, postUpdateRequestSchema, AUTH_BODY_LIMIT);
				if (!body.ok) return errorResponse(body.error);
				const posted = await campaigns.postUpdate(auth.account.id, id.data, body.value);
				return posted.ok ? emptyResponse(201) : campaignError(posted.error);
			})
		),

		// Anonymous: never wrapped in requireSession, and the request's IP is not used.
		surveyBallot: guarded('surveyBallot', async (req) => {
			const body = await parseJsonBody(req.request, ballotRequestSchema, MAX_BALLOT + 1024);
			if (!body.ok) return errorResponse(body.error);
			const submitted = await ballots.submit(body.value);
			if (submitted.ok) return emptyResponse(204);
			return errorResponse(
				submitted.error.type === 'token-refused'
					? { type: 'survey-token-refused' }
					: { type: 'invalid-body', issues: [] }
			);
		})
	};
}
