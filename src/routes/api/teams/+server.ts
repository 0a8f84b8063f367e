// Thin adapter: create a care team or list mine (logic in server/teams/, contract in src/lib/contracts/teams.ts).
import { endpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = endpoint('createTeam');
export const GET: RequestHandler = endpoint('listTeams');
