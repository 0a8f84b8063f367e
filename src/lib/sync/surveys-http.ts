// The one HTTP module of anonymous experience surveys (contracts in src/lib/contracts/surveys.ts,
// routes in src/lib/contracts/routes.ts), through the one API client. Publisher calls carry the
// session cookie; the ballot and the notices are sent with `credentials: 'omit'`, so the server
// sees no session, account or circle on them (the person's device sends nothing but the survey
// id, the token and the box). A failed fetch is `offline`, an error body gives its code, a 2xx
// body that does not parse is `invalid-response`: nothing the server says is used unparsed.
import {
	apiErrorCode,
	createApiClient,
	type ApiAnswer,
	type ApiError,
	type CallArgs,
	type FetchLike
} from '$lib/contracts/client';
import type { RouteName } from '$lib/contracts/routes';
import type {
	AnswersResponse,
	CreateCampaignRequest,
	ResealCampaignRequest,
	SurveyUpdate,
	UpdatesResponse
} from '$lib/contracts/surveys';
import { err, ok, type Result } from '$lib/domain/result';

export type SurveyHttpError =
	| { readonly type: 'offline' }
	| { readonly type: 'invalid-response' }
	/** The token was used, is unknown, or the survey closed (410). */
	| { readonly type: 'token-refused' }
	| { readonly type: 'http'; readonly code: string };

export type Fetch = FetchLike;

/** The surveys' words for what the API client reports. */
export function surveyErrorOf(error: ApiError): SurveyHttpError {
	if (error.type === 'offline' || error.type === 'invalid-response') return { type: error.type };
	const code = apiErrorCode(error);
	return code === 'survey-token-refused' ? { type: 'token-refused' } : { type: 'http', code };
}

export function createSurveysHttp(fetchFn: Fetch) {
	const api = createApiClient(fetchFn);
	async function call<N extends RouteName>(
		name: N,
		...args: CallArgs<N>
	): Promise<Result<ApiAnswer<N>, SurveyHttpError>> {
		const result = await api.call(name, ...args);
		return result.ok ? result : err(surveyErrorOf(result.error));
	}
	async function send<N extends RouteName>(
		name: N,
		...args: CallArgs<N>
	): Promise<Result<void, SurveyHttpError>> {
		const result = await api.send(name, ...args);
		return result.ok ? ok(undefined) : err(surveyErrorOf(result.error));
	}

	return {
		/** An account's campaign, or (with `team`) a team's: the survey keys sealed to its key. */
		publish: (campaign: CreateCampaignRequest) => send('surveyCampaignCreate', { body: campaign }),
		async list() {
			const r = await call('surveyCampaignList');
			return r.ok ? ok(r.value.campaigns) : r;
		},
		async issueTokens(surveyId: string, tokenHashes: readonly string[]) {
			const r = await call('surveyTokensIssue', {
				params: { id: surveyId },
				body: { tokenHashes }
			});
			return r.ok ? ok(r.value.issued) : r;
		},
		async answers(surveyId: string): Promise<Result<AnswersResponse['answers'], SurveyHttpError>> {
			const r = await call('surveyAnswers', { params: { id: surveyId } });
			return r.ok ? ok(r.value.answers) : r;
		},
		/**
		 * A team campaign's keys sealed again to the team's new key version (any current member
		 * while the stored seal is older; `survey-conflict` when someone did it first).
		 */
		reseal: (surveyId: string, body: ResealCampaignRequest) =>
			send('surveyCampaignReseal', { params: { id: surveyId }, body }),
		postUpdate: (surveyId: string, update: SurveyUpdate) =>
			send('surveyUpdatePost', { params: { id: surveyId }, body: update }),
		/** No cookie: reading the notices says nothing about who reads them. */
		async updates(surveyId: string): Promise<Result<UpdatesResponse['updates'], SurveyHttpError>> {
			const r = await call('surveyUpdates', { params: { id: surveyId }, credentials: 'omit' });
			return r.ok ? ok(r.value.updates) : r;
		},
		/** The anonymous ballot: no cookie, no account or circle id, only survey, token and box. */
		ballot: (surveyId: string, token: string, ciphertext: string) =>
			send('surveyBallot', { body: { surveyId, token, ciphertext }, credentials: 'omit' })
	};
}

export type SurveysHttp = ReturnType<typeof createSurveysHttp>;
