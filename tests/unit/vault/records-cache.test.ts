// What src/lib/vault/records.ts keeps beside the records (issue 17, found under Stryker): the
// bucket revisions its cache is keyed by, the cache filled by a commit, the corrupt-bucket report
// of a session that is gone, and the meta key of the clock.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CLOCK_META_KEY } from '$lib/vault/records';
import { vaultTables } from '$lib/vault/testing';
import { makeVault, PASSPHRASE, symptomOp } from '../../fixtures/vault';

afterEach(() => {
	vi.restoreAllMocks();
});

async function unlocked() {
	const vault = makeVault();
	await vault.create(PASSPHRASE);
	return vault;
}

describe('bucket revisions', () => {
	it('count up by one per write, so a cached revision is never reused for other content', async () => {
		const vault = await unlocked();
		const at = Date.now() - 1000;
		const revs: number[] = [];
		for (const severity of [1, 2, 3]) {
			expect((await vault.commit([symptomOp(at, severity)])).ok).toBe(true);
			const rows = await vaultTables(vault).buckets.toArray();
			expect(rows).toHaveLength(1);
			revs.push(rows[0]?.rev ?? -1);
		}
		expect(revs).toEqual([1, 2, 3]);
	});
});

describe('the records cache', () => {
	it('answers a read of the buckets a commit just wrote without decrypting them again', async () => {
		const vault = await unlocked();
		const at = Date.now() - 1000;
		expect((await vault.commit([symptomOp(at, 1)])).ok).toBe(true);
		const saved = await vault.commit([symptomOp(at, 2)]);
		expect(saved.ok).toBe(true);
		const decrypt = vi.spyOn(crypto.subtle, 'decrypt');
		const read = await vault.query({ category: 'symptoms' });
		expect(read.map((r) => (r.body as { severity: number }).severity)).toEqual([1, 2]);
		expect(decrypt).not.toHaveBeenCalled();
	});

	it('reports no corrupt bucket for a read that finishes after the vault locked', async () => {
		const vault = await unlocked();
		expect((await vault.commit([symptomOp(Date.now() - 1000, 1)])).ok).toBe(true);
		const buckets = vaultTables(vault).buckets;
		const [row] = await buckets.toArray();
		if (!row) throw new Error('bucket');
		const ct = new Uint8Array(row.ct);
		ct[0] = (ct[0] ?? 0) ^ 1;
		// Tampered at a new revision, so the read cannot be answered from the cache.
		await buckets.put({ ...row, ct, rev: row.rev + 1 });
		const decrypt = vi.spyOn(crypto.subtle, 'decrypt');
		const reading = vault.query({ category: 'symptoms' });
		vault.lock();
		expect(await reading).toEqual([]);
		// The read did try (and fail) to open the bucket with the session it started in.
		expect(decrypt).toHaveBeenCalled();
		expect(vault.corruptBuckets()).toEqual([]);
		// The same read while unlocked does report it.
		expect((await vault.unlock(PASSPHRASE)).ok).toBe(true);
		expect(await vault.query({ category: 'symptoms' })).toEqual([]);
		expect(vault.corruptBuckets()).toEqual([row.bid]);
	});
});

describe('the clock', () => {
	it('is kept under the meta key "clock" at the last HLC written, in the commit', async () => {
		const vault = await unlocked();
		const saved = await vault.commit([symptomOp(Date.now() - 1000, 1), symptomOp(Date.now(), 2)]);
		if (!saved.ok) throw new Error('commit');
		expect(CLOCK_META_KEY).toBe('clock');
		const stored = (await vaultTables(vault).meta.get('clock'))?.value;
		expect(stored).toBe(saved.value[1]?.hlc);
	});
});
