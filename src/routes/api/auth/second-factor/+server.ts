// Thin adapter: read the account's second-factor status (logic in server/auth/second-factor.ts, contract in src/lib/contracts).
import { endpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = endpoint('secondFactorStatus');
