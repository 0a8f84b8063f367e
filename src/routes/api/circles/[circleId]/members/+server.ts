// Thin adapter: members of a circle (logic in server/circle, contract in src/lib/contracts/circle.ts).
import { handleEndpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => handleEndpoint(event, (api) => api.listMembers);
