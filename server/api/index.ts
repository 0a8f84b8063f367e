// The API: one handler per endpoint, each parsing with the shared zod contract, calling server/*
// and mapping the result. `createApi(deps)` wires every module from injected time, randomness and
// database, so tests run the exact code the SvelteKit endpoints run.
import {
	deleteAccountRequestSchema,
	kdfParamsRequestSchema,
	rekeyRequestSchema,
	type KdfParamsResponse,
	type RekeyResponse,
	loginRequestSchema,
	sessionIdSchema,
	signUpRequestSchema,
	updateWrappedKeysRequestSchema,
	type AuthResponse,
	type CurrentSessionResponse,
	type SessionInfo,
	type SessionListResponse,
	type WrappedKeysResponse
} from '$lib/contracts/auth';
import type { HealthResponse } from '$lib/contracts/common';
import type { RouteName } from '$lib/contracts/routes';
import { pullQuerySchema, pushRequestSchema, type PullResponse } from '$lib/contracts/sync';
import { LOGIN_ACCOUNT_RULE, createAccounts, type Authenticated } from '../auth/accounts';
import { CLEAR_SITE_DATA, clearSessionCookie, serializeSessionCookie } from '../auth/cookie';
import { createErase } from '../auth/erase';
import {
	isKnownDevice,
	knownDeviceToken,
	readKnownDeviceToken,
	serializeKnownDeviceCookie
} from '../auth/known-device';
import { createKdfParamsLookup } from '../auth/kdf-params';
import { createHasher } from '../auth/passwords';
import { createRateLimiter } from '../auth/rate-limit';
import { createRekey } from '../auth/rekey';
import { createSecondFactor } from '../auth/second-factor';
import { createSecondFactorHandlers } from '../auth/second-factor-handlers';
import { createServerSecret } from '../auth/server-secret';
import { createSessions } from '../auth/sessions';
import { userAgentLabel } from '../auth/user-agent';
import type { SessionRow } from '../db/schema';
import { AUTH_BODY_LIMIT, SYNC_BODY_LIMIT, parseJsonBody, parseQuery } from '../http/body';
import { errorResponse } from '../http/errors';
import { logUnexpected } from '../http/log';
import { emptyResponse, jsonResponse } from '../http/respond';
import { createPermissions } from '../sync/permissions';
import { createEpoch } from '../sync/epoch';
import { createPull } from '../sync/pull';
import { createPush } from '../sync/push';
import { createCircleApi } from '../circle/api';
import { createTeamApi } from '../teams/api';
import { createRequireSession, withJsonBody } from './session';
import { createCalendarHandlers } from '../calendar/handlers';
import type { CalendarDatabase } from '../calendar/schema';
import { createPushHandlers } from '../push/handlers';
import { createSurveyHandlers } from '../surveys/handlers';
import type { SurveyBallotDatabase } from '../surveys/schema';
import type { Handler, ServerDeps } from './types';

export type { ApiRequest, Handler, ServerDeps } from './types';

/**
 * One handler per route of the table (`src/lib/contracts/routes.ts`), under the route's name: a
 * route without a handler does not compile, and `endpoint(name)` in server/context.ts binds each
 * `+server.ts` to it.
 */
export type Api = { readonly [N in RouteName]: Handler };

const sessionInfo = (row: SessionRow, currentId: string): SessionInfo => ({
	id: row.id,
	current: row.id === currentId,
	createdAt: row.created_at,
	lastSeenAt: row.last_seen_at,
	expiresAt: row.expires_at,
	userAgent: row.user_agent
});

/** Turns a thrown bug into a bare 500: never a stack trace or message in the response. */
const guarded =
	(name: string, handler: Handler): Handler =>
	async (req) => {
		try {
			return await handler(req);
		} catch (error) {
			logUnexpected(name, error);
			return errorResponse({ type: 'internal' });
		}
	};

export function createApi(deps: ServerDeps): Api {
	const { db, now } = deps;
	const sessions = createSessions({ db, now, randomBytes: deps.randomBytes });
	const limiter = createRateLimiter({ db, now });
	const hasher = createHasher(deps.argon2);
	const secondFactor = createSecondFactor({ db, now, randomBytes: deps.randomBytes, limiter });
	const accounts = createAccounts({
		db,
		now,
		newId: deps.newId,
		hasher,
		sessions,
		limiter,
		secondFactor,
		signupsPerHour: deps.signupsPerHour
	});
	const serverSecret = createServerSecret({
		db,
		now,
		randomBytes: deps.randomBytes,
		fromEnv: deps.serverSecret
	});
	const kdfParams = createKdfParamsLookup({ db, limiter, secret: serverSecret });
	const rekey = createRekey({ db, hasher, limiter });
	const requireSession = createRequireSession({ sessions, now });
	const teams = createTeamApi({
		db,
		now,
		newId: deps.newId,
		isProfessional: secondFactor.isProfessional,
		requireSession,
		guarded
	});
	const permissions = createPermissions({
		db,
		now,
		teamAccess: (accountId, circleId) => teams.circleTeams.teamAccess(accountId, circleId)
	});
	const push = createPush({ db, now, permissions });
	const pull = createPull({ db, permissions, now });
	const epoch = createEpoch({ db, now, newId: deps.newId });
	const erase = createErase({ db, newId: deps.newId });
	const signedOut = { 'Set-Cookie': clearSessionCookie(), 'Clear-Site-Data': CLEAR_SITE_DATA };

	const authenticated = async (value: Authenticated, status: number): Promise<Response> => {
		const headers = new Headers();
		headers.append(
			'Set-Cookie',
			serializeSessionCookie(value.token, value.session.expires_at, now())
		);
		const known = knownDeviceToken(await serverSecret(), value.account.login);
		headers.append('Set-Cookie', serializeKnownDeviceCookie(known));
		return jsonResponse(
			{ account: value.account, wrappedKeys: value.wrappedKeys } satisfies AuthResponse,
			status,
			headers
		);
	};

	return {
		...createCircleApi({
			db,
			now,
			newId: deps.newId,
			permissions,
			requireSession,
			teamLogNames: (circleId) => teams.circleTeams.logNames(circleId)
		}),
		...createPushHandlers({ service: deps.push, db: db.db, requireSession, guarded, limiter }),
		...createSecondFactorHandlers({ secondFactor, requireSession, guarded }),
		...teams.api,
		...createCalendarHandlers({
			db: db.db.$extendTables<CalendarDatabase>(),
			now,
			randomBytes: deps.randomBytes,
			requireSession,
			guarded
		}),
		...createSurveyHandlers({
			db: db.db.$extendTables<SurveyBallotDatabase>(),
			now,
			teamStanding: teams.standing,
			teamsOf: teams.teamsOf,
			requireSession,
			guarded
		}),
		health: guarded('health', async () => {
			const up = await db.ping();
			if (!up) return errorResponse({ type: 'unavailable' });
			return jsonResponse({ status: 'ok', database: db.dialect } satisfies HealthResponse);
		}),

		signUp: guarded('signUp', async (req) => {
			const body = await parseJsonBody(req.request, signUpRequestSchema, AUTH_BODY_LIMIT);
			if (!body.ok) return errorResponse(body.error);
			const result = await accounts.signUp(body.value, {
				ip: req.ip,
				userAgent: userAgentLabel(req.request.headers.get('user-agent'))
			});
			return result.ok ? authenticated(result.value, 201) : errorResponse(result.error);
		}),

		login: guarded('login', async (req) => {
			const body = await parseJsonBody(req.request, loginRequestSchema, AUTH_BODY_LIMIT);
			if (!body.ok) return errorResponse(body.error);
			const result = await accounts.login(body.value, {
				ip: req.ip,
				userAgent: userAgentLabel(req.request.headers.get('user-agent')),
				knownDevice: isKnownDevice(
					await serverSecret(),
					body.value.login,
					readKnownDeviceToken(req.request)
				)
			});
			return result.ok ? authenticated(result.value, 200) : errorResponse(result.error);
		}),

		logout: guarded(
			'logout',
			requireSession(async (_req, auth) => {
				await sessions.revoke(auth.account.id, auth.session.id);
				return emptyResponse(204, { 'Set-Cookie': clearSessionCookie() });
			})
		),

		// "Forget this device": the session ends on the server first, then the browser is told to
		// clear everything of this origin (cookies, storage, caches); the device also deletes its
		// databases itself, since Clear-Site-Data is not honoured everywhere.
		forgetDevice: guarded(
			'forgetDevice',
			requireSession(async (_req, auth) => {
				await sessions.revoke(auth.account.id, auth.session.id);
				return emptyResponse(204, signedOut);
			})
		),

		currentSession: guarded(
			'currentSession',
			requireSession(async (_req, auth) => {
				const account = await accounts.view(auth.account.id);
				if (account === null) return errorResponse({ type: 'unauthenticated' });
				return jsonResponse({
					account,
					session: sessionInfo(auth.session, auth.session.id)
				} satisfies CurrentSessionResponse);
			})
		),

		listSessions: guarded(
			'listSessions',
			requireSession(async (_req, auth) => {
				const rows = await sessions.list(auth.account.id);
				return jsonResponse({
					sessions: rows.map((r) => sessionInfo(r, auth.session.id))
				} satisfies SessionListResponse);
			})
		),

		revokeAllSessions: guarded(
			'revokeAllSessions',
			requireSession(async (_req, auth) => {
				await sessions.revokeAll(auth.account.id);
				return emptyResponse(204, { 'Set-Cookie': clearSessionCookie() });
			})
		),

		revokeSession: guarded(
			'revokeSession',
			requireSession(async (req, auth) => {
				const id = sessionIdSchema.safeParse(req.params['id']);
				if (!id.success) return errorResponse({ type: 'not-found' });
				const revoked = await sessions.revoke(auth.account.id, id.data);
				if (!revoked) return errorResponse({ type: 'not-found' });
				const headers: HeadersInit =
					id.data === auth.session.id ? { 'Set-Cookie': clearSessionCookie() } : {};
				return emptyResponse(204, headers);
			})
		),

		getWrappedKeys: guarded(
			'getWrappedKeys',
			requireSession(async (_req, auth) => {
				const wrappedKeys = await accounts.getWrappedKeys(auth.account.id);
				if (wrappedKeys === null) return errorResponse({ type: 'unauthenticated' });
				return jsonResponse({ wrappedKeys } satisfies WrappedKeysResponse);
			})
		),

		putWrappedKeys: guarded(
			'putWrappedKeys',
			requireSession(
				withJsonBody(updateWrappedKeysRequestSchema, AUTH_BODY_LIMIT, async (body, auth) => {
					await accounts.setWrappedKeys(auth.account.id, body.wrappedKeys);
					return jsonResponse({ wrappedKeys: body.wrappedKeys } satisfies WrappedKeysResponse);
				})
			)
		),

		kdfParams: guarded('kdfParams', async (req) => {
			const body = await parseJsonBody(req.request, kdfParamsRequestSchema, AUTH_BODY_LIMIT);
			if (!body.ok) return errorResponse(body.error);
			const result = await kdfParams(body.value.login, req.ip);
			if (!result.ok) return errorResponse(result.error);
			return jsonResponse({ kdf: result.value } satisfies KdfParamsResponse);
		}),

		rekey: guarded(
			'rekey',
			requireSession(
				withJsonBody(rekeyRequestSchema, AUTH_BODY_LIMIT, async (body, auth) => {
					const result = await rekey(
						{ accountId: auth.account.id, login: auth.account.login, sessionId: auth.session.id },
						body
					);
					if (!result.ok) return errorResponse(result.error);
					return jsonResponse(result.value satisfies RekeyResponse);
				})
			)
		),

		deleteAccount: guarded(
			'deleteAccount',
			requireSession(
				withJsonBody(deleteAccountRequestSchema, AUTH_BODY_LIMIT, async (body, auth) => {
					const subject = `reauth:${auth.account.id}`;
					const wait = await limiter.take(subject, LOGIN_ACCOUNT_RULE);
					if (wait > 0) return errorResponse({ type: 'rate-limited', retryAfterSeconds: wait });
					const authHash = await accounts.authHash(auth.account.id);
					if (authHash === null || !(await hasher.verify(authHash, body.authKey)))
						return errorResponse({ type: 'invalid-credentials' });
					await erase(auth.account.id);
					await limiter.reset(subject);
					await limiter.reset(`login:${auth.account.login}`);
					// Only the cookie: the person's journal stays on this device unless they forget it too.
					return emptyResponse(204, {
						'Set-Cookie': clearSessionCookie(),
						'Clear-Site-Data': '"cookies"'
					});
				})
			)
		),

		push: guarded(
			'push',
			requireSession(
				withJsonBody(pushRequestSchema, SYNC_BODY_LIMIT, async (body, auth) => {
					const result = await push(auth.account.id, body);
					if (!result.ok) return errorResponse(result.error);
					return jsonResponse({ acks: result.value });
				})
			)
		),

		pull: guarded(
			'pull',
			requireSession(async (req, auth) => {
				const query = parseQuery(req.url, pullQuerySchema);
				if (!query.ok) return errorResponse(query.error);
				const result = await pull(auth.account.id, query.value);
				if (!result.ok) return errorResponse(result.error);
				return jsonResponse({
					envelopes: [...result.value.envelopes],
					checkpoint: result.value.checkpoint,
					hasMore: result.value.hasMore,
					epoch: await epoch.current(),
					reset: result.value.reset
				} satisfies PullResponse);
			})
		)
	};
}
