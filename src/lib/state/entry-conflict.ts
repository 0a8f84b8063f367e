// Keeping one of the two versions of a journal entry edited on two devices at once, from the
// entry itself in the timeline. Reuses the sync state's resolution (the kept body is written as a
// new version on top of both, which clears the conflict everywhere once synced).
// Invariant: the choice applies only to the versions the person saw: the entry is read again and,
// when it changed since it was shown (a newer version arrived), nothing is written and the
// person is asked to look again.
import type { Category } from '$lib/domain/categories';
import type { CommitError, VaultRecord } from '$lib/domain/records';
import type { Result } from '$lib/domain/result';
import { sync } from './sync.svelte';
import { vault } from './vault.svelte';

export type KeepVersionError = { readonly type: 'changed' } | CommitError;

export interface KeepVersionDeps {
	readonly unlocked: () => boolean;
	readonly get: (category: Category, id: string) => Promise<VaultRecord | null>;
	readonly resolve: (
		record: VaultRecord,
		keep: 'shown' | 'other'
	) => Promise<Result<void, CommitError>>;
}

export function createKeepVersion(deps: KeepVersionDeps) {
	return async (
		shown: { readonly id: string; readonly category: Category; readonly hlc: string },
		keep: 'shown' | 'other'
	): Promise<Result<void, KeepVersionError>> => {
		if (!deps.unlocked()) return { ok: false, error: { type: 'locked' } };
		const current = await deps.get(shown.category, shown.id);
		if (current === null || current.deleted || current.hlc !== shown.hlc) {
			return { ok: false, error: { type: 'changed' } };
		}
		if (current.conflict === undefined) return { ok: true, value: undefined };
		return deps.resolve(current, keep);
	};
}

/** For the journal page: the open vault and the sync state. */
export const keepVersion = createKeepVersion({
	unlocked: () => vault.status === 'unlocked',
	get: (category, id) => vault.vault().get(category, id),
	resolve: (record, keep) => sync.resolveConflict(record, keep)
});
