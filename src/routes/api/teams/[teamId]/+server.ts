// Thin adapter: a team as its member sees it (logic in server/teams/, contract in src/lib/contracts/teams.ts).
import { handleEndpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => handleEndpoint(event, (api) => api.teamDetail);
