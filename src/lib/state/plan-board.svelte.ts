// The task board's state over one CircleView: the live task states (observed from the view's
// records) and the board's commands bound to that view (commands/plan.ts: create, edit, claim,
// unclaim, complete, reopen, comment; each one commit). Claims that race on two devices are both
// written and resolved by the fold (first by HLC wins).
import type { TaskState } from '$lib/domain/plan';
import type { CircleView } from '$lib/domain/circle-view';
import { uuidv7 } from '$lib/domain/ids';
import {
	PLAN_KINDS,
	recordsToStates,
	releaseDeparted,
	type BoardTaskState,
	type TaskFormValues
} from '$lib/domain/plan/board';
import {
	createPlanCommands,
	type BoardError,
	type BoardResult,
	type TaskAction
} from '$lib/commands/plan';

export type { BoardError, BoardResult, TaskAction };

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

	const commands = createPlanCommands({ view, now: deps.now, newId: deps.newId });

	return {
		/** Task states, sorted by due date; null until the first read. */
		get states() {
			return states;
		},
		create: (values: TaskFormValues): Promise<BoardResult> => commands.createTask(values),
		edit: (state: TaskState, values: TaskFormValues): Promise<BoardResult> =>
			commands.editTask(state, values),
		act: (state: BoardTaskState, action: TaskAction): Promise<BoardResult> =>
			commands.actOnTask(state, action),
		comment: (state: TaskState, text: string): Promise<BoardResult> =>
			commands.commentOnTask(state, text)
	};
}

export type PlanBoard = ReturnType<typeof createPlanBoard>;
