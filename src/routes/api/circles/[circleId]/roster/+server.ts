// Thin adapter: the circle roster the person signed (logic in server/circle/roster.ts, contract in src/lib/contracts/circle.ts).
import { endpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = endpoint('roster');
export const PUT: RequestHandler = endpoint('putRoster');
