// What a backup file must be before it replaces the vault (src/lib/vault/backup.ts): every field
// within its bounds, every key row and bucket opening as exactly itself in the file's own circle,
// the KDF costs at the floor. The refused files below are otherwise valid: their rows are sealed
// with the vault's real keys, so only the check named in each case can refuse them. An export
// carries the vault as stored, with the unlock throttle reset; an import gets its own clock node.
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { argon2HashWasm } from '$lib/crypto/argon2-hash-wasm';
import { fromBase64Url, toBase64Url } from '$lib/crypto/bytes';
import { deriveKeyRowKey, generateCategoryKey, sealKeyRow, wrapKey } from '$lib/crypto/keys';
import { exportBackup, importBackup } from '$lib/vault/backup';
import { sealBucket } from '$lib/vault/buckets';
import type { Vault } from '$lib/vault/vault';
import { makeVault, PASSPHRASE, symptomOp } from '../../fixtures/vault';
import { vaultTables } from '$lib/vault/testing';

const keySchema = z.object({
	keyId: z.string(),
	category: z.string(),
	wrapped: z.string(),
	createdAt: z.number(),
	active: z.number()
});
const bucketSchema = z.object({
	bid: z.string(),
	circleId: z.string(),
	category: z.string(),
	week: z.number(),
	keyId: z.string(),
	iv: z.string(),
	ct: z.string(),
	rev: z.number()
});
const fileSchema = z.looseObject({
	exportedAt: z.number(),
	header: z.looseObject({
		circleId: z.string(),
		nodeId: z.string(),
		failures: z.number(),
		lastFailureAt: z.number(),
		kdf: z.looseObject({ memoryKiB: z.number() })
	}),
	keys: z.array(keySchema),
	buckets: z.array(bucketSchema)
});
type BackupFile = z.infer<typeof fileSchema>;
type FileKey = z.infer<typeof keySchema>;
type FileBucket = z.infer<typeof bucketSchema>;

interface Source {
	readonly vault: Vault;
	readonly file: BackupFile;
	readonly bucket: FileBucket;
}

async function source(): Promise<Source> {
	const vault = makeVault();
	await vault.create(PASSPHRASE);
	await vault.commit([symptomOp(Date.now() - 1000, 4, 'from the backup')]);
	const exported = await exportBackup(vault, 1_750_000_000_000);
	if (!exported.ok) throw new Error('export');
	const file = fileSchema.parse(JSON.parse(exported.value));
	const [bucket] = file.buckets;
	if (!bucket) throw new Error('bucket');
	return { vault, file, bucket };
}

/** The file's bucket resealed with the vault's symptoms key under other metadata. */
async function resealed(s: Source, meta: Partial<FileBucket>): Promise<FileBucket> {
	const row = (await vaultTables(s.vault).buckets.toArray())[0];
	const records = row ? await s.vault.bucketRecords(row) : null;
	const key = await s.vault.categoryKey(s.bucket.keyId, false);
	if (!row || !records || !key) throw new Error('setup');
	const next = { ...s.bucket, ...meta };
	const sealed = await sealBucket(
		key,
		{
			bid: next.bid,
			circleId: next.circleId,
			category: row.category,
			week: next.week,
			keyId: next.keyId
		},
		records,
		next.rev
	);
	return { ...next, iv: toBase64Url(sealed.iv), ct: toBase64Url(sealed.ct) };
}

/** A new key row sealed under the vault's row key, bound to exactly its own fields. */
async function sealedKeyRow(s: Source, row: Omit<FileKey, 'wrapped'>): Promise<FileKey> {
	const material = s.vault.sharingKeyMaterial();
	if (!material) throw new Error('locked');
	const rowKey = await deriveKeyRowKey(material.vaultKey);
	const wrapped = await sealKeyRow(await generateCategoryKey(), rowKey, {
		circleId: s.file.header.circleId,
		category: row.category,
		keyId: row.keyId,
		createdAt: row.createdAt
	});
	return { ...row, wrapped: toBase64Url(wrapped) };
}

async function importInto(text: string) {
	const target = makeVault();
	const result = await importBackup(target, argon2HashWasm, text, PASSPHRASE);
	return { target, result };
}

const corrupt = { ok: false, error: { type: 'corrupt' } };

describe('backup export', () => {
	it('carries the rows as stored, the time given, and no unlock failures', async () => {
		const vault = makeVault();
		await vault.create(PASSPHRASE);
		await vault.commit([symptomOp(Date.now() - 1000, 2)]);
		const meta = vaultTables(vault).meta;
		const header = await vault.header();
		if (!header) throw new Error('header');
		await meta.put({ key: 'header', value: { ...header, failures: 4, lastFailureAt: 1234 } });
		const exported = await exportBackup(vault, 1_760_000_000_000);
		if (!exported.ok) throw new Error('export');
		const file = fileSchema.parse(JSON.parse(exported.value));
		// The file's format name and version are what an import of this file, later, looks for.
		expect([file.format, file.version]).toEqual(['cercle-backup', 1]);
		expect(file.exportedAt).toBe(1_760_000_000_000);
		expect([file.header.failures, file.header.lastFailureAt]).toEqual([0, 0]);
		expect(file.header.nodeId).toBe(header.nodeId);
		const keys = await vaultTables(vault).keys.toArray();
		expect(file.keys.map((k) => [k.keyId, fromBase64Url(k.wrapped)])).toEqual(
			keys.map((k) => [k.keyId, k.wrapped])
		);
		const [bucket] = await vaultTables(vault).buckets.toArray();
		expect(file.buckets.map((b) => [b.bid, b.rev, fromBase64Url(b.ct)])).toEqual([
			[bucket?.bid, bucket?.rev, bucket?.ct]
		]);
		vault.lock();
		expect(await exportBackup(vault, 1)).toEqual({ ok: false, error: { type: 'locked' } });
	});
});

describe('backup import', () => {
	it('gives this device its own clock node id', async () => {
		const s = await source();
		const { target, result } = await importInto(JSON.stringify(s.file));
		expect(result.ok).toBe(true);
		const nodeId = (await target.header())?.nodeId;
		expect(nodeId).toMatch(/^[0-9a-f]{16}$/);
		expect(nodeId).not.toBe(s.file.header.nodeId);
	});

	it('reads key rows of the first format from the person’s own file', async () => {
		const s = await source();
		const material = s.vault.sharingKeyMaterial();
		if (!material) throw new Error('locked');
		const legacy = await wrapKey(await generateCategoryKey(), material.vaultKey);
		const file = {
			...s.file,
			keys: [
				...s.file.keys,
				{
					keyId: 'legacy01',
					category: 'notes',
					wrapped: toBase64Url(legacy),
					createdAt: 1,
					active: 0
				}
			]
		};
		const { target, result } = await importInto(JSON.stringify(file));
		expect(result.ok).toBe(true);
		expect((await target.unlock(PASSPHRASE)).ok).toBe(true);
		expect(await target.categoryKey('legacy01', false)).not.toBeNull();
		expect(await target.query({ category: 'symptoms' })).toHaveLength(1);
	});

	it('refuses KDF costs below the floor before trying the passphrase', async () => {
		const s = await source();
		const file = {
			...s.file,
			header: { ...s.file.header, kdf: { ...s.file.header.kdf, memoryKiB: 1024 } }
		};
		expect((await importInto(JSON.stringify(file))).result).toEqual(corrupt);
	});

	it('refuses a version that is not a number as not a backup', async () => {
		const s = await source();
		const text = JSON.stringify({ ...s.file, version: '1' });
		expect((await importInto(text)).result).toEqual({
			ok: false,
			error: { type: 'not-a-backup' }
		});
	});

	it('refuses a bucket sealed for another circle, or under a key the file lacks', async () => {
		const s = await source();
		const elsewhere = await resealed(s, { circleId: 'another-circle' });
		const unknownKey = { ...s.bucket, keyId: 'not-in-the-file' };
		for (const bucket of [elsewhere, unknownKey]) {
			const text = JSON.stringify({ ...s.file, buckets: [bucket] });
			expect((await importInto(text)).result).toEqual(corrupt);
		}
	});

	it('refuses a tampered key row', async () => {
		const s = await source();
		const [first, ...rest] = s.file.keys;
		if (!first) throw new Error('keys');
		const bytes = fromBase64Url(first.wrapped);
		bytes[20] = (bytes[20] ?? 0) ^ 1;
		const text = JSON.stringify({
			...s.file,
			keys: [{ ...first, wrapped: toBase64Url(bytes) }, ...rest]
		});
		expect((await importInto(text)).result).toEqual(corrupt);
	});

	it('refuses fields out of bounds even when every row opens', async () => {
		const s = await source();
		const valid = await importInto(JSON.stringify({ ...s.file, buckets: [await resealed(s, {})] }));
		expect(valid.result.ok).toBe(true);
		const withKey = async (row: Omit<FileKey, 'wrapped'>) =>
			JSON.stringify({ ...s.file, keys: [...s.file.keys, await sealedKeyRow(s, row)] });
		const withBucket = async (meta: Partial<FileBucket>) =>
			JSON.stringify({ ...s.file, buckets: [await resealed(s, meta)] });
		const base = { category: 'notes', createdAt: 5, active: 0 };
		const refused = [
			await withKey({ ...base, keyId: '' }),
			await withKey({ ...base, keyId: 'k'.repeat(65) }),
			await withKey({ ...base, keyId: 'fractional', createdAt: 5.5 }),
			await withKey({ ...base, keyId: 'half-active', active: 2 }),
			await withBucket({ bid: '' }),
			await withBucket({ bid: 'b'.repeat(201) }),
			await withBucket({ week: 2.5 }),
			await withBucket({ rev: -1 }),
			await withBucket({ rev: 1.5 }),
			JSON.stringify({ ...s.file, exportedAt: 1.5 }),
			JSON.stringify({ ...s.file, buckets: [{ ...s.bucket, ct: `${s.bucket.ct}!` }] }),
			JSON.stringify({ ...s.file, buckets: [{ ...s.bucket, iv: `!${s.bucket.iv}` }] })
		];
		for (const [i, text] of refused.entries()) {
			expect([i, (await importInto(text)).result]).toEqual([i, corrupt]);
		}
		// At the bounds, the same rows import.
		const accepted = [
			await withKey({ ...base, keyId: 'k'.repeat(64) }),
			await withBucket({ bid: 'b'.repeat(200) }),
			await withBucket({ rev: 0 })
		];
		for (const [i, text] of accepted.entries()) {
			expect([i, (await importInto(text)).result.ok]).toEqual([i, true]);
		}
	});
});
