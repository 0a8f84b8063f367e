// Thin adapter: a team as its member sees it (logic in server/teams/, contract in src/lib/contracts/teams.ts).
import { endpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = endpoint('teamDetail');
