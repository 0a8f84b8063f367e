// The one write rule and the one merge rule of stored records, shared by every store that holds
// records: the person's buckets (`records.ts` writes, `remote.ts` merges what it pulls) and the
// cache of a circle this account is a member of (`member-records.ts`).
// Why: the two stores used to repeat how a write becomes the next stored version and how a pulled
// version is merged, and the copies had begun to differ.
// Invariants: `applyOps` is pure (time comes from the clock passed in); an edit or delete of a
// record that is not there is `not-found`, an edit whose `expectedHlc` is not the current version
// is a `conflict`, and nothing is returned half-applied; every new version is stamped after the
// version it replaces (`tickAfter`), with `base` naming it. `mergeIncoming` follows
// `src/lib/sync/merge.ts` (last writer wins, concurrent edits keep the loser in `conflict`).
import { err, ok, type Result } from '$lib/domain/result';
import type { Clock } from '$lib/sync/hlc';
import { merge, type Versioned } from '$lib/sync/merge';
import type { RecordOp } from '$lib/domain/records';
import type { StoredRecord } from './buckets';
import { uuidv7 } from '$lib/domain/ids';

/** A record operation whose record id is known (ids of new records are given before applying). */
export type IdentifiedOp = RecordOp & { readonly id: string };

export type ApplyError =
	| { readonly type: 'not-found'; readonly id: string }
	| { readonly type: 'conflict'; readonly id: string; readonly current: StoredRecord };

export interface Applied {
	/** Every record of `existing` with the operations applied. */
	readonly records: ReadonlyMap<string, StoredRecord>;
	/** The version each operation wrote, in the order of the operations. */
	readonly written: readonly StoredRecord[];
}

/** `ops` with a new UUIDv7 (of the time now) for every put that names no record. */
export function withRecordIds(
	ops: readonly RecordOp[],
	now: () => number
): readonly IdentifiedOp[] {
	return ops.map((op) => ({ ...op, id: op.id ?? uuidv7(now()) }));
}

type Stamp = Pick<Clock, 'tick' | 'tickAfter'>;

function stampAfter(clock: Stamp, prev: StoredRecord | undefined): string {
	if (!prev) return clock.tick();
	const after = clock.tickAfter(prev.hlc);
	return after.ok ? after.value : clock.tick();
}

/**
 * The next stored versions after `ops` (applied in order: a later op sees an earlier one's
 * version). `author` marks every version written (a put, or a delete or restore by someone else);
 * without it a delete or restore keeps the author of the version it replaces. A put's own `author`
 * (a version restored from a file, written by someone else) wins over the commit's.
 */
export function applyOps(
	existing: ReadonlyMap<string, StoredRecord>,
	ops: readonly IdentifiedOp[],
	clock: Stamp,
	author?: string
): Result<Applied, ApplyError> {
	const records = new Map(existing);
	const written: StoredRecord[] = [];
	for (const op of ops) {
		const prev = records.get(op.id);
		if (op.type !== 'put' || op.expectedHlc !== undefined) {
			const expected = op.type === 'restore' ? undefined : op.expectedHlc;
			if (!prev) return err({ type: 'not-found', id: op.id });
			if (expected !== undefined && prev.hlc !== expected) {
				return err({ type: 'conflict', id: op.id, current: prev });
			}
		}
		const hlc = stampAfter(clock, prev);
		const opAuthor = op.type === 'put' && op.author !== undefined ? op.author : author;
		const by = opAuthor === undefined ? {} : { author: opAuthor };
		let next: StoredRecord;
		if (op.type === 'put') {
			next = {
				id: op.id,
				kind: op.kind,
				at: op.at,
				hlc,
				deleted: false,
				body: op.body,
				...(prev ? { base: prev.hlc } : {}),
				...by
			};
		} else if (prev) {
			// A new version: the previous one's signature does not cover it.
			const { signature: _signed, ...rest } = prev;
			next = { ...rest, hlc, base: prev.hlc, deleted: op.type === 'delete', ...by };
		} else {
			return err({ type: 'not-found', id: op.id });
		}
		records.set(op.id, next);
		written.push(next);
	}
	return ok({ records, written });
}

function toVersioned(r: StoredRecord): Versioned<unknown> {
	return { id: r.id, hlc: r.hlc, base: r.base ?? null, deleted: r.deleted, body: r.body };
}

const differs = (a: unknown, b: unknown): boolean => JSON.stringify(a) !== JSON.stringify(b);

/**
 * The record to store after a pulled version `remote` meets the local one, or null when the local
 * record stays as it is (the same version again, or an older one that is not concurrent).
 */
export function mergeIncoming(
	local: StoredRecord | undefined,
	remote: StoredRecord
): StoredRecord | null {
	const outcome = merge(local ? toVersioned(local) : undefined, toVersioned(remote), { differs });
	const winner = outcome.changed ? remote : local;
	if (!winner) return null;
	if (!outcome.conflict) return outcome.changed ? winner : null;
	// The loser keeps what it takes to send it on (its time, base and signature): when it is this
	// device's own edit not yet pushed, the outbox sends it from here (remote.ts, `envelopeFor`).
	const lost = outcome.changed ? local : remote;
	if (!lost) return winner;
	return {
		...winner,
		conflict: {
			hlc: lost.hlc,
			body: lost.body,
			at: lost.at,
			...(lost.author !== undefined ? { author: lost.author } : {}),
			...(lost.base !== undefined ? { base: lost.base } : {}),
			...(lost.signature !== undefined ? { signature: lost.signature } : {})
		}
	};
}
