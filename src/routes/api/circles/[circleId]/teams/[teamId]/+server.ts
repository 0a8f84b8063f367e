// Thin adapter: remove a team from a circle (logic in server/teams/, contract in src/lib/contracts/teams.ts).
import { endpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const DELETE: RequestHandler = endpoint('removeCircleTeam');
