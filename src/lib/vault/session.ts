// An unlocked vault's keys, held only in memory and only as non-extractable CryptoKeys. Locking
// drops the session object; nothing here is ever written anywhere.
//
// Key rows are sealed under the vault's row key, bound to {circle, category, key id, createdAt}
// (src/lib/crypto/keys.ts): a row that does not open as exactly itself refuses the session. The
// key new writes use in a category is its newest key (createdAt, then key id), whatever a stored
// `active` flag says, so a key from before a rotation can never become active again. Rows of the
// first format (bound to nothing) are resealed here, to be written back by the caller.
import { fromBase64Url } from '$lib/crypto/bytes';
import {
	type KeyRowBinding,
	deriveKeyRowKey,
	isLegacyKeyRow,
	openKeyRow,
	sealKeyRow,
	unwrapCategoryKey
} from '$lib/crypto/keys';
import type { VaultHeader } from './header';
import type { KeyRow } from './key-row';

export interface Session {
	readonly header: VaultHeader;
	readonly vaultKey: CryptoKey;
	/** Seals and opens key rows (derived from the vault key). */
	readonly rowKey: CryptoKey;
	/** keyId → key, every key ever used (older ones read older buckets). */
	readonly keysById: Map<string, CryptoKey>;
	/** keyId → the category the key belongs to: a pulled envelope opens only with its own. */
	readonly keyCategories: Map<string, string>;
	/** category → keyId of the key new writes use. */
	readonly activeKeyIds: Map<string, string>;
	/** The login secret derived from the passphrase (null after a recovery-key unlock). */
	readonly authKey: Uint8Array | null;
}

/** Per category, the newest row (createdAt, then key id). */
function isNewer(a: KeyRow, b: KeyRow): boolean {
	return a.createdAt !== b.createdAt ? a.createdAt > b.createdAt : a.keyId > b.keyId;
}

/** The rows with `active` set on exactly the newest row of each category. */
export function withNewestActive(rows: readonly KeyRow[]): KeyRow[] {
	const newest = new Map<string, KeyRow>();
	for (const row of rows) {
		const seen = newest.get(row.category);
		if (seen === undefined || isNewer(row, seen)) newest.set(row.category, row);
	}
	return rows.map((r) => ({ ...r, active: newest.get(r.category) === r ? 1 : 0 }));
}

export const keyRowBinding = (
	circleId: string,
	row: Pick<KeyRow, 'category' | 'keyId' | 'createdAt'>
): KeyRowBinding => ({
	circleId,
	category: row.category,
	keyId: row.keyId,
	createdAt: row.createdAt
});

export interface OpenedSession {
	readonly session: Session;
	/** Rows resealed from the first format (or whose active flag changed): write them back. */
	readonly changed: readonly KeyRow[];
}

export async function openSession(
	header: VaultHeader,
	vaultKey: CryptoKey,
	stored: readonly KeyRow[],
	authKey: Uint8Array | null
): Promise<OpenedSession | null> {
	const rowKey = await deriveKeyRowKey(vaultKey);
	const resealed = await Promise.all(
		stored.map(async (row): Promise<KeyRow | null> => {
			if (!isLegacyKeyRow(row.wrapped)) return row;
			const key = await unwrapCategoryKey(row.wrapped, vaultKey, true);
			if (key === null) return null;
			const wrapped = await sealKeyRow(key, rowKey, keyRowBinding(header.circleId, row));
			return { ...row, wrapped };
		})
	);
	if (resealed.some((r) => r === null)) return null;
	const rows = withNewestActive(resealed.flatMap((r) => (r === null ? [] : [r])));
	const keysById = new Map<string, CryptoKey>();
	const activeKeyIds = new Map<string, string>();
	const keyCategories = new Map<string, string>();
	// Opened together (WebCrypto runs them concurrently); any failure refuses the session.
	const keys = await Promise.all(
		rows.map((row) => openKeyRow(row.wrapped, rowKey, keyRowBinding(header.circleId, row)))
	);
	for (const [index, row] of rows.entries()) {
		const key = keys[index];
		if (!key) return null;
		keysById.set(row.keyId, key);
		keyCategories.set(row.keyId, row.category);
		if (row.active === 1) activeKeyIds.set(row.category, row.keyId);
	}
	const changed = rows.filter((r, i) => {
		const before = stored.at(i);
		return before === undefined || r.wrapped !== before.wrapped || r.active !== before.active;
	});
	return {
		session: { header, vaultKey, rowKey, keysById, keyCategories, activeKeyIds, authKey },
		changed
	};
}

export function decodeWrapped(text: string): Uint8Array<ArrayBuffer> {
	return fromBase64Url(text);
}
