// A questionnaire answered part way, as the vault keeps it (an encrypted draft under
// `survey:<key>`, never synced): the answers so far and the question on screen. Pure schema,
// read by state (to resume) and written by commands/surveys.ts (at every answer).
import * as z from 'zod';
import { answerValueSchema } from './fhir';

export const surveyDraftSchema = z.object({
	version: z.literal(1),
	questionnaireId: z.string(),
	answers: z.record(z.string(), z.array(answerValueSchema)),
	index: z.int().min(0)
});
export type SurveyDraft = z.infer<typeof surveyDraftSchema>;

/** The vault's draft key of a questionnaire (or of an invitation's answers). */
export const surveyDraftKey = (id: string): string => `survey:${id}`;
