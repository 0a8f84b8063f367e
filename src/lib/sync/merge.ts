// Merge of two versions of one record, after decryption (DESIGN: Sync protocol, Merge).
//
// Why: every device applies local writes and pulled versions in a different order; they must all
// end with the same record, without a server that can read it to arbitrate.
//
// Invariant: the winner depends only on the two versions' metadata, never on arrival order, so
// `merge` is commutative, associative and idempotent on the winner and every replica that has seen
// the same versions holds the same record (the convergence property test checks this).
//
// Conflict rules:
// 1. Last writer wins per record: the version with the greater HLC wins. HLCs are unique per
//    device (node id), so two different versions never tie; an equal HLC is the same version
//    arriving twice and keeps the local copy (idempotent replay).
// 2. Deletes are tombstones (`deleted: true`) ordered like any other version: a tombstone wins
//    only over older versions, so an edit made before the delete (even if it arrives later, or
//    from a device that was offline) can never resurrect the record. An edit with a newer HLC than
//    the tombstone is an explicit undelete (someone edited or restored it after the delete).
// 3. Concurrent edits: every version records `base`, the HLC of the version it was edited from
//    (null when created). Two live versions are concurrent when neither was made on the other or
//    on anything newer (`a.base < b.hlc` and `b.base < a.hlc`). Rule 1 still picks the winner, so
//    replicas agree, but the loser is kept in `conflict` for the person to choose; an edit whose
//    base is at least as new as both versions resolves it. Tombstones never conflict: a delete
//    concurrent with an edit is decided by rule 1 alone.
import { compareHlc } from './hlc';

export interface Versioned<B> {
	readonly id: string;
	readonly hlc: string;
	/** HLC of the version this one was edited from; null for a creation. */
	readonly base: string | null;
	readonly deleted: boolean;
	readonly body: B;
}

export interface Conflict<B> {
	readonly local: Versioned<B>;
	readonly remote: Versioned<B>;
}

export interface MergeOutcome<B> {
	readonly winner: Versioned<B>;
	/** true when the winner is the remote version (the replica must be updated). */
	readonly changed: boolean;
	/** Present when both sides edited concurrently and their bodies differ. */
	readonly conflict?: Conflict<B>;
}

export interface MergeOptions<B> {
	/**
	 * Whether two concurrent bodies differ in a way the person must see (e.g. free text). Defaults
	 * to always: the vault passes a kind-aware comparison.
	 */
	readonly differs?: (local: B, remote: B) => boolean;
}

/** true when `later` was edited from `earlier` or from a version at least as new. */
function hasSeen<B>(earlier: Versioned<B>, later: Versioned<B>): boolean {
	return later.base !== null && compareHlc(later.base, earlier.hlc) >= 0;
}

/** Two different live versions of which neither was edited with knowledge of the other. */
export function isConcurrent<B>(a: Versioned<B>, b: Versioned<B>): boolean {
	return (
		a.id === b.id && a.hlc !== b.hlc && !a.deleted && !b.deleted && !hasSeen(a, b) && !hasSeen(b, a)
	);
}

/** An edit resolves a conflict when it was made on a version at least as new as both sides. */
export function resolvesConflict<B>(conflict: Conflict<B>, version: Versioned<B>): boolean {
	return hasSeen(conflict.local, version) && hasSeen(conflict.remote, version);
}

export function merge<B>(
	local: Versioned<B> | undefined,
	remote: Versioned<B>,
	options: MergeOptions<B> = {}
): MergeOutcome<B> {
	if (local === undefined) return { winner: remote, changed: true };
	if (local.id !== remote.id) throw new Error('merge: versions of different records');
	const order = compareHlc(remote.hlc, local.hlc);
	if (order === 0) return { winner: local, changed: false };
	const winner = order > 0 ? remote : local;
	const differs = options.differs ?? (() => true);
	if (isConcurrent(local, remote) && differs(local.body, remote.body)) {
		return { winner, changed: winner === remote, conflict: { local, remote } };
	}
	return { winner, changed: winner === remote };
}
