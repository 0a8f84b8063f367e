// The second-factor endpoints over HTTP (`/api/auth/second-factor/**`, `PUT /api/account/kind`),
// with `fetch` injected; every 2xx parsed by the shared contract, every failure an `AccountError`
// value (the same mapping as ./account-http.ts). Kept apart so it moves onto the one API client.
import * as z from 'zod';
import {
	confirmSecondFactorResponseSchema,
	enrolResponseSchema,
	secondFactorStatusSchema,
	type AccountKindValue,
	type ConfirmSecondFactorResponse,
	type EnrolResponse,
	type SecondFactorInputBody,
	type SecondFactorStatusBody
} from '$lib/contracts/second-factor';
import { request, type AccountError, type FetchLike } from './account-http';
import type { Result } from './result';

export interface SecondFactorHttp {
	readonly status: () => Promise<Result<SecondFactorStatusBody, AccountError>>;
	readonly enrol: () => Promise<Result<EnrolResponse, AccountError>>;
	readonly confirm: (code: string) => Promise<Result<ConfirmSecondFactorResponse, AccountError>>;
	readonly disable: (input: SecondFactorInputBody) => Promise<Result<null, AccountError>>;
	readonly setKind: (
		kind: AccountKindValue
	) => Promise<Result<SecondFactorStatusBody, AccountError>>;
}

export function createSecondFactorHttp(fetch: FetchLike): SecondFactorHttp {
	return {
		status: () =>
			request(fetch, 'GET', '/api/auth/second-factor', undefined, secondFactorStatusSchema),
		enrol: () =>
			request(fetch, 'POST', '/api/auth/second-factor/enrol', undefined, enrolResponseSchema),
		confirm: (code) =>
			request(
				fetch,
				'POST',
				'/api/auth/second-factor/confirm',
				{ code },
				confirmSecondFactorResponseSchema
			),
		disable: (input) => request(fetch, 'POST', '/api/auth/second-factor/disable', input, z.null()),
		setKind: (kind) =>
			request(fetch, 'PUT', '/api/account/kind', { kind }, secondFactorStatusSchema)
	};
}
