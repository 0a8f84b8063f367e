// Thin adapter: the person creates and lists invitations (logic in server/circle, contract in src/lib/contracts/circle.ts).
import { endpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = endpoint('listInvitations');
export const POST: RequestHandler = endpoint('createInvitation');
