// A questionnaire imported at run time (a file a care team shares): parsed and validated like the
// bundled ones, and refused with a message naming the file and the item. Never throws.
import { formatContentIssues, type ContentIssue } from '$lib/domain/education/validation';
import { err, type Result } from '$lib/domain/result';
import type { Questionnaire } from './fhir';
import { validateQuestionnaire } from './validate';

export interface QuestionnaireImportError {
	readonly message: string;
	readonly issues: readonly ContentIssue[];
}

export function importQuestionnaire(
	text: string,
	fileName: string
): Result<Questionnaire, QuestionnaireImportError> {
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch (e) {
		const issues = [
			{
				file: fileName,
				field: '(root)',
				message: `not JSON: ${e instanceof Error ? e.message : ''}`
			}
		];
		return err({ message: formatContentIssues(issues), issues });
	}
	const result = validateQuestionnaire(fileName, data);
	if (result.ok) return result;
	return err({ message: formatContentIssues(result.error), issues: result.error });
}
