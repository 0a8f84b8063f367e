import { describe, expect, it } from 'vitest';
import { uuidv7 } from '$lib/domain/ids';
import { makeVault, PASSPHRASE, symptomOp } from '../../fixtures/vault';
import { vaultTables } from '$lib/vault/testing';

const DAY = 86_400_000;

describe('vault lifecycle', () => {
	it('creates, writes, locks and opens again with the passphrase', async () => {
		const vault = makeVault();
		expect(await vault.status()).toBe('absent');
		const { recoveryKey } = await vault.create(PASSPHRASE);
		expect(recoveryKey).toMatch(/^([A-Z2-7]{4}-){12}[A-Z2-7]{4}$/);
		expect(await vault.status()).toBe('unlocked');
		const saved = await vault.commit([symptomOp(Date.now() - 1000, 6, 'knee after stairs')]);
		expect(saved.ok).toBe(true);
		vault.lock();
		expect(await vault.status()).toBe('locked');
		expect(await vault.query({ category: 'symptoms' })).toEqual([]);
		expect((await vault.unlock(PASSPHRASE)).ok).toBe(true);
		const records = await vault.query({ category: 'symptoms' });
		expect(records.map((r) => r.body)).toEqual([
			{ symptom: 'pain', severity: 6, note: 'knee after stairs' }
		]);
	});

	it('refuses a wrong passphrase, grows the delay, and erases nothing', async () => {
		let now = 1_700_000_000_000;
		const vault = makeVault({ now: () => now });
		await vault.create(PASSPHRASE);
		await vault.commit([symptomOp(now - 1000, 3)]);
		vault.lock();
		const delays: number[] = [];
		for (let i = 0; i < 5; i++) {
			const result = await vault.unlock('not the passphrase at all');
			if (result.ok || result.error.type !== 'wrong-secret') throw new Error('expected refusal');
			delays.push(result.error.retryAfterMs);
			now += result.error.retryAfterMs;
		}
		expect(delays).toEqual([0, 0, 1000, 2000, 4000]);
		const wrongAgain = await vault.unlock('still not it');
		expect(wrongAgain.ok).toBe(false);
		const early = await vault.unlock(PASSPHRASE);
		expect(early).toEqual({ ok: false, error: { type: 'throttled', retryAfterMs: 8000 } });
		now += 8000;
		expect((await vault.unlock(PASSPHRASE)).ok).toBe(true);
		expect(await vault.query({ category: 'symptoms' })).toHaveLength(1);
	});

	it('changes the passphrase without re-encrypting records; the old one opens nothing', async () => {
		const vault = makeVault();
		await vault.create(PASSPHRASE);
		const at = Date.now() - 5 * DAY;
		await vault.commit([symptomOp(at, 2), symptomOp(at + 1000, 4)]);
		const before = await vaultTables(vault).buckets.toArray();
		const changed = await vault.changePassphrase(PASSPHRASE, 'a brand new long passphrase');
		expect(changed.ok).toBe(true);
		expect(await vaultTables(vault).buckets.toArray()).toEqual(before);
		vault.lock();
		expect((await vault.unlock(PASSPHRASE)).ok).toBe(false);
		expect((await vault.unlock('a brand new long passphrase')).ok).toBe(true);
		expect(await vault.query({ category: 'symptoms' })).toHaveLength(2);
	});

	it('opens with the recovery key and sets a new passphrase', async () => {
		const vault = makeVault();
		const { recoveryKey } = await vault.create(PASSPHRASE);
		await vault.commit([symptomOp(Date.now() - 1000, 7)]);
		vault.lock();
		const typed = recoveryKey.toLowerCase().replace(/-/g, ' ');
		expect((await vault.unlockWithRecoveryKey(typed, 'after recovery passphrase')).ok).toBe(true);
		expect(await vault.query({ category: 'symptoms' })).toHaveLength(1);
		vault.lock();
		expect((await vault.unlock('after recovery passphrase')).ok).toBe(true);
		expect((await vault.unlockWithRecoveryKey('AAAA-BBBB', 'x'.repeat(12))).ok).toBe(false);
	});

	it('refuses stored KDF parameters below the floor', async () => {
		const vault = makeVault();
		await vault.create(PASSPHRASE);
		vault.lock();
		const header = await vault.header();
		if (!header) throw new Error('no header');
		await vaultTables(vault).meta.put({
			key: 'header',
			value: { ...header, kdf: { ...header.kdf, memoryKiB: 1024 } }
		});
		const result = await vault.unlock(PASSPHRASE);
		expect(result).toEqual({ ok: false, error: { type: 'kdf-below-floor' } });
	});

	it('forgets everything on this device', async () => {
		const vault = makeVault();
		await vault.create(PASSPHRASE);
		await vault.commit([symptomOp(Date.now() - 1000, 1)]);
		await vault.forget();
		expect(await vault.status()).toBe('absent');
		expect(await vaultTables(vault).buckets.count()).toBe(0);
	});
});

describe('records', () => {
	it('edits with compare-and-set: a stale edit is refused, not silently applied', async () => {
		const vault = makeVault();
		await vault.create(PASSPHRASE);
		const created = await vault.commit([symptomOp(Date.now() - 1000, 5, 'first')]);
		if (!created.ok) throw new Error('commit failed');
		const original = created.value[0];
		if (!original) throw new Error('no record');
		const edit = (severity: number) => ({
			...symptomOp(original.at, severity, 'edited'),
			id: original.id,
			expectedHlc: original.hlc
		});
		expect((await vault.commit([edit(6)])).ok).toBe(true);
		const stale = await vault.commit([edit(9)]);
		expect(stale.ok).toBe(false);
		if (!stale.ok) expect(stale.error.type).toBe('conflict');
		const [current] = await vault.query({ category: 'symptoms' });
		expect(current?.body).toEqual({ symptom: 'pain', severity: 6, note: 'edited' });
	});

	it('deletes as a tombstone and restores it (undo)', async () => {
		const vault = makeVault();
		await vault.create(PASSPHRASE);
		const created = await vault.commit([symptomOp(Date.now() - 1000, 5)]);
		if (!created.ok || !created.value[0]) throw new Error('commit failed');
		const { id } = created.value[0];
		await vault.commit([{ type: 'delete', id, category: 'symptoms' }]);
		expect(await vault.query({ category: 'symptoms' })).toHaveLength(0);
		const withDeleted = await vault.query({ category: 'symptoms', includeDeleted: true });
		expect(withDeleted[0]?.deleted).toBe(true);
		await vault.commit([{ type: 'restore', id, category: 'symptoms' }]);
		expect(await vault.query({ category: 'symptoms' })).toHaveLength(1);
	});

	it('filters a range read by time and kind', async () => {
		const vault = makeVault();
		await vault.create(PASSPHRASE);
		const now = Date.now();
		const ops = Array.from({ length: 60 }, (_, i) => ({
			...symptomOp(now - i * DAY, i % 11),
			id: undefined
		}));
		await vault.commit(ops);
		const lastWeek = await vault.query({ category: 'symptoms', from: now - 7 * DAY, to: now + 1 });
		expect(lastWeek.map((r) => r.at)).toEqual(
			ops
				.map((o) => o.at)
				.filter((at) => at >= now - 7 * DAY)
				.sort((a, b) => a - b)
		);
		expect(await vault.query({ category: 'symptoms', kinds: ['measurement'] })).toEqual([]);
	});

	it('writes buckets and the outbox row atomically: a failure in the middle leaves neither', async () => {
		const vault = makeVault();
		await vault.create(PASSPHRASE);
		await vault.commit([symptomOp(Date.now() - 1000, 1)]);
		const bucketsBefore = await vaultTables(vault).buckets.toArray();
		const outboxBefore = await vaultTables(vault).outbox.count();
		const failing = () => {
			throw new Error('disk full');
		};
		vaultTables(vault).outbox.hook('creating', failing);
		await expect(vault.commit([symptomOp(Date.now() - 500, 9)])).rejects.toThrow('disk full');
		vaultTables(vault).outbox.hook('creating').unsubscribe(failing);
		expect(await vaultTables(vault).buckets.toArray()).toEqual(bucketsBefore);
		expect(await vaultTables(vault).outbox.count()).toBe(outboxBefore);
		expect(await vault.query({ category: 'symptoms' })).toHaveLength(1);
	});

	it('refuses a tampered bucket, reports it, and keeps the rest readable', async () => {
		const vault = makeVault();
		await vault.create(PASSPHRASE);
		const now = Date.now();
		const old = now - 30 * DAY;
		await vault.commit([{ ...symptomOp(old, 2), id: uuidv7(old) }, symptomOp(now - 1000, 3)]);
		const rows = await vaultTables(vault).buckets.toArray();
		const victim = rows[0];
		if (!victim) throw new Error('no bucket');
		const ct = new Uint8Array(victim.ct);
		ct[5] = (ct[5] ?? 0) ^ 1;
		await vaultTables(vault).buckets.put({ ...victim, ct, rev: victim.rev + 1 });
		const visible = await vault.query({ category: 'symptoms' });
		expect(visible).toHaveLength(1);
		expect(vault.corruptBuckets()).toEqual([victim.bid]);
	});

	it('refuses a bucket moved to another category', async () => {
		const vault = makeVault();
		await vault.create(PASSPHRASE);
		await vault.commit([symptomOp(Date.now() - 1000, 2)]);
		const [row] = await vaultTables(vault).buckets.toArray();
		if (!row) throw new Error('no bucket');
		const keys = await vaultTables(vault).keys.toArray();
		const moodKey = keys.find((k) => k.category === 'notes');
		if (!moodKey) throw new Error('no key');
		await vaultTables(vault).buckets.put({
			...row,
			bid: row.bid.replace(':symptoms:', ':notes:'),
			category: 'notes'
		});
		expect(await vault.query({ category: 'notes' })).toEqual([]);
		expect(vault.corruptBuckets()).toHaveLength(1);
	});

	it('keeps drafts encrypted and readable only while unlocked', async () => {
		const vault = makeVault();
		await vault.create(PASSPHRASE);
		expect(await vault.saveDraft('symptom-form', { note: 'half-typed canary-draft' })).toBe(true);
		const raw = JSON.stringify(
			Array.from((await vaultTables(vault).drafts.toArray())[0]?.ct ?? new Uint8Array())
		);
		expect(raw).not.toContain('canary');
		vault.lock();
		expect(await vault.loadDraft('symptom-form')).toBeUndefined();
		await vault.unlock(PASSPHRASE);
		expect(await vault.loadDraft('symptom-form')).toEqual({ note: 'half-typed canary-draft' });
	});
});
