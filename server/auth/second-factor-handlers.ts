// The second-factor endpoints (`/api/auth/second-factor/**`, `PUT /api/account/kind`), wired into
// `createApi` next to the other handlers: each needs the session, parses with the shared contract
// (src/lib/contracts/second-factor.ts) and maps failures in the one place (server/http/errors.ts).
import {
	accountKindRequestSchema,
	confirmSecondFactorRequestSchema,
	disableSecondFactorRequestSchema,
	type ConfirmSecondFactorResponse,
	type EnrolResponse,
	type SecondFactorStatusBody
} from '../../src/lib/contracts/second-factor';
import { withJsonBody, type AuthedHandler } from '../api/session';
import type { Handler } from '../api/types';
import { AUTH_BODY_LIMIT } from '../http/body';
import { errorResponse } from '../http/errors';
import { emptyResponse, jsonResponse } from '../http/respond';
import type { SecondFactor } from './second-factor';

export interface SecondFactorHandlers {
	/** GET /api/auth/second-factor. */
	readonly secondFactorStatus: Handler;
	/** POST /api/auth/second-factor/enrol. */
	readonly enrolSecondFactor: Handler;
	/** POST /api/auth/second-factor/confirm. */
	readonly confirmSecondFactor: Handler;
	/** POST /api/auth/second-factor/disable. */
	readonly disableSecondFactor: Handler;
	/** PUT /api/account/kind. */
	readonly setAccountKind: Handler;
}

export function createSecondFactorHandlers(deps: {
	readonly secondFactor: SecondFactor;
	readonly requireSession: (handler: AuthedHandler) => Handler;
	readonly guarded: (name: string, handler: Handler) => Handler;
}): SecondFactorHandlers {
	const { secondFactor, requireSession, guarded } = deps;
	return {
		secondFactorStatus: guarded(
			'secondFactorStatus',
			requireSession(async (_req, auth) =>
				jsonResponse((await secondFactor.status(auth.account.id)) satisfies SecondFactorStatusBody)
			)
		),

		enrolSecondFactor: guarded(
			'enrolSecondFactor',
			requireSession(async (_req, auth) => {
				const result = await secondFactor.enrol(auth.account.id, auth.account.login);
				if (!result.ok) return errorResponse(result.error);
				return jsonResponse(result.value satisfies EnrolResponse);
			})
		),

		confirmSecondFactor: guarded(
			'confirmSecondFactor',
			requireSession(
				withJsonBody(confirmSecondFactorRequestSchema, AUTH_BODY_LIMIT, async (body, auth) => {
					const result = await secondFactor.confirm(
						{ accountId: auth.account.id, sessionId: auth.session.id },
						body.code
					);
					if (!result.ok) return errorResponse(result.error);
					return jsonResponse({
						recoveryCodes: [...result.value.recoveryCodes],
						revokedSessions: result.value.revokedSessions
					} satisfies ConfirmSecondFactorResponse);
				})
			)
		),

		disableSecondFactor: guarded(
			'disableSecondFactor',
			requireSession(
				withJsonBody(disableSecondFactorRequestSchema, AUTH_BODY_LIMIT, async (body, auth) => {
					const result = await secondFactor.disable(auth.account.id, body);
					if (!result.ok) return errorResponse(result.error);
					return emptyResponse(204);
				})
			)
		),

		setAccountKind: guarded(
			'setAccountKind',
			requireSession(
				withJsonBody(accountKindRequestSchema, AUTH_BODY_LIMIT, async (body, auth) => {
					const result = await secondFactor.setKind(auth.account.id, body.kind);
					if (!result.ok) return errorResponse(result.error);
					return jsonResponse(
						(await secondFactor.status(auth.account.id)) satisfies SecondFactorStatusBody
					);
				})
			)
		)
	};
}
