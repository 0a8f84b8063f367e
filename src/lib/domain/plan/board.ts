// The task board's glue between records and the plan domain, pure so the board, the reminders and
// the tests read tasks the same way.
// Records (category "plan"): a task definition is a record of kind `task` whose id is the task's
// id; every action on a task is an append-only record of kind `task-event`. An event's order is
// the HLC the vault gave its record when it was written (the same on every device after sync), so
// the first claim by that HLC wins everywhere; the `hlc` inside the event body is not trusted.
// Who did it (issue 14, trust between members): an event's `actor` is a claim in its body. Read
// with `checked`, an event counts only when the reading device checked who wrote its record
// (`authorCheck`, `domain/circle/record-signature.ts`): a member's event only when her identity
// signature verifies AND its actor is her; the person's own (no author) unless her check failed.
// Any other event is left out of the fold and listed in `uncounted` with why, so an unchecked
// claim holds nothing and an unchecked completion closes nothing.
// A former member's event counts only when the roster the person signed commits it (`seen`: what
// her device held when she removed that member). That is the one rule every device can enforce:
// records keep neither the server's seq of their envelope (which the server assigns, and may lie
// about) nor when this device first saw them, and the HLC is the writer's own clock, so an event
// she wrote (or backdated) after her removal and one pulled late look alike; neither is counted
// (`arrived-after-leaving`), and the card says so.
// Form values are strings (what inputs hold); `parseTaskForm` turns them into a task input or
// errors by field, each a message key shown next to its field.
import * as z from 'zod';
import {
	localDateSchema,
	localTimeSchema,
	TASK_KINDS,
	taskEventSchema,
	taskKindSchema,
	taskSchema,
	taskState,
	type Recurrence,
	type Task,
	type TaskEvent,
	type TaskState
} from '$lib/domain/plan';
import type { Result } from '$lib/domain/result';
import type { RecordOp, VaultRecord } from '$lib/domain/records';
import type { AuthorCheck } from '$lib/domain/circle/record-signature';

export const TASK_KIND = 'task';
export const TASK_EVENT_KIND = 'task-event';
export const PLAN_KINDS: readonly string[] = [TASK_KIND, TASK_EVENT_KIND];

/** A task event left out of the fold: who it names, and why its writer could not be checked. */
export interface UncountedEvent {
	readonly type: TaskEvent['type'];
	readonly hlc: string;
	readonly writer: Extract<AuthorCheck, { type: 'not-verified' }>;
}

/** A plan record as the board reads it (a `VaultRecord` or a summary's `SharedRecord` fits). */
export type PlanRecord = Pick<VaultRecord, 'id' | 'kind' | 'hlc' | 'deleted' | 'body'> & {
	readonly author?: string | undefined;
	readonly signature?: string | undefined;
	readonly authorCheck?: AuthorCheck | null | undefined;
};

/**
 * Why an event may not be counted as its actor's, or null when it may: a member's record only
 * with a verified signature of that same actor; the person's own unless her check failed.
 */
export function uncheckedActor(
	record: PlanRecord,
	actor: string
): Extract<AuthorCheck, { type: 'not-verified' }> | null {
	const check = record.authorCheck;
	if (record.author === undefined) return check?.type === 'not-verified' ? check : null;
	if (check === undefined || check === null || check.accountId !== record.author) {
		const reason = record.signature === undefined ? 'unsigned' : 'unknown-signer';
		return { type: 'not-verified', accountId: actor, reason };
	}
	if (check.type === 'not-verified') return { ...check, accountId: actor };
	// A former member's event that the person's device did not hold when it removed her (not in
	// the roster's commitment): its date is her own clock's, so she could backdate a claim or a
	// completion to before `until`. Not counted, whatever its date (see the header).
	if (check.arrivedLate === true)
		return { type: 'not-verified', accountId: actor, reason: 'arrived-after-leaving' };
	return actor === check.accountId
		? null
		: { type: 'not-verified', accountId: actor, reason: 'not-the-writer' };
}

/**
 * Task states from the plan records (deleted or malformed records are left out). With `checked`,
 * events whose writer was not checked as their actor are not folded (see the header).
 */
export function recordsToStates(
	records: readonly PlanRecord[],
	ownerId: string,
	options: { readonly checked?: boolean } = {}
): readonly BoardTaskState[] {
	const tasks: Task[] = [];
	const events: TaskEvent[] = [];
	const uncounted = new Map<string, UncountedEvent[]>();
	for (const record of records) {
		if (record.deleted) continue;
		if (record.kind === TASK_KIND) {
			const parsed = taskSchema.safeParse(record.body);
			if (parsed.success && parsed.data.id === record.id) tasks.push(parsed.data);
		} else if (record.kind === TASK_EVENT_KIND) {
			const parsed = taskEventSchema.safeParse(record.body);
			if (!parsed.success) continue;
			const writer = options.checked === true ? uncheckedActor(record, parsed.data.actor) : null;
			if (writer === null) {
				events.push({ ...parsed.data, id: record.id, hlc: record.hlc });
				continue;
			}
			const list = uncounted.get(parsed.data.taskId) ?? [];
			list.push({ type: parsed.data.type, hlc: record.hlc, writer });
			uncounted.set(parsed.data.taskId, list);
		}
	}
	const byTask = new Map<string, TaskEvent[]>();
	for (const event of events)
		byTask.set(event.taskId, [...(byTask.get(event.taskId) ?? []), event]);
	return tasks
		.map((task): BoardTaskState => {
			const state = taskState(task, byTask.get(task.id) ?? [], ownerId);
			const left = uncounted.get(task.id);
			return left === undefined
				? state
				: { ...state, uncounted: left.sort((a, b) => (a.hlc < b.hlc ? -1 : 1)) };
		})
		.sort(
			(a, b) =>
				a.task.dueDate.localeCompare(b.task.dueDate) ||
				(a.task.dueTime ?? '').localeCompare(b.task.dueTime ?? '') ||
				a.task.title.localeCompare(b.task.title)
		);
}

/**
 * A task as the board shows it: `releasedFrom` names who held it before leaving the circle;
 * `uncounted` the events left out because who wrote them could not be checked.
 */
export type BoardTaskState = TaskState & {
	readonly releasedFrom?: string;
	readonly uncounted?: readonly UncountedEvent[];
};

/**
 * Tasks taken on by someone who is no longer in the circle are open again (issue 11 §6): shown in
 * "open" with a note, not as "taken on by someone in the circle" with "Give it back". This holds
 * on the person's board and on a carer's view of it. A carer may not give back another's claim, so
 * her claim of a released task is recorded by the fold as a conflict with the one who left: the
 * first such claim (by HLC) by someone still in the circle takes the task, on every device that
 * knows who left.
 */
export function releaseDeparted(
	states: readonly TaskState[],
	departed: (accountId: string) => boolean
): readonly BoardTaskState[] {
	return states.map((s): BoardTaskState => {
		if (s.status !== 'claimed' || s.claimedBy === null || !departed(s.claimedBy)) return s;
		const releasedFrom = s.claimedBy;
		const next = s.conflicts.find((c) => c.claimedBy === releasedFrom && !departed(c.actor))?.actor;
		if (next === undefined) return { ...s, status: 'open', claimedBy: null, releasedFrom };
		// Later claims lost to `next`, not to the one who left.
		const conflicts = s.conflicts
			.filter((c) => c.actor !== next && !departed(c.actor))
			.map((c) => (c.claimedBy === releasedFrom ? { ...c, claimedBy: next } : c));
		return { ...s, status: 'claimed', claimedBy: next, conflicts };
	});
}

/** The record op that writes a task definition (new, or an edit guarded by its HLC). */
export const taskOp = (task: Task, at: number, expectedHlc?: string): RecordOp => ({
	type: 'put',
	id: task.id,
	kind: TASK_KIND,
	category: 'plan',
	at,
	body: task,
	...(expectedHlc === undefined ? {} : { expectedHlc })
});

/** The record op that appends an event; its record id is the event's id. */
export const eventOp = (event: TaskEvent, at: number): RecordOp => ({
	type: 'put',
	id: event.id,
	kind: TASK_EVENT_KIND,
	category: 'plan',
	at,
	body: event
});

/** Everyone who may be proposed a task: the circle's members, me and the owner. */
export const membersOf = (view: {
	readonly me: string;
	readonly ownerId: string;
	readonly members?: readonly string[];
}): ReadonlySet<string> => new Set([view.me, view.ownerId, ...(view.members ?? [])]);

// ---- The task form ------------------------------------------------------------------------

export const RECURRENCE_CHOICES = ['none', 'daily', 'weekly', 'monthly'] as const;

export interface TaskFormValues {
	title: string;
	details: string;
	dueDate: string;
	dueTime: string;
	place: string;
	kind: string;
	recurrence: string;
	interval: string;
	until: string;
	/** Account id of the proposed assignee, or '' for nobody. */
	assignee: string;
}

export const emptyTaskForm = (today: string): TaskFormValues => ({
	title: '',
	details: '',
	dueDate: today,
	dueTime: '',
	place: '',
	kind: 'other',
	recurrence: 'none',
	interval: '1',
	until: '',
	assignee: ''
});

export const taskToForm = (task: Task): TaskFormValues => ({
	title: task.title,
	details: task.details,
	dueDate: task.dueDate,
	dueTime: task.dueTime ?? '',
	place: task.place,
	kind: task.kind,
	recurrence: task.recurrence.freq,
	interval: task.recurrence.freq === 'none' ? '1' : String(task.recurrence.interval),
	until: task.recurrence.freq === 'none' ? '' : (task.recurrence.until ?? ''),
	assignee: task.assignee ?? ''
});

/** Message keys of the form's errors (src/lib/i18n/messages/plan). */
export type TaskFormErrorKey =
	| 'plan_error_title_required'
	| 'plan_error_title_long'
	| 'plan_error_details_long'
	| 'plan_error_place_long'
	| 'plan_error_date'
	| 'plan_error_time'
	| 'plan_error_kind'
	| 'plan_error_recurrence'
	| 'plan_error_interval'
	| 'plan_error_until'
	| 'plan_error_until_before'
	| 'plan_error_assignee';

export type TaskFormErrors = Partial<Record<keyof TaskFormValues, TaskFormErrorKey>>;

export type TaskInput = Omit<Task, 'id' | 'createdBy'>;

/** False for dates the pattern allows but the calendar does not (31 April). */
const isRealDate = (date: string): boolean => {
	const time = Date.parse(`${date}T00:00:00Z`);
	return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === date;
};

const formSchema = (members: ReadonlySet<string>) =>
	z.object({
		title: z
			.string()
			.trim()
			.min(1, { error: 'plan_error_title_required' })
			.max(200, { error: 'plan_error_title_long' }),
		details: z.string().trim().max(4000, { error: 'plan_error_details_long' }),
		dueDate: localDateSchema.refine(isRealDate, { error: 'plan_error_date' }),
		dueTime: z.union([z.literal(''), localTimeSchema], { error: 'plan_error_time' }),
		place: z.string().trim().max(300, { error: 'plan_error_place_long' }),
		kind: taskKindSchema,
		recurrence: z.enum(RECURRENCE_CHOICES, { error: 'plan_error_recurrence' }),
		interval: z.string(),
		until: z.string(),
		assignee: z.string().refine((a) => a === '' || members.has(a), { error: 'plan_error_assignee' })
	});

/** Errors of the repetition fields, checked whatever the other fields hold. */
const recurrenceErrors = (v: TaskFormValues): TaskFormErrors => {
	if (v.recurrence === 'none') return {};
	const errors: TaskFormErrors = {};
	const interval = v.interval.trim();
	if (!/^\d{1,2}$/.test(interval) || Number(interval) < 1 || Number(interval) > 52)
		errors.interval = 'plan_error_interval';
	if (v.until !== '' && !(localDateSchema.safeParse(v.until).success && isRealDate(v.until)))
		errors.until = 'plan_error_until';
	else if (v.until !== '' && v.until < v.dueDate) errors.until = 'plan_error_until_before';
	return errors;
};

const ERROR_KEYS = new Set<string>([
	'plan_error_title_required',
	'plan_error_title_long',
	'plan_error_details_long',
	'plan_error_place_long',
	'plan_error_date',
	'plan_error_time',
	'plan_error_kind',
	'plan_error_recurrence',
	'plan_error_interval',
	'plan_error_until',
	'plan_error_until_before',
	'plan_error_assignee'
] satisfies TaskFormErrorKey[]);

const isErrorKey = (key: string): key is TaskFormErrorKey => ERROR_KEYS.has(key);

const FIELD_FALLBACK: Record<keyof TaskFormValues, TaskFormErrorKey> = {
	title: 'plan_error_title_required',
	details: 'plan_error_details_long',
	dueDate: 'plan_error_date',
	dueTime: 'plan_error_time',
	place: 'plan_error_place_long',
	kind: 'plan_error_kind',
	recurrence: 'plan_error_recurrence',
	interval: 'plan_error_interval',
	until: 'plan_error_until',
	assignee: 'plan_error_assignee'
};

const isField = (key: unknown): key is keyof TaskFormValues =>
	typeof key === 'string' && key in FIELD_FALLBACK;

/** The task input the form stands for, or the message key of each wrong field. */
export function parseTaskForm(
	values: TaskFormValues,
	members: ReadonlySet<string>
): Result<TaskInput, TaskFormErrors> {
	const parsed = formSchema(members).safeParse(values);
	const repeat = recurrenceErrors(values);
	if (!parsed.success || Object.keys(repeat).length > 0) {
		const errors: TaskFormErrors = { ...repeat };
		for (const issue of parsed.error?.issues ?? []) {
			const field = issue.path[0];
			if (!isField(field) || errors[field] !== undefined) continue;
			errors[field] = isErrorKey(issue.message) ? issue.message : FIELD_FALLBACK[field];
		}
		return { ok: false, error: errors };
	}
	const v = parsed.data;
	const recurrence: Recurrence =
		v.recurrence === 'none'
			? { freq: 'none' }
			: {
					freq: v.recurrence,
					interval: Number(v.interval),
					until: v.until === '' ? null : v.until
				};
	return {
		ok: true,
		value: {
			title: v.title,
			details: v.details,
			dueDate: v.dueDate,
			dueTime: v.dueTime === '' ? null : v.dueTime,
			place: v.place,
			kind: v.kind,
			recurrence,
			assignee: v.assignee === '' ? null : v.assignee
		}
	};
}

export { TASK_KINDS };
