// Thin adapter: the circles the account belongs to, with role and display label (logic in server/, contract in src/lib/contracts).
import { endpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = endpoint('myCircles');
