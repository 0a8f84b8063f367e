// Coordination-survey ballots for the survey journeys (survey-campaign, team-survey): the
// answers other people would give, made here for speed (the journeys seal and post them as the
// app would, with no cookie), as the ballot format the results read (format 1, a FHIR response).
import { readFileSync } from 'node:fs';
import * as z from 'zod';

const coordination = z
	.object({ url: z.string(), version: z.string() })
	.parse(
		JSON.parse(
			readFileSync(
				new URL('../../../src/lib/content/surveys/coordination.json', import.meta.url),
				'utf8'
			)
		)
	);

/** One person's answers to the coordination survey, `overall` the last answer's code. */
export function coordinationBallot(surveyId: string, overall: string): string {
	const coding = (code: string) => [{ valueCoding: { code } }];
	const item = [
		['coord-repeat', 'never'],
		['coord-treatments', 'yes'],
		['coord-others', 'partly'],
		['coord-who', 'yes'],
		['coord-involved', 'yes'],
		['coord-carer', 'na'],
		['coord-overall', overall]
	].map(([linkId, code]) => ({ linkId, answer: coding(code ?? '') }));
	return JSON.stringify({
		v: 1,
		surveyId,
		questionnaireId: 'coordination',
		response: {
			resourceType: 'QuestionnaireResponse',
			questionnaire: `${coordination.url}|${coordination.version}`,
			status: 'completed',
			authored: '2026-12-07T00:00:00.000Z',
			item
		}
	});
}
