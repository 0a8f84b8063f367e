// Edges of the vault's sync ports (src/lib/vault/remote.ts) found under Stryker (issue 17): the
// meta key of a circle's epoch, an ack listing a record's newest version first, an own edit that
// lost a clock race sent with its author and base, and a storage failure while applying a page.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { argon2HashWasm } from '$lib/crypto/argon2-hash-wasm';
import { exportBackup, importBackup } from '$lib/vault/backup';
import { EPOCH_PREFIX } from '$lib/vault/remote';
import { signingIdentity } from '$lib/vault/sharing-keys';
import { vaultTables } from '$lib/vault/testing';
import type { Vault } from '$lib/vault/vault';
import type { Envelope, PulledEnvelope } from '$lib/sync/types';
import { makeVault, PASSPHRASE, symptomOp } from '../../fixtures/vault';

afterEach(() => {
	vi.restoreAllMocks();
});

/** Her phone and tablet; with `signing`, a signing identity made before the tablet's copy. */
async function twoDevices(phoneAheadMs: number, signing = false): Promise<[Vault, Vault]> {
	const phone = makeVault({ now: () => Date.now() + phoneAheadMs });
	await phone.create(PASSPHRASE);
	if (signing) expect(await signingIdentity(phone)).not.toBeNull();
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

describe('restore port', () => {
	it('keeps the epoch under "epoch:" and the circle id', async () => {
		const vault = makeVault();
		await vault.create(PASSPHRASE);
		await vault.sync.restore.remember('circle-a', 'epoch-1');
		expect(EPOCH_PREFIX).toBe('epoch:');
		expect((await vaultTables(vault).meta.get('epoch:circle-a'))?.value).toBe('epoch-1');
		expect(await vault.sync.restore.epoch('circle-b')).toBeNull();
	});
});

describe('outbox acks', () => {
	it('count the newest acked version of a record even when it is listed first', async () => {
		const vault = makeVault();
		await vault.create(PASSPHRASE);
		const saved = await vault.commit([symptomOp(Date.now() - 2000, 1)]);
		if (!saved.ok || !saved.value[0]) throw new Error('commit');
		const a = saved.value[0];
		const edited = await vault.commit([{ ...symptomOp(a.at, 5), id: a.id, expectedHlc: a.hlc }]);
		if (!edited.ok || !edited.value[0]) throw new Error('edit');
		await vault.sync.outbox.ack([
			{ id: a.id, hlc: edited.value[0].hlc },
			{ id: a.id, hlc: a.hlc }
		]);
		expect(await vaultTables(vault).outbox.count()).toBe(0);
		expect(await vault.sync.outbox.count()).toBe(0);
	});
});

describe('an own edit that lost a clock race', () => {
	it('is sent from the conflict with its author and base', async () => {
		// The phone's clock is ahead: its edit wins on the tablet, whose own edit lives on in
		// `conflict` and is sent from there.
		const [phone, tablet] = await twoDevices(10_000);
		const created = await phone.commit([symptomOp(Date.now() - 1000, 5, 'original')]);
		if (!created.ok || !created.value[0]) throw new Error('commit');
		const record = created.value[0];
		await tablet.sync.applyRemote(pulled(await phone.sync.outbox.pending(10)));
		const edit = (note: string) => ({
			...symptomOp(record.at, 5, note),
			id: record.id,
			expectedHlc: record.hlc
		});
		expect((await phone.commit([edit('phone text')])).ok).toBe(true);
		const onTablet = await tablet.commit([edit('tablet text')], { author: 'device-a' });
		if (!onTablet.ok || !onTablet.value[0]) throw new Error('edit');
		const tabletVersion = onTablet.value[0];
		await tablet.sync.applyRemote(pulled(await phone.sync.outbox.pending(10)));
		const [kept] = await tablet.query({ category: 'symptoms' });
		expect(kept?.conflict?.hlc).toBe(tabletVersion.hlc);

		const sent = await tablet.sync.outbox.pending(10);
		expect(sent.map((e) => e.hlc)).toEqual([tabletVersion.hlc]);
		await phone.sync.applyRemote(pulled(sent));
		const [onPhone] = await phone.query({ category: 'symptoms' });
		expect(onPhone?.conflict).toMatchObject({
			hlc: tabletVersion.hlc,
			author: 'device-a',
			base: record.hlc,
			body: { note: 'tablet text' }
		});
	});
});

describe('her own signed edit that lost a clock race', () => {
	it('is sent from the conflict with its signature', async () => {
		const [phone, tablet] = await twoDevices(10_000, true);
		const created = await phone.commit([symptomOp(Date.now() - 1000, 5, 'original')]);
		if (!created.ok || !created.value[0]) throw new Error('commit');
		const record = created.value[0];
		await tablet.sync.applyRemote(pulled(await phone.sync.outbox.pending(10)));
		const edit = (note: string) => ({
			...symptomOp(record.at, 5, note),
			id: record.id,
			expectedHlc: record.hlc
		});
		expect((await phone.commit([edit('phone text')])).ok).toBe(true);
		const onTablet = await tablet.commit([edit('tablet text')]);
		if (!onTablet.ok || !onTablet.value[0]) throw new Error('edit');
		const tabletVersion = onTablet.value[0];
		expect(tabletVersion.signature).toEqual(expect.any(String));
		await tablet.sync.applyRemote(pulled(await phone.sync.outbox.pending(10)));
		const sent = (await tablet.sync.outbox.pending(10)).filter((e) => e.id === record.id);
		expect(sent.map((e) => e.hlc)).toEqual([tabletVersion.hlc]);
		await phone.sync.applyRemote(pulled(sent));
		const [onPhone] = await phone.query({ category: 'symptoms' });
		expect(onPhone?.conflict).toMatchObject({
			hlc: tabletVersion.hlc,
			signature: tabletVersion.signature
		});
	});
});

describe('applying a pulled page', () => {
	it('fails, and writes nothing, when storage refuses the write', async () => {
		const [phone, tablet] = await twoDevices(0);
		await phone.commit([symptomOp(Date.now() - 1000, 2)]);
		const page = pulled(await phone.sync.outbox.pending(10));
		const buckets = vaultTables(tablet).buckets;
		const put = vi.spyOn(buckets, 'put').mockRejectedValue(new Error('disk full'));
		await expect(tablet.sync.applyRemote(page)).rejects.toThrow('disk full');
		// Not retried: only a bucket changed meanwhile is worth another attempt.
		expect(put).toHaveBeenCalledTimes(1);
		vi.restoreAllMocks();
		expect(await buckets.count()).toBe(0);
		// Once storage works again, the same page applies.
		await tablet.sync.applyRemote(page);
		expect(await tablet.query({ category: 'symptoms' })).toHaveLength(1);
	});
});

describe('an envelope that does not open', () => {
	it('does not move the clock: what the device writes next is not dated after it', async () => {
		// The phone's clock is a minute ahead, so its HLC is ahead of the tablet's.
		const [phone, tablet] = await twoDevices(60_000);
		await phone.commit([symptomOp(Date.now() - 1000, 2)]);
		const [sent] = await phone.sync.outbox.pending(10);
		if (!sent) throw new Error('envelope');
		// The first character: all six of its bits are ciphertext (the last one's may be padding).
		const first = sent.ciphertext.startsWith('A') ? 'B' : 'A';
		const tampered = { ...sent, ciphertext: `${first}${sent.ciphertext.slice(1)}` };
		await tablet.sync.applyRemote(pulled([tampered]));
		expect(tablet.sync.unreadable()).toBe(1);
		const written = await tablet.commit([symptomOp(Date.now() - 500, 3)]);
		if (!written.ok || !written.value[0]) throw new Error('commit');
		expect(written.value[0].hlc < sent.hlc).toBe(true);
		// The same envelope untouched does move it.
		await tablet.sync.applyRemote(pulled([sent]));
		const after = await tablet.commit([symptomOp(Date.now() - 400, 4)]);
		if (!after.ok || !after.value[0]) throw new Error('commit');
		expect(after.value[0].hlc > sent.hlc).toBe(true);
	});
});

describe('an own edit that lost a clock race, after a server restore', () => {
	it('is still sent when the restore queues the winner behind it, and both are acked', async () => {
		// The server lost everything (a restore): the tablet resends what it holds. The winner is
		// queued after the tablet's own edit, which lives on in `conflict`; sending only the newest
		// version would let the winner's ack drop the edit unsent.
		const [phone, tablet] = await twoDevices(10_000);
		const created = await phone.commit([symptomOp(Date.now() - 1000, 5, 'original')]);
		if (!created.ok || !created.value[0]) throw new Error('commit');
		const record = created.value[0];
		await tablet.sync.applyRemote(pulled(await phone.sync.outbox.pending(10)));
		await tablet.sync.outbox.ack([{ id: record.id, hlc: record.hlc }]);
		const edit = (note: string) => ({
			...symptomOp(record.at, 5, note),
			id: record.id,
			expectedHlc: record.hlc
		});
		const onPhone = await phone.commit([edit('phone text')]);
		if (!onPhone.ok || !onPhone.value[0]) throw new Error('edit');
		const winner = onPhone.value[0];
		const onTablet = await tablet.commit([edit('tablet text')]);
		if (!onTablet.ok || !onTablet.value[0]) throw new Error('edit');
		const lost = onTablet.value[0];
		await tablet.sync.applyRemote(pulled(await phone.sync.outbox.pending(10)));
		const circleId = (await tablet.header())?.circleId;
		if (circleId === undefined) throw new Error('header');
		await tablet.sync.restore.resend(circleId, new Set());

		const sent = (await tablet.sync.outbox.pending(10)).filter((e) => e.id === record.id);
		expect(sent.map((e) => e.hlc)).toEqual([lost.hlc, winner.hlc]);
		await phone.sync.applyRemote(pulled(sent));
		const [seen] = await phone.query({ category: 'symptoms' });
		expect(seen?.body).toMatchObject({ note: 'phone text' });
		expect(seen?.conflict).toMatchObject({ hlc: lost.hlc, body: { note: 'tablet text' } });

		await tablet.sync.outbox.ack(sent.map((e) => ({ id: e.id, hlc: e.hlc })));
		expect(await tablet.sync.outbox.count()).toBe(0);
	});
});
