// Thin adapter: the person cancels an invitation or refuses an acceptance (logic in server/circle, contract in src/lib/contracts/circle.ts).
import { endpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const DELETE: RequestHandler = endpoint('revokeInvitation');
