// The visit summary's refusals in words: one exhaustive function over `SaveVisitError` and the
// domain's typed `VisitSummaryIssue`s (domain/plan/visit-summary.ts), calling the message
// functions directly. Adding a variant to either union fails type-checking here until it is worded.
import { m } from '$lib/paraglide/messages.js';
import type { SaveVisitError } from '$lib/commands/visit-summary';
import type { VisitSummaryIssue } from '$lib/domain/plan/visit-summary';

/** Type-checks that a switch covered every case; at run time (a newer value), the generic words. */
function unreachable(value: never): string {
	return String(value) === '' ? '' : m.people_error_visit_invalid();
}

/** One field the summary's schema refused, in words. */
export function visitIssueText(issue: VisitSummaryIssue): string {
	switch (issue.type) {
		case 'question-empty':
			return m.people_error_question_empty();
		case 'too-long':
			return m.people_error_too_long();
		case 'invalid':
			return m.people_error_visit_invalid();
		default:
			return unreachable(issue);
	}
}

/** Why the visit summary was not saved, in one sentence (each refused field said in turn). */
export function visitErrorText(error: SaveVisitError): string {
	switch (error.type) {
		case 'locked':
		case 'commit':
			return m.people_locked();
		case 'invalid':
			return error.issues.map(visitIssueText).join(' ');
		default:
			return unreachable(error);
	}
}
