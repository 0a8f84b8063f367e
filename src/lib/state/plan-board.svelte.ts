// The task board's state over one CircleView: the live task states (observed from the view's
// records) and the board's commands bound to that view (commands/plan.ts: create, edit, claim,
// unclaim, complete, reopen, comment; each one commit). Claims that race on two devices are both
// written and resolved by the fold (first by HLC wins). Who wrote each event is checked on this
// device first (`record-authors.ts`): an event whose writer could not be checked as its actor is
// not folded (`recordsToStates` with `checked`) and the card says why.
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
import { checkAuthorsIn } from './record-authors';
import { vault } from './vault.svelte';

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
		let generation = 0;
		let latest: Parameters<Parameters<typeof current.records.observe>[1]>[0] | null = null;
		const fold = (records: NonNullable<typeof latest>) => {
			const mine = ++generation;
			const checking =
				vault.status === 'unlocked'
					? checkAuthorsIn(vault.vault(), current, records)
					: Promise.resolve(records);
			void checking.then((checked) => {
				if (mine !== generation) return;
				const folded = recordsToStates(checked, current.ownerId, { checked: true });
				// The person's view and a carer's both know who left (their member lists).
				const departed = current.departed;
				states = departed === undefined ? folded : releaseDeparted(folded, departed);
			});
		};
		// A member knows the other members' keys from the person's signed roster: fetch and check it
		// when the board opens, then fold again (a claim by a member who joined since the roster
		// this device kept would otherwise read "no key for her").
		let stopped = false;
		if (!current.isOwner) {
			void import('./circle.svelte')
				.then(({ refreshRoster }) => refreshRoster(current.circleId))
				.catch(() => undefined)
				.then(() => {
					if (!stopped && latest !== null) fold(latest);
				});
		}
		const stop = current.records.observe({ category: 'plan', kinds: PLAN_KINDS }, (records) => {
			latest = records;
			fold(records);
		});
		return () => {
			stopped = true;
			stop();
		};
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
