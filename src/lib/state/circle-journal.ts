// The journal repository over a circle view's records: what a member with write access uses to log
// in the person's journal (ui/circle/MemberView), so the component never builds a vault repository.
// The view is read at each call (a component's view prop may change).
import { createJournalRepo, type JournalRepo } from '$lib/vault/repos/journal';
import type { CircleView } from '$lib/domain/circle-view';

export const circleJournal = (
	view: () => CircleView,
	now: () => number = () => Date.now()
): JournalRepo => createJournalRepo({ store: () => view().records, now });
