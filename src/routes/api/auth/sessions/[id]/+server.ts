// Thin adapter: revoke one session (logic in server/, contract in src/lib/contracts).
import { handleEndpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const DELETE: RequestHandler = (event) => handleEndpoint(event, (api) => api.revokeSession);
