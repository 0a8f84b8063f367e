// The calendar feed API: `/api/calendar/feed` (status, create or rotate, publish, revoke; session
// and Origin checked) and `/api/calendar/<token>.ics` (public, the secret URL a calendar app polls).
// Invariant: a malformed or unknown token is 404, the same answer, and the body never says why.
import type { Kysely } from 'kysely';
import {
	calendarFeedUploadBodySchema,
	calendarTokenSchema,
	type CalendarFeedTokenResponse
} from '../../src/lib/contracts/reminders';
import { withJsonBody, type AuthedHandler } from '../api/session';
import type { Handler } from '../api/types';
import { AUTH_BODY_LIMIT } from '../http/body';
import { errorResponse } from '../http/errors';
import { emptyResponse, jsonResponse } from '../http/respond';
import { createCalendarFeeds } from './feeds';
import type { CalendarDatabase } from './schema';

export interface CalendarHandlers {
	/** GET /api/calendar/feed. */
	readonly calendarFeedStatus: Handler;
	/** POST /api/calendar/feed: create or rotate the secret URL (body: the events). */
	readonly calendarFeedRotate: Handler;
	/** PUT /api/calendar/feed: replace the events. */
	readonly calendarFeedPublish: Handler;
	/** DELETE /api/calendar/feed: revoke. */
	readonly calendarFeedRevoke: Handler;
	/** GET /api/calendar/[file] where file = `<token>.ics`. */
	readonly calendarFeedFile: Handler;
}

export interface CalendarHandlersDeps {
	readonly db: Kysely<CalendarDatabase>;
	readonly now: () => number;
	readonly randomBytes: (length: number) => Uint8Array;
	readonly requireSession: (handler: AuthedHandler) => Handler;
	readonly guarded: (name: string, handler: Handler) => Handler;
}

export function createCalendarHandlers(deps: CalendarHandlersDeps): CalendarHandlers {
	const feeds = createCalendarFeeds(deps);
	const { guarded, requireSession } = deps;
	return {
		calendarFeedStatus: guarded(
			'calendarFeedStatus',
			requireSession(async (_req, auth) => jsonResponse(await feeds.status(auth.account.id)))
		),

		calendarFeedRotate: guarded(
			'calendarFeedRotate',
			requireSession(
				withJsonBody(calendarFeedUploadBodySchema, AUTH_BODY_LIMIT, async (body, auth) => {
					const token = await feeds.rotate(auth.account.id, body.events, body.locale);
					return jsonResponse({ token } satisfies CalendarFeedTokenResponse, 201);
				})
			)
		),

		calendarFeedPublish: guarded(
			'calendarFeedPublish',
			requireSession(
				withJsonBody(calendarFeedUploadBodySchema, AUTH_BODY_LIMIT, async (body, auth) => {
					const published = await feeds.publish(auth.account.id, body.events, body.locale);
					return published ? emptyResponse(204) : errorResponse({ type: 'not-found' });
				})
			)
		),

		calendarFeedRevoke: guarded(
			'calendarFeedRevoke',
			requireSession(async (_req, auth) => {
				await feeds.revoke(auth.account.id);
				return emptyResponse(204);
			})
		),

		calendarFeedFile: guarded('calendarFeedFile', async (req) => {
			const file = req.params['file'] ?? '';
			const token = calendarTokenSchema.safeParse(file.endsWith('.ics') ? file.slice(0, -4) : '');
			if (!token.success) return errorResponse({ type: 'not-found' });
			const text = await feeds.render(token.data);
			if (text === null) return errorResponse({ type: 'not-found' });
			return new Response(text, {
				status: 200,
				headers: {
					'Content-Type': 'text/calendar; charset=utf-8',
					'Cache-Control': 'no-store',
					'Content-Disposition': 'inline; filename="cercle.ics"'
				}
			});
		})
	};
}
