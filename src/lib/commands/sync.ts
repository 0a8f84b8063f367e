// Sync's one write, by name: keeping one of the two versions of an entry that two devices edited at
// once (the merge kept the loser in `record.conflict`, vault/record-ops.ts `mergeIncoming`).
// The kept body is written as ONE new version on top of both (`expectedHlc`: the version shown),
// which clears the conflict everywhere once synced. Used by the account's conflict list
// (ui/account/SyncConflicts.svelte) and from the entry itself in the timeline (`keepVersion`).
// Invariants: the choice applies only to the versions the person saw: from the timeline, the entry
// is read again and, when it changed since it was shown (a newer version arrived, it was deleted),
// nothing is written and the person is asked to look again; a record without a conflict (resolved
// on another device) writes nothing; a locked vault writes nothing.
import type { Category } from '$lib/domain/categories';
import type { CircleRecords } from '$lib/domain/circle-view';
import type { CommitError, VaultRecord } from '$lib/domain/records';
import { err, ok, type Result } from '$lib/domain/result';

export type KeepVersionError = { readonly type: 'changed' } | CommitError;

/** Which version of a conflicting entry to keep: the one shown, or the other device's. */
export type KeepWhich = 'shown' | 'other';

export interface KeepVersionDeps {
	readonly unlocked: () => boolean;
	readonly get: (category: Category, id: string) => Promise<VaultRecord | null>;
	readonly resolve: (record: VaultRecord, keep: KeepWhich) => Promise<Result<void, CommitError>>;
}

/** From the entry in the timeline: read again, then resolve only the versions shown. */
export function createKeepVersion(deps: KeepVersionDeps) {
	return async (
		shown: { readonly id: string; readonly category: Category; readonly hlc: string },
		keep: KeepWhich
	): Promise<Result<void, KeepVersionError>> => {
		if (!deps.unlocked()) return err({ type: 'locked' });
		const current = await deps.get(shown.category, shown.id);
		if (current === null || current.deleted || current.hlc !== shown.hlc) {
			return err({ type: 'changed' });
		}
		if (current.conflict === undefined) return ok(undefined);
		return deps.resolve(current, keep);
	};
}

export interface SyncCommandDeps {
	/** The open vault's records, or null while it is locked. */
	readonly records: () => Pick<CircleRecords, 'get' | 'commit'> | null;
}

export function createSyncCommands(deps: SyncCommandDeps) {
	/** Keeps `keep` of `record` and its conflict: one commit over the version read. */
	async function resolveConflict(
		record: VaultRecord,
		keep: KeepWhich
	): Promise<Result<void, CommitError>> {
		if (record.conflict === undefined) return ok(undefined);
		const records = deps.records();
		if (records === null) return err({ type: 'locked' });
		const result = await records.commit([
			{
				type: 'put',
				id: record.id,
				kind: record.kind,
				category: record.category,
				at: record.at,
				body: keep === 'shown' ? record.body : record.conflict.body,
				expectedHlc: record.hlc
			}
		]);
		return result.ok ? ok(undefined) : result;
	}

	const keepVersion = createKeepVersion({
		unlocked: () => deps.records() !== null,
		get: (category, id) => deps.records()?.get(category, id) ?? Promise.resolve(null),
		resolve: resolveConflict
	});

	return { resolveConflict, keepVersion };
}

export type SyncCommands = ReturnType<typeof createSyncCommands>;
