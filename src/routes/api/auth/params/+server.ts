// Thin adapter: public KDF parameters before login (logic in server/auth/kdf-params.ts).
import { handleEndpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) => handleEndpoint(event, (api) => api.kdfParams);
