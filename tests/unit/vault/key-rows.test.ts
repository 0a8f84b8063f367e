// Key rows bound to {circle, category, key id, createdAt} (issue 12): a row opens only as exactly
// itself; the newest key of a category is the active one whatever a stored flag says; a rotation
// on a device whose clock is behind still makes the newest key; rows of the first format (AES-KW,
// bound to nothing) in the device's own storage are resealed at unlock.
import { describe, expect, it } from 'vitest';
import {
	deriveKeyRowKey,
	generateCategoryKey,
	generateVaultKey,
	KEY_ROW_BYTES,
	openKeyRow,
	sealKeyRow,
	wrapKey
} from '$lib/crypto/keys';
import { withNewestActive } from '$lib/vault/session';
import { rotateCategoryKey } from '$lib/vault/sharing-keys';
import { makeVault, PASSPHRASE } from '../../fixtures/vault';
import { vaultTables } from '$lib/vault/testing';

const binding = { circleId: 'c1', category: 'symptoms', keyId: 'k1', createdAt: 1_700_000_000_000 };

describe('key rows', () => {
	it('open only under their own circle, category, key id and createdAt', async () => {
		const rowKey = await deriveKeyRowKey(await generateVaultKey());
		const row = await sealKeyRow(await generateCategoryKey(), rowKey, binding);
		expect(row).toHaveLength(KEY_ROW_BYTES);
		expect(await openKeyRow(row, rowKey, binding)).not.toBeNull();
		for (const changed of [
			{ ...binding, circleId: 'c2' },
			{ ...binding, category: 'notes' },
			{ ...binding, keyId: 'k2' },
			{ ...binding, createdAt: binding.createdAt + 1 }
		]) {
			expect(await openKeyRow(row, rowKey, changed)).toBeNull();
		}
		const otherVault = await deriveKeyRowKey(await generateVaultKey());
		expect(await openKeyRow(row, otherVault, binding)).toBeNull();
		expect(await openKeyRow(row.slice(1), rowKey, binding)).toBeNull();
	});

	it('make the newest key of each category the active one, whatever the flags say', () => {
		const row = (
			keyId: string,
			category: 'notes' | 'symptoms',
			createdAt: number,
			active: 0 | 1
		) => ({
			keyId,
			category,
			createdAt,
			active,
			wrapped: new Uint8Array(0)
		});
		const rows = withNewestActive([
			row('old', 'symptoms', 1, 1),
			row('new', 'symptoms', 2, 0),
			row('n1', 'notes', 5, 0)
		]);
		expect(rows.map((r) => [r.keyId, r.active])).toEqual([
			['old', 0],
			['new', 1],
			['n1', 1]
		]);
	});

	it('a rotation on a device whose clock is behind still makes the newest, active key', async () => {
		let now = Date.UTC(2025, 0, 6);
		const vault = makeVault({ now: () => now });
		await vault.create(PASSPHRASE);
		now -= 365 * 24 * 3600 * 1000;
		const rotated = await rotateCategoryKey(vault, 'symptoms');
		expect(rotated).not.toBeNull();
		vault.lock();
		expect((await vault.unlock(PASSPHRASE)).ok).toBe(true);
		expect(vault.sharingKeyMaterial()?.activeKeyIds.get('symptoms')).toBe(rotated?.keyId);
	});

	it('reseals a first-format row of its own storage at unlock, which then opens as bound', async () => {
		const vault = makeVault();
		await vault.create(PASSPHRASE);
		const material = vault.sharingKeyMaterial();
		if (material === null) throw new Error('locked');
		const legacy = await wrapKey(await generateCategoryKey(), material.vaultKey);
		expect(legacy).toHaveLength(40);
		await vaultTables(vault).keys.put({
			keyId: 'legacy01',
			category: 'notes',
			wrapped: legacy,
			createdAt: Date.now() + 1000,
			active: 0
		});
		vault.lock();
		expect((await vault.unlock(PASSPHRASE)).ok).toBe(true);
		const stored = await vaultTables(vault).keys.get('legacy01');
		expect(stored?.wrapped).toHaveLength(KEY_ROW_BYTES);
		expect(stored?.active).toBe(1);
		expect(await vault.categoryKey('legacy01', false)).not.toBeNull();
		expect(vault.sharingKeyMaterial()?.activeKeyIds.get('notes')).toBe('legacy01');
	});
});
