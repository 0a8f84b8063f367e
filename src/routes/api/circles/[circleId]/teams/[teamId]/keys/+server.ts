// Thin adapter: category keys wrapped to a team's key (logic in server/teams/, contract in src/lib/contracts/teams.ts).
import { endpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const PUT: RequestHandler = endpoint('putCircleTeamKeys');
