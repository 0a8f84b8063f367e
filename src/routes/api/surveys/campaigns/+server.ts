// Thin adapter: the survey campaigns of the account, and publishing one (logic in server/surveys).
import { handleEndpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	handleEndpoint(event, (api) => api.surveyCampaignList);
export const POST: RequestHandler = (event) =>
	handleEndpoint(event, (api) => api.surveyCampaignCreate);
