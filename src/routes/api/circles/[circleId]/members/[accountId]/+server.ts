// Thin adapter: remove a member (or leave) (logic in server/circle, contract in src/lib/contracts/circle.ts).
import { handleEndpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const DELETE: RequestHandler = (event) => handleEndpoint(event, (api) => api.removeMember);
