// Thin adapter: the person confirms a verified acceptance with wrapped keys (logic in server/circle, contract in src/lib/contracts/circle.ts).
import { handleEndpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) =>
	handleEndpoint(event, (api) => api.confirmInvitation);
