// The vault's records (src/lib/vault/records.ts) on the paths the journeys seldom take: the exact
// bounds of a range read, the week of slack for a record logged ahead of its id, reads and writes
// while locked, the errors a commit returns (not found, conflict with the current version, a
// corrupt bucket), another tab writing the same database, and drafts bound to their name. (The
// live queries, observe and observeDerived, are not reached here: Dexie's liveQuery delivers
// nothing under Node with fake-indexeddb; the component and e2e tests exercise them in a browser.)
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { argon2HashWasm } from '$lib/crypto/argon2-hash-wasm';
import { uuidv7 } from '$lib/domain/ids';
import { createVault, type Vault } from '$lib/vault/vault';
import { makeVault, PASSPHRASE, symptomOp } from '../../fixtures/vault';
import { vaultTables } from '$lib/vault/testing';

const DAY = 86_400_000;
const noteOf = (body: unknown): string => z.object({ note: z.string() }).parse(body).note;
const WEEK = 7 * DAY;
/** The vault's bucket week (db.ts weekOf: whole weeks since the epoch). */
const weekOf = (ms: number): number => Math.floor(ms / WEEK);

async function unlocked(now?: () => number): Promise<Vault> {
	const vault = makeVault(now ? { now } : {});
	await vault.create(PASSPHRASE);
	return vault;
}

afterEach(() => {
	vi.restoreAllMocks();
});

describe('range reads', () => {
	it('include `from`, exclude `to`, keep the newest N in time order, and match kinds', async () => {
		const vault = await unlocked();
		const base = Date.now() - 10 * DAY;
		const saved = await vault.commit(
			[0, 1, 2, 3]
				.map((d) => symptomOp(base + d * DAY, d))
				.concat([{ ...symptomOp(base + 2 * DAY, 9), kind: 'other' }])
		);
		expect(saved.ok).toBe(true);
		const at = (q: Parameters<Vault['query']>[0]) =>
			vault.query(q).then((rs) => rs.map((r) => (r.at - base) / DAY));
		expect(await at({ category: 'symptoms', from: base + DAY, to: base + 3 * DAY })).toEqual([
			1, 2, 2
		]);
		expect(await at({ category: 'symptoms', kinds: ['symptom'] })).toEqual([0, 1, 2, 3]);
		expect(await at({ category: 'symptoms', kinds: ['other'] })).toEqual([2]);
		expect(await at({ category: 'symptoms', kinds: ['symptom'], newest: 2 })).toEqual([2, 3]);
		expect(await at({ category: 'symptoms', newest: 10 })).toEqual([0, 1, 2, 2, 3]);
		expect(await at({ category: 'symptoms', newest: 0 })).toEqual([]);
	});

	it('orders records of the same instant by id', async () => {
		const vault = await unlocked();
		const at = Date.now() - DAY;
		const ids = [uuidv7(at - 3000), uuidv7(at - 2000), uuidv7(at - 1000)];
		await vault.commit([ids[2], ids[0], ids[1]].map((id) => ({ ...symptomOp(at, 1), id })));
		expect((await vault.query({ category: 'symptoms' })).map((r) => r.id)).toEqual(ids);
	});

	it('finds a record whose id is up to a week older than its own time', async () => {
		// The id (its bucket's week) is written at the end of a week; the record's time is early the
		// next week (a phone clock behind, or an entry logged ahead).
		const weekEnd = (weekOf(Date.now()) - 2) * WEEK + WEEK - 1000;
		const vault = await unlocked(() => weekEnd);
		const at = weekEnd + 2 * DAY;
		await vault.commit([symptomOp(at, 5)]);
		expect(weekOf(at)).toBe(weekOf(weekEnd) + 1);
		expect(await vault.query({ category: 'symptoms', from: at - 1000 })).toHaveLength(1);
		expect(await vault.query({ category: 'symptoms', from: at + 1 })).toHaveLength(0);
	});
});

describe('while locked', () => {
	it('reads nothing, writes nothing, and says why', async () => {
		const vault = await unlocked();
		const saved = await vault.commit([symptomOp(Date.now() - 1000, 1)]);
		if (!saved.ok || !saved.value[0]) throw new Error('commit');
		const { id } = saved.value[0];
		const [row] = await vaultTables(vault).buckets.toArray();
		if (!row) throw new Error('bucket');
		vault.lock();
		expect(await vault.commit([symptomOp(Date.now(), 2)])).toEqual({
			ok: false,
			error: { type: 'locked' }
		});
		expect(await vault.get('symptoms', id)).toBeNull();
		expect(await vault.bucketRecords(row)).toBeNull();
		const count = {
			category: 'symptoms' as const,
			name: 'count-v1',
			compute: (rs: readonly unknown[]) => rs.length,
			parse: (v: unknown) => (typeof v === 'number' ? v : null)
		};
		expect(await vault.derive(count)).toEqual([]);
		expect(await vault.saveDraft('form', { a: 1 })).toBe(false);
		expect(await vaultTables(vault).outbox.count()).toBe(1);
	});
});

describe('single records', () => {
	it('gets a record by id, and null for an unknown id or an empty week', async () => {
		const vault = await unlocked();
		const saved = await vault.commit([symptomOp(Date.now() - 1000, 4, 'found')], {
			author: 'device-a'
		});
		if (!saved.ok || !saved.value[0]) throw new Error('commit');
		const record = saved.value[0];
		const got = await vault.get('symptoms', record.id);
		expect(got).toEqual(record);
		expect(got?.author).toBe('device-a');
		expect(got?.body).toEqual({ symptom: 'pain', severity: 4, note: 'found' });
		expect(await vault.get('symptoms', uuidv7(Date.now() - 500))).toBeNull();
		expect(await vault.get('symptoms', uuidv7(Date.now() - 60 * DAY))).toBeNull();
		expect(await vault.get('notes', record.id)).toBeNull();
	});

	it('carries no author or conflict field a record does not have', async () => {
		const vault = await unlocked();
		const saved = await vault.commit([symptomOp(Date.now() - 1000, 4)]);
		if (!saved.ok || !saved.value[0]) throw new Error('commit');
		expect(Object.keys(saved.value[0]).sort()).toEqual(
			['at', 'body', 'category', 'circleId', 'deleted', 'hlc', 'id', 'kind'].sort()
		);
		const [read] = await vault.query({ category: 'symptoms' });
		expect(Object.keys(read ?? {})).not.toContain('author');
		expect(Object.keys(read ?? {})).not.toContain('conflict');
		expect(read?.circleId).toBe((await vault.header())?.circleId);
		expect(read?.category).toBe('symptoms');
	});
});

describe('commit errors', () => {
	it('an edit of a record that is not there is not-found, and nothing is written', async () => {
		const vault = await unlocked();
		const id = uuidv7(Date.now() - 1000);
		const result = await vault.commit([{ type: 'delete', id, category: 'symptoms' }]);
		expect(result).toEqual({ ok: false, error: { type: 'not-found', id } });
		expect(await vaultTables(vault).outbox.count()).toBe(0);
		expect(await vaultTables(vault).buckets.count()).toBe(0);
	});

	it('a stale edit returns the current version', async () => {
		const vault = await unlocked();
		const created = await vault.commit([symptomOp(Date.now() - 1000, 5, 'first')]);
		if (!created.ok || !created.value[0]) throw new Error('commit');
		const original = created.value[0];
		const edit = (severity: number) => ({
			...symptomOp(original.at, severity, 'edited'),
			id: original.id,
			expectedHlc: original.hlc
		});
		const first = await vault.commit([edit(6)]);
		if (!first.ok || !first.value[0]) throw new Error('edit');
		const stale = await vault.commit([edit(9)]);
		expect(stale).toEqual({
			ok: false,
			error: { type: 'conflict', id: original.id, current: first.value[0] }
		});
	});

	it('a write into a bucket that does not open is refused as corrupt', async () => {
		const vault = await unlocked();
		const at = Date.now() - 1000;
		await vault.commit([symptomOp(at, 1)]);
		const tables = vaultTables(vault);
		const [row] = await tables.buckets.toArray();
		if (!row) throw new Error('bucket');
		const ct = row.ct.slice();
		ct[3] = (ct[3] ?? 0) ^ 1;
		const tampered = { ...row, ct, rev: row.rev + 1 };
		await tables.buckets.put(tampered);
		const result = await vault.commit([symptomOp(at, 2)]);
		expect(result).toEqual({
			ok: false,
			error: { type: 'invalid', id: row.bid, issues: ['corrupt-bucket'] }
		});
		expect(await tables.buckets.toArray()).toEqual([tampered]);
		expect(vault.corruptBuckets()).toEqual([row.bid]);
		// The bucket put back as it was opens again and is no longer reported.
		await tables.buckets.put({ ...row, rev: row.rev + 2 });
		expect(await vault.query({ category: 'symptoms' })).toHaveLength(1);
		expect(vault.corruptBuckets()).toEqual([]);
	});

	it('forgets a corrupt bucket report when locked', async () => {
		const vault = await unlocked();
		await vault.commit([symptomOp(Date.now() - 1000, 1)]);
		const tables = vaultTables(vault);
		const [row] = await tables.buckets.toArray();
		if (!row) throw new Error('bucket');
		const ct = row.ct.slice();
		ct[3] = (ct[3] ?? 0) ^ 1;
		await tables.buckets.put({ ...row, ct, rev: row.rev + 1 });
		await vault.query({ category: 'symptoms' });
		expect(vault.corruptBuckets()).toHaveLength(1);
		vault.lock();
		expect(vault.corruptBuckets()).toEqual([]);
	});

	it('gives up after eight retries when the bucket changes under every attempt', async () => {
		const vault = await unlocked();
		await vault.commit([symptomOp(Date.now() - 1000, 1)]);
		const buckets = vaultTables(vault).buckets;
		const before = await buckets.toArray();
		// Outside the transaction the bucket reads as absent (revision 0); inside it has revision 1,
		// as if another tab wrote it between every read and every write.
		const real = buckets.bulkGet.bind(buckets);
		let reads = 0;
		vi.spyOn(buckets, 'bulkGet').mockImplementation((keys) => {
			reads++;
			const rows = real(keys);
			return reads % 2 === 1 ? rows.then((found) => found.map(() => undefined)) : rows;
		});
		await expect(vault.commit([symptomOp(Date.now() - 500, 2)])).rejects.toThrow();
		expect(reads).toBe(2 * 9);
		vi.restoreAllMocks();
		expect(await buckets.toArray()).toEqual(before);
		expect(await vaultTables(vault).outbox.count()).toBe(1);
	});
});

describe('two tabs on one database', () => {
	async function twoTabs(): Promise<[Vault, Vault]> {
		const deps = {
			dbName: `tabs-${Math.random().toString(36).slice(2)}`,
			argon2: argon2HashWasm,
			indexedDB: new IDBFactory(),
			IDBKeyRange
		};
		const first = createVault(deps);
		await first.create(PASSPHRASE);
		const second = createVault(deps);
		expect((await second.unlock(PASSPHRASE)).ok).toBe(true);
		return [first, second];
	}

	it('reads again a bucket the other tab rewrote, and adds to it rather than over it', async () => {
		const [first, second] = await twoTabs();
		const at = Date.now() - 1000;
		await first.commit([symptomOp(at, 1, 'one')]);
		expect(await second.query({ category: 'symptoms' })).toHaveLength(1);
		await first.commit([symptomOp(at, 2, 'two')]);
		expect(await second.query({ category: 'symptoms' })).toHaveLength(2);
		await second.commit([symptomOp(at, 3, 'three')]);
		const notes = (await first.query({ category: 'symptoms' })).map((r) => noteOf(r.body));
		expect(notes.sort()).toEqual(['one', 'three', 'two']);
	});
});

describe('drafts', () => {
	it('open only under their own name, and are gone once cleared', async () => {
		const vault = await unlocked();
		expect(await vault.saveDraft('a', { text: 'draft a' })).toBe(true);
		expect(await vault.saveDraft('b', { text: 'draft b' })).toBe(true);
		expect(await vault.loadDraft('missing')).toBeUndefined();
		const drafts = vaultTables(vault).drafts;
		const a = await drafts.get('a');
		if (!a) throw new Error('draft');
		await drafts.put({ ...a, key: 'b' });
		expect(await vault.loadDraft('b')).toBeUndefined();
		expect(await vault.loadDraft('a')).toEqual({ text: 'draft a' });
		await vault.clearDraft('a');
		expect(await vault.loadDraft('a')).toBeUndefined();
		expect(await drafts.count()).toBe(1);
	});
});
