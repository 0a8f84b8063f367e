// Thin adapter: set the account's kind (person or professional; logic in server/auth/second-factor.ts).
import { handleEndpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const PUT: RequestHandler = (event) => handleEndpoint(event, (api) => api.setAccountKind);
