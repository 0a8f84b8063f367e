// Thin adapter: replace the account's future {fireAt, opaqueId} pairs (logic in server/push, contract in src/lib/contracts/push.ts).
import { endpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const PUT: RequestHandler = endpoint('pushSchedule');
