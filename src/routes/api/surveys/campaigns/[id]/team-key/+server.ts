// Thin adapter: a team campaign's survey keys sealed again after a team key rotation (logic in
// server/surveys).
import { endpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const PUT: RequestHandler = endpoint('surveyCampaignReseal');
