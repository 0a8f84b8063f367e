// Thin adapter: my wrapped keys; key rotation (logic in server/circle, contract in src/lib/contracts/circle.ts).
import { handleEndpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => handleEndpoint(event, (api) => api.myKeys);
export const POST: RequestHandler = (event) => handleEndpoint(event, (api) => api.rotateKey);
