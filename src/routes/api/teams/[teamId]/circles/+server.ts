// Thin adapter: the circles a team was invited into (logic in server/teams/, contract in src/lib/contracts/teams.ts).
import { endpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = endpoint('teamCircles');
