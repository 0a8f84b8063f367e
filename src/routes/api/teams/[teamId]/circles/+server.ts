// Thin adapter: the circles a team was invited into (logic in server/teams/, contract in src/lib/contracts/teams.ts).
import { handleEndpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => handleEndpoint(event, (api) => api.teamCircles);
