// Parsing decision aids, both the bundled ones (build time) and one imported at run time (for
// example a file a care team shared). Invariant: the result is either a valid DecisionAid or a
// list of issues naming the file and the dotted field path; nothing is thrown for bad input.
import { decisionAidSchema, type DecisionAid } from './aid';
import {
	formatContentIssues,
	zodIssuesToContentIssues,
	type ContentIssue
} from '$lib/domain/education/validation';
import { err, ok, type Result } from '$lib/domain/result';

export type AidImportError =
	| {
			readonly type: 'invalid-json';
			readonly message: string;
			readonly issues: readonly ContentIssue[];
	  }
	| {
			readonly type: 'invalid-aid';
			readonly message: string;
			readonly issues: readonly ContentIssue[];
	  };

/** Validates already-parsed JSON as a decision aid. `file` names the source in issues. */
export function parseAid(
	file: string,
	data: unknown
): Result<DecisionAid, readonly ContentIssue[]> {
	const parsed = decisionAidSchema.safeParse(data);
	if (!parsed.success) return err(zodIssuesToContentIssues(file, parsed.error.issues));
	const name = /([a-z0-9-]+)\.(en|fr)\.json$/.exec(file);
	if (name !== null) {
		const issues: ContentIssue[] = [];
		if (parsed.data.id !== name[1])
			issues.push({ file, field: 'id', message: `must match the file name (${name[1] ?? ''})` });
		if (parsed.data.lang !== name[2])
			issues.push({ file, field: 'lang', message: `must match the file name (${name[2] ?? ''})` });
		if (issues.length > 0) return err(issues);
	}
	return ok(parsed.data);
}

/**
 * Run-time import of an aid from JSON text. Returns a typed error with a readable message
 * (one line per problem: `file › field: message`) that the UI can show as is.
 */
export function importAid(
	text: string,
	file = 'imported aid'
): Result<DecisionAid, AidImportError> {
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch (e) {
		const detail = e instanceof Error ? e.message : String(e);
		const issues = [{ file, field: '(root)', message: `not valid JSON: ${detail}` }];
		return err({ type: 'invalid-json', message: formatContentIssues(issues), issues });
	}
	const result = parseAid(file, data);
	if (result.ok) return result;
	return err({
		type: 'invalid-aid',
		message: formatContentIssues(result.error),
		issues: result.error
	});
}
