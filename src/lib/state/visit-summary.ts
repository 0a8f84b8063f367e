// The person's visit summaries (issue 14 §5) in their own vault: the latest one to edit, the
// journal facts that pre-fill "what changed", the decision records to choose from, and saving as
// ONE commit of a `visit-summary` record in the `plan` category (shared by the plan's grants).
// Invariants: "what changed" is computed since the previous visit summary (or the last 30 days
// for the first one) and only pre-fills an empty field or when the person asks again; time is
// injected for tests.
import { DAY_MS } from '$lib/domain/care-team/flags';
import { readShared, type SharedData } from '$lib/domain/care-team/shared-records';
import type { Result } from '$lib/domain/result';
import { changesSinceVisit, type ChangeFact } from '$lib/domain/plan/visit-changes';
import {
	VISIT_SUMMARY_KIND,
	visitSummariesOf,
	visitSummaryBodySchema,
	type VisitSummary,
	type VisitSummaryBody
} from '$lib/domain/plan/visit-summary';
import type { CommitError } from '$lib/domain/records';
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

export type SaveVisitError =
	| { readonly type: 'locked' }
	| { readonly type: 'invalid'; readonly issues: readonly string[] }
	| { readonly type: 'commit'; readonly error: CommitError };

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

/** Saves a visit summary (a new one when `id` is null), as one commit. */
export async function saveVisitSummary(
	id: string | null,
	body: VisitSummaryBody,
	now: number
): Promise<Result<string, SaveVisitError>> {
	if (vault.status !== 'unlocked') return { ok: false, error: { type: 'locked' } };
	const parsed = visitSummaryBodySchema.safeParse(body);
	if (!parsed.success)
		return {
			ok: false,
			error: { type: 'invalid', issues: parsed.error.issues.map((i) => i.message) }
		};
	const result = await vault.vault().commit([
		{
			type: 'put',
			...(id === null ? {} : { id }),
			kind: VISIT_SUMMARY_KIND,
			category: 'plan',
			at: now,
			body: parsed.data
		}
	]);
	if (!result.ok) return { ok: false, error: { type: 'commit', error: result.error } };
	const saved = result.value[0];
	return saved === undefined
		? { ok: false, error: { type: 'locked' } }
		: { ok: true, value: saved.id };
}
