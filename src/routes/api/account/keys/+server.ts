// Thin adapter: the account's wrapped-keys blob (logic in server/, contract in src/lib/contracts).
import { endpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = endpoint('getWrappedKeys');
export const PUT: RequestHandler = endpoint('putWrappedKeys');
