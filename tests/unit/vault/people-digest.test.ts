// The people digest in a member circle's cache (src/lib/vault/people-digest.ts, issue 14 §3): it
// gives the row the circle's full records give, is reused while no week changed and stale as soon
// as one did, is stored sealed (no record content, no id of a record in clear in IndexedDB), and
// one person's summary reads the last 90 days and the lasting records with the same result as
// from every record.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../../src/lib/domain/care-team/flags';
import { rowFromData, rowFromDigest } from '../../../src/lib/domain/care-team/people-digest';
import { changesSince, readShared } from '../../../src/lib/domain/care-team/shared-records';
import { personSummary } from '../../../src/lib/domain/care-team/summary';
import { SHAREABLE_CATEGORIES, type Category } from '../../../src/lib/domain/categories';
import type { StoredRecord } from '../../../src/lib/vault/buckets';
import { sealEnvelope } from '../../../src/lib/vault/envelope';
import { uuidv7 } from '../../../src/lib/domain/ids';
import { MemberCircleDb, memberDbName } from '../../../src/lib/vault/member-db';
import { openMemberRecords, type MemberKeyring } from '../../../src/lib/vault/member-records';
import {
	forgetPeopleDigest,
	PeopleDigestDb,
	readPeopleDigest,
	refreshPeopleDigest,
	summaryRecordsOf,
	type DeviceKeys
} from '../../../src/lib/vault/people-digest';
import { daysAgo, moniqueRecords, NOW, OWNER } from '../../fixtures/people';

const CIRCLE = 'circle-of-monique';
const ZONE = 'Europe/Paris';
const aesKey = () =>
	crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);

/** Monique's records as her device files them: ids made when the entry was (tasks left out). */
const records = (): StoredRecord[] =>
	moniqueRecords()
		.filter((r) => r.kind !== 'task' && r.kind !== 'task-event')
		.map((r) => ({
			id: uuidv7(r.at),
			kind: r.kind,
			at: r.at,
			hlc: r.hlc,
			deleted: false,
			...(r.author === undefined ? {} : { author: r.author }),
			body: r.body
		}));
const categoryOf = new Map(moniqueRecords().map((r) => [r.body, r.category]));

async function setup() {
	const keys = new Map<Category, CryptoKey>();
	for (const c of SHAREABLE_CATEGORIES) keys.set(c, await aesKey());
	const keyring: MemberKeyring = {
		byId: new Map([...keys].map(([c, k]) => [`k-${c}`, k])),
		categoryOf: new Map([...keys.keys()].map((c) => [`k-${c}`, c])),
		active: new Map([...keys.keys()].map((c) => [c, `k-${c}`]))
	};
	const own = await aesKey();
	const device: DeviceKeys = {
		active: () => Promise.resolve({ keyId: 'own-settings', key: own }),
		byId: (id) => Promise.resolve(id === 'own-settings' ? own : null)
	};
	const idb = new IDBFactory();
	const options = { indexedDB: idb, IDBKeyRange };
	const db = new MemberCircleDb(memberDbName(CIRCLE), options);
	const store = await openMemberRecords({
		circleId: CIRCLE,
		accountId: 'acc-claire',
		db,
		now: () => NOW,
		keyring: () => keyring,
		canRead: (c) => c !== 'settings',
		canWrite: () => false,
		active: () => true,
		committed: () => undefined,
		signingKey: null
	});
	if (store === null) throw new Error('clock');
	let seq = 0;
	const pull = async (list: readonly StoredRecord[], category: (r: StoredRecord) => Category) => {
		const envelopes = [];
		for (const r of list) {
			const c = category(r);
			const key = keys.get(c);
			if (key === undefined) throw new Error(c);
			envelopes.push({ ...(await sealEnvelope(key, `k-${c}`, CIRCLE, c, r)), seq: ++seq });
		}
		await store.applyRemote(envelopes);
	};
	const seeded = records();
	await pull(seeded, (r) => categoryOf.get(r.body) ?? 'notes');
	const circle = {
		circleId: CIRCLE,
		ownerId: OWNER,
		canRead: (c: Category) => c !== 'settings',
		records: store.api
	};
	const everything = async () =>
		(await Promise.all(SHAREABLE_CATEGORIES.map((category) => store.api.query({ category }))))
			.flat()
			.filter((r) => r.category !== 'settings');
	return { db, idb, options, device, circle, pull, everything, keys };
}

const follow = { circleId: CIRCLE, name: 'Monique', seenAt: daysAgo(10), noNewsDays: 3 };

describe('people digest in the member cache', () => {
	it('draws the row the full records give, and is reused while no week changed', async () => {
		const { device, circle, options, everything } = await setup();
		const digest = await refreshPeopleDigest(circle, device, NOW, options);
		const read = await readPeopleDigest(CIRCLE, device, options);
		expect(read).toEqual({ digest, fresh: true });
		expect(await readPeopleDigest(CIRCLE, device, { ...options, checkFresh: false })).toEqual({
			digest,
			fresh: null
		});

		const later = NOW + 2 * DAY_MS;
		const all = readShared(await everything(), OWNER);
		const full = rowFromData(CIRCLE, 'Monique', all, follow, { now: later, timeZone: ZONE });
		const fromDigest = rowFromDigest(CIRCLE, 'Monique', digest, follow, {
			now: later,
			timeZone: ZONE
		});
		expect(full.flags.length).toBeGreaterThan(0);
		expect(fromDigest).toEqual(full);
		expect(fromDigest.changes).toBe(changesSince(all, follow.seenAt).total);

		// Reused: a refresh later with nothing new keeps the digest computed at NOW.
		expect((await refreshPeopleDigest(circle, device, later, options)).computedAt).toBe(NOW);
	});

	it('is stale once a week changed, and the refresh shows what came in', async () => {
		const { device, circle, options, pull } = await setup();
		await refreshPeopleDigest(circle, device, NOW, options);
		const decision: StoredRecord = {
			id: uuidv7(daysAgo(1)),
			kind: 'decision-record',
			at: daysAgo(1),
			hlc: `${String(NOW + 1).padStart(15, '0')}-0000-00000000000000cc`,
			deleted: false,
			body: { nonsense: true }
		};
		await pull([decision], () => 'decisions');
		expect((await readPeopleDigest(CIRCLE, device, options))?.fresh).toBe(false);
		const later = NOW + DAY_MS;
		const digest = await refreshPeopleDigest(circle, device, later, options);
		expect(digest.computedAt).toBe(later);
		expect(digest.records.map((r) => r.id)).toContain(decision.id);
		expect((await readPeopleDigest(CIRCLE, device, options))?.fresh).toBe(true);
	});

	it('stores nothing in clear: the digest row is sealed, no text or id of a record shows', async () => {
		const { device, circle, options, db } = await setup();
		await refreshPeopleDigest(circle, device, NOW, options);
		const text = (value: unknown): string =>
			JSON.stringify(value, (_k, v: unknown) =>
				v instanceof Uint8Array ? new TextDecoder('latin1').decode(v) : v
			);
		const digests = new PeopleDigestDb(options);
		const row = await digests.digests.get(CIRCLE);
		expect(Object.keys(row ?? {}).sort()).toEqual(['circleId', 'ct', 'iv', 'keyId']);
		const stored = text([
			await digests.digests.toArray(),
			await db.meta.toArray(),
			await db.digests.toArray(),
			await db.weeks.toArray()
		]);
		for (const secret of ['market', 'Knee', 'pain', 'systolic', OWNER, 'Monique', 'question'])
			expect(stored).not.toContain(secret);
		// No record id either (the envelopes table holds them, as the server sent them).
		for (const r of records()) expect(stored).not.toContain(r.id);
		// A digest sealed for another circle does not open there.
		if (row === undefined) throw new Error('no digest');
		await digests.digests.put({ ...row, circleId: 'another-circle' });
		digests.close();
		expect(await readPeopleDigest('another-circle', device, options)).toBeNull();
		// Forgotten with its circle.
		await forgetPeopleDigest(CIRCLE, options);
		expect(await readPeopleDigest(CIRCLE, device, options)).toBeNull();
	});

	it('gives the summary the full records give, from 90 days and the lasting records', async () => {
		const { circle, everything } = await setup();
		const context = { now: NOW, timeZone: ZONE };
		const all = personSummary(readShared(await everything(), OWNER), SHAREABLE_CATEGORIES, context);
		const { readable, records: read } = await summaryRecordsOf(circle, NOW);
		const summary = personSummary(readShared(read, OWNER), readable, context);
		expect(summary.trends).toEqual(all.trends);
		expect(summary.adherence).toEqual(all.adherence);
		expect(summary.decisions).toEqual(all.decisions);
		expect(summary.scores).toEqual(all.scores);
		expect(summary.visit).toEqual(all.visit);
		expect(summary.goals.map((g) => g.id)).toEqual(all.goals.map((g) => g.id));
	});
});
