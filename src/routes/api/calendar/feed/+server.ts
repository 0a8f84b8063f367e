// Thin adapter: the calendar feed of the account: status, new secret URL, publish, revoke (logic in
// server/calendar, contract in src/lib/contracts/reminders.ts).
import { handleEndpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	handleEndpoint(event, (api) => api.calendarFeedStatus);
export const POST: RequestHandler = (event) =>
	handleEndpoint(event, (api) => api.calendarFeedRotate);
export const PUT: RequestHandler = (event) =>
	handleEndpoint(event, (api) => api.calendarFeedPublish);
export const DELETE: RequestHandler = (event) =>
	handleEndpoint(event, (api) => api.calendarFeedRevoke);
