// The member circle's cache (src/lib/vault/member-records.ts, issue 18 §5): once versions of a
// record are merged, the cache keeps only the newest (old versions are compacted away, whatever
// order they arrived in), a reopening reads the same record, and per-week digests are computed
// once and reused until the week changes.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { generateIdentityKeyPair } from '../../../src/lib/crypto/identity';
import { describe, expect, it } from 'vitest';
import type { Category } from '../../../src/lib/domain/categories';
import type { StoredRecord } from '../../../src/lib/vault/buckets';
import { sealEnvelope } from '../../../src/lib/vault/envelope';
import { uuidv7 } from '../../../src/lib/domain/ids';
import { MemberCircleDb } from '../../../src/lib/vault/member-db';
import { openMemberRecords, type MemberKeyring } from '../../../src/lib/vault/member-records';

const CIRCLE = 'circle-of-marie';
const T = Date.UTC(2025, 0, 6, 9);
const hlc = (ms: number) => `${String(ms).padStart(15, '0')}-0000-00000000000000bb`;

async function setup() {
	const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
		'encrypt',
		'decrypt'
	]);
	const keyring: MemberKeyring = {
		byId: new Map([['k1', key]]),
		categoryOf: new Map<string, Category>([['k1', 'notes']]),
		active: new Map<Category, string>([['notes', 'k1']])
	};
	const idb = new IDBFactory();
	const open = async () => {
		const db = new MemberCircleDb('member-test', { indexedDB: idb, IDBKeyRange });
		const store = await openMemberRecords({
			circleId: CIRCLE,
			accountId: 'claire',
			db,
			now: () => T + 60_000,
			keyring: () => keyring,
			canRead: () => true,
			canWrite: () => true,
			active: () => true,
			committed: () => undefined,
			signingKey: (await generateIdentityKeyPair()).privateKey
		});
		if (store === null) throw new Error('clock');
		return { db, store };
	};
	let seq = 0;
	const pulled = async (record: StoredRecord) => ({
		...(await sealEnvelope(key, 'k1', CIRCLE, 'notes', record)),
		seq: ++seq
	});
	return { open, pulled };
}

const id = uuidv7(T);
const version = (ms: number, text: string, base?: number): StoredRecord => ({
	id,
	kind: 'note',
	at: T,
	hlc: hlc(ms),
	deleted: false,
	body: { kind: 'note', text },
	...(base === undefined ? {} : { base: hlc(base) })
});

describe('member circle cache', () => {
	it('keeps one version per record after merging three, whatever their order', async () => {
		const { open, pulled } = await setup();
		const { db, store } = await open();
		// The first, then the third, then the second arriving late (an older version).
		await store.applyRemote([await pulled(version(T + 1, 'one'))]);
		await store.applyRemote([await pulled(version(T + 3, 'three', T + 2))]);
		await store.applyRemote([await pulled(version(T + 2, 'two', T + 1))]);

		const cached = await db.envelopes.toArray();
		expect(cached.map((e) => e.hlc)).toEqual([hlc(T + 3)]);
		expect(await store.api.query({ category: 'notes' })).toMatchObject([
			{ id, hlc: hlc(T + 3), body: { text: 'three' } }
		]);
		db.close();

		const again = await open();
		expect(await again.store.api.query({ category: 'notes' })).toMatchObject([
			{ id, hlc: hlc(T + 3), body: { text: 'three' } }
		]);
		again.db.close();
	});

	it('keeps the other side of an unresolved conflict, and drops it once an edit resolves it', async () => {
		const { open, pulled } = await setup();
		const { db, store } = await open();
		await store.applyRemote([
			await pulled(version(T + 1, 'one')),
			await pulled(version(T + 2, 'from the phone', T + 1)),
			await pulled(version(T + 3, 'from the tablet', T + 1))
		]);
		expect((await db.envelopes.toArray()).map((e) => e.hlc).sort()).toEqual([
			hlc(T + 2),
			hlc(T + 3)
		]);
		await store.applyRemote([await pulled(version(T + 4, 'chosen', T + 3))]);
		expect((await db.envelopes.toArray()).map((e) => e.hlc)).toEqual([hlc(T + 4)]);
		db.close();
	});

	it('marks every write as the member’s own, even a put that names another author', async () => {
		const { open } = await setup();
		const { db, store } = await open();
		const written = await store.api.commit([
			{ type: 'put', kind: 'note', category: 'notes', at: T, body: { text: 'mine' } },
			{
				type: 'put',
				kind: 'note',
				category: 'notes',
				at: T,
				body: { text: 'forged' },
				author: 'dr-martin'
			}
		]);
		if (!written.ok) throw new Error(written.error.type);
		expect(written.value.map((r) => r.author)).toEqual(['claire', 'claire']);
		db.close();
	});

	it('computes a week digest once and reuses it until the week changes', async () => {
		const { open, pulled } = await setup();
		const { db, store } = await open();
		await store.applyRemote([await pulled(version(T + 1, 'one'))]);
		let computed = 0;
		const query = {
			category: 'notes' as const,
			name: 'texts-v1',
			compute: (records: readonly { body: unknown }[]) => {
				computed++;
				return records.length;
			},
			parse: (value: unknown) => (typeof value === 'number' ? value : null)
		};
		expect((await store.api.derive(query)).map((d) => d.value)).toEqual([1]);
		db.close();

		const reopened = await open();
		expect((await reopened.store.api.derive(query)).map((d) => d.value)).toEqual([1]);
		expect(computed).toBe(1);
		const other = { ...version(T + 5, 'another'), id: uuidv7(T + 10) };
		await reopened.store.applyRemote([await pulled(other)]);
		expect((await reopened.store.api.derive(query)).map((d) => d.value)).toEqual([2]);
		expect(computed).toBe(2);
		reopened.db.close();
	});

	it('answers `newest` like the full query, with a backdated entry in a later week', async () => {
		const { open, pulled } = await setup();
		const { db, store } = await open();
		const WEEK = 7 * 86_400_000;
		const pages = [];
		for (let w = 0; w < 12; w++) {
			for (let n = 0; n < 3; n++) {
				const made = T + w * WEEK + n * 3_600_000;
				// Every third week one entry is logged for two weeks earlier (its id is of now).
				const at = n === 2 && w % 3 === 0 ? made - 2 * WEEK : made;
				pages.push(
					await pulled({
						id: uuidv7(made),
						kind: 'note',
						at,
						hlc: hlc(made),
						deleted: false,
						body: { kind: 'note', text: `${String(w)}-${String(n)}` }
					})
				);
			}
		}
		await store.applyRemote(pages);
		const all = await store.api.query({ category: 'notes' });
		expect(all).toHaveLength(36);
		for (const n of [1, 4, 7, 20, 36, 50]) {
			expect(await store.api.query({ category: 'notes', newest: n })).toEqual(
				all.slice(Math.max(0, all.length - n))
			);
		}
		db.close();
	});
});
