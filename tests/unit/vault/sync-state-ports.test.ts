// The vault's sync state ports (src/lib/vault/remote.ts) one by one: the pull checkpoint, the
// server-restore ports (epoch, full compare, re-send), the outbox as the engine sees it (limit,
// newest version per record, partial acks, refusals kept) and the keys of another device's
// rotation (installKeys, missingKeyIds). The sync engine's own tests drive these through the
// integration suite; these pin what each port stores and answers.
import { describe, expect, it } from 'vitest';
import { argon2HashWasm } from '$lib/crypto/argon2-hash-wasm';
import { exportBackup, importBackup } from '$lib/vault/backup';
import { rotateCategoryKey } from '$lib/vault/sharing-keys';
import type { Vault } from '$lib/vault/vault';
import type { Envelope, PulledEnvelope } from '$lib/sync/types';
import { compareHlc } from '$lib/sync/hlc';
import { makeVault, PASSPHRASE, symptomOp } from '../../fixtures/vault';
import { vaultTables } from '$lib/vault/testing';

async function phoneAndTablet(
	phoneNow: () => number = () => Date.now()
): Promise<[Vault, Vault, string]> {
	const phone = makeVault({ now: phoneNow });
	await phone.create(PASSPHRASE);
	const file = await exportBackup(phone, Date.now());
	if (!file.ok) throw new Error('export');
	const tablet = makeVault();
	await importBackup(tablet, argon2HashWasm, file.value, PASSPHRASE);
	await tablet.unlock(PASSPHRASE);
	const header = await phone.header();
	if (!header) throw new Error('header');
	return [phone, tablet, header.circleId];
}

async function unlockedVault(): Promise<[Vault, string]> {
	const vault = makeVault();
	await vault.create(PASSPHRASE);
	const header = await vault.header();
	if (!header) throw new Error('header');
	return [vault, header.circleId];
}

let seq = 0;
const pulled = (envelopes: readonly Envelope[]): PulledEnvelope[] =>
	envelopes.map((e) => ({ ...e, seq: ++seq }));

describe('checkpoint port', () => {
	it('starts at 0 with no id, then keeps the seq and id of each circle apart', async () => {
		const [vault, circleId] = await unlockedVault();
		const { checkpoints } = vault.sync;
		expect(await checkpoints.get(circleId)).toBe(0);
		expect(await checkpoints.getId?.(circleId)).toBeNull();
		await checkpoints.set(circleId, 42, 'record-42');
		await checkpoints.set('other-circle', 7);
		expect(await checkpoints.get(circleId)).toBe(42);
		expect(await checkpoints.getId?.(circleId)).toBe('record-42');
		expect(await checkpoints.get('other-circle')).toBe(7);
		expect(await checkpoints.getId?.('other-circle')).toBeNull();
		await checkpoints.set(circleId, 43);
		expect(await checkpoints.getId?.(circleId)).toBeNull();
		// Stored under the documented meta keys (a backup import clears them by prefix).
		const keys = (await vaultTables(vault).meta.toArray()).map((m) => m.key);
		expect(keys).toEqual(
			expect.arrayContaining([`checkpoint:${circleId}`, `checkpoint:${circleId}:id`])
		);
	});
});

describe('restore port', () => {
	it('remembers the first epoch, and a new one resets the checkpoint and marks a compare', async () => {
		const [vault, circleId] = await unlockedVault();
		const { restore, checkpoints } = vault.sync;
		expect(await restore.epoch(circleId)).toBeNull();
		expect(await restore.due(circleId)).toBe(false);
		await restore.remember(circleId, 'epoch-1');
		expect(await restore.epoch(circleId)).toBe('epoch-1');
		expect(await restore.due(circleId)).toBe(false);
		await checkpoints.set(circleId, 9, 'x');
		await restore.begin(circleId, 'epoch-2');
		expect(await restore.epoch(circleId)).toBe('epoch-2');
		expect(await checkpoints.get(circleId)).toBe(0);
		expect(await restore.due(circleId)).toBe(true);
		expect(await restore.due('other-circle')).toBe(false);
		expect(await restore.epoch('other-circle')).toBeNull();
	});

	it('re-sends exactly the versions the server did not return, then clears the mark', async () => {
		const [vault, circleId] = await unlockedVault();
		const at = Date.now() - 1000;
		const saved = await vault.commit([symptomOp(at, 1), symptomOp(at, 2), symptomOp(at, 3)]);
		if (!saved.ok) throw new Error('commit');
		const [a, b, c] = saved.value;
		if (!a || !b || !c) throw new Error('records');
		await vault.sync.outbox.ack(saved.value.map((r) => ({ id: r.id, hlc: r.hlc })));
		expect(await vault.sync.outbox.count()).toBe(0);
		await vault.sync.restore.begin(circleId, 'epoch-2');

		// Another circle's id re-sends nothing from this one.
		expect(await vault.sync.restore.resend('other-circle', new Set())).toBe(0);
		expect(await vaultTables(vault).outbox.count()).toBe(0);
		expect(await vault.sync.restore.due(circleId)).toBe(true);

		const held = new Set([`${a.id} ${a.hlc}`, `${b.id} 000000000000000-0000-0000000000000000`]);
		expect(await vault.sync.restore.resend(circleId, held)).toBe(2);
		expect(await vault.sync.restore.due(circleId)).toBe(false);
		const pending = await vault.sync.outbox.pending(10);
		expect(pending.map((e) => [e.id, e.hlc]).sort()).toEqual(
			[
				[b.id, b.hlc],
				[c.id, c.hlc]
			].sort()
		);
	});

	it('writes no outbox row when the server holds everything', async () => {
		const [vault, circleId] = await unlockedVault();
		const saved = await vault.commit([symptomOp(Date.now() - 1000, 1)]);
		if (!saved.ok || !saved.value[0]) throw new Error('commit');
		const record = saved.value[0];
		await vault.sync.outbox.ack([{ id: record.id, hlc: record.hlc }]);
		await vault.sync.restore.begin(circleId, 'epoch-2');
		expect(await vault.sync.restore.resend(circleId, new Set([`${record.id} ${record.hlc}`]))).toBe(
			0
		);
		expect(await vaultTables(vault).outbox.count()).toBe(0);
		expect(await vault.sync.restore.due(circleId)).toBe(false);
	});

	it('counts a bucket it cannot open as unreadable and re-sends the others', async () => {
		const week = 7 * 86_400_000;
		let now = Date.now();
		const clocked = makeVault({ now: () => now });
		await clocked.create(PASSPHRASE);
		const header = await clocked.header();
		if (!header) throw new Error('header');
		await clocked.commit([symptomOp(now - 1000, 1)]);
		now -= 3 * week;
		await clocked.commit([symptomOp(now - 1000, 2)]);
		const tables = vaultTables(clocked);
		const [first] = await tables.buckets.toArray();
		if (!first) throw new Error('bucket');
		const ct = first.ct.slice();
		ct[0] = (ct[0] ?? 0) ^ 1;
		await tables.buckets.put({ ...first, ct, rev: first.rev + 1 });
		expect(await clocked.sync.restore.resend(header.circleId, new Set())).toBe(1);
		expect(clocked.sync.unreadable()).toBe(1);
	});

	it('refuses to re-send or apply while locked', async () => {
		const [vault, circleId] = await unlockedVault();
		vault.lock();
		await expect(vault.sync.restore.resend(circleId, new Set())).rejects.toThrow('locked');
		await expect(vault.sync.applyRemote([])).rejects.toThrow('locked');
		expect(await vault.sync.outbox.pending(10)).toEqual([]);
		expect(vault.sync.missingKeyIds([])).toEqual([]);
		expect(await vault.sync.installKeys([])).toBeNull();
	});

	it('after a backup import, pulls from 0 and compares again', async () => {
		const [phone, tablet, circleId] = await phoneAndTablet();
		// The tablet's vault came from a backup with no records: nothing to compare.
		expect(await tablet.sync.restore.due(circleId)).toBe(false);
		await phone.commit([symptomOp(Date.now() - 1000, 4)]);
		await phone.sync.checkpoints.set(circleId, 12, 'r');
		await phone.sync.restore.remember(circleId, 'epoch-1');
		const file = await exportBackup(phone, Date.now());
		if (!file.ok) throw new Error('export');
		await tablet.sync.checkpoints.set(circleId, 30, 'later');
		expect((await importBackup(tablet, argon2HashWasm, file.value, PASSPHRASE)).ok).toBe(true);
		expect(await tablet.status()).toBe('locked');
		expect((await tablet.unlock(PASSPHRASE)).ok).toBe(true);
		expect(await tablet.sync.checkpoints.get(circleId)).toBe(0);
		expect(await tablet.sync.checkpoints.getId?.(circleId)).toBeNull();
		expect(await tablet.sync.restore.due(circleId)).toBe(true);
	});
});

describe('outbox port', () => {
	it('sends at most `limit` envelopes, oldest first, one per record at its newest version', async () => {
		const [vault] = await unlockedVault();
		const at = Date.now() - 5000;
		const first = await vault.commit([symptomOp(at, 1)]);
		await vault.commit([symptomOp(at + 1000, 2)]);
		if (!first.ok || !first.value[0]) throw new Error('commit');
		const record = first.value[0];
		const edited = await vault.commit([
			{ ...symptomOp(at, 9), id: record.id, expectedHlc: record.hlc }
		]);
		if (!edited.ok || !edited.value[0]) throw new Error('edit');
		expect(await vault.sync.outbox.count()).toBe(2);
		const one = await vault.sync.outbox.pending(1);
		expect(one.map((e) => [e.id, e.hlc])).toEqual([[record.id, edited.value[0].hlc]]);
		expect(await vault.sync.outbox.pending(10)).toHaveLength(2);
		expect(await vault.sync.outbox.pending(0)).toEqual([]);
	});

	it('an ack of part of a row keeps the rest of it; the newest acked version of a record counts', async () => {
		const [vault] = await unlockedVault();
		const saved = await vault.commit([symptomOp(Date.now() - 2000, 1), symptomOp(Date.now(), 2)]);
		if (!saved.ok) throw new Error('commit');
		const [a, b] = saved.value;
		if (!a || !b) throw new Error('records');
		const edited = await vault.commit([{ ...symptomOp(a.at, 5), id: a.id, expectedHlc: a.hlc }]);
		if (!edited.ok || !edited.value[0]) throw new Error('edit');
		const newest = edited.value[0].hlc;
		const outbox = vaultTables(vault).outbox;
		expect(await outbox.count()).toBe(2);
		// The older version listed before the newest one: the newest counts, and both of a's refs go.
		await vault.sync.outbox.ack([
			{ id: a.id, hlc: a.hlc },
			{ id: a.id, hlc: newest }
		]);
		const rows = await outbox.toArray();
		expect(rows.map((r) => r.refs.map((ref) => ref.id))).toEqual([[b.id]]);
		await vault.sync.outbox.ack([{ id: b.id, hlc: b.hlc }]);
		expect(await outbox.count()).toBe(0);
	});

	it('keeps every refusal for the person and never sends it again', async () => {
		const [vault] = await unlockedVault();
		const saved = await vault.commit([symptomOp(Date.now() - 2000, 1), symptomOp(Date.now(), 2)]);
		if (!saved.ok) throw new Error('commit');
		const [a, b] = saved.value;
		if (!a || !b) throw new Error('records');
		const meta = vaultTables(vault).meta;
		await meta.put({ key: 'rejected', value: 'not a list' });
		await vault.sync.outbox.reject([{ id: a.id, hlc: a.hlc, error: 'forbidden' }]);
		await vault.sync.outbox.reject([{ id: b.id, hlc: b.hlc, error: 'too-large' }]);
		expect((await meta.get('rejected'))?.value).toEqual([
			{ id: a.id, hlc: a.hlc, error: 'forbidden' },
			{ id: b.id, hlc: b.hlc, error: 'too-large' }
		]);
		expect(await vault.sync.outbox.count()).toBe(0);
	});
});

describe('keys of another device', () => {
	it('names the unknown key ids of its own circle, once each', async () => {
		const [phone, tablet, circleId] = await phoneAndTablet();
		await rotateCategoryKey(phone, 'symptoms');
		await phone.commit([symptomOp(Date.now() - 2000, 1), symptomOp(Date.now() - 1000, 2)]);
		const envelopes = await phone.sync.outbox.pending(10);
		const rotated = envelopes[0]?.keyId;
		if (!rotated) throw new Error('envelope');
		const foreign = envelopes.map((e) => ({
			...e,
			circleId: 'another-circle',
			keyId: 'their-key'
		}));
		expect(tablet.sync.missingKeyIds(pulled([...envelopes, ...foreign]))).toEqual([rotated]);
		expect(phone.sync.missingKeyIds(pulled(envelopes))).toEqual([]);
		expect(circleId).toBe(envelopes[0]?.circleId);
	});

	it('installs a rotated key as active, stores it, and then opens what it sealed', async () => {
		const [phone, tablet] = await phoneAndTablet();
		const rotated = await rotateCategoryKey(phone, 'symptoms');
		if (!rotated) throw new Error('rotate');
		await phone.commit([symptomOp(Date.now() - 1000, 6, 'after rotation')]);
		const envelopes = pulled(await phone.sync.outbox.pending(10));
		expect(await tablet.sync.installKeys(await phone.keyRows())).toBe(1);
		expect(tablet.sync.missingKeyIds(envelopes)).toEqual([]);
		await tablet.sync.applyRemote(envelopes);
		expect(tablet.sync.unreadable()).toBe(0);
		expect(await tablet.query({ category: 'symptoms' })).toHaveLength(1);
		expect(tablet.sharingKeyMaterial()?.activeKeyIds.get('symptoms')).toBe(rotated.keyId);
		// New writes on the tablet use the rotated key.
		await tablet.commit([symptomOp(Date.now() - 500, 2)]);
		const mine = await tablet.sync.outbox.pending(10);
		expect(mine.map((e) => e.keyId)).toEqual([rotated.keyId]);
		// Stored with the flags recomputed: the rotated key active, the older one not.
		const stored = await vaultTables(tablet).keys.where('category').equals('symptoms').toArray();
		expect(stored.map((k) => [k.keyId === rotated.keyId, k.active]).sort()).toEqual([
			[false, 0],
			[true, 1]
		]);
		// A second time, nothing is new.
		expect(await tablet.sync.installKeys(await phone.keyRows())).toBe(0);
		tablet.lock();
		expect((await tablet.unlock(PASSPHRASE)).ok).toBe(true);
		expect(tablet.sharingKeyMaterial()?.activeKeyIds.get('symptoms')).toBe(rotated.keyId);
	});

	it('never makes an older key active again, whatever the blob flags say', async () => {
		// The phone rotates first (its clock a minute behind), then the tablet rotates.
		const [phone, tablet] = await phoneAndTablet(() => Date.now() - 60_000);
		const older = await rotateCategoryKey(phone, 'symptoms');
		const newer = await rotateCategoryKey(tablet, 'symptoms');
		if (!older || !newer) throw new Error('rotate');
		const blob = (await phone.keyRows()).map((r) => ({ ...r, active: 1 as const }));
		expect(await tablet.sync.installKeys(blob)).toBe(1);
		expect(tablet.sharingKeyMaterial()?.activeKeyIds.get('symptoms')).toBe(newer.keyId);
		const keys = vaultTables(tablet).keys;
		expect([(await keys.get(newer.keyId))?.active, (await keys.get(older.keyId))?.active]).toEqual([
			1, 0
		]);
	});

	it('installs nothing when one row is relabelled, rebound or given twice', async () => {
		const [phone, tablet] = await phoneAndTablet();
		const rotated = await rotateCategoryKey(phone, 'symptoms');
		if (!rotated) throw new Error('rotate');
		const rows = await phone.keyRows();
		const fresh = rows.find((r) => r.keyId === rotated.keyId);
		const known = rows.find((r) => r.keyId !== rotated.keyId && r.category === 'notes');
		if (!fresh || !known) throw new Error('rows');
		const keysBefore = await vaultTables(tablet).keys.toArray();
		const refused = [
			[fresh, { ...known, category: 'symptoms' as const }],
			[fresh, { ...known, createdAt: known.createdAt + 1 }],
			[{ ...fresh, createdAt: fresh.createdAt + 1 }],
			[{ ...fresh, category: 'notes' as const }],
			[fresh, fresh]
		];
		for (const blob of refused) {
			expect(await tablet.sync.installKeys(blob)).toBeNull();
		}
		expect(await vaultTables(tablet).keys.toArray()).toEqual(keysBefore);
		await phone.commit([symptomOp(Date.now() - 1000, 1)]);
		const envelopes = pulled(await phone.sync.outbox.pending(10));
		expect(tablet.sync.missingKeyIds(envelopes)).toEqual([rotated.keyId]);
		expect(tablet.sharingKeyMaterial()?.activeKeyIds.get('symptoms')).not.toBe(rotated.keyId);
	});
});

describe('applying pulled envelopes', () => {
	it('moves the clock past a pulled version, so what it writes next is newer', async () => {
		// The phone's clock runs a minute ahead of the tablet's.
		const [phone, tablet] = await phoneAndTablet(() => Date.now() + 60_000);
		const created = await phone.commit([symptomOp(Date.now() - 1000, 2, 'from the phone')]);
		if (!created.ok || !created.value[0]) throw new Error('commit');
		const record = created.value[0];
		await tablet.sync.applyRemote(pulled(await phone.sync.outbox.pending(10)));
		const written = await tablet.commit([symptomOp(Date.now() - 500, 3, 'tablet')]);
		if (!written.ok || !written.value[0]) throw new Error('commit');
		expect(compareHlc(written.value[0].hlc, record.hlc)).toBe(1);
	});

	it('rewrites a bucket only when a pulled version changes it', async () => {
		const [phone, tablet] = await phoneAndTablet();
		await phone.commit([symptomOp(Date.now() - 1000, 2)]);
		const envelopes = pulled(await phone.sync.outbox.pending(10));
		await tablet.sync.applyRemote(envelopes);
		const [written] = await vaultTables(tablet).buckets.toArray();
		expect(written?.rev).toBe(1);
		await tablet.sync.applyRemote(envelopes);
		const [again] = await vaultTables(tablet).buckets.toArray();
		expect(again?.rev).toBe(1);
		expect(again?.ct).toEqual(written?.ct);
	});

	it('adds to a bucket already holding records, keeping them', async () => {
		const [phone, tablet] = await phoneAndTablet();
		const at = Date.now() - 1000;
		await tablet.commit([symptomOp(at, 1, 'tablet')]);
		await phone.commit([symptomOp(at, 2, 'phone')]);
		await tablet.sync.applyRemote(pulled(await phone.sync.outbox.pending(10)));
		const [bucket] = await vaultTables(tablet).buckets.toArray();
		expect(bucket?.rev).toBe(2);
		expect(await vaultTables(tablet).buckets.count()).toBe(1);
		const records = await tablet.query({ category: 'symptoms' });
		expect(
			records.map((r) => r.body).sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)))
		).toEqual([
			{ symptom: 'pain', severity: 1, note: 'tablet' },
			{ symptom: 'pain', severity: 2, note: 'phone' }
		]);
	});

	it('counts every envelope for a bucket it cannot open and leaves the bucket alone', async () => {
		const [phone, tablet] = await phoneAndTablet();
		const at = Date.now() - 1000;
		await tablet.commit([symptomOp(at, 1)]);
		const tables = vaultTables(tablet);
		const [bucket] = await tables.buckets.toArray();
		if (!bucket) throw new Error('bucket');
		const ct = bucket.ct.slice();
		ct[0] = (ct[0] ?? 0) ^ 1;
		const tampered = { ...bucket, ct, rev: bucket.rev + 1 };
		await tables.buckets.put(tampered);
		await phone.commit([symptomOp(at, 2), symptomOp(at, 3)]);
		await tablet.sync.applyRemote(pulled(await phone.sync.outbox.pending(10)));
		expect(tablet.sync.unreadable()).toBe(2);
		expect(await tables.buckets.toArray()).toEqual([tampered]);
	});

	it('keeps a local commit made while a pulled page is applied to the same bucket', async () => {
		const [phone, tablet] = await phoneAndTablet();
		const at = Date.now() - 1000;
		await tablet.commit([symptomOp(at, 1, 'first on the tablet')]);
		await phone.commit([symptomOp(at, 2, 'phone')]);
		const envelopes = pulled(await phone.sync.outbox.pending(10));
		await Promise.all([
			tablet.sync.applyRemote(envelopes),
			tablet.commit([symptomOp(at, 3, 'tablet')])
		]);
		const notes = (await tablet.query({ category: 'symptoms' })).map((r) => JSON.stringify(r.body));
		expect(notes.filter((n) => n.includes('tablet'))).toHaveLength(2);
		expect(notes.filter((n) => n.includes('phone'))).toHaveLength(1);
	});
});

describe('outbox references without a bucket', () => {
	it('sends nothing for a record whose bucket is gone', async () => {
		const [vault] = await unlockedVault();
		await vault.commit([symptomOp(Date.now() - 1000, 1)]);
		await vaultTables(vault).buckets.clear();
		expect(await vault.sync.outbox.count()).toBe(1);
		expect(await vault.sync.outbox.pending(10)).toEqual([]);
	});
});
