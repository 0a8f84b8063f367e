// Thin adapter: "you said, we did" notices of a campaign (logic in server/surveys).
import { endpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = endpoint('surveyUpdates');
export const POST: RequestHandler = endpoint('surveyUpdatePost');
