// The task board's state over one CircleView: the live task states (observed from the view's
// records) and the commands (create, edit, claim, unclaim, complete, reopen, comment), each
// validated by the plan domain and written as ONE record through `view.records.commit`.
// Invariants: nothing is written when the view may not write "plan"; an action refused by the
// domain (someone else holds the task, it is already done) writes nothing and says why; claims
// that race on two devices are both written and resolved by the fold (first by HLC wins).
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
import type { Result } from '$lib/domain/result';
import type { CircleView } from '$lib/domain/circle-view';
import type { CommitError } from '$lib/domain/records';
import { uuidv7 } from '$lib/domain/ids';
import {
	eventOp,
	membersOf,
	parseTaskForm,
	PLAN_KINDS,
	recordsToStates,
	releaseDeparted,
	taskOp,
	type BoardTaskState,
	type TaskFormErrors,
	type TaskFormValues
} from '$lib/domain/plan/board';

export type BoardError =
	| { readonly type: 'read-only' }
	| { readonly type: 'form'; readonly errors: TaskFormErrors }
	| { readonly type: 'domain'; readonly error: TaskCommandError }
	| { readonly type: 'commit'; readonly error: CommitError };

export type BoardResult = Result<void, BoardError>;

export type TaskAction = 'claim' | 'unclaim' | 'complete' | 'reopen';

export interface PlanBoardDeps {
	readonly now: () => number;
	readonly newId: () => string;
}

const defaultDeps: PlanBoardDeps = {
	now: () => Date.now(),
	newId: () => uuidv7(Date.now())
};

/** Call during component initialisation: it observes the view's records while mounted. */
export function createPlanBoard(
	view: () => CircleView & { readonly members?: readonly string[] },
	deps: PlanBoardDeps = defaultDeps
) {
	let states = $state<readonly BoardTaskState[] | null>(null);

	$effect(() => {
		const current = view();
		if (!current.canRead('plan')) {
			states = [];
			return;
		}
		return current.records.observe({ category: 'plan', kinds: PLAN_KINDS }, (records) => {
			const folded = recordsToStates(records, current.ownerId);
			// The person's view and a carer's both know who left (their member lists).
			const departed = current.departed;
			states = departed === undefined ? folded : releaseDeparted(folded, departed);
		});
	});

	const context = (): CommandContext => ({
		actor: view().me,
		// The fold orders events by the HLC of their record (board.ts), not this placeholder.
		hlc: '',
		newId: deps.newId
	});

	async function commit(
		write: (v: CircleView) => Parameters<CircleView['records']['commit']>[0]
	): Promise<BoardResult> {
		const current = view();
		if (!current.canWrite('plan')) return { ok: false, error: { type: 'read-only' } };
		const result = await current.records.commit(write(current));
		return result.ok
			? { ok: true, value: undefined }
			: { ok: false, error: { type: 'commit', error: result.error } };
	}

	async function appendEvent(made: Result<TaskEvent, TaskCommandError>): Promise<BoardResult> {
		if (!view().canWrite('plan')) return { ok: false, error: { type: 'read-only' } };
		if (!made.ok) return { ok: false, error: { type: 'domain', error: made.error } };
		return commit(() => [eventOp(made.value, deps.now())]);
	}

	return {
		/** Task states, sorted by due date; null until the first read. */
		get states() {
			return states;
		},

		async create(values: TaskFormValues): Promise<BoardResult> {
			const current = view();
			if (!current.canWrite('plan')) return { ok: false, error: { type: 'read-only' } };
			const members = membersOf(current);
			const input = parseTaskForm(values, members);
			if (!input.ok) return { ok: false, error: { type: 'form', errors: input.error } };
			const task = createTask(input.value, members, context());
			if (!task.ok) return { ok: false, error: { type: 'domain', error: task.error } };
			return commit(() => [taskOp(task.value, deps.now())]);
		},

		async edit(state: TaskState, values: TaskFormValues): Promise<BoardResult> {
			const current = view();
			if (!current.canWrite('plan')) return { ok: false, error: { type: 'read-only' } };
			const input = parseTaskForm(values, membersOf(current));
			if (!input.ok) return { ok: false, error: { type: 'form', errors: input.error } };
			const task = taskSchema.parse({
				...input.value,
				id: state.task.id,
				createdBy: state.task.createdBy
			});
			return commit(() => [taskOp(task, deps.now())]);
		},

		async act(state: BoardTaskState, action: TaskAction): Promise<BoardResult> {
			const ctx = context();
			const releasedFrom = state.releasedFrom;
			if (action === 'claim' && releasedFrom !== undefined && view().isOwner) {
				// Still held by the one who left, for the fold: the person gives it back for them,
				// then takes it on, in one commit (its records get increasing HLCs in this order).
				const held: TaskState = { ...state, status: 'claimed', claimedBy: releasedFrom };
				const back = unclaimTask(held, ctx, view().ownerId);
				if (!back.ok) return { ok: false, error: { type: 'domain', error: back.error } };
				const claim = claimTask(state, ctx);
				if (!claim.ok) return { ok: false, error: { type: 'domain', error: claim.error } };
				return commit(() => [eventOp(back.value, deps.now()), eventOp(claim.value, deps.now())]);
			}
			// A carer claims a released task as an open one: `releaseDeparted` gives it to her.
			switch (action) {
				case 'claim':
					return appendEvent(claimTask(state, ctx));
				case 'unclaim':
					return appendEvent(unclaimTask(state, ctx, view().ownerId));
				case 'complete':
					return appendEvent(completeTask(state, ctx));
				case 'reopen':
					return appendEvent(reopenTask(state, ctx));
			}
		},

		async comment(state: TaskState, text: string): Promise<BoardResult> {
			return appendEvent(commentOnTask(state, text, context()));
		}
	};
}

export type PlanBoard = ReturnType<typeof createPlanBoard>;
