// Thin adapter: an anonymous survey answer, posted without a session (logic in server/surveys).
import { endpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = endpoint('surveyBallot');
