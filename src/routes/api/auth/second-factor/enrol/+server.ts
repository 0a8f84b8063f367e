// Thin adapter: start a second-factor enrolment (logic in server/auth/second-factor.ts, contract in src/lib/contracts).
import { endpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = endpoint('enrolSecondFactor');
