// The visit summary a person prepares before an appointment (issue 14 §5): what changed since the
// last visit (pre-filled from the journal, then in their own words), their questions, what they
// want from the visit, the decision records they want to discuss, and, after the visit, what was
// agreed. It is one record of kind `visit-summary` in the `plan` category, so the person shares it
// with the professionals they choose through the ordinary grants of that category.
// Invariants: a question keeps its id across edits (flags and the summary link to it); a summary
// is "open" until the person writes what was agreed; `openQuestions` lists the questions of open
// summaries only, so a professional's flag goes away once the visit is written up.
import * as z from 'zod';

export const VISIT_SUMMARY_KIND = 'visit-summary';
export const VISIT_TEXT_MAX = 4000;
export const VISIT_QUESTIONS_MAX = 20;

const text = (max: number) => z.string().trim().max(max);

export const visitQuestionSchema = z.object({
	id: z.string().min(1).max(64),
	text: z.string().trim().min(1).max(500)
});
export type VisitQuestion = z.infer<typeof visitQuestionSchema>;

export const visitSummaryBodySchema = z.object({
	schemaVersion: z.literal(1),
	/** The appointment's local date (YYYY-MM-DD), or null when not known yet. */
	visitDate: z.iso.date().nullable(),
	/** Whom the visit is with, in the person's words ("Dr Martin"). */
	withWhom: text(200),
	changes: text(VISIT_TEXT_MAX),
	questions: z.array(visitQuestionSchema).max(VISIT_QUESTIONS_MAX),
	wants: text(VISIT_TEXT_MAX),
	/** Ids of decision records (category `decisions`) the person wants to discuss. */
	decisions: z.array(z.string().min(1)).max(50),
	/** Written after the visit; empty before. */
	agreed: text(VISIT_TEXT_MAX)
});
export type VisitSummaryBody = z.infer<typeof visitSummaryBodySchema>;

/**
 * Why a visit summary does not parse, as data (put into words once, ui/people/visit-error-text.ts):
 * a question left empty, a text over its `max` characters, or anything else the form never makes.
 */
export type VisitSummaryIssue =
	| { readonly type: 'question-empty' }
	| { readonly type: 'too-long'; readonly max: number }
	| { readonly type: 'invalid' };

/** The schema's issues as `VisitSummaryIssue`s, one each, read from their code and path. */
export function visitSummaryIssuesOf(
	issues: readonly z.core.$ZodIssue[]
): readonly VisitSummaryIssue[] {
	return issues.map((issue): VisitSummaryIssue => {
		if (issue.code === 'too_big' && issue.origin === 'string')
			return { type: 'too-long', max: Number(issue.maximum) };
		const isQuestionText = issue.path[0] === 'questions' && issue.path[2] === 'text';
		if (issue.code === 'too_small' && issue.origin === 'string' && isQuestionText)
			return { type: 'question-empty' };
		return { type: 'invalid' };
	});
}

export interface VisitSummary {
	readonly id: string;
	readonly at: number;
	readonly body: VisitSummaryBody;
}

/** True once the person wrote what was agreed. */
export const isVisitDone = (body: VisitSummaryBody): boolean => body.agreed.trim() !== '';

/** Visit summaries from records (deleted or malformed ones left out), newest first. */
export function visitSummariesOf(
	records: readonly {
		readonly id: string;
		readonly kind: string;
		readonly at: number;
		readonly deleted: boolean;
		readonly body: unknown;
	}[]
): readonly VisitSummary[] {
	const summaries: VisitSummary[] = [];
	for (const record of records) {
		if (record.deleted || record.kind !== VISIT_SUMMARY_KIND) continue;
		const parsed = visitSummaryBodySchema.safeParse(record.body);
		if (parsed.success) summaries.push({ id: record.id, at: record.at, body: parsed.data });
	}
	return summaries.sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1));
}

/** The questions still waiting for a visit: those of summaries without "what was agreed". */
export function openQuestions(
	summaries: readonly VisitSummary[]
): readonly { readonly id: string; readonly at: number; readonly text: string }[] {
	// The id is the summary's record id: the evidence a flag links to.
	return summaries
		.filter((s) => !isVisitDone(s.body))
		.flatMap((s) => s.body.questions.map((q) => ({ id: s.id, at: s.at, text: q.text })));
}

/** Splits what the person typed, one question per non-empty line, keeping known ids in order. */
export function questionsFromLines(
	lines: string,
	previous: readonly VisitQuestion[],
	newId: () => string
): readonly VisitQuestion[] {
	const known = new Map(previous.map((q) => [q.text.trim(), q.id]));
	return lines
		.split('\n')
		.map((line) => line.trim())
		.filter((line) => line !== '')
		.slice(0, VISIT_QUESTIONS_MAX)
		.map((line) => ({ id: known.get(line) ?? newId(), text: line }));
}
