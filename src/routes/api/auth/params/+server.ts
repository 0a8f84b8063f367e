// Thin adapter: public KDF parameters before login (logic in server/auth/kdf-params.ts).
import { endpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = endpoint('kdfParams');
