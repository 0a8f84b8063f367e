// Opening buckets (src/lib/vault/records.ts) and stored digests (src/lib/vault/derived.ts): queries
// started together share one decryption of a bucket, or of a digest, they both read and answer
// exactly what a lone query answers.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DeriveQuery } from '$lib/domain/records';
import type { Vault } from '$lib/vault/vault';
import { makeVault, PASSPHRASE, symptomOp } from '../../fixtures/vault';

const NOW = Date.UTC(2025, 5, 1, 12, 0);
const DAY = 86_400_000;

async function vaultWithThreeWeeks(): Promise<Vault> {
	// Each record written on its own day, so its id (a UUIDv7) puts it in that week's bucket.
	let clock = NOW;
	const vault = makeVault({ now: () => clock });
	await vault.create(PASSPHRASE);
	for (const day of [20, 13, 6, 1]) {
		clock = NOW - day * DAY;
		const done = await vault.commit([symptomOp(NOW - day * DAY, 3)]);
		expect(done.ok).toBe(true);
	}
	return vault;
}

/** Unlocks again (an empty cache) and counts AES-GCM decryptions from then on. */
async function relockAndCount(vault: Vault): Promise<() => number> {
	vault.lock();
	const unlocked = await vault.unlock(PASSPHRASE);
	expect(unlocked.ok).toBe(true);
	const spy = vi.spyOn(crypto.subtle, 'decrypt');
	return () => spy.mock.calls.length;
}

afterEach(() => {
	vi.restoreAllMocks();
});

describe('opening buckets', () => {
	it('decrypts a bucket once when several queries read it at the same time', async () => {
		const vault = await vaultWithThreeWeeks();
		const query = { category: 'symptoms' as const, kinds: ['symptom'] };

		let decryptions = await relockAndCount(vault);
		const alone = await vault.query(query);
		const lone = decryptions();
		expect(alone).toHaveLength(4);
		expect(lone).toBeGreaterThan(1);
		vi.restoreAllMocks();

		decryptions = await relockAndCount(vault);
		const together = await Promise.all([
			vault.query(query),
			vault.query(query),
			vault.query(query)
		]);
		expect(decryptions()).toBe(lone);
		for (const result of together) expect(result).toEqual(alone);
	});

	it('opens a stored digest once when several queries read it at the same time', async () => {
		const vault = await vaultWithThreeWeeks();
		const counts: DeriveQuery<number> = {
			category: 'symptoms',
			name: 'test-count-v1',
			compute: (records) => records.length,
			parse: (value) => (typeof value === 'number' ? value : null)
		};
		// Computed and stored once, so later unlocks only open the stored value.
		expect((await vault.derive(counts)).map((d) => d.value)).toEqual([1, 1, 1, 1]);

		let decryptions = await relockAndCount(vault);
		const alone = await vault.derive(counts);
		expect(decryptions()).toBe(1);
		vi.restoreAllMocks();

		decryptions = await relockAndCount(vault);
		const together = await Promise.all([vault.derive(counts), vault.derive(counts)]);
		expect(decryptions()).toBe(1);
		for (const result of together) expect(result).toEqual(alone);
	});

	it('checks each stored value once per session, whichever query asks again', async () => {
		const vault = await vaultWithThreeWeeks();
		let parses = 0;
		const counts: DeriveQuery<number> = {
			category: 'symptoms',
			name: 'test-count-v1',
			compute: (records) => records.length,
			parse: (value) => {
				parses += 1;
				return typeof value === 'number' ? value : null;
			}
		};
		const first = await vault.derive(counts);
		// Just computed: nothing to parse.
		expect(parses).toBe(0);
		expect(await vault.derive({ ...counts })).toEqual(first);
		expect(parses).toBe(0);

		vault.lock();
		expect((await vault.unlock(PASSPHRASE)).ok).toBe(true);
		const reopened = await Promise.all([vault.derive(counts), vault.derive({ ...counts })]);
		expect(parses).toBe(4);
		for (const result of reopened) expect(result).toEqual(first);
		expect(await vault.derive(counts)).toEqual(first);
		expect(parses).toBe(4);
	});
});
