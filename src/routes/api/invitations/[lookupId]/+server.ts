// Thin adapter: the invitee previews an invitation (logic in server/circle, contract in src/lib/contracts/circle.ts).
import { handleEndpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => handleEndpoint(event, (api) => api.previewInvitation);
