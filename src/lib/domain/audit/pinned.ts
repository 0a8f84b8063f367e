// The access log against the head this device verified before (DESIGN: Audit, issue 12 §8).
//
// Why: the chain's hashes are unkeyed and the server serves the head it is checked against, so a
// server can rewrite the whole log consistently (recompute every hash and the head) and
// `verifyChain` alone still passes. The person's device therefore keeps the last head it
// verified; a later log must extend it: the entry at that seq must still carry that hash (the
// chain then guarantees every earlier entry is unchanged). Pure and synchronous.
import * as z from 'zod';
import type { AuditEntry } from './index';

export const auditHeadSchema = z.object({
	seq: z.number().int().nonnegative(),
	hash: z.string().regex(/^[0-9a-f]{64}$/)
});
export type AuditHead = z.infer<typeof auditHeadSchema>;

export type PinnedCheck =
	| { readonly ok: true; readonly head: AuditHead | null }
	/** The entry at `seq` (the pinned head) is missing or differs: the log was rewritten. */
	| { readonly ok: false; readonly seq: number };

/**
 * Whether `entries` (a chain already checked by `verifyChain`) extends `pinned`; on success the
 * head to pin next (its last entry; null for an empty log with nothing pinned).
 */
export function extendsPinnedHead(
	entries: readonly AuditEntry[],
	pinned: AuditHead | null
): PinnedCheck {
	const last = entries.at(-1);
	const head = last === undefined ? null : { seq: last.seq, hash: last.hash };
	if (pinned === null || pinned.seq === 0) return { ok: true, head };
	const atPinned = entries.find((e) => e.seq === pinned.seq);
	if (atPinned?.hash !== pinned.hash) return { ok: false, seq: pinned.seq };
	return { ok: true, head };
}
