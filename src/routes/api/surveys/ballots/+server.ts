// Thin adapter: an anonymous survey answer, posted without a session (logic in server/surveys).
import { handleEndpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) => handleEndpoint(event, (api) => api.surveyBallot);
