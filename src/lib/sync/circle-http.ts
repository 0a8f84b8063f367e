// The circle commands' side of the one API client (issue 5, issue 12, issue 13): a failed fetch is
// `offline`, an HTTP error its code, and a 2xx body that does not parse with the route's schema
// `invalid-response`, never trusted (the error union is domain/circle/errors.ts). Person-side,
// invitee-side and team commands share it.
import {
	apiErrorCode,
	createApiClient,
	type ApiAnswer,
	type ApiError,
	type CallArgs,
	type FetchLike
} from '$lib/contracts/client';
import type { RouteName } from '$lib/contracts/routes';
import { fail, type CircleError, type CircleResult } from '$lib/domain/circle/errors';

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
