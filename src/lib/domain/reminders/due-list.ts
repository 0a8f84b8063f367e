// Today shows each thing that is due once (issue 11, item 7). The due list (doses and goal
// check-ins, from `dueNow`) and the reminders (from the reminder rules) are computed separately and
// name the same dose by the same slot id; a reminder whose dose or check-in is already in the due
// list joins that card instead of getting a card, and a place in the missed banner, of its own.
// Invariant: only medication and goal check-in reminders can be joined; appointments and tasks
// always keep their own card.
import type { ReminderOccurrence } from './rules';

export interface DueListItems {
	readonly doses: readonly { readonly slot: { readonly id: string } }[];
	readonly checkIns: readonly { readonly goalId: string; readonly dueDate: string }[];
}

type Occurrence = Pick<ReminderOccurrence, 'kind' | 'sourceRef'>;

const refOf = (occurrence: Occurrence): string => `${occurrence.kind}\n${occurrence.sourceRef}`;

/** The references of the reminders that would repeat an item of the due list. */
export function dueListRefs(due: DueListItems): ReadonlySet<string> {
	return new Set([
		...due.doses.map((dose) => refOf({ kind: 'medication', sourceRef: dose.slot.id })),
		...due.checkIns.map((checkIn) =>
			refOf({ kind: 'goal-check-in', sourceRef: `${checkIn.goalId}:${checkIn.dueDate}` })
		)
	]);
}

/** True when the due list already shows what this reminder is about. */
export function isInDueList(refs: ReadonlySet<string>, occurrence: Occurrence): boolean {
	return refs.has(refOf(occurrence));
}

/** The reminder, if any, ringing for the dose of `slotId` (so its card can offer a snooze). */
export function reminderOfSlot<T extends { readonly occurrence: Occurrence }>(
	reminders: readonly T[],
	slotId: string
): T | undefined {
	return reminders.find(
		(r) => r.occurrence.kind === 'medication' && r.occurrence.sourceRef === slotId
	);
}
