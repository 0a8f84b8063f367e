// Encrypted backup: a versioned JSON file holding the vault exactly as stored (header, wrapped keys,
// encrypted buckets), so nothing is ever decrypted to make it. Import checks everything first —
// format, version, the passphrase, every key and every bucket's authentication — and only then
// replaces the local vault in one transaction: a wrong passphrase or a corrupt file changes nothing.
import * as z from 'zod/mini';
import { fromBase64Url, randomBytes, toBase64Url, toHex, utf8 } from '$lib/crypto/bytes';
import { deriveRootKey, normalizePassphrase, type Argon2 } from '$lib/crypto/kdf';
import {
	deriveKeyRowKey,
	derivePassphraseKeys,
	isLegacyKeyRow,
	openKeyRow,
	unwrapCategoryKey,
	unwrapVaultKey
} from '$lib/crypto/keys';
import { keyRowBinding } from './session';
import { categorySchema } from '$lib/domain/categories';
import type { BackupError } from '$lib/domain/records';
import type { Result } from '$lib/domain/result';
import { openBucket } from './buckets';
import { dbOf, type BucketRow } from './db';
import type { KeyRow } from './key-row';
import { headerSchema } from './header';
import type { Vault } from './vault';

export const BACKUP_FORMAT = 'cercle-backup';
export const BACKUP_VERSION = 1;

const b64 = z.string().check(z.regex(/^[A-Za-z0-9_-]*$/));

const backupSchema = z.object({
	format: z.literal(BACKUP_FORMAT),
	version: z.literal(BACKUP_VERSION),
	exportedAt: z.int(),
	header: headerSchema,
	keys: z.array(
		z.object({
			keyId: z.string().check(z.minLength(1), z.maxLength(64)),
			category: categorySchema,
			wrapped: b64,
			createdAt: z.int(),
			active: z.union([z.literal(0), z.literal(1)])
		})
	),
	buckets: z.array(
		z.object({
			bid: z.string().check(z.minLength(1), z.maxLength(200)),
			circleId: z.string().check(z.minLength(1), z.maxLength(64)),
			category: categorySchema,
			week: z.int(),
			keyId: z.string().check(z.minLength(1), z.maxLength(64)),
			iv: b64,
			ct: b64,
			rev: z.int().check(z.nonnegative())
		})
	)
});

export async function exportBackup(
	vault: Vault,
	now: number
): Promise<Result<string, BackupError>> {
	if (!vault.isUnlocked()) return { ok: false, error: { type: 'locked' } };
	const header = await vault.header();
	if (!header) return { ok: false, error: { type: 'locked' } };
	const [keys, buckets] = await Promise.all([
		dbOf(vault).keys.toArray(),
		dbOf(vault).buckets.toArray()
	]);
	const file: z.input<typeof backupSchema> = {
		format: BACKUP_FORMAT,
		version: BACKUP_VERSION,
		exportedAt: now,
		header: { ...header, failures: 0, lastFailureAt: 0 },
		keys: keys.map((k) => ({ ...k, wrapped: toBase64Url(k.wrapped) })),
		buckets: buckets.map((b) => ({ ...b, iv: toBase64Url(b.iv), ct: toBase64Url(b.ct) }))
	};
	return { ok: true, value: JSON.stringify(file) };
}

function versionOf(value: unknown): number | null {
	const probe = z
		.object({ format: z.literal(BACKUP_FORMAT), version: z.number() })
		.safeParse(value);
	return probe.success ? probe.data.version : null;
}

/** Checks the file and the passphrase completely, then replaces the vault (which ends locked). */
export async function importBackup(
	vault: Vault,
	argon2: Argon2,
	text: string,
	passphrase: string
): Promise<Result<void, BackupError>> {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		return { ok: false, error: { type: 'not-a-backup' } };
	}
	const version = versionOf(json);
	if (version === null) return { ok: false, error: { type: 'not-a-backup' } };
	if (version !== BACKUP_VERSION) {
		return { ok: false, error: { type: 'unsupported-version', version } };
	}
	const parsed = backupSchema.safeParse(json);
	if (!parsed.success) return { ok: false, error: { type: 'corrupt' } };
	const backup = parsed.data;

	const root = await deriveRootKey(
		argon2,
		utf8(normalizePassphrase(passphrase)),
		fromBase64Url(backup.header.kdf.salt),
		backup.header.kdf
	);
	if (!root.ok) return { ok: false, error: { type: 'corrupt' } };
	const { kek } = await derivePassphraseKeys(root.value);
	const vaultKey = await unwrapVaultKey(fromBase64Url(backup.header.wrappedVaultKey), kek);
	if (!vaultKey) return { ok: false, error: { type: 'wrong-secret' } };

	const keyRows: KeyRow[] = backup.keys.map((k) => ({ ...k, wrapped: fromBase64Url(k.wrapped) }));
	const keys = new Map<string, CryptoKey>();
	const rowKey = await deriveKeyRowKey(vaultKey);
	for (const row of keyRows) {
		// A backup written before key rows were bound holds first-format rows: the session
		// reseals them at the next unlock (they come from the person's own file, not the server).
		const key = isLegacyKeyRow(row.wrapped)
			? await unwrapCategoryKey(row.wrapped, vaultKey)
			: await openKeyRow(row.wrapped, rowKey, keyRowBinding(backup.header.circleId, row));
		if (!key) return { ok: false, error: { type: 'corrupt' } };
		keys.set(row.keyId, key);
	}
	const bucketRows: BucketRow[] = backup.buckets.map((b) => ({
		...b,
		iv: fromBase64Url(b.iv),
		ct: fromBase64Url(b.ct)
	}));
	for (const row of bucketRows) {
		const key = keys.get(row.keyId);
		if (!key || row.circleId !== backup.header.circleId || !(await openBucket(key, row))) {
			return { ok: false, error: { type: 'corrupt' } };
		}
	}
	// This device gets its own clock node id: two devices must never issue the same HLC.
	const nodeId = toHex(randomBytes(8));
	await vault.replaceAll({ ...backup.header, nodeId }, keyRows, bucketRows);
	return { ok: true, value: undefined };
}
