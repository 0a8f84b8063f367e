// The second-factor endpoints over HTTP (`/api/auth/second-factor/**`, `PUT /api/account/kind`),
// through the one API client (`contracts/client.ts`, `fetch` injected): every 2xx parsed by the
// route's schema, every failure an `AccountError` value (the same words as ./account-http.ts).
import type { FetchLike } from '$lib/contracts/client';
import type {
	AccountKindValue,
	ConfirmSecondFactorResponse,
	EnrolResponse,
	SecondFactorInputBody,
	SecondFactorStatusBody
} from '$lib/contracts/second-factor';
import type { Result } from '$lib/domain/result';
import { createAccountCall, type AccountError } from './account-http';

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
	const call = createAccountCall(fetch);
	return {
		status: () => call('secondFactorStatus'),
		enrol: () => call('enrolSecondFactor'),
		confirm: (code) => call('confirmSecondFactor', { body: { code } }),
		disable: (input) => call('disableSecondFactor', { body: input }),
		setKind: (kind) => call('setAccountKind', { body: { kind } })
	};
}
