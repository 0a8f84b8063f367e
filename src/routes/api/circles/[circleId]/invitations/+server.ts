// Thin adapter: the person creates and lists invitations (logic in server/circle, contract in src/lib/contracts/circle.ts).
import { handleEndpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => handleEndpoint(event, (api) => api.listInvitations);
export const POST: RequestHandler = (event) => handleEndpoint(event, (api) => api.createInvitation);
