// The second-factor endpoints over HTTP (`/api/auth/second-factor/**`, `PUT /api/account/kind`),
// through the one API client (`contracts/client.ts`, `fetch` injected): every 2xx parsed by the
// route's schema, every failure an `AccountError` value (the same words as ./account-http.ts).
import {
	createApiClient,
	type ApiAnswer,
	type CallArgs,
	type FetchLike
} from '$lib/contracts/client';
import type { RouteName } from '$lib/contracts/routes';
import type {
	AccountKindValue,
	ConfirmSecondFactorResponse,
	EnrolResponse,
	SecondFactorInputBody,
	SecondFactorStatusBody
} from '$lib/contracts/second-factor';
import { err, type Result } from '$lib/domain/result';
import { accountErrorOf, type AccountError } from './account-http';

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
	const api = createApiClient(fetch);
	async function call<N extends RouteName>(
		name: N,
		...args: CallArgs<N>
	): Promise<Result<ApiAnswer<N>, AccountError>> {
		const result = await api.call(name, ...args);
		return result.ok ? result : err(accountErrorOf(result.error));
	}
	return {
		status: () => call('secondFactorStatus'),
		enrol: () => call('enrolSecondFactor'),
		confirm: (code) => call('confirmSecondFactor', { body: { code } }),
		disable: (input) => call('disableSecondFactor', { body: input }),
		setKind: (kind) => call('setAccountKind', { body: { kind } })
	};
}
