// Resolves the session cookie for handlers that need an account, and re-sends the cookie when the
// sliding expiry moved. A missing, malformed, unknown, revoked or expired token is 401.
import type * as z from 'zod';
import { readSessionToken, serializeSessionCookie } from '../auth/cookie';
import type { Sessions, ValidSession } from '../auth/sessions';
import { parseJsonBody } from '../http/body';
import { errorResponse } from '../http/errors';
import type { ApiRequest, Handler } from './types';

export type AuthedHandler = (req: ApiRequest, auth: ValidSession) => Promise<Response>;

export function createRequireSession(deps: {
	readonly sessions: Sessions;
	readonly now: () => number;
}) {
	return (handler: AuthedHandler): Handler =>
		async (req) => {
			const token = readSessionToken(req.request);
			const auth = token === null ? null : await deps.sessions.validate(token);
			if (token === null || auth === null) return errorResponse({ type: 'unauthenticated' });
			const response = await handler(req, auth);
			if (auth.renewed && !response.headers.has('Set-Cookie')) {
				response.headers.append(
					'Set-Cookie',
					serializeSessionCookie(token, auth.session.expires_at, deps.now())
				);
			}
			return response;
		};
}

/**
 * An authenticated handler of a JSON body: the body is read (at most `limit` bytes) and parsed with
 * `schema` before `handler` runs; a body that does not parse is answered with its error, and the
 * handler never sees it.
 */
export function withJsonBody<S extends z.ZodType>(
	schema: S,
	limit: number,
	handler: (body: z.output<S>, auth: ValidSession, req: ApiRequest) => Promise<Response>
): AuthedHandler {
	return async (req, auth) => {
		const body = await parseJsonBody(req.request, schema, limit);
		if (!body.ok) return errorResponse(body.error);
		return handler(body.value, auth, req);
	};
}
