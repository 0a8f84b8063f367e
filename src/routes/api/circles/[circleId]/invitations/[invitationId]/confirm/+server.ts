// Thin adapter: the person confirms a verified acceptance with wrapped keys (logic in server/circle, contract in src/lib/contracts/circle.ts).
import { endpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = endpoint('confirmInvitation');
