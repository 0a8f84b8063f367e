// The person's completed questionnaires as FHIR R4 QuestionnaireResponse resources: the response
// Cercle already keeps in FHIR form (canonical questionnaire, status, authored, items with their
// answers), with the person as subject and the score as a complex extension (instrument, value,
// range, band). Invariant: the resource carries its whole vault record (CERCLE_ENTRY), so import
// restores it exactly; the standard elements are the record's own response.
import { savedResponseSchema } from '../surveys/saved';
import { SURVEY_RESPONSE } from '../surveys/due';
import {
	derivedUuid,
	entryExtension,
	isUuid,
	type EntryRecord,
	type FhirExtension,
	type FhirReference,
	type FhirResource
} from './common';

export { SURVEY_RESPONSE };
export const CERCLE_SCORE = 'urn:cercle:fhir:StructureDefinition:score';

export function questionnaireResponseResources(
	records: readonly EntryRecord[],
	patient: FhirReference
): FhirResource[] {
	return records.flatMap((record): FhirResource[] => {
		if (record.kind !== SURVEY_RESPONSE) return [];
		const parsed = savedResponseSchema.safeParse(record.body);
		if (!parsed.success) return [];
		const { response, score } = parsed.data;
		const scored: FhirExtension[] =
			score === null
				? []
				: [
						{
							url: CERCLE_SCORE,
							extension: [
								{ url: 'instrument', valueString: score.instrument },
								{ url: 'value', valueDecimal: score.value },
								{ url: 'min', valueDecimal: score.min },
								{ url: 'max', valueDecimal: score.max },
								{ url: 'band', valueCode: score.band }
							]
						}
					];
		return [
			{
				...response,
				resourceType: 'QuestionnaireResponse',
				id: isUuid(record.id) ? record.id.toLowerCase() : derivedUuid('QR', record.id),
				extension: [entryExtension(record), ...scored],
				subject: patient
			}
		];
	});
}

export const isSurveyRecord = (record: EntryRecord): boolean =>
	record.category === 'surveys' &&
	record.kind === SURVEY_RESPONSE &&
	savedResponseSchema.safeParse(record.body).success;
