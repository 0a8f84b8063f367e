// Thin adapter: a circle's teams (logic in server/teams/, contract in src/lib/contracts/teams.ts).
import { handleEndpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => handleEndpoint(event, (api) => api.circleTeams);
export const POST: RequestHandler = (event) => handleEndpoint(event, (api) => api.addCircleTeam);
