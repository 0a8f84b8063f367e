// Thin adapter: the sealed answers of a campaign, for its publisher (logic in server/surveys).
import { endpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = endpoint('surveyAnswers');
