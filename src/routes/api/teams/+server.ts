// Thin adapter: create a care team or list mine (logic in server/teams/, contract in src/lib/contracts/teams.ts).
import { handleEndpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) => handleEndpoint(event, (api) => api.createTeam);
export const GET: RequestHandler = (event) => handleEndpoint(event, (api) => api.listTeams);
