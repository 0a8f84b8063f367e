// Thin adapter: the survey campaigns of the account, and publishing one (logic in server/surveys).
import { endpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = endpoint('surveyCampaignList');
export const POST: RequestHandler = endpoint('surveyCampaignCreate');
