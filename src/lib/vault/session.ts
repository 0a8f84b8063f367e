// An unlocked vault's keys, held only in memory and only as non-extractable CryptoKeys. Locking
// drops the session object; nothing here is ever written anywhere.
import { fromBase64Url } from '$lib/crypto/bytes';
import { unwrapCategoryKey } from '$lib/crypto/keys';
import type { VaultHeader } from './header';
import type { KeyRow } from './db';

export interface Session {
	readonly header: VaultHeader;
	readonly vaultKey: CryptoKey;
	/** keyId → key, every key ever used (older ones read older buckets). */
	readonly keysById: Map<string, CryptoKey>;
	/** keyId → the category the key belongs to: a pulled envelope opens only with its own. */
	readonly keyCategories: Map<string, string>;
	/** category → keyId of the key new writes use. */
	readonly activeKeyIds: Map<string, string>;
	/** The login secret derived from the passphrase (null after a recovery-key unlock). */
	readonly authKey: Uint8Array | null;
}

export async function openSession(
	header: VaultHeader,
	vaultKey: CryptoKey,
	rows: readonly KeyRow[],
	authKey: Uint8Array | null
): Promise<Session | null> {
	const keysById = new Map<string, CryptoKey>();
	const activeKeyIds = new Map<string, string>();
	const keyCategories = new Map<string, string>();
	// Unwrapped together (WebCrypto runs them concurrently); any failure refuses the session.
	const keys = await Promise.all(rows.map((row) => unwrapCategoryKey(row.wrapped, vaultKey)));
	for (const [index, row] of rows.entries()) {
		const key = keys[index];
		if (!key) return null;
		keysById.set(row.keyId, key);
		keyCategories.set(row.keyId, row.category);
		if (row.active === 1) activeKeyIds.set(row.category, row.keyId);
	}
	return { header, vaultKey, keysById, keyCategories, activeKeyIds, authKey };
}

export function decodeWrapped(text: string): Uint8Array<ArrayBuffer> {
	return fromBase64Url(text);
}
