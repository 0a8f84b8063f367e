// A category key as the vault stores it and as it travels to the person's other devices: sealed
// (`crypto/keys.ts` sealKeyRow, bound to circle, category, key id and time), never in plain.
// Public: the sync ports and the account's key blob speak this shape; the Dexie tables that hold
// it stay private to the vault (db.ts).
import type { Category } from '$lib/domain/categories';

export interface KeyRow {
	readonly keyId: string;
	readonly category: Category;
	readonly wrapped: Uint8Array<ArrayBuffer>;
	readonly createdAt: number;
	/** 1 for the key new writes use; older keys stay to read older buckets. */
	readonly active: 0 | 1;
}
