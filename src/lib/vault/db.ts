// The Dexie schema. Rows hold only metadata and ciphertext: everything a person wrote is inside
// `ct`. Plain fields: bucket id (circle, category, week), key id, IV, revision; the vault header
// (KDF parameters, wrapped keys) and non-health preferences. Indexes exist only on plain fields.
// Private to the vault (eslint.layers.js): nothing outside src/lib/vault imports this module or
// Dexie; tests reach the tables through `vault/testing.ts` only.
import { Dexie, type Table } from 'dexie';
import type { Category } from '$lib/domain/categories';
import type { KeyRow } from './key-row';

export interface MetaRow {
	readonly key: string;
	readonly value: unknown;
}

/** Up to one week of one category's records, encrypted together (IndexedDB's cost is per row). */
export interface BucketRow {
	readonly bid: string;
	readonly circleId: string;
	readonly category: Category;
	readonly week: number;
	readonly keyId: string;
	readonly iv: Uint8Array<ArrayBuffer>;
	readonly ct: Uint8Array<ArrayBuffer>;
	/** Incremented on every write: a commit only lands if the revision it read is still current. */
	readonly rev: number;
}

/** What changed, for sync: references only, no content (the sync client encrypts envelopes). */
export interface OutboxRef {
	readonly id: string;
	readonly bid: string;
	readonly category: Category;
	readonly hlc: string;
}

export interface OutboxRow {
	readonly seq?: number;
	readonly createdAt: number;
	readonly refs: readonly OutboxRef[];
}

export interface DraftRow {
	readonly key: string;
	readonly keyId: string;
	readonly iv: Uint8Array<ArrayBuffer>;
	readonly ct: Uint8Array<ArrayBuffer>;
}

export class VaultDb extends Dexie {
	meta!: Table<MetaRow, string>;
	keys!: Table<KeyRow, string>;
	buckets!: Table<BucketRow, string>;
	outbox!: Table<OutboxRow, number>;
	drafts!: Table<DraftRow, string>;

	constructor(
		name: string,
		options?: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange }
	) {
		super(name, options);
		this.version(1).stores({
			meta: '&key',
			keys: '&keyId, category',
			buckets: '&bid, [circleId+category+week]',
			outbox: '++seq',
			drafts: '&key'
		});
	}
}

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

export function weekOf(ms: number): number {
	return Math.floor(ms / WEEK_MS);
}

const owners = new WeakMap<object, VaultDb>();

/** Records which Dexie database `owner` (a vault) is kept in; called once, by `createVault`. */
export function attachDb(owner: object, db: VaultDb): void {
	owners.set(owner, db);
}

/** The Dexie database of a vault made by `createVault` (for the vault's own modules). */
export function dbOf(owner: object): VaultDb {
	const db = owners.get(owner);
	if (db === undefined) throw new Error('not a vault made by createVault');
	return db;
}

export function bucketId(circleId: string, category: string, week: number): string {
	return `${circleId}:${category}:${week}`;
}
