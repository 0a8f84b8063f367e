import { describe, expect, it } from 'vitest';
import { argon2HashWasm } from '$lib/crypto/argon2-hash-wasm';
import { exportBackup, importBackup } from '$lib/vault/backup';
import { sealEnvelope } from '$lib/vault/envelope';
import type { Vault } from '$lib/vault/vault';
import type { Envelope, PulledEnvelope } from '$lib/sync/types';
import { makeVault, PASSPHRASE, symptomOp } from '../../fixtures/vault';
import { vaultTables } from '$lib/vault/testing';

/**
 * The person's phone and, with the same keys, her tablet; `phoneAheadMs` sets the phone's wall
 * clock ahead of the tablet's (real devices never agree to the millisecond).
 */
async function twoDevices(phoneAheadMs = 0): Promise<[Vault, Vault]> {
	const phone = makeVault(phoneAheadMs === 0 ? {} : { now: () => Date.now() + phoneAheadMs });
	await phone.create(PASSPHRASE);
	const file = await exportBackup(phone, Date.now());
	if (!file.ok) throw new Error('export');
	const tablet = makeVault();
	await importBackup(tablet, argon2HashWasm, file.value, PASSPHRASE);
	await tablet.unlock(PASSPHRASE);
	return [phone, tablet];
}

let seq = 0;
const pulled = (envelopes: readonly Envelope[]): PulledEnvelope[] =>
	envelopes.map((e) => ({ ...e, seq: ++seq }));

describe('vault sync ports', () => {
	it('turns the outbox into sealed envelopes that another device applies', async () => {
		const [phone, tablet] = await twoDevices();
		await phone.commit([
			symptomOp(Date.now() - 2000, 4, 'canary-sync'),
			symptomOp(Date.now() - 1000, 6)
		]);
		expect(await phone.sync.outbox.count()).toBe(2);
		const envelopes = await phone.sync.outbox.pending(100);
		expect(JSON.stringify(envelopes)).not.toContain('canary-sync');
		await tablet.sync.applyRemote(pulled(envelopes));
		const onTablet = await tablet.query({ category: 'symptoms' });
		expect(onTablet.map((r) => r.body)).toEqual(
			(await phone.query({ category: 'symptoms' })).map((r) => r.body)
		);
		expect(await tablet.sync.outbox.count()).toBe(0);
		await phone.sync.outbox.ack(envelopes.map((e) => ({ id: e.id, hlc: e.hlc })));
		expect(await phone.sync.outbox.count()).toBe(0);
	});

	it('keeps a newer local edit pending when an older version is acknowledged', async () => {
		const [phone] = await twoDevices();
		const created = await phone.commit([symptomOp(Date.now() - 1000, 2)]);
		if (!created.ok || !created.value[0]) throw new Error('commit');
		const first = await phone.sync.outbox.pending(10);
		const record = created.value[0];
		await phone.commit([{ ...symptomOp(record.at, 3), id: record.id, expectedHlc: record.hlc }]);
		await phone.sync.outbox.ack(first.map((e) => ({ id: e.id, hlc: e.hlc })));
		const left = await phone.sync.outbox.pending(10);
		expect(left).toHaveLength(1);
		expect(left[0]?.hlc).not.toBe(first[0]?.hlc);
	});

	it('applies deletes as tombstones and never resurrects with an older edit', async () => {
		const [phone, tablet] = await twoDevices();
		const created = await phone.commit([symptomOp(Date.now() - 1000, 5)]);
		if (!created.ok || !created.value[0]) throw new Error('commit');
		const v1 = await phone.sync.outbox.pending(10);
		await tablet.sync.applyRemote(pulled(v1));
		await phone.commit([{ type: 'delete', id: created.value[0].id, category: 'symptoms' }]);
		const v2 = await phone.sync.outbox.pending(10);
		await tablet.sync.applyRemote(pulled(v2));
		await tablet.sync.applyRemote(pulled(v1));
		expect(await tablet.query({ category: 'symptoms' })).toEqual([]);
	});

	it.each([
		['the phone', 0],
		["the phone, its clock behind the tablet's", -10_000],
		["the tablet, its clock behind the phone's", 10_000]
	])(
		'keeps both versions of a concurrent edit on both devices (the later edit on %s)',
		async (_, phoneAheadMs) => {
			const [phone, tablet] = await twoDevices(phoneAheadMs);
			const created = await phone.commit([symptomOp(Date.now() - 1000, 5, 'original')]);
			if (!created.ok || !created.value[0]) throw new Error('commit');
			const record = created.value[0];
			await tablet.sync.applyRemote(pulled(await phone.sync.outbox.pending(10)));
			const onPhoneEdit = await phone.commit([
				{ ...symptomOp(record.at, 5, 'phone text'), id: record.id, expectedHlc: record.hlc }
			]);
			const onTabletEdit = await tablet.commit([
				{ ...symptomOp(record.at, 5, 'tablet text'), id: record.id, expectedHlc: record.hlc }
			]);
			expect(onPhoneEdit.ok && onTabletEdit.ok).toBe(true);
			expect(await tablet.sync.outbox.count()).toBe(1);
			// The tablet pulls the phone's edit before it pushes its own: whichever wins there, its
			// own edit must still reach the phone (once, the loser of a clock race, it never did).
			await tablet.sync.applyRemote(pulled(await phone.sync.outbox.pending(10)));
			await phone.sync.applyRemote(pulled(await tablet.sync.outbox.pending(10)));
			const [onPhone] = await phone.query({ category: 'symptoms' });
			const [onTablet] = await tablet.query({ category: 'symptoms' });
			expect(onPhone?.body).toEqual(onTablet?.body);
			for (const device of [onPhone, onTablet]) {
				const notes = [device?.body, device?.conflict?.body].map((b) =>
					b === undefined ? '' : JSON.stringify(b)
				);
				expect(notes.some((n) => n.includes('phone text'))).toBe(true);
				expect(notes.some((n) => n.includes('tablet text'))).toBe(true);
			}
			expect(onPhone?.conflict?.hlc).toBe(onTablet?.conflict?.hlc);
		}
	);

	it('refuses a tampered or misfiled envelope and applies the rest', async () => {
		const [phone, tablet] = await twoDevices();
		await phone.commit([symptomOp(Date.now() - 2000, 1), symptomOp(Date.now() - 1000, 2)]);
		const [a, b] = await phone.sync.outbox.pending(10);
		if (!a || !b) throw new Error('envelopes');
		const flipped = a.ciphertext.startsWith('A')
			? 'B' + a.ciphertext.slice(1)
			: 'A' + a.ciphertext.slice(1);
		await tablet.sync.applyRemote(
			pulled([{ ...a, ciphertext: flipped }, { ...b, category: 'notes' }, b])
		);
		expect(tablet.sync.unreadable()).toBe(2);
		expect(await tablet.query({ category: 'symptoms' })).toHaveLength(1);
		expect(await tablet.query({ category: 'notes' })).toHaveLength(0);
	});

	it('refuses a stored envelope replayed as a deletion or under a higher HLC', async () => {
		const [phone, tablet] = await twoDevices();
		await phone.commit([symptomOp(Date.now() - 1000, 7, 'kept')]);
		const [original] = await phone.sync.outbox.pending(10);
		if (!original) throw new Error('envelope');
		await tablet.sync.applyRemote(pulled([original]));
		const later = `${String(Date.now() + 60_000).padStart(15, '0')}-0000-ffffffffffffffff`;
		await tablet.sync.applyRemote(
			pulled([
				{ ...original, deleted: true },
				{ ...original, hlc: later },
				{ ...original, hlc: later, deleted: true }
			])
		);
		expect(tablet.sync.unreadable()).toBe(3);
		const left = await tablet.query({ category: 'symptoms' });
		expect(left.map((r) => [r.hlc, r.deleted])).toEqual([[original.hlc, false]]);
	});

	it('opens a pulled envelope only with a key of its own category, and only in the one HLC format', async () => {
		const [phone, tablet] = await twoDevices();
		await phone.commit([symptomOp(Date.now() - 1000, 3)]);
		const [symptom] = await phone.sync.outbox.pending(10);
		const notesKeyId = (await vaultTables(phone).keys.toArray()).find(
			(k) => k.category === 'notes'
		)?.keyId;
		const material = phone.sharingKeyMaterial();
		const symptomsKey = material?.activeKeyIds.get('symptoms');
		if (!symptom || !notesKeyId || !symptomsKey) throw new Error('setup');
		// A writer granted 'symptoms' seals a 'notes' record with the symptoms key (binding consistent).
		const stored = {
			id: symptom.id,
			kind: 'note',
			at: Date.now(),
			hlc: symptom.hlc,
			deleted: false,
			body: { text: 'filed under notes' }
		};
		const key = await unwrapForTest(phone, symptomsKey);
		const misfiled = await sealEnvelope(key, symptomsKey, symptom.circleId, 'notes', stored);
		await tablet.sync.applyRemote(
			pulled([misfiled, { ...symptom, hlc: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz' }])
		);
		expect(tablet.sync.unreadable()).toBe(2);
		expect(await tablet.query({ category: 'notes' })).toHaveLength(0);
		expect(await tablet.query({ category: 'symptoms' })).toHaveLength(0);
		await tablet.sync.applyRemote(pulled([symptom]));
		expect(await tablet.query({ category: 'symptoms' })).toHaveLength(1);
	});
});

/** The session's key for `keyId` (tests only: the app never hands a category key out this way). */
async function unwrapForTest(vault: Vault, keyId: string): Promise<CryptoKey> {
	const key = await vault.categoryKey(keyId, false);
	if (!key) throw new Error('locked');
	return key;
}
