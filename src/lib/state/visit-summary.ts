// The person's visit summaries (issue 14 §5) in their own vault: the latest one to edit, the
// journal facts that pre-fill "what changed", the decision records to choose from, and the app's
// binding of the save command (commands/visit-summary.ts: ONE commit of a `visit-summary` record
// in the `plan` category, shared by the plan's grants).
// Invariants: "what changed" is computed since the previous visit summary (or the last 30 days
// for the first one) and only pre-fills an empty field or when the person asks again; time is
// injected for tests.
import { createVisitSummaryCommands } from '$lib/commands/visit-summary';
import { DAY_MS } from '$lib/domain/care-team/flags';
import { readShared, type SharedData } from '$lib/domain/care-team/shared-records';
import { changesSinceVisit, type ChangeFact } from '$lib/domain/plan/visit-changes';
import {
	VISIT_SUMMARY_KIND,
	visitSummariesOf,
	type VisitSummary
} from '$lib/domain/plan/visit-summary';
import { LOCAL_ACCOUNT } from '$lib/domain/circle-view';
import { vault } from './vault.svelte';

const FIRST_PERIOD_MS = 30 * DAY_MS;
const JOURNAL_CATEGORIES = ['symptoms', 'measurements', 'medications', 'goals'] as const;

export interface VisitWorkspace {
	readonly summaries: readonly VisitSummary[];
	readonly decisions: SharedData['decisions'];
	/** What changed since the latest summary that is done (or the last 30 days). */
	readonly facts: readonly ChangeFact[];
}

/** Reads the visit summaries, decisions and journal facts from the open vault. */
export async function loadVisitWorkspace(now: number): Promise<VisitWorkspace | null> {
	if (vault.status !== 'unlocked') return null;
	const v = vault.vault();
	const plan = await v.query({ category: 'plan', kinds: [VISIT_SUMMARY_KIND] });
	const summaries = visitSummariesOf(plan);
	const lists = await Promise.all([
		...JOURNAL_CATEGORIES.map((category) => v.query({ category })),
		v.query({ category: 'decisions' })
	]);
	const data = readShared(lists.flat(), LOCAL_ACCOUNT);
	const previous = summaries.find((s) => s.body.agreed.trim() !== '');
	const since = previous?.at ?? now - FIRST_PERIOD_MS;
	return {
		summaries,
		decisions: data.decisions,
		facts: changesSinceVisit(data.entries, since, now)
	};
}

/** Every write of the visit page, by name: parse → ONE vault commit (commands/visit-summary.ts). */
export const visitSummaryCommands = createVisitSummaryCommands({
	store: () => (vault.status === 'unlocked' ? vault.vault() : null),
	now: () => Date.now()
});
