// The bundled instruments (FHIR Questionnaire JSON, FR/EN, each with its licence, source and the
// French version it follows; see AUTHORING.md). `import.meta.glob(..., { eager: true })` works the
// same in a Vite build and in vitest, so the files validated by the tests are the files shipped.
// Invariant: loading throws a QuestionnaireValidationError listing every file and item at fault;
// the list is evaluated while prerendering /content/surveys.json, so a bad file fails the build.
// Import this module only from server routes and tests: the app fetches the prerendered JSON.
import { formatContentIssues, type ContentIssue } from '$lib/domain/education/validation';
import type { Questionnaire } from '$lib/domain/surveys/fhir';
import { validateQuestionnaire } from '$lib/domain/surveys/validate';

export class QuestionnaireValidationError extends Error {
	override readonly name = 'QuestionnaireValidationError';
	constructor(readonly issues: readonly ContentIssue[]) {
		super(`Invalid questionnaire:\n${formatContentIssues(issues)}`);
	}
}

/** The order in which the Surveys page lists the instruments. */
export const INSTRUMENT_ORDER = [
	'who5',
	'phq2',
	'phq9',
	'gad2',
	'gad7',
	'carer-checkin',
	'collaborate',
	'coordination'
] as const;

const sources = import.meta.glob<unknown>('./*.json', { import: 'default', eager: true });

/** Validates a set of `{ path: parsed JSON }` files; throws listing every problem. */
export function parseQuestionnaireFiles(
	files: Readonly<Record<string, unknown>>
): readonly Questionnaire[] {
	const out: Questionnaire[] = [];
	const issues: ContentIssue[] = [];
	for (const [path, data] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
		const result = validateQuestionnaire(`surveys/${path.replace(/^.*\//, '')}`, data);
		if (result.ok) out.push(result.value);
		else issues.push(...result.error);
	}
	if (issues.length > 0) throw new QuestionnaireValidationError(issues);
	const rank = (id: string) => {
		const i = INSTRUMENT_ORDER.findIndex((x) => x === id);
		return i === -1 ? INSTRUMENT_ORDER.length : i;
	};
	return out.toSorted((a, b) => rank(a.id) - rank(b.id));
}

let cached: readonly Questionnaire[] | undefined;

/** Every bundled questionnaire, validated (cached after the first call). */
export function loadQuestionnaires(): readonly Questionnaire[] {
	cached ??= parseQuestionnaireFiles(sources);
	return cached;
}
