// Thin adapter: store this browser's push subscription (logic in server/push, contract in src/lib/contracts/push.ts).
import { endpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = endpoint('pushSubscribe');
