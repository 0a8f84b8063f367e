// Thin adapter: set the account's kind (person or professional; logic in server/auth/second-factor.ts).
import { endpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const PUT: RequestHandler = endpoint('setAccountKind');
