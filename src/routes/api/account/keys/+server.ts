// Thin adapter: the account's wrapped-keys blob (logic in server/, contract in src/lib/contracts).
import { handleEndpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => handleEndpoint(event, (api) => api.getWrappedKeys);
export const PUT: RequestHandler = (event) => handleEndpoint(event, (api) => api.putWrappedKeys);
