// Thin adapter: list sessions, or log out everywhere (logic in server/, contract in src/lib/contracts).
import { handleEndpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => handleEndpoint(event, (api) => api.listSessions);
export const DELETE: RequestHandler = (event) =>
	handleEndpoint(event, (api) => api.revokeAllSessions);
