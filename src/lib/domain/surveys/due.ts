// Which assigned questionnaires are due now, from the records as stored (pure; time and zone
// injected). Assignments are `survey-assignment` records in the `surveys` category (written by the
// person, or by a member with write on `surveys`, as a record in the person's circle); completions
// are the saved responses; visits are the days of the plan's appointments. The rules themselves
// are in ./schedule.ts. Invariant: a record that does not parse is ignored, never thrown.
import * as z from 'zod';
import { taskSchema } from '../plan/tasks';
import type { ClaimedTaskSource } from '../reminders/sources';
import { localDateOf, zonedToInstant } from '../time/zoned';
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

/** Due questionnaires ring at this local time on the day their round opened. */
export const SURVEY_REMINDER_TIME = '10:00';
/** Prefix of a questionnaire reminder's source ref: `survey.<assignmentId>:<since>`. */
export const SURVEY_REMINDER_PREFIX = 'survey.';

/**
 * Due questionnaires as reminder sources of the existing engine (kind `task`, switched on and off
 * with tasks): one per open round, named by ids only (no questionnaire name leaves the device).
 */
export function dueToReminderSources(
	due: readonly Due[],
	timeZone: string
): readonly ClaimedTaskSource[] {
	return due.map((d) => ({
		taskId: `${SURVEY_REMINDER_PREFIX}${d.assignment.id}:${d.since}`,
		dueAt: zonedToInstant(d.since, SURVEY_REMINDER_TIME, timeZone),
		leadMinutes: 0
	}));
}

export const isSurveyReminderRef = (sourceRef: string): boolean =>
	sourceRef.startsWith(SURVEY_REMINDER_PREFIX);
