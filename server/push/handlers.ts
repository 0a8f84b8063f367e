// The push API handlers (`/api/push/**`), wired into `createApi` next to the other handlers.
// Why: the device subscribes, uploads `{ fireAt, opaqueId }` for the next days, asks for a test
// reminder and reads the status; each handler parses with the shared contract and maps the result
// in the one place (server/http/errors.ts). Every handler but the VAPID key needs a session.
// Invariants: the schedule body is strict (an extra field is refused with 400, so nothing but a
// fire time and an opaque id is ever stored); endpoints are never echoed back (status gives their
// SHA-256); without a push service (VAPID keys unusable) every handler answers 503; an endpoint
// outside the known push services (host allowlist, port 443) is refused with 400 before anything
// is stored or fetched (server/push/endpoint.ts); test reminders are limited per account.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
	pushScheduleUploadBodySchema,
	pushSubscribeBodySchema,
	pushTestReminderBodySchema,
	pushUnsubscribeBodySchema,
	type PushScheduleUploadResponse,
	type VapidPublicKeyResponse
} from '../../src/lib/contracts/push';
import type { PushStatusResponse } from '../../src/lib/contracts/reminders';
import type { AuthedHandler } from '../api/session';
import type { RateLimiter, RateRule } from '../auth/rate-limit';
import type { Handler } from '../api/types';
import { AUTH_BODY_LIMIT, parseJsonBody } from '../http/body';
import { errorResponse } from '../http/errors';
import { emptyResponse, jsonResponse } from '../http/respond';
import { isPushServiceEndpoint } from './endpoint';
import type { PushService } from './index';
import type { PushDatabase } from './schema';

/** 2,000 occurrences of ~60 bytes each fit comfortably. */
export const PUSH_SCHEDULE_BODY_LIMIT = 256 * 1024;

/** "Send me a test reminder": 5 an hour per account is plenty for a person checking their phone. */
export const PUSH_TEST_RULE: RateRule = { limit: 5, windowMs: 60 * 60 * 1000 };

export interface PushHandlers {
	/** GET /api/push/vapid-key (public: the application server key is not a secret). */
	readonly pushVapidKey: Handler;
	/** POST /api/push/subscribe. */
	readonly pushSubscribe: Handler;
	/** POST /api/push/unsubscribe. */
	readonly pushUnsubscribe: Handler;
	/** PUT /api/push/schedule. */
	readonly pushSchedule: Handler;
	/** POST /api/push/test. */
	readonly pushTest: Handler;
	/** GET /api/push/status. */
	readonly pushStatus: Handler;
}

export interface PushHandlersDeps {
	readonly service: PushService | undefined;
	readonly db: Kysely<PushDatabase>;
	readonly requireSession: (handler: AuthedHandler) => Handler;
	readonly guarded: (name: string, handler: Handler) => Handler;
	readonly limiter: RateLimiter;
}

const endpointHash = (endpoint: string): string =>
	createHash('sha256').update(endpoint, 'utf8').digest('hex');

export function createPushHandlers(deps: PushHandlersDeps): PushHandlers {
	const { service, requireSession, guarded } = deps;
	const unavailable = (): Response => errorResponse({ type: 'unavailable' });
	const withService = (name: string, handler: (service: PushService) => AuthedHandler): Handler =>
		guarded(
			name,
			requireSession((req, auth) =>
				service === undefined ? Promise.resolve(unavailable()) : handler(service)(req, auth)
			)
		);

	return {
		pushVapidKey: guarded('pushVapidKey', () =>
			Promise.resolve(
				service === undefined
					? unavailable()
					: jsonResponse({ publicKey: service.vapidPublicKey } satisfies VapidPublicKeyResponse)
			)
		),

		pushSubscribe: withService('pushSubscribe', (s) => async (req, auth) => {
			const body = await parseJsonBody(req.request, pushSubscribeBodySchema, AUTH_BODY_LIMIT);
			if (!body.ok) return errorResponse(body.error);
			if (!isPushServiceEndpoint(body.value.endpoint))
				return errorResponse({
					type: 'invalid-body',
					issues: [{ path: ['endpoint'], message: 'not a known push service' }]
				});
			await s.store.subscribe(auth.account.id, {
				endpoint: body.value.endpoint,
				keys: body.value.keys,
				locale: body.value.locale
			});
			return emptyResponse(204);
		}),

		pushUnsubscribe: withService('pushUnsubscribe', (s) => async (req, auth) => {
			const body = await parseJsonBody(req.request, pushUnsubscribeBodySchema, AUTH_BODY_LIMIT);
			if (!body.ok) return errorResponse(body.error);
			await s.store.unsubscribe(auth.account.id, body.value.endpoint);
			return emptyResponse(204);
		}),

		pushSchedule: withService('pushSchedule', (s) => async (req, auth) => {
			const body = await parseJsonBody(
				req.request,
				pushScheduleUploadBodySchema,
				PUSH_SCHEDULE_BODY_LIMIT
			);
			if (!body.ok) return errorResponse(body.error);
			const result = await s.store.uploadSchedule(auth.account.id, body.value.occurrences);
			if (!result.ok) return errorResponse({ type: 'internal' });
			return jsonResponse(result.value satisfies PushScheduleUploadResponse);
		}),

		pushTest: withService('pushTest', (s) => async (req, auth) => {
			const body = await parseJsonBody(req.request, pushTestReminderBodySchema, AUTH_BODY_LIMIT);
			if (!body.ok) return errorResponse(body.error);
			const wait = await deps.limiter.take(`push-test:${auth.account.id}`, PUSH_TEST_RULE);
			if (wait > 0) return errorResponse({ type: 'rate-limited', retryAfterSeconds: wait });
			await s.store.enqueueTestReminder(auth.account.id, body.value.opaqueId);
			return emptyResponse(202);
		}),

		pushStatus: withService('pushStatus', (s) => async (_req, auth) => {
			const subscriptions = await s.store.listSubscriptions(auth.account.id);
			const pending = await deps.db
				.selectFrom('push_jobs')
				.select((eb) => [
					eb.fn.countAll<number | string>().as('count'),
					eb.fn.min<number | null>('fire_at').as('next')
				])
				.where('account_id', '=', auth.account.id)
				.where('state', '=', 'pending')
				.executeTakeFirst();
			return jsonResponse({
				subscriptions: subscriptions.map((sub) => ({
					endpointHash: endpointHash(sub.endpoint),
					createdAt: sub.createdAt,
					lastSuccessAt: sub.lastSuccessAt,
					failureCount: sub.failureCount
				})),
				pending: Number(pending?.count ?? 0),
				nextFireAt: pending?.next ?? null
			} satisfies PushStatusResponse);
		})
	};
}
