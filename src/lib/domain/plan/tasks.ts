// The carers' task board (issue 5 §4), pure. A task's definition is one record (category "plan");
// everything people do to it (claim, unclaim, complete, reopen, comment) is an append-only event
// record of its own. Events never conflict under last-writer-wins because each has its own id,
// and the task's state is a deterministic fold over its events in HLC order:
//   - a claim on an open task succeeds; a claim on a task another member holds is kept as a
//     visible conflict ("already claimed by X"): the FIRST claim by HLC wins on every device;
//   - only the claimant (or the person) unclaims; anyone with write completes or reopens.
// Invariant: the same set of events gives the same state whatever order they arrived in.
import * as z from 'zod';
import { err, ok, type Result } from '../result';

export const TASK_KINDS = [
	'appointment',
	'pharmacy',
	'transport',
	'meals',
	'home-help',
	'paperwork',
	'other'
] as const;
export const taskKindSchema = z.enum(TASK_KINDS);
export type TaskKind = z.infer<typeof taskKindSchema>;

export const localDateSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/);
export const localTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

export const recurrenceSchema = z.discriminatedUnion('freq', [
	z.object({ freq: z.literal('none') }),
	z.object({
		freq: z.enum(['daily', 'weekly', 'monthly']),
		interval: z.number().int().min(1).max(52),
		until: localDateSchema.nullable()
	})
]);
export type Recurrence = z.infer<typeof recurrenceSchema>;

export const taskSchema = z.object({
	id: z.string().min(1),
	title: z.string().trim().min(1).max(200),
	details: z.string().max(4000),
	dueDate: localDateSchema,
	dueTime: localTimeSchema.nullable(),
	place: z.string().max(300),
	kind: taskKindSchema,
	recurrence: recurrenceSchema,
	/** Account id of the member the task is proposed to, or null. */
	assignee: z.string().nullable(),
	createdBy: z.string()
});
export type Task = z.infer<typeof taskSchema>;

export const taskEventSchema = z.discriminatedUnion('type', [
	z.object({
		type: z.enum(['claim', 'unclaim', 'complete', 'reopen']),
		id: z.string(),
		taskId: z.string(),
		hlc: z.string(),
		actor: z.string()
	}),
	z.object({
		type: z.literal('comment'),
		id: z.string(),
		taskId: z.string(),
		hlc: z.string(),
		actor: z.string(),
		text: z.string().trim().min(1).max(2000)
	})
]);
export type TaskEvent = z.infer<typeof taskEventSchema>;

export type TaskStatus = 'open' | 'claimed' | 'done';

export interface TaskConflict {
	readonly actor: string;
	readonly hlc: string;
	readonly claimedBy: string;
}

export interface TaskState {
	readonly task: Task;
	readonly status: TaskStatus;
	readonly claimedBy: string | null;
	readonly completedBy: string | null;
	readonly comments: readonly { actor: string; hlc: string; text: string }[];
	/** Claims that lost to an earlier one, so the UI shows "already claimed by X". */
	readonly conflicts: readonly TaskConflict[];
}

const byHlc = (a: TaskEvent, b: TaskEvent): number =>
	a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** Folds a task's events (any order, duplicates allowed) into its current state. */
export function taskState(task: Task, events: readonly TaskEvent[], ownerId?: string): TaskState {
	const unique = [
		...new Map(events.filter((e) => e.taskId === task.id).map((e) => [e.id, e])).values()
	];
	let status: TaskStatus = 'open';
	let claimedBy: string | null = null;
	let completedBy: string | null = null;
	const comments: { actor: string; hlc: string; text: string }[] = [];
	const conflicts: TaskConflict[] = [];
	for (const e of unique.sort(byHlc)) {
		switch (e.type) {
			case 'claim':
				if (status === 'open') {
					status = 'claimed';
					claimedBy = e.actor;
				} else if (claimedBy !== null && claimedBy !== e.actor) {
					conflicts.push({ actor: e.actor, hlc: e.hlc, claimedBy });
				}
				break;
			case 'unclaim':
				if (status === 'claimed' && (e.actor === claimedBy || e.actor === ownerId)) {
					status = 'open';
					claimedBy = null;
				}
				break;
			case 'complete':
				if (status !== 'done') {
					status = 'done';
					completedBy = e.actor;
				}
				break;
			case 'reopen':
				if (status === 'done') {
					status = claimedBy === null ? 'open' : 'claimed';
					completedBy = null;
				}
				break;
			case 'comment':
				comments.push({ actor: e.actor, hlc: e.hlc, text: e.text });
				break;
		}
	}
	return { task, status, claimedBy, completedBy, comments, conflicts };
}

export type TaskCommandError =
	| { readonly type: 'already-claimed'; readonly by: string }
	| { readonly type: 'not-claimant' }
	| { readonly type: 'already-done' }
	| { readonly type: 'not-done' }
	| { readonly type: 'unknown-assignee' }
	| { readonly type: 'invalid-task'; readonly issues: readonly string[] };

export type TaskCommandResult<T> = Result<T, TaskCommandError>;

export interface CommandContext {
	readonly actor: string;
	readonly hlc: string;
	readonly newId: () => string;
}

const fail = <T>(error: TaskCommandError): TaskCommandResult<T> => err(error);

/** A new task; the assignee, when given, must be a member of the circle (no forged assignee). */
export function createTask(
	input: Omit<Task, 'id' | 'createdBy'>,
	members: ReadonlySet<string>,
	ctx: CommandContext
): TaskCommandResult<Task> {
	const parsed = taskSchema.safeParse({ ...input, id: ctx.newId(), createdBy: ctx.actor });
	if (!parsed.success)
		return fail({ type: 'invalid-task', issues: parsed.error.issues.map((i) => i.path.join('.')) });
	if (parsed.data.assignee !== null && !members.has(parsed.data.assignee))
		return fail({ type: 'unknown-assignee' });
	return ok(parsed.data);
}

const event = (
	type: 'claim' | 'unclaim' | 'complete' | 'reopen',
	state: TaskState,
	ctx: CommandContext
): TaskEvent => ({
	type,
	id: ctx.newId(),
	taskId: state.task.id,
	hlc: ctx.hlc,
	actor: ctx.actor
});

/** Refused locally when someone else already holds it; concurrent claims resolve in `taskState`. */
export function claimTask(state: TaskState, ctx: CommandContext): TaskCommandResult<TaskEvent> {
	if (state.status === 'done') return fail({ type: 'already-done' });
	if (state.claimedBy !== null && state.claimedBy !== ctx.actor)
		return fail({ type: 'already-claimed', by: state.claimedBy });
	return ok(event('claim', state, ctx));
}

export function unclaimTask(
	state: TaskState,
	ctx: CommandContext,
	ownerId?: string
): TaskCommandResult<TaskEvent> {
	if (state.claimedBy === null || (state.claimedBy !== ctx.actor && ctx.actor !== ownerId))
		return fail({ type: 'not-claimant' });
	return ok(event('unclaim', state, ctx));
}

export function completeTask(state: TaskState, ctx: CommandContext): TaskCommandResult<TaskEvent> {
	if (state.status === 'done') return fail({ type: 'already-done' });
	return ok(event('complete', state, ctx));
}

export function reopenTask(state: TaskState, ctx: CommandContext): TaskCommandResult<TaskEvent> {
	if (state.status !== 'done') return fail({ type: 'not-done' });
	return ok(event('reopen', state, ctx));
}

export function commentOnTask(
	state: TaskState,
	text: string,
	ctx: CommandContext
): TaskCommandResult<TaskEvent> {
	const parsed = taskEventSchema.safeParse({
		type: 'comment',
		id: ctx.newId(),
		taskId: state.task.id,
		hlc: ctx.hlc,
		actor: ctx.actor,
		text
	});
	if (!parsed.success) return fail({ type: 'invalid-task', issues: ['text'] });
	return ok(parsed.data);
}
