// Thin adapter: subscriptions and pending reminders of the account (logic in server/push, contract in src/lib/contracts/push.ts).
import { endpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = endpoint('pushStatus');
