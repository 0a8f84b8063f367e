// Thin adapter: the publisher registers the hashes of single-use tokens (logic in server/surveys).
import { handleEndpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) =>
	handleEndpoint(event, (api) => api.surveyTokensIssue);
