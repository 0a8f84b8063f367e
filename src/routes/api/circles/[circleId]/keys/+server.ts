// Thin adapter: my wrapped keys; key rotation (logic in server/circle, contract in src/lib/contracts/circle.ts).
import { endpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = endpoint('myKeys');
export const POST: RequestHandler = endpoint('rotateKey');
