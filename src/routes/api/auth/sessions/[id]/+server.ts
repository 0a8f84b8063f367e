// Thin adapter: revoke one session (logic in server/, contract in src/lib/contracts).
import { endpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const DELETE: RequestHandler = endpoint('revokeSession');
