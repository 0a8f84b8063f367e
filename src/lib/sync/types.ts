// The sync engine's ports and values: what it needs from the vault (outbox, checkpoints, apply),
// from the network (transport) and what it tells the UI (status).
//
// Why separate from `src/lib/contracts/sync.ts`: the contract is the HTTP wire format shared with
// the server; these are the engine's own minimal shapes, so the core and its simulation tests do not
// depend on HTTP details. The HTTP adapter (`transport-http.ts`) converts between the two.
//
// Invariant: nothing here carries plaintext. An envelope is what the server stores and relays:
// ids, category, key id, HLC, IV and ciphertext (base64url), and the tombstone flag.
import type { Category } from '$lib/domain/categories';
import type { Result } from '$lib/domain/result';

export interface Envelope {
	readonly id: string;
	readonly circleId: string;
	readonly category: Category;
	readonly hlc: string;
	readonly keyId: string;
	readonly iv: string;
	readonly ciphertext: string;
	readonly deleted: boolean;
}

/** An envelope as pulled back: `seq` is the server's per-circle, strictly increasing position. */
export interface PulledEnvelope extends Envelope {
	readonly seq: number;
}

export interface VersionKey {
	readonly id: string;
	readonly hlc: string;
}

/** One acknowledgement per pushed envelope: stored at `seq`, or refused for good with `error`. */
export type PushAck =
	| { readonly id: string; readonly hlc: string; readonly seq: number }
	| { readonly id: string; readonly hlc: string; readonly error: string };

export interface PushRequest {
	readonly circleId: string;
	readonly envelopes: readonly Envelope[];
}

export interface PushResponse {
	readonly acks: readonly PushAck[];
}

export interface PullRequest {
	readonly circleId: string;
	/** Last seq applied (0 at first): a server position, never a client time. */
	readonly since: number;
	/**
	 * The record id of the envelope at seq `since`, so the server can say when its seqs were reused
	 * after a restore (`reset`). Absent at 0 or when unknown.
	 */
	readonly sinceId?: string;
	readonly limit: number;
}

export interface PullResponse {
	readonly envelopes: readonly PulledEnvelope[];
	/** The `since` of the next page: the last returned seq, or the request's `since` when empty. */
	readonly checkpoint: number;
	readonly hasMore: boolean;
	/** The server database's epoch (new after a restore); absent from older servers. */
	readonly epoch?: string;
	/**
	 * The server cannot vouch for the checkpoint sent (it is beyond the circle's newest seq: the
	 * database went back to an older copy under the same epoch): treated as a new epoch.
	 */
	readonly reset?: boolean;
}

/** Whole-request failures. Per-envelope refusals are acks with `error`. */
export type TransportError =
	| { readonly type: 'offline' }
	| { readonly type: 'auth-required' }
	| { readonly type: 'forbidden' }
	| { readonly type: 'forbidden-origin'; readonly origin: string }
	| { readonly type: 'rate-limited'; readonly retryAfterMs: number | null }
	| { readonly type: 'server'; readonly status: number }
	| { readonly type: 'bad-request'; readonly status: number }
	| { readonly type: 'invalid-response' };

export interface TransportPort {
	readonly push: (request: PushRequest) => Promise<Result<PushResponse, TransportError>>;
	readonly pull: (request: PullRequest) => Promise<Result<PullResponse, TransportError>>;
}

/**
 * The vault's outbox: envelopes written in the same transaction as their record (STYLE 3), kept
 * until the server acknowledges that exact version. A newer local edit may replace a pending row;
 * an ack for the older (id, hlc) must then leave the newer row in place.
 */
export interface OutboxPort {
	/** Up to `limit` pending envelopes, oldest first. */
	readonly pending: (limit: number) => Promise<readonly Envelope[]>;
	readonly count: () => Promise<number>;
	/** Remove the rows whose (id, hlc) the server stored. */
	readonly ack: (versions: readonly VersionKey[]) => Promise<void>;
	/** Set aside rows the server refused for good (kept for the person, never retried). */
	readonly reject: (
		rejections: readonly (VersionKey & { readonly error: string })[]
	) => Promise<void>;
}

/** Per-circle pull position; written only after the pulled page was applied. */
export interface CheckpointPort {
	readonly get: (circleId: string) => Promise<number>;
	/** `id`: the record id of the envelope at `seq` (the last one applied), when there is one. */
	readonly set: (circleId: string, seq: number, id?: string) => Promise<void>;
	/** The record id stored with the checkpoint, or null. */
	readonly getId?: (circleId: string) => Promise<string | null>;
}

/**
 * Recovery from a server restore (DESIGN: Sync protocol). A restored database reuses seqs and has
 * lost what was acknowledged after its copy was taken; a backup import loses what this device
 * pulled after the backup. Either way the circle is pulled again from 0 and every local version the
 * server did not return is queued again (the server's push is idempotent by (id, hlc)).
 */
export interface RestorePort {
	/** The epoch this device last pulled `circleId` under; null before any. */
	readonly epoch: (circleId: string) => Promise<string | null>;
	/** The first epoch seen for `circleId` (nothing to compare it with): stored as it is. */
	readonly remember: (circleId: string, epoch: string) => Promise<void>;
	/** A new epoch: checkpoint back to 0, the epoch stored and a full compare marked, together. */
	readonly begin: (circleId: string, epoch: string) => Promise<void>;
	/** Whether a full compare is due for `circleId` (after `begin`, or a backup import). */
	readonly due: (circleId: string) => Promise<boolean>;
	/**
	 * After a full pull: queues every local version whose (id, hlc) is not in `held` ("id hlc"
	 * strings the server returned) and clears the mark. Returns how many were queued.
	 */
	readonly resend: (circleId: string, held: ReadonlySet<string>) => Promise<number>;
}

export type SyncFailure =
	| Exclude<TransportError, { readonly type: 'offline' } | { readonly type: 'auth-required' }>
	| { readonly type: 'rejected'; readonly count: number }
	| { readonly type: 'storage'; readonly message: string };

/** What the person sees. `pending` counts local writes not yet acknowledged. */
export type SyncStatus =
	| { readonly kind: 'synced' }
	| { readonly kind: 'pending'; readonly pending: number }
	| { readonly kind: 'syncing'; readonly pending: number }
	| { readonly kind: 'offline'; readonly pending: number }
	| { readonly kind: 'error'; readonly reason: SyncFailure; readonly pending: number }
	| { readonly kind: 'auth-required'; readonly pending: number };

/** When the scheduler should try again after a sync run. */
export type RetryAdvice =
	| { readonly type: 'none' }
	| { readonly type: 'backoff'; readonly notBeforeMs: number }
	| { readonly type: 'after-auth' };

export interface SyncRun {
	readonly status: SyncStatus;
	readonly retry: RetryAdvice;
}
