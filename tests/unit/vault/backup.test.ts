import { describe, expect, it } from 'vitest';
import { argon2HashWasm } from '$lib/crypto/argon2-hash-wasm';
import { exportBackup, importBackup } from '$lib/vault/backup';
import { makeVault, PASSPHRASE, symptomOp } from '../../fixtures/vault';
import { vaultTables } from '$lib/vault/testing';

async function vaultWithBackup() {
	const source = makeVault();
	await source.create(PASSPHRASE);
	await source.commit([
		symptomOp(Date.now() - 2000, 4, 'canary-backup-note'),
		symptomOp(Date.now() - 1000, 8)
	]);
	const exported = await exportBackup(source, Date.now());
	if (!exported.ok) throw new Error('export failed');
	return exported.value;
}

describe('encrypted backup', () => {
	it('exports without plaintext and imports back every record', async () => {
		const file = await vaultWithBackup();
		expect(file).not.toContain('canary-backup-note');
		const target = makeVault();
		const imported = await importBackup(target, argon2HashWasm, file, PASSPHRASE);
		expect(imported.ok).toBe(true);
		expect(await target.status()).toBe('locked');
		expect((await target.unlock(PASSPHRASE)).ok).toBe(true);
		const notes = (await target.query({ category: 'symptoms' })).map((r) => r.body);
		expect(notes).toEqual([
			{ symptom: 'pain', severity: 4, note: 'canary-backup-note' },
			{ symptom: 'pain', severity: 8, note: '' }
		]);
	});

	it('a wrong passphrase, a corrupt file or another format changes nothing', async () => {
		const file = await vaultWithBackup();
		const target = makeVault();
		await target.create('the existing local passphrase');
		await target.commit([symptomOp(Date.now() - 3000, 1, 'keep me')]);
		const before = await vaultTables(target).buckets.toArray();

		const wrong = await importBackup(target, argon2HashWasm, file, 'not the right passphrase');
		expect(wrong).toEqual({ ok: false, error: { type: 'wrong-secret' } });

		const parsed: unknown = JSON.parse(file);
		const tampered = JSON.stringify(parsed).replace(
			/"ct":"(.)/,
			(_m, c: string) => `"ct":"${c === 'A' ? 'B' : 'A'}`
		);
		expect(await importBackup(target, argon2HashWasm, tampered, PASSPHRASE)).toEqual({
			ok: false,
			error: { type: 'corrupt' }
		});
		expect(await importBackup(target, argon2HashWasm, '{"hello":1}', PASSPHRASE)).toEqual({
			ok: false,
			error: { type: 'not-a-backup' }
		});
		expect(await importBackup(target, argon2HashWasm, 'not json', PASSPHRASE)).toEqual({
			ok: false,
			error: { type: 'not-a-backup' }
		});
		const future = file.replace('"version":1', '"version":7');
		expect(await importBackup(target, argon2HashWasm, future, PASSPHRASE)).toEqual({
			ok: false,
			error: { type: 'unsupported-version', version: 7 }
		});
		expect(await vaultTables(target).buckets.toArray()).toEqual(before);
		expect((await target.query({ category: 'symptoms' })).map((r) => r.body)).toEqual([
			{ symptom: 'pain', severity: 1, note: 'keep me' }
		]);
	});
});
