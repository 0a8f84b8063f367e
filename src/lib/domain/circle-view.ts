// One circle's records as a screen sees them, whoever is looking (issue 5 §6). The person looking
// at their own circle and a carer looking at the person's circle get the same shape, so the task
// board, the journal lists and the Learn recommendations work over either:
// - own circle: `records` is the open vault itself; every category is readable and writable;
// - someone else's circle (member): `records` is that circle's pulled, decrypted records, limited
//   to the categories the person granted; writes are sealed with the circle's category key and
//   pushed to the person's circle, marked with the writer (`author`).
// The member implementation is `vault/member-circle.ts` (opened by `state/member-circle.svelte.ts`),
// the own one `state/own-circle.ts`. Pure types (and one constant), so every layer names them; the
// vault's `Records` extends `CircleRecords`.
import type { Category } from './categories';
import type { Result } from './result';
import type { CommitError, RecordOp, RecordQuery, VaultRecord } from './records';
import type { DeriveQuery, Derived } from './records';

/** The part of the vault's record API a circle view offers; both kinds also keep digests. */
export interface CircleRecords {
	commit(
		ops: readonly RecordOp[],
		options?: { readonly author?: string }
	): Promise<Result<readonly VaultRecord[], CommitError>>;
	query(query: RecordQuery): Promise<readonly VaultRecord[]>;
	get(category: Category, id: string): Promise<VaultRecord | null>;
	/** Calls `onChange` with fresh results now and after every change to the category. */
	observe(query: RecordQuery, onChange: (records: readonly VaultRecord[]) => void): () => void;
	/** Per-week derived values (e.g. digests), now and after every change to the category. */
	observeDerived?<T>(
		query: DeriveQuery<T>,
		onChange: (values: readonly Derived<T>[]) => void
	): () => void;
}

/** Stands for the person's own account when they use Cercle without an account. */
export const LOCAL_ACCOUNT = 'me';

export interface CircleView {
	readonly circleId: string;
	/** This account's id in the circle (LOCAL_ACCOUNT when the person has no account). */
	readonly me: string;
	/** The circle owner's account id (equal to `me` for the person's own circle). */
	readonly ownerId: string;
	readonly isOwner: boolean;
	/** How the screen names the person whose circle it is ("Marie", or "you" for one's own). */
	readonly ownerName: string;
	readonly canRead: (category: Category) => boolean;
	readonly canWrite: (category: Category) => boolean;
	readonly records: CircleRecords;
	/** The display name of an account of this circle (a member's label), or null if unknown. */
	readonly nameOf: (accountId: string) => string | null;
	/**
	 * True for an account that wrote in this circle and is no longer in it (removed or left); known
	 * where the member list is: the person's own circle online, and a member circle (the list the
	 * server gave, or its cached copy offline). Absent: nobody is known gone.
	 */
	readonly departed?: (accountId: string) => boolean;
}
