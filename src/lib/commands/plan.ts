// Plan board commands: create, edit, claim, unclaim, complete, reopen and comment on a task.
// Each is: parse of the input (the task form, through the plan domain's zod schemas) → the plan
// domain's rules (who may do what to a task) → ONE commit to the circle's records.
// Invariants: nothing is written when the view may not write "plan"; an action refused by the
// domain (someone else holds the task, it is already done) writes nothing and says why; the one
// action that writes two events (the person takes on a task released by someone who left: given
// back for them, then claimed) writes both in the same commit.
import {
	claimTask,
	commentOnTask,
	completeTask,
	createTask,
	reopenTask,
	taskSchema,
	unclaimTask,
	type CommandContext,
	type TaskCommandError,
	type TaskEvent,
	type TaskState
} from '$lib/domain/plan';
import {
	eventOp,
	membersOf,
	parseTaskForm,
	taskOp,
	type BoardTaskState,
	type TaskFormErrors,
	type TaskFormValues
} from '$lib/domain/plan/board';
import type { CommitError } from '$lib/domain/records';
import type { Result } from '$lib/domain/result';
import type { CircleView } from '$lib/domain/circle-view';

export type BoardError =
	| { readonly type: 'read-only' }
	| { readonly type: 'form'; readonly errors: TaskFormErrors }
	| { readonly type: 'domain'; readonly error: TaskCommandError }
	| { readonly type: 'commit'; readonly error: CommitError };

export type BoardResult = Result<void, BoardError>;

export type TaskAction = 'claim' | 'unclaim' | 'complete' | 'reopen';

/** The circle the commands write to (the view a screen holds), with its member list if known. */
export type PlanView = CircleView & { readonly members?: readonly string[] };

export interface PlanCommandDeps {
	readonly view: () => PlanView;
	readonly now: () => number;
	readonly newId: () => string;
}

export interface PlanCommands {
	createTask(values: TaskFormValues): Promise<BoardResult>;
	editTask(state: TaskState, values: TaskFormValues): Promise<BoardResult>;
	actOnTask(state: BoardTaskState, action: TaskAction): Promise<BoardResult>;
	commentOnTask(state: TaskState, text: string): Promise<BoardResult>;
}

const readOnly: BoardResult = { ok: false, error: { type: 'read-only' } };

export function createPlanCommands(deps: PlanCommandDeps): PlanCommands {
	const context = (): CommandContext => ({
		actor: deps.view().me,
		// The fold orders events by the HLC of their record (board.ts), not this placeholder.
		hlc: '',
		newId: deps.newId
	});

	async function commit(ops: Parameters<CircleView['records']['commit']>[0]): Promise<BoardResult> {
		const current = deps.view();
		if (!current.canWrite('plan')) return readOnly;
		const result = await current.records.commit(ops);
		return result.ok
			? { ok: true, value: undefined }
			: { ok: false, error: { type: 'commit', error: result.error } };
	}

	async function appendEvent(made: Result<TaskEvent, TaskCommandError>): Promise<BoardResult> {
		if (!deps.view().canWrite('plan')) return readOnly;
		if (!made.ok) return { ok: false, error: { type: 'domain', error: made.error } };
		return commit([eventOp(made.value, deps.now())]);
	}

	return {
		async createTask(values) {
			const current = deps.view();
			if (!current.canWrite('plan')) return readOnly;
			const members = membersOf(current);
			const input = parseTaskForm(values, members);
			if (!input.ok) return { ok: false, error: { type: 'form', errors: input.error } };
			const task = createTask(input.value, members, context());
			if (!task.ok) return { ok: false, error: { type: 'domain', error: task.error } };
			return commit([taskOp(task.value, deps.now())]);
		},

		async editTask(state, values) {
			const current = deps.view();
			if (!current.canWrite('plan')) return readOnly;
			const input = parseTaskForm(values, membersOf(current));
			if (!input.ok) return { ok: false, error: { type: 'form', errors: input.error } };
			const task = taskSchema.parse({
				...input.value,
				id: state.task.id,
				createdBy: state.task.createdBy
			});
			return commit([taskOp(task, deps.now())]);
		},

		async actOnTask(state, action) {
			const ctx = context();
			const current = deps.view();
			const releasedFrom = state.releasedFrom;
			if (action === 'claim' && releasedFrom !== undefined && current.isOwner) {
				// Still held by the one who left, for the fold: the person gives it back for them,
				// then takes it on, in one commit (its records get increasing HLCs in this order).
				const held: TaskState = { ...state, status: 'claimed', claimedBy: releasedFrom };
				const back = unclaimTask(held, ctx, current.ownerId);
				if (!back.ok) return { ok: false, error: { type: 'domain', error: back.error } };
				const claim = claimTask(state, ctx);
				if (!claim.ok) return { ok: false, error: { type: 'domain', error: claim.error } };
				return commit([eventOp(back.value, deps.now()), eventOp(claim.value, deps.now())]);
			}
			// A carer claims a released task as an open one: `releaseDeparted` gives it to her.
			switch (action) {
				case 'claim':
					return appendEvent(claimTask(state, ctx));
				case 'unclaim':
					return appendEvent(unclaimTask(state, ctx, current.ownerId));
				case 'complete':
					return appendEvent(completeTask(state, ctx));
				case 'reopen':
					return appendEvent(reopenTask(state, ctx));
			}
		},

		async commentOnTask(state, text) {
			return appendEvent(commentOnTask(state, text, context()));
		}
	};
}
