// The FHIR import's one write (issue 13): what the person confirmed in the preview (the file was
// parsed by the domain, `planFhirImportText`, and compared with the vault when it was read) is
// added in ONE commit — one import, one commit —, in the file's order (a task's events in order),
// with the care plan's versions and agreements in the same commit, each with who wrote it:
// versions oldest first, then agreements, so the write order (the HLC) keeps the newest current.
// Invariants: commands never import state or ui; nothing to add commits nothing; a refused commit
// writes nothing and is a `FhirImportError`, put into words on the FHIR screen.
import type { ImportedCarePlanRecord } from '$lib/domain/fhir/care-plan';
import type { ImportedRecord } from '$lib/domain/fhir/import';
import type { CircleRecords } from '$lib/domain/circle-view';
import { CARE_PLAN_VERSION_KIND } from '$lib/domain/plan/care-plan';
import type { CommitError, RecordOp } from '$lib/domain/records';
import { err, ok, type Result } from '$lib/domain/result';

/** A care-plan record of a file; `author` only when someone other than this vault's owner. */
export type PreviewCarePlanRecord = Omit<ImportedCarePlanRecord, 'author'> & {
	readonly author?: string;
};

/** What an import adds: the file's new records and care-plan records, as previewed. */
export interface FhirImportAdditions {
	readonly records: readonly ImportedRecord[];
	readonly carePlan: readonly PreviewCarePlanRecord[];
}

export type FhirImportError = { readonly type: 'commit'; readonly error: CommitError };

export interface FhirImportCommandDeps {
	/** The open vault. */
	readonly store: () => Pick<CircleRecords, 'commit'>;
}

export interface FhirImportCommands {
	/** Adds the previewed records in ONE commit; answers how many were added. */
	importRecords(additions: FhirImportAdditions): Promise<Result<number, FhirImportError>>;
}

/** The import's operations: the file's records in its order, then the care plan's. */
function importOps(additions: FhirImportAdditions): readonly RecordOp[] {
	return [
		...additions.records.map(({ id, kind, category, at, body }) => ({
			type: 'put' as const,
			id,
			kind,
			category,
			at,
			body
		})),
		...additions.carePlan
			.map((r) => ({
				r,
				at: 'createdAt' in r.body ? r.body.createdAt : r.body.agreedAt,
				rank: r.kind === CARE_PLAN_VERSION_KIND ? 0 : 1
			}))
			.toSorted((a, b) => a.rank - b.rank || a.at - b.at)
			.map(({ r, at }) => ({
				type: 'put' as const,
				id: r.id,
				kind: r.kind,
				category: 'plan' as const,
				at,
				body: r.body,
				...(r.author === undefined ? {} : { author: r.author })
			}))
	];
}

export function createFhirImportCommands(deps: FhirImportCommandDeps): FhirImportCommands {
	return {
		async importRecords(additions) {
			const ops = importOps(additions);
			if (ops.length === 0) return ok(0);
			const committed = await deps.store().commit(ops);
			return committed.ok ? ok(ops.length) : err({ type: 'commit', error: committed.error });
		}
	};
}
