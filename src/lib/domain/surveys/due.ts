// Which assigned questionnaires are due now, from the records as stored (pure; time and zone
// injected). Assignments are `survey-assignment` records in the `surveys` category (written by the
// person, or by a member with write on `surveys`, as a record in the person's circle); completions
// are the saved responses; visits are the days of the plan's appointments. The rules themselves
// are in ./schedule.ts. Invariant: a record that does not parse is ignored, never thrown.
import * as z from 'zod';
import { taskSchema } from '../plan/tasks';
import { localDateOf } from '../time/zoned';
import { assignmentSchema, dueAssignments, type Assignment, type Due } from './schedule';

export const SURVEY_ASSIGNMENT = 'survey-assignment';
/** The kind of a saved response (state/surveys.svelte.ts writes it). */
export const SURVEY_RESPONSE = 'survey-response';

/** What `dueNow` needs of a saved response body. */
export const responseRefSchema = z.object({ questionnaireId: z.string() });

export interface StoredLike {
	readonly id: string;
	readonly kind: string;
	readonly at: number;
	readonly deleted: boolean;
	readonly body: unknown;
	readonly author?: string;
}

/** The live assignments with their record ids (the id of an assignment is its record's). */
export function assignmentsOf(
	records: readonly StoredLike[]
): readonly { readonly recordId: string; readonly assignment: Assignment }[] {
	return records.flatMap((r) => {
		if (r.deleted || r.kind !== SURVEY_ASSIGNMENT) return [];
		const parsed = assignmentSchema.safeParse(r.body);
		return parsed.success ? [{ recordId: r.id, assignment: parsed.data }] : [];
	});
}

/** Days (in `timeZone`) of the plan's appointments, from `task` records. */
export function visitDays(tasks: readonly StoredLike[]): readonly string[] {
	return tasks.flatMap((r) => {
		if (r.deleted) return [];
		const parsed = taskSchema.safeParse(r.body);
		return parsed.success && parsed.data.kind === 'appointment' ? [parsed.data.dueDate] : [];
	});
}

export function dueNow(input: {
	readonly assignments: readonly StoredLike[];
	readonly responses: readonly { readonly questionnaireId: string; readonly at: number }[];
	readonly tasks: readonly StoredLike[];
	readonly now: number;
	readonly timeZone: string;
}): readonly Due[] {
	const today = localDateOf(input.now, input.timeZone);
	return dueAssignments(
		assignmentsOf(input.assignments)
			.map((a) => a.assignment)
			.filter((a) => !a.ended),
		input.responses.map((r) => ({
			questionnaireId: r.questionnaireId,
			date: localDateOf(r.at, input.timeZone)
		})),
		visitDays(input.tasks),
		today
	);
}
