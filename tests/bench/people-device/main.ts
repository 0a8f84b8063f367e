// "My people" on a professional's device, end to end in headless Chromium (issue 14 §3 figures):
// 50 member circles of ~7,000 entries each (the sample person over 730 days), sealed here with
// each person's category keys (wrapped and signed to this member as the person's device does)
// and cached in each circle's own IndexedDB database, their people digests computed and sealed
// as after a pull (`vault/people-digest.ts`). Seeding is not measured. Then, with real IndexedDB
// and WebCrypto:
// - list: from keys in memory (the vault just unlocked: its `settings` key, here a generated
//   non-extractable AES key standing for it) to the 50 rows with their flags rendered by
//   `PeopleList.svelte` (read and open 50 sealed digests, flags by `flagsFor` with the live clock);
// - summary: one person's summary as the summary page does it offline: the circle opened (keys
//   unwrapped and verified from the cache), the last 90 days and the lasting week digests read,
//   `personSummary`, and `PersonSummary.svelte` rendered.
// Not measured: Argon2id at unlock (the `vault` part), the follow records' query (one vault
// query), the network refresh that follows the first drawing.
import { flushSync, mount, unmount } from 'svelte';
import { exportIdentityPublicKey, generateIdentityKeyPair } from '$lib/crypto/identity';
import { exportPublicKey, generateSharingKeyPair } from '$lib/crypto/sharing';
import { wrapAndSignForMember } from '$lib/crypto/signed-wrap';
import { rowFromDigest } from '$lib/domain/care-team/people-digest';
import { readShared } from '$lib/domain/care-team/shared-records';
import { personSummary } from '$lib/domain/care-team/summary';
import { SHAREABLE_CATEGORIES, type Category } from '$lib/domain/categories';
import { METRIC_UNITS } from '$lib/domain/journal/measurements';
import { generateSamplePerson } from '$lib/domain/journal/sample-person';
import type { PersonLoad } from '$lib/state/people';
import PeopleList from '$lib/ui/people/PeopleList.svelte';
import PersonSummary from '$lib/ui/people/PersonSummary.svelte';
import { sealEnvelope } from '$lib/vault/envelope';
import { uuidv7 } from '$lib/domain/ids';
import { openMemberCircleWith } from '$lib/vault/member-circle';
import { envelopeWeek, MemberCircleDb, memberDbName, saveAccess } from '$lib/vault/member-db';
import { newTag, weekKey } from '$lib/vault/member-digests';
import {
	readPeopleDigest,
	refreshPeopleDigest,
	summaryRecordsOf,
	type DeviceKeys
} from '$lib/vault/people-digest';

const DAY = 86_400_000;
const ZONE = 'Europe/Paris';
const MEMBER = '0190a000-0000-7000-8000-00000000000d';

interface Person {
	readonly circleId: string;
	readonly ownerId: string;
	readonly name: string;
	readonly ownerIdentityKey: string;
}

let people: Person[] = [];
let identity: { publicKey: string; privateKey: CryptoKey } | null = null;
let deviceKey: CryptoKey | null = null;
let now = Date.now();

const offlineFetch = (): Promise<Response> => Promise.reject(new TypeError('offline (bench)'));

function keys(): DeviceKeys {
	const key = deviceKey;
	if (key === null) throw new Error('prepare first');
	return {
		active: () => Promise.resolve({ keyId: 'own-settings', key }),
		byId: (id) => Promise.resolve(id === 'own-settings' ? key : null)
	};
}

function open(person: Person) {
	if (identity === null) throw new Error('prepare first');
	return openMemberCircleWith({
		circleId: person.circleId,
		accountId: MEMBER,
		ownerName: null,
		identity,
		signingKey: null,
		ownerIdentityKey: person.ownerIdentityKey,
		fetch: offlineFetch,
		deviceId: '0190a000-0000-7000-8000-0000000000dd',
		autoSync: false
	});
}

async function seedOne(i: number, days: number): Promise<{ person: Person; entries: number }> {
	if (identity === null) throw new Error('identity');
	const circleId = `0190a000-0000-7000-8000-${String(1000 + i).padStart(12, '0')}`;
	const ownerId = `0190a000-0000-7000-9000-${String(1000 + i).padStart(12, '0')}`;
	const owner = await generateIdentityKeyPair();
	const categoryKeys = new Map<Category, { keyId: string; key: CryptoKey }>();
	const wraps = [];
	for (const category of SHAREABLE_CATEGORIES) {
		const keyId = `k-${category}-${String(i)}`;
		const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, [
			'encrypt',
			'decrypt'
		]);
		const wrapped = await wrapAndSignForMember(
			key,
			identity.publicKey,
			{ circleId, category, keyId, memberAccountId: MEMBER },
			{ privateKey: owner.privateKey },
			now - 800 * DAY
		);
		if (wrapped === null) throw new Error('wrap');
		wraps.push({ category, keyId, wrapped, createdAt: now - 800 * DAY });
		categoryKeys.set(category, { keyId, key });
	}
	const entries = generateSamplePerson({
		seed: i + 1,
		now,
		locale: i % 2 === 0 ? 'fr' : 'en',
		newId: (at) => uuidv7(at),
		days
	}).entries.filter((e) => e.category !== 'settings'); // settings never leave her device
	const db = new MemberCircleDb(memberDbName(circleId));
	const hlcOf = (n: number) =>
		`${String(now - 1000).padStart(15, '0')}-${(n % 65536).toString(16).padStart(4, '0')}-00000000000000aa`;
	const rows = [];
	for (const [n, e] of entries.entries()) {
		const category = e.category;
		const k = categoryKeys.get(category);
		if (k === undefined) throw new Error(category);
		const sealed = await sealEnvelope(k.key, k.keyId, circleId, category, {
			id: e.id,
			kind: e.kind,
			at: e.at,
			hlc: hlcOf(n),
			deleted: false,
			body: e.body,
			author: ownerId
		});
		rows.push({ ...sealed, seq: n + 1, deviceId: 'phone', week: envelopeWeek(e.id) });
	}
	const weeks = new Map<string, { key: string; category: string; week: number; tag: string }>();
	for (const r of rows) {
		const key = weekKey(r.category, r.week);
		weeks.set(key, { key, category: r.category, week: r.week, tag: newTag() });
	}
	await db.envelopes.bulkPut(rows);
	await db.weeks.bulkPut([...weeks.values()]);
	await db.meta.put({ key: 'checkpoint', value: rows.length });
	const ownerIdentityKey = await exportIdentityPublicKey(owner.publicKey);
	await saveAccess(db, {
		keys: { ownerAccountId: ownerId, ownerPublicKey: null, ownerIdentityKey, keys: wraps },
		members: [
			{
				accountId: MEMBER,
				label: 'Claire',
				status: 'active',
				grants: SHAREABLE_CATEGORIES.map((category) => ({
					category,
					access: 'read' as const,
					until: null
				}))
			}
		]
	});
	db.close();
	const person: Person = { circleId, ownerId, name: `Person ${String(i + 1)}`, ownerIdentityKey };
	// As after a pull: the circle opened (offline, from its cache) and its digest computed.
	const opened = await open(person);
	if (!opened.ok) throw new Error(`open ${opened.error.type}`);
	await refreshPeopleDigest(opened.value, keys(), now);
	opened.value.close();
	return { person, entries: entries.length };
}

async function prepare(count: number, days: number) {
	now = Date.now();
	const sharing = await generateSharingKeyPair();
	const publicKey = await exportPublicKey(sharing.publicKey);
	const privateKey = await crypto.subtle.importKey(
		'jwk',
		await crypto.subtle.exportKey('jwk', sharing.privateKey),
		{ name: 'ECDH', namedCurve: 'P-256' },
		false,
		['deriveBits']
	);
	identity = { publicKey, privateKey };
	deviceKey = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
		'encrypt',
		'decrypt'
	]);
	people = [];
	let total = 0;
	for (let i = 0; i < count; i++) {
		const { person, entries } = await seedOne(i, days);
		people.push(person);
		total += entries;
	}
	return { people: people.length, entriesPerPerson: Math.round(total / count) };
}

const target = (): HTMLElement => {
	const el = document.getElementById('app');
	if (el === null) throw new Error('no #app');
	return el;
};
const painted = () =>
	new Promise<void>((done) => {
		requestAnimationFrame(() => {
			setTimeout(done, 0);
		});
	});

/** Keys in memory → 50 rows with their flags rendered. */
async function measureList() {
	const start = performance.now();
	const device = keys();
	const at = Date.now();
	const read = await Promise.all(
		people.map((p) => readPeopleDigest(p.circleId, device, { checkFresh: false }))
	);
	const readMs = performance.now() - start;
	const loads: PersonLoad[] = [];
	for (const [i, p] of people.entries()) {
		const r = read[i];
		if (r === null || r === undefined) continue;
		const follow = { circleId: p.circleId, name: p.name, seenAt: at - 10 * DAY, noNewsDays: 7 };
		loads.push({
			ok: true,
			row: rowFromDigest(p.circleId, p.name, r.digest, follow, { now: at, timeZone: ZONE })
		});
	}
	const rowsMs = performance.now() - start - readMs;
	const component = mount(PeopleList, { target: target(), props: { loads, loading: false } });
	flushSync();
	await painted();
	const ms = performance.now() - start;
	const rows = document.querySelectorAll('li.person').length;
	const flags = document.querySelectorAll('li.flag').length;
	await unmount(component);
	// Checked after drawing (as the list does): are the digests the cache's current ones?
	const checked = await Promise.all(people.map((p) => readPeopleDigest(p.circleId, device)));
	const fresh = checked.filter((r) => r?.fresh === true).length;
	return { ms, readMs, rowsMs, rows, flags, fresh };
}

/** Opening the 50 circle caches and reading one row of each (what 50 databases would cost). */
async function probeOpen() {
	const start = performance.now();
	await Promise.all(
		people.map(async (p) => {
			const db = new MemberCircleDb(memberDbName(p.circleId));
			await db.meta.get('keys');
			db.close();
		})
	);
	return performance.now() - start;
}

/** One person's summary, opened offline from the cache, rendered. */
async function measureSummary(index: number) {
	const person = people[index % people.length];
	if (person === undefined) throw new Error('no person');
	const start = performance.now();
	const opened = await open(person);
	if (!opened.ok) throw new Error(`open ${opened.error.type}`);
	const circle = opened.value;
	const openMs = performance.now() - start;
	const at = Date.now();
	const { readable, records } = await summaryRecordsOf(circle, at);
	const readMs = performance.now() - start - openMs;
	const summary = personSummary(readShared(records, circle.ownerId), readable, {
		now: at,
		timeZone: ZONE
	});
	const computeMs = performance.now() - start - openMs - readMs;
	const component = mount(PersonSummary, {
		target: target(),
		props: {
			name: person.name,
			summary,
			nameOf: circle.nameOf,
			preferences: METRIC_UNITS,
			now: at
		}
	});
	flushSync();
	await painted();
	const ms = performance.now() - start;
	const trends = summary.trends.length;
	circle.close();
	await unmount(component);
	return { ms, openMs, readMs, computeMs, trends, records: records.length };
}

Object.assign(globalThis, {
	cercleBenchPeopleDevice: { prepare, measureList, measureSummary, probeOpen }
});
document.body.dataset['ready'] = 'true';
