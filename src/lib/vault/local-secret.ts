// Small secrets this device must keep across a reload but never sync nor store in plaintext (e.g.
// the auth key before a passphrase change whose server update is still pending). Each is sealed
// with AES-256-GCM under the vault's active `settings` category key, bound to its name, and stored
// in the vault's `meta` table (which never syncs). Invariant: nothing here is readable while the
// vault is locked, and a sealed value cannot be moved to another name.
import * as z from 'zod';
import { open, seal } from '$lib/crypto/aead';
import { fromBase64Url, toBase64Url } from '$lib/crypto/bytes';
import { makeCiphertext } from '$lib/crypto/types';
import type { Vault } from './vault';
import { dbOf } from './db';

const PREFIX = 'local-secret:';
const CATEGORY = 'settings';
const SCHEMA_VERSION = 1;

const storedSchema = z.object({
	keyId: z.string().min(1),
	iv: z.string().min(1),
	data: z.string().min(1)
});

async function categoryKey(vault: Vault, keyId: string): Promise<CryptoKey | null> {
	return vault.categoryKey(keyId, false);
}

const bound = (circleId: string, name: string, keyId: string) => ({
	id: `${PREFIX}${name}`,
	circleId,
	category: CATEGORY,
	keyId,
	schemaVersion: SCHEMA_VERSION
});

/** Seals `bytes` under `name`; false while locked. */
export async function saveLocalSecret(
	vault: Vault,
	name: string,
	bytes: Uint8Array
): Promise<boolean> {
	const keyId = vault.sharingKeyMaterial()?.activeKeyIds.get(CATEGORY);
	const header = await vault.header();
	if (keyId === undefined || header === null) return false;
	const key = await categoryKey(vault, keyId);
	if (key === null) return false;
	const sealed = await seal(key, bound(header.circleId, name, keyId), new Uint8Array(bytes));
	await dbOf(vault).meta.put({
		key: `${PREFIX}${name}`,
		value: { keyId, iv: toBase64Url(sealed.iv), data: toBase64Url(sealed.data) }
	});
	return true;
}

/** The secret saved under `name`, or null (none, locked, or it does not authenticate). */
export async function readLocalSecret(vault: Vault, name: string): Promise<Uint8Array | null> {
	const row = await dbOf(vault).meta.get(`${PREFIX}${name}`);
	const stored = storedSchema.safeParse(row?.value);
	const header = await vault.header();
	if (!stored.success || header === null) return null;
	const key = await categoryKey(vault, stored.data.keyId);
	if (key === null) return null;
	try {
		const plain = await open(
			key,
			bound(header.circleId, name, stored.data.keyId),
			makeCiphertext(fromBase64Url(stored.data.iv), fromBase64Url(stored.data.data))
		);
		return plain === null ? null : plain.bytes;
	} catch {
		return null;
	}
}

export async function removeLocalSecret(vault: Vault, name: string): Promise<void> {
	await dbOf(vault).meta.delete(`${PREFIX}${name}`);
}
