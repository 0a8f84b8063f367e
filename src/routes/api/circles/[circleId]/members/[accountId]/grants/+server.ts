// Thin adapter: change a member's grants (logic in server/circle, contract in src/lib/contracts/circle.ts).
import { endpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const PUT: RequestHandler = endpoint('updateGrants');
