// Thin adapter: liveness and database reachability (logic in server/, contract in src/lib/contracts).
import { endpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = endpoint('health');
