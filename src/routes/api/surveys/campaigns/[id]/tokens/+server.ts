// Thin adapter: the publisher registers the hashes of single-use tokens (logic in server/surveys).
import { endpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = endpoint('surveyTokensIssue');
