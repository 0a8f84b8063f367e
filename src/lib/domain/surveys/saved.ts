// The body of a completed questionnaire as the vault keeps it (`survey-response` records in the
// `surveys` category): the FHIR QuestionnaireResponse and its score. Here, in the domain, so the
// surveys state and the FHIR export/import (domain/fhir/surveys.ts) parse it with one schema.
import * as z from 'zod';
import { questionnaireResponseSchema } from './fhir';
import { BANDS } from './scoring';

export const scoreSchema = z.object({
	instrument: z.string(),
	value: z.number(),
	min: z.number(),
	max: z.number(),
	raw: z.number(),
	band: z.enum(BANDS),
	followUp: z.enum(['phq9', 'gad7']).nullable(),
	safety: z.boolean()
});

export const savedResponseSchema = z.object({
	schemaVersion: z.literal(1),
	questionnaireId: z.string(),
	response: questionnaireResponseSchema,
	score: scoreSchema.nullable()
});
export type SavedResponseBody = z.infer<typeof savedResponseSchema>;
