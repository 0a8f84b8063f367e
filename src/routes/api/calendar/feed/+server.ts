// Thin adapter: the calendar feed of the account: status, new secret URL, publish, revoke (logic in
// server/calendar, contract in src/lib/contracts/reminders.ts).
import { endpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = endpoint('calendarFeedStatus');
export const POST: RequestHandler = endpoint('calendarFeedRotate');
export const PUT: RequestHandler = endpoint('calendarFeedPublish');
export const DELETE: RequestHandler = endpoint('calendarFeedRevoke');
