// The person's visit summary (issue 14 §5, issue 13): saving it is ONE commit of a
// `visit-summary` record in the `plan` category (so the plan's grants decide which professionals
// read it), a new record the first time, the same record edited in place after.
// Invariants: commands never import state or ui; the body is parsed with the domain's schema
// before anything is written; refusals are `SaveVisitError` data (the domain's typed
// `VisitSummaryIssue`s for a bad field), put into words once by ui/people/visit-error-text.ts.
import {
	VISIT_SUMMARY_KIND,
	visitSummaryBodySchema,
	visitSummaryIssuesOf,
	type VisitSummaryBody,
	type VisitSummaryIssue
} from '$lib/domain/plan/visit-summary';
import type { CircleRecords } from '$lib/domain/circle-view';
import type { CommitError } from '$lib/domain/records';
import { err, ok, type Result } from '$lib/domain/result';

export type SaveVisitError =
	| { readonly type: 'locked' }
	| { readonly type: 'invalid'; readonly issues: readonly VisitSummaryIssue[] }
	| { readonly type: 'commit'; readonly error: CommitError };

export interface VisitSummaryCommandDeps {
	/** The open vault, or null while it is locked. */
	readonly store: () => Pick<CircleRecords, 'commit'> | null;
	readonly now: () => number;
}

export interface VisitSummaryCommands {
	/** Saves a visit summary (a new one when `id` is null) in ONE commit; answers its record id. */
	saveVisitSummary(
		id: string | null,
		body: VisitSummaryBody
	): Promise<Result<string, SaveVisitError>>;
}

export function createVisitSummaryCommands(deps: VisitSummaryCommandDeps): VisitSummaryCommands {
	return {
		async saveVisitSummary(id, body) {
			const store = deps.store();
			if (store === null) return err({ type: 'locked' });
			const parsed = visitSummaryBodySchema.safeParse(body);
			if (!parsed.success)
				return err({ type: 'invalid', issues: visitSummaryIssuesOf(parsed.error.issues) });
			const result = await store.commit([
				{
					type: 'put',
					...(id === null ? {} : { id }),
					kind: VISIT_SUMMARY_KIND,
					category: 'plan',
					at: deps.now(),
					body: parsed.data
				}
			]);
			if (!result.ok) return err({ type: 'commit', error: result.error });
			const saved = result.value[0];
			return saved === undefined ? err({ type: 'locked' }) : ok(saved.id);
		}
	};
}
