// Every bundled questionnaire as JSON (both languages live in each file), prerendered at build
// time. The loader validates every file and throws on a malformed one, so a bad questionnaire
// fails the build naming the file and the item.
import { json } from '@sveltejs/kit';
import { loadQuestionnaires } from '$lib/content/surveys';
import type { RequestHandler } from './$types';

export const prerender = true;

export const GET: RequestHandler = () => json({ questionnaires: loadQuestionnaires() });
