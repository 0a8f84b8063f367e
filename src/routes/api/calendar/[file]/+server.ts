// Thin adapter: the public feed at its secret URL `/api/calendar/<token>.ics` (logic in
// server/calendar).
import { endpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = endpoint('calendarFeedFile');
