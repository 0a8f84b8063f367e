// Shared shape of content validation failures. Content (articles, decision aids) is authored by
// people, so a mistake is an expected failure: it is returned as a value naming the file and the
// field, never thrown from the parsing functions (the one `Result`, domain/result.ts). Only the build-time loaders throw, on purpose,
// so that a bad file stops the build.
import type * as z from 'zod';

export interface ContentIssue {
	/** The file (or source name) being validated, e.g. `articles/sleep.en.md`. */
	readonly file: string;
	/** Dotted path of the offending field, e.g. `sources.0.url`, or `body` for the Markdown. */
	readonly field: string;
	readonly message: string;
}

/** Turns zod issues into content issues; an issue at the root is reported as field `(root)`. */
export function zodIssuesToContentIssues(
	file: string,
	issues: readonly z.core.$ZodIssue[],
	prefix = ''
): readonly ContentIssue[] {
	return issues.map((issue) => {
		const path = issue.path.map(String).join('.');
		const field = [prefix, path].filter((p) => p !== '').join('.') || '(root)';
		return { file, field, message: issue.message };
	});
}

/** One line per issue: `file › field: message`. Used in build errors and import refusals. */
export function formatContentIssues(issues: readonly ContentIssue[]): string {
	return issues.map((i) => `${i.file} › ${i.field}: ${i.message}`).join('\n');
}
