// The one HTTP module of anonymous experience surveys (routes and contracts in
// src/lib/contracts/surveys.ts). Publisher calls carry the session cookie; the ballot and the
// notices are fetched with `credentials: 'omit'`, so the server sees no session, account or
// circle on them (the person's device sends nothing but the survey id, the token and the box).
// A failed fetch is `offline`, an error body gives its code, a 2xx body that does not parse is
// `invalid-response`: nothing the server says is used unparsed.
import * as z from 'zod';
import {
	answersResponseSchema,
	campaignListResponseSchema,
	updatesResponseSchema,
	type AnswersResponse,
	type Campaign,
	type SurveyUpdate,
	type UpdatesResponse
} from '$lib/contracts/surveys';
import { err, ok, type Result } from '$lib/domain/result';

export type SurveyHttpError =
	| { readonly type: 'offline' }
	| { readonly type: 'invalid-response' }
	/** The token was used, is unknown, or the survey closed (410). */
	| { readonly type: 'token-refused' }
	| { readonly type: 'http'; readonly code: string };

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

const errorBodySchema = z.object({ error: z.object({ code: z.string() }) });
const issuedSchema = z.object({ issued: z.int() });
const campaignPath = (id: string) => `/api/surveys/campaigns/${encodeURIComponent(id)}`;

export function createSurveysHttp(fetchFn: Fetch) {
	async function call<S extends z.ZodType>(
		method: 'GET' | 'POST',
		path: string,
		body: unknown,
		schema: S | null,
		credentials: RequestCredentials
	): Promise<Result<z.infer<S> | null, SurveyHttpError>> {
		let response: Response;
		try {
			response = await fetchFn(path, {
				method,
				credentials,
				headers: body === undefined ? {} : { 'content-type': 'application/json' },
				...(body === undefined ? {} : { body: JSON.stringify(body) })
			});
		} catch {
			return err({ type: 'offline' });
		}
		const json: unknown =
			response.status === 204 || (response.status === 201 && schema === null)
				? null
				: await response.json().catch(() => null);
		if (!response.ok) {
			const parsed = errorBodySchema.safeParse(json);
			const code = parsed.success ? parsed.data.error.code : 'internal';
			return err(
				code === 'survey-token-refused' ? { type: 'token-refused' } : { type: 'http', code }
			);
		}
		if (schema === null) return ok(null);
		const parsed = schema.safeParse(json);
		return parsed.success ? ok(parsed.data) : err({ type: 'invalid-response' });
	}

	const unit = (r: Result<unknown, SurveyHttpError>): Result<void, SurveyHttpError> =>
		r.ok ? ok(undefined) : r;

	return {
		async publish(campaign: Campaign) {
			return unit(await call('POST', '/api/surveys/campaigns', campaign, null, 'same-origin'));
		},
		async list() {
			const r = await call(
				'GET',
				'/api/surveys/campaigns',
				undefined,
				campaignListResponseSchema,
				'same-origin'
			);
			return r.ok ? ok(r.value?.campaigns ?? []) : r;
		},
		async issueTokens(surveyId: string, tokenHashes: readonly string[]) {
			const r = await call(
				'POST',
				`${campaignPath(surveyId)}/tokens`,
				{ tokenHashes },
				issuedSchema,
				'same-origin'
			);
			return r.ok ? ok(r.value?.issued ?? 0) : r;
		},
		async answers(surveyId: string): Promise<Result<AnswersResponse['answers'], SurveyHttpError>> {
			const r = await call(
				'GET',
				`${campaignPath(surveyId)}/answers`,
				undefined,
				answersResponseSchema,
				'same-origin'
			);
			return r.ok ? ok(r.value?.answers ?? []) : r;
		},
		async postUpdate(surveyId: string, update: SurveyUpdate) {
			return unit(
				await call('POST', `${campaignPath(surveyId)}/updates`, update, null, 'same-origin')
			);
		},
		/** No cookie: reading the notices says nothing about who reads them. */
		async updates(surveyId: string): Promise<Result<UpdatesResponse['updates'], SurveyHttpError>> {
			const r = await call(
				'GET',
				`${campaignPath(surveyId)}/updates`,
				undefined,
				updatesResponseSchema,
				'omit'
			);
			return r.ok ? ok(r.value?.updates ?? []) : r;
		},
		/** The anonymous ballot: no cookie, no account or circle id, only survey, token and box. */
		async ballot(surveyId: string, token: string, ciphertext: string) {
			return unit(
				await call('POST', '/api/surveys/ballots', { surveyId, token, ciphertext }, null, 'omit')
			);
		}
	};
}

export type SurveysHttp = ReturnType<typeof createSurveysHttp>;
