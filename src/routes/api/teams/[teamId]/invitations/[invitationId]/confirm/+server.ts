// Thin adapter: confirm a colleague's acceptance (logic in server/teams/, contract in src/lib/contracts/teams.ts).
import { handleEndpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) =>
	handleEndpoint(event, (api) => api.confirmTeamInvitation);
