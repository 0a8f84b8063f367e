// Thin adapter: new auth key and wrapped keys after a passphrase change (server/auth/rekey.ts).
import { endpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = endpoint('rekey');
