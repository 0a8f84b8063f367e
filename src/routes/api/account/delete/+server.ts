// Thin adapter: erase the account after the passphrase (logic in server/auth/erase.ts).
import { endpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = endpoint('deleteAccount');
