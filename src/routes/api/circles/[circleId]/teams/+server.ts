// Thin adapter: a circle's teams (logic in server/teams/, contract in src/lib/contracts/teams.ts).
import { endpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = endpoint('circleTeams');
export const POST: RequestHandler = endpoint('addCircleTeam');
