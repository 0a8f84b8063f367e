// Thin adapter: new auth key and wrapped keys after a passphrase change (server/auth/rekey.ts).
import { handleEndpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) => handleEndpoint(event, (api) => api.rekey);
