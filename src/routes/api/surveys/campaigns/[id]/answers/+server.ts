// Thin adapter: the sealed answers of a campaign, for its publisher (logic in server/surveys).
import { handleEndpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => handleEndpoint(event, (api) => api.surveyAnswers);
