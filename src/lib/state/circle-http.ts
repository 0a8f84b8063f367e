// The circle commands' error type and their side of the one API client (issue 5, issue 12, issue
// 13): a failed fetch is `offline`, an HTTP error its code, and a 2xx body that does not parse with
// the route's schema `invalid-response`, never trusted. Person-side and invitee-side commands
// share it.
import {
	apiErrorCode,
	createApiClient,
	type ApiAnswer,
	type ApiError,
	type CallArgs,
	type FetchLike
} from '$lib/contracts/client';
import type { RouteName } from '$lib/contracts/routes';
import { err, ok as okResult, type Result } from '$lib/domain/result';
import type { ShareableCategory } from '$lib/domain/circle';

export interface UnverifiedMember {
	readonly accountId: string;
	readonly label: string;
}

export type CircleError =
	| { readonly type: 'http'; readonly code: string }
	| { readonly type: 'offline' }
	| { readonly type: 'invalid-response' }
	| { readonly type: 'locked' }
	| { readonly type: 'secret-missing' }
	| { readonly type: 'proof-invalid' }
	/** The owner's keys in an invitation preview are not the ones the person proved. */
	| { readonly type: 'owner-unverified' }
	| { readonly type: 'key-missing'; readonly category: ShareableCategory }
	| { readonly type: 'rotation-incomplete'; readonly categories: readonly ShareableCategory[] }
	/** Nothing was wrapped to these members: their keys changed (or were never pinned). */
	| { readonly type: 'key-changed'; readonly members: readonly UnverifiedMember[] };

export type CircleResult<T> = Result<T, CircleError>;

export const ok = <T>(value: T): CircleResult<T> => okResult(value);
export const fail = <T>(error: CircleError): CircleResult<T> => err(error);

/** The circle's words for what the API client reports: the error code, or `offline`. */
export function circleErrorOf(error: ApiError): CircleError {
	if (error.type === 'offline' || error.type === 'invalid-response') return { type: error.type };
	return { type: 'http', code: apiErrorCode(error) };
}

/**
 * The circle commands' calls through the one API client: `call` parses the answer with the
 * route's schema, `send` needs only a 2xx (what the commands do not read is not checked).
 */
export interface CircleHttp {
	readonly call: <N extends RouteName>(
		name: N,
		...args: CallArgs<N>
	) => Promise<CircleResult<ApiAnswer<N>>>;
	readonly send: <N extends RouteName>(
		name: N,
		...args: CallArgs<N>
	) => Promise<CircleResult<null>>;
}

export function createCircleHttp(fetchFn: FetchLike): CircleHttp {
	const api = createApiClient(fetchFn);
	return {
		call: async (name, ...args) => {
			const result = await api.call(name, ...args);
			return result.ok ? result : fail(circleErrorOf(result.error));
		},
		send: async (name, ...args) => {
			const result = await api.send(name, ...args);
			return result.ok ? result : fail(circleErrorOf(result.error));
		}
	};
}
