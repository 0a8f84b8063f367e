// Thin adapter: confirm a colleague's acceptance (logic in server/teams/, contract in src/lib/contracts/teams.ts).
import { endpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = endpoint('confirmTeamInvitation');
