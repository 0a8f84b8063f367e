// Thin adapter: "you said, we did" notices of a campaign (logic in server/surveys).
import { handleEndpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => handleEndpoint(event, (api) => api.surveyUpdates);
export const POST: RequestHandler = (event) => handleEndpoint(event, (api) => api.surveyUpdatePost);
