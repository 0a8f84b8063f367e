// Thin adapter: remove a team from a circle (logic in server/teams/, contract in src/lib/contracts/teams.ts).
import { handleEndpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const DELETE: RequestHandler = (event) =>
	handleEndpoint(event, (api) => api.removeCircleTeam);
