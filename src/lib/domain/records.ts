// The shapes of the vault's public surface: records, the operations a commit takes, and the
// failures (unlock, commit, backup) as values. Pure types, so every layer may name them: the UI
// shows a record or an error without importing the vault (which alone touches Dexie and WebCrypto).
import type { Category } from './categories';
import type { AuthorCheck } from './circle/record-signature';

export type VaultStatus = 'absent' | 'locked' | 'unlocked';

export type UnlockError =
	| { readonly type: 'wrong-secret'; readonly failures: number; readonly retryAfterMs: number }
	| { readonly type: 'throttled'; readonly retryAfterMs: number }
	| { readonly type: 'kdf-below-floor' }
	| { readonly type: 'no-vault' };

/** A decrypted record as the app sees it. `body` has been parsed by the kind's zod schema. */
export interface VaultRecord<B = unknown> {
	readonly id: string;
	readonly circleId: string;
	readonly kind: string;
	readonly category: Category;
	/** Effective time of the entry (ms since epoch), e.g. when the symptom was felt. */
	readonly at: number;
	/** Hybrid logical clock of the last write; compare-and-set token for edits. */
	readonly hlc: string;
	readonly deleted: boolean;
	/** Who wrote this version (account or device label), for entries written on the person's behalf. */
	readonly author?: string;
	/** The author's identity signature over this version (`domain/circle/record-signature.ts`). */
	readonly signature?: string;
	/**
	 * What the reading device made of `author` (state's `checkAuthors`): set on records a screen
	 * names the writer of; absent means not checked, which never reads as verified.
	 */
	readonly authorCheck?: AuthorCheck | null;
	readonly body: B;
	/** Present when another device edited the same entry at the same time: the person chooses. */
	readonly conflict?: { readonly hlc: string; readonly body: unknown; readonly author?: string };
}

/** A write the UI asks for. `expectedHlc` makes an edit fail if the record changed meanwhile. */
export type RecordOp =
	| {
			readonly type: 'put';
			readonly id?: string;
			readonly kind: string;
			readonly category: Category;
			readonly at: number;
			readonly body: unknown;
			readonly expectedHlc?: string;
			/** Who wrote it, when restoring a version written by someone else (a FHIR import). */
			readonly author?: string;
	  }
	| {
			readonly type: 'delete';
			readonly id: string;
			readonly category: Category;
			readonly expectedHlc?: string;
	  }
	| {
			readonly type: 'restore';
			readonly id: string;
			readonly category: Category;
	  };

export type CommitError =
	| { readonly type: 'locked' }
	| { readonly type: 'conflict'; readonly id: string; readonly current: VaultRecord | null }
	| { readonly type: 'not-found'; readonly id: string }
	| { readonly type: 'invalid'; readonly id: string; readonly issues: readonly string[] };

export type BackupError =
	| { readonly type: 'not-a-backup' }
	| { readonly type: 'unsupported-version'; readonly version: number }
	| { readonly type: 'wrong-secret' }
	| { readonly type: 'corrupt' }
	| { readonly type: 'locked' };

export interface PersistenceInfo {
	/** true: the browser promised not to evict; false: refused; null: API not available. */
	readonly persisted: boolean | null;
}

export interface RecordQuery {
	readonly category: Category;
	readonly kinds?: readonly string[];
	/** Inclusive lower bound on `at` (ms). */
	readonly from?: number;
	/** Exclusive upper bound on `at` (ms). */
	readonly to?: number;
	readonly includeDeleted?: boolean;
	/**
	 * Only the `newest` records with the greatest `at` (after the other filters), still in time
	 * order: a screen that shows the last entries need not read every week of the category.
	 */
	readonly newest?: number;
}

/**
 * A value derived per bucket (vault/derived.ts), e.g. a week's readings as plain numbers: what it is
 * computed from, and how a stored one is checked on the way back in.
 */
export interface DeriveQuery<T> {
	readonly category: Category;
	/** Buckets from the week of `from` (with a week of slack) onwards; all buckets when absent. */
	readonly from?: number;
	/** Names the computation; change it (e.g. a version suffix) whenever `compute` changes. */
	readonly name: string;
	/** The only kinds `compute` reads (the others are not handed to it); every kind when absent. */
	readonly kinds?: ReadonlySet<string>;
	readonly compute: (records: readonly VaultRecord[]) => T;
	/** Validates a stored value (null when it does not fit: it is then recomputed). */
	readonly parse: (value: unknown) => T | null;
}

/** One bucket's derived value. */
export interface Derived<T> {
	readonly bid: string;
	readonly week: number;
	readonly value: T;
}
