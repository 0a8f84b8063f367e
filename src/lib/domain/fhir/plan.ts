// Plan tasks as FHIR R4 Task resources: status from the fold of the task's events (open →
// requested, claimed → accepted, done → completed), intent `plan`, the title as description,
// the person as `for`, who claimed it as `owner`, who wrote it as `requester`, the due date as
// `executionPeriod.start`, details and comments as notes.
// Invariant: a Task carries its task record and every event record (CERCLE_ENTRY, events in the
// order their records were written), so import restores the task and its history and the fold
// gives the same state; the standard elements are derived from those records.
import { taskEventSchema, taskSchema, taskState, type Task, type TaskEvent } from '../plan/tasks';
import {
	CERCLE_TASK_KIND_SYSTEM,
	derivedUuid,
	entryExtension,
	iso,
	isUuid,
	type EntryRecord,
	type FhirReference,
	type FhirResource
} from './common';

export const TASK_KIND = 'task';
export const TASK_EVENT_KIND = 'task-event';

/** FHIR Task.status for each state of the board. */
export const TASK_STATUS = { open: 'requested', claimed: 'accepted', done: 'completed' } as const;

interface TaskGroup {
	readonly record: EntryRecord;
	readonly task: Task;
	readonly events: readonly { readonly record: EntryRecord; readonly event: TaskEvent }[];
}

/** Tasks with their events; `records` are in the order they were written (HLC). */
function groups(records: readonly EntryRecord[]): readonly TaskGroup[] {
	const tasks: { record: EntryRecord; task: Task }[] = [];
	const events = new Map<string, { record: EntryRecord; event: TaskEvent }[]>();
	records.forEach((record, index) => {
		if (record.kind === TASK_KIND) {
			const parsed = taskSchema.safeParse(record.body);
			if (parsed.success && parsed.data.id === record.id) tasks.push({ record, task: parsed.data });
		} else if (record.kind === TASK_EVENT_KIND) {
			const parsed = taskEventSchema.safeParse(record.body);
			if (!parsed.success) return;
			// As the board does: the record's id, and its write order in place of its HLC.
			const event = { ...parsed.data, id: record.id, hlc: String(index).padStart(12, '0') };
			events.set(event.taskId, [...(events.get(event.taskId) ?? []), { record, event }]);
		}
	});
	return tasks.map((t) => ({ ...t, events: events.get(t.task.id) ?? [] }));
}

export function taskResources(
	records: readonly EntryRecord[],
	ownerId: string,
	patient: FhirReference,
	who: (accountId: string) => FhirReference
): FhirResource[] {
	return groups(records).map(({ record, task, events }) => {
		const state = taskState(
			task,
			events.map((e) => e.event),
			ownerId
		);
		const notes = [
			...(task.details.trim() === '' ? [] : [{ text: task.details }]),
			...state.comments.map((c) => ({ authorReference: who(c.actor), text: c.text }))
		];
		return {
			resourceType: 'Task',
			id: isUuid(task.id) ? task.id.toLowerCase() : derivedUuid('Task', task.id),
			extension: [entryExtension(record), ...events.map((e) => entryExtension(e.record))],
			status: TASK_STATUS[state.status],
			intent: 'plan',
			code: { coding: [{ system: CERCLE_TASK_KIND_SYSTEM, code: task.kind }], text: task.kind },
			description: task.title,
			for: patient,
			authoredOn: iso(record.at),
			requester: who(task.createdBy),
			...(state.claimedBy === null ? {} : { owner: who(state.claimedBy) }),
			executionPeriod: { start: task.dueDate },
			...(notes.length === 0 ? {} : { note: notes })
		};
	});
}

/** Whether a carried record is a valid plan record (its schema, its id, its category). */
export function isPlanRecord(record: EntryRecord): boolean {
	if (record.category !== 'plan') return false;
	if (record.kind === TASK_KIND) {
		const parsed = taskSchema.safeParse(record.body);
		return parsed.success && parsed.data.id === record.id;
	}
	// An event's identity is its record's id (board.ts), whatever its body says.
	return record.kind === TASK_EVENT_KIND && taskEventSchema.safeParse(record.body).success;
}
