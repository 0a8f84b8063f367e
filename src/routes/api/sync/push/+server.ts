// Thin adapter: push envelopes (logic in server/, contract in src/lib/contracts).
import { handleEndpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) => handleEndpoint(event, (api) => api.push);
