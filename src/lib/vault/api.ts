// The vault's public surface, as seen by state managers and commands. The UI never touches Dexie or
// WebCrypto: it calls these functions and reads live queries. Expected failures are values.
import type { Category } from '$lib/domain/categories';

export type VaultStatus = 'absent' | 'locked' | 'unlocked';

export type UnlockError =
	| { readonly type: 'wrong-secret'; readonly failures: number; readonly retryAfterMs: number }
	| { readonly type: 'throttled'; readonly retryAfterMs: number }
	| { readonly type: 'kdf-below-floor' }
	| { readonly type: 'no-vault' };

export type Result<T, E> =
	{ readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

/** A decrypted record as the app sees it. `body` has been parsed by the kind's zod schema. */
export interface VaultRecord<B = unknown> {
	readonly id: string;
	readonly circleId: string;
	readonly kind: string;
	readonly category: Category;
	/** Effective time of the entry (ms since epoch), e.g. when the symptom was felt. */
	readonly at: number;
	readonly hlc: string;
	readonly deleted: boolean;
	readonly body: B;
}

export type BackupError =
	| { readonly type: 'not-a-backup' }
	| { readonly type: 'unsupported-version'; readonly version: number }
	| { readonly type: 'wrong-secret' }
	| { readonly type: 'corrupt' };

export interface PersistenceInfo {
	/** true: the browser promised not to evict; false: refused; null: API not available. */
	readonly persisted: boolean | null;
}
