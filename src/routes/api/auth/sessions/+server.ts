// Thin adapter: list sessions, or log out everywhere (logic in server/, contract in src/lib/contracts).
import { endpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = endpoint('listSessions');
export const DELETE: RequestHandler = endpoint('revokeAllSessions');
