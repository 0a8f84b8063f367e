// Thin adapter: replace the account's future {fireAt, opaqueId} pairs (logic in server/push, contract in src/lib/contracts/push.ts).
import { handleEndpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const PUT: RequestHandler = (event) => handleEndpoint(event, (api) => api.pushSchedule);
