// The member's view of someone else's circle (issue 5 §6) against the real handlers on SQLite and
// PostgreSQL, with real vaults on both sides (fake-indexeddb): the person's vault writes in three
// categories and invites her daughter through the real invitation path (proof verified, the
// vault's own category keys wrapped); the daughter's device opens the circle, reads exactly what
// was granted, writes on the person's behalf (online and offline), the person's device pulls it
// with its author; a revoked category stops at once; a reopen pulls only what is new; removal
// deletes the cached copy.
import { randomUUID } from 'node:crypto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { memberListResponseSchema } from '../../src/lib/contracts/circle';
import { pullResponseSchema } from '../../src/lib/contracts/sync';
import type { Category } from '../../src/lib/domain/categories';
import type { Grant, ShareableCategory } from '../../src/lib/domain/circle';
import { createHttpTransport } from '../../src/lib/sync/transport-http';
import type { Vault } from '../../src/lib/vault/vault';
import {
	forgetAllMemberCircles,
	MemberCircleDb,
	memberDbName
} from '../../src/lib/vault/member-db';
import type { MemberCircle } from '../../src/lib/vault/member-circle';
import {
	extractableCategoryKey,
	rotateCategoryKey,
	sharingIdentity
} from '../../src/lib/vault/sharing-keys';
import { call, createCircleTestApp } from '../fixtures/circle/app';
import { joinWithCommands, openAsMember, syncOwner } from '../fixtures/circle/devices';
import { ORIGIN, signUpAs, type TestApp } from '../fixtures/server/app';
import { forEachDatabase } from '../fixtures/server/databases';
import { createRewritingServer, snapshotDatabase } from '../fixtures/rewriting-server';
import { claire, envelope, marie } from '../fixtures/server/people';
import { makeVault, PASSPHRASE } from '../fixtures/vault';

interface Device {
	readonly vault: Vault;
	readonly cookie: string;
	readonly accountId: string;
	readonly circleId: string;
	readonly publicKey: string;
	readonly idb: IDBFactory;
	/** Switch the device's network off and on. */
	online: boolean;
	readonly deviceId: string;
	/** Envelopes received by pulls since the counter was last reset. */
	pulledEnvelopes: number;
	readonly fetch: (input: string, init?: RequestInit) => Promise<Response>;
}

async function device(app: TestApp, who: typeof marie): Promise<Device> {
	const idb = new IDBFactory();
	const vault = makeVault({ indexedDB: idb, IDBKeyRange });
	await vault.create(PASSPHRASE);
	const header = await vault.header();
	if (header === null) throw new Error('no header');
	const signed = await signUpAs(app, who({ circleId: header.circleId }));
	const identity = await sharingIdentity(vault);
	if (identity === null) throw new Error('no identity');
	const d: Device = {
		vault,
		cookie: signed.cookie,
		accountId: signed.accountId,
		circleId: signed.circleId,
		publicKey: identity.publicKey,
		idb,
		deviceId: randomUUID(),
		online: true,
		pulledEnvelopes: 0,
		async fetch(input, init) {
			if (!d.online) throw new TypeError('Failed to fetch');
			const headers = new Headers(init?.headers);
			headers.set('cookie', d.cookie);
			headers.set('origin', ORIGIN);
			const response = await app.fetch(
				new Request(new URL(input, ORIGIN), {
					...init,
					headers,
					...(init?.body == null ? {} : { duplex: 'half' })
				})
			);
			if (input.startsWith('/api/sync/pull') && response.ok) {
				const page = pullResponseSchema.parse(await response.clone().json());
				d.pulledEnvelopes += page.envelopes.length;
			}
			return response;
		}
	};
	return d;
}

/** Invitation link → accept with the member's proved key → proof verified → keys pinned → wraps
 * signed: the real commands of both devices. */
const joinCircle = (
	_app: TestApp,
	owner: Device,
	member: Device,
	grants: readonly Grant[]
): Promise<void> => joinWithCommands(owner, member, grants);

const openAs = (member: Device, owner: Device) => openAsMember(member, owner);

function opened(result: Awaited<ReturnType<typeof openAs>>): MemberCircle {
	if (!result.ok) throw new Error(`open failed: ${result.error.type}`);
	return result.value;
}

const T = Date.UTC(2025, 0, 6, 9);
const symptom = (at: number, severity: number) =>
	({
		type: 'put',
		kind: 'symptom',
		category: 'symptoms',
		at,
		body: { kind: 'symptom', symptom: 'pain', severity, note: '' }
	}) as const;
const measurement = (at: number, value: number) =>
	({
		type: 'put',
		kind: 'measurement',
		category: 'measurements',
		at,
		body: { kind: 'measurement', type: 'weight', value, unit: 'kg' }
	}) as const;
const note = (at: number, text: string) =>
	({ type: 'put', kind: 'note', category: 'notes', at, body: { kind: 'note', text } }) as const;

const count = async (view: MemberCircle, category: Category) =>
	(await view.records.query({ category })).length;

async function revoke(
	app: TestApp,
	owner: Device,
	member: Device,
	grants: readonly Grant[],
	removed: ShareableCategory
) {
	const updated = await call(
		app,
		'PUT',
		`/api/circles/${owner.circleId}/members/${member.accountId}/grants`,
		owner.cookie,
		{ grants, wraps: [] }
	);
	expect(updated.status).toBe(200);
	const fresh = await rotateCategoryKey(owner.vault, removed);
	if (fresh === null) throw new Error('rotate');
	const rotated = await call(app, 'POST', `/api/circles/${owner.circleId}/keys`, owner.cookie, {
		category: removed,
		keyId: fresh.keyId,
		wraps: []
	});
	expect(rotated.status).toBe(200);
}

forEachDatabase('member circle', (get) => {
	it('reads exactly the granted categories, writes on the person’s behalf (online and offline) and loses a revoked category at once', async () => {
		const app = createCircleTestApp(get().handle, Date.now());
		const owner = await device(app, marie);
		const member = await device(app, claire);
		expect(
			(
				await owner.vault.commit([
					symptom(T, 3),
					symptom(T + 1000, 5),
					symptom(T + 2000, 6),
					measurement(T, 71.5),
					measurement(T + 1000, 71.2),
					note(T, 'private'),
					note(T + 1000, 'also private')
				])
			).ok
		).toBe(true);
		await syncOwner(owner);
		await joinCircle(app, owner, member, [
			{ category: 'symptoms', access: 'read', until: null },
			{ category: 'measurements', access: 'write', until: null }
		]);

		const view = opened(await openAs(member, owner));
		expect([view.isOwner, view.ownerId, view.me, view.ownerName]).toEqual([
			false,
			owner.accountId,
			member.accountId,
			'Maman'
		]);
		expect(await count(view, 'symptoms')).toBe(3);
		expect(await count(view, 'measurements')).toBe(2);
		expect(await count(view, 'notes')).toBe(0);
		expect(await count(view, 'medications')).toBe(0);
		expect([view.canRead('symptoms'), view.canRead('notes')]).toEqual([true, false]);
		expect([view.canWrite('measurements'), view.canWrite('symptoms')]).toEqual([true, false]);
		expect(view.nameOf(member.accountId)).toBe('Claire');
		expect(view.nameOf(owner.accountId)).toBe('Maman');
		expect(
			view
				.grants()
				.map((g) => `${g.category}:${g.access}`)
				.sort()
		).toEqual(['measurements:write', 'symptoms:read']);
		expect(
			(await view.records.query({ category: 'symptoms' })).map(
				(r) => (r.body as { severity: number }).severity
			)
		).toEqual([3, 5, 6]);

		// A write the grants do not allow: an error value, nothing queued, nothing sent.
		const refused = await view.records.commit([symptom(T + 5000, 9)]);
		expect(refused).toMatchObject({
			ok: false,
			error: { type: 'invalid', issues: ['not-granted'] }
		});
		const cache = new MemberCircleDb(memberDbName(owner.circleId), {
			indexedDB: member.idb,
			IDBKeyRange
		});
		expect(await cache.outbox.count()).toBe(0);

		// Written on the person's behalf: the person's device pulls it with the author.
		const written = await view.records.commit([measurement(T + 3000, 70.9)]);
		expect(written.ok).toBe(true);
		expect(await count(view, 'measurements')).toBe(3);
		const first = await view.sync();
		expect(first).toMatchObject({ ok: true, value: { pushed: 1, rejected: 0, pending: 0 } });
		await syncOwner(owner);
		const seen = await owner.vault.query({ category: 'measurements' });
		expect(seen).toHaveLength(3);
		expect(seen.find((r) => r.at === T + 3000)).toMatchObject({
			author: member.accountId,
			body: { value: 70.9 }
		});

		// Offline: sealed and queued, the screen shows it at once, pushed when the network is back.
		member.online = false;
		const offlineWrite = await view.records.commit([measurement(T + 4000, 70.5)]);
		expect(offlineWrite.ok).toBe(true);
		expect(await view.sync()).toEqual({ ok: false, error: { type: 'offline' } });
		expect(view.offline()).toBe(true);
		expect(await count(view, 'measurements')).toBe(4);
		member.online = true;
		expect(await view.sync()).toMatchObject({ ok: true, value: { pushed: 1, pending: 0 } });
		await syncOwner(owner);
		expect(
			(await owner.vault.query({ category: 'measurements' })).find((r) => r.at === T + 4000)
		).toMatchObject({ author: member.accountId });

		// The owner's edits after the member's reach the member.
		expect((await owner.vault.commit([symptom(T + 6000, 2)])).ok).toBe(true);
		await syncOwner(owner);
		expect((await view.sync()).ok).toBe(true);
		expect(await count(view, 'symptoms')).toBe(4);

		// Revoking measurements (grant removed, key rotated): no new records, no more writes.
		await revoke(
			app,
			owner,
			member,
			[{ category: 'symptoms', access: 'read', until: null }],
			'measurements'
		);
		expect((await owner.vault.commit([measurement(T + 7000, 70.1)])).ok).toBe(true);
		await syncOwner(owner);
		member.pulledEnvelopes = 0;
		expect((await view.sync()).ok).toBe(true);
		expect(member.pulledEnvelopes).toBe(0);
		expect(view.canRead('measurements')).toBe(false);
		expect(view.canWrite('measurements')).toBe(false);
		expect(await count(view, 'measurements')).toBe(0);
		const late = await view.records.commit([measurement(T + 8000, 69)]);
		expect(late.ok).toBe(false);
		expect(await cache.envelopes.where('category').equals('measurements').count()).toBe(0);
		expect(await cache.outbox.count()).toBe(0);
		cache.close();
		expect(await count(view, 'symptoms')).toBe(4);
		view.close();

		// "Forget this device" deletes every member cache, and only those.
		const before = (await member.idb.databases()).map((d) => d.name);
		expect(before).toContain(memberDbName(owner.circleId));
		await forgetAllMemberCircles({ indexedDB: member.idb, IDBKeyRange });
		const after = (await member.idb.databases()).map((d) => d.name);
		expect(after).toEqual(before.filter((name) => name !== memberDbName(owner.circleId)));
	});

	it('skips what does not authenticate; a stale edit is a conflict; edits and deletes reach the person', async () => {
		const app = createCircleTestApp(get().handle, Date.now());
		const owner = await device(app, marie);
		const member = await device(app, claire);
		await owner.vault.commit([symptom(T, 3)]);
		await syncOwner(owner);
		const key = await extractableCategoryKey(owner.vault, 'symptoms');
		if (key === null) throw new Error('key');
		const forged = await createHttpTransport({
			fetch: owner.fetch,
			deviceId: owner.deviceId
		}).push({
			circleId: owner.circleId,
			envelopes: [{ ...envelope({ keyId: key.keyId }), circleId: owner.circleId }]
		});
		expect(forged.ok).toBe(true);
		await joinCircle(app, owner, member, [{ category: 'symptoms', access: 'write', until: null }]);

		const view = opened(await openAs(member, owner));
		const [only] = await view.records.query({ category: 'symptoms' });
		if (only === undefined) throw new Error('no record');
		expect(await count(view, 'symptoms')).toBe(1);
		expect(view.unreadable()).toBe(1);

		const stale = await view.records.commit([
			{ ...symptom(T, 4), id: only.id, expectedHlc: `${only.hlc}0` }
		]);
		expect(stale).toMatchObject({ ok: false, error: { type: 'conflict', id: only.id } });
		const edited = await view.records.commit([
			{ ...symptom(T, 4), id: only.id, expectedHlc: only.hlc }
		]);
		expect(edited.ok).toBe(true);
		expect(await view.records.get('symptoms', only.id)).toMatchObject({
			body: { severity: 4 },
			author: member.accountId
		});
		expect(
			(await view.records.commit([{ type: 'delete', id: only.id, category: 'symptoms' }])).ok
		).toBe(true);
		expect(await count(view, 'symptoms')).toBe(0);
		expect(await view.sync()).toMatchObject({ ok: true, value: { pushed: 2, pending: 0 } });
		await syncOwner(owner);
		expect(await owner.vault.query({ category: 'symptoms', kinds: ['symptom'] })).toHaveLength(0);
		expect(
			await owner.vault.query({ category: 'symptoms', kinds: ['symptom'], includeDeleted: true })
		).toMatchObject([{ id: only.id, deleted: true, author: member.accountId }]);
		view.close();
	});

	it('reopens incrementally and offline from the cache; removal deletes the cached circle', async () => {
		const app = createCircleTestApp(get().handle, Date.now());
		const owner = await device(app, marie);
		const member = await device(app, claire);
		await owner.vault.commit(Array.from({ length: 30 }, (_, i) => symptom(T + i * 1000, i % 10)));
		await syncOwner(owner);
		await joinCircle(app, owner, member, [{ category: 'symptoms', access: 'read', until: null }]);

		const first = opened(await openAs(member, owner));
		expect(member.pulledEnvelopes).toBe(30);
		expect(await count(first, 'symptoms')).toBe(30);
		first.close();

		await owner.vault.commit([symptom(T + 60_000, 1)]);
		await syncOwner(owner);
		member.pulledEnvelopes = 0;
		const second = opened(await openAs(member, owner));
		expect(member.pulledEnvelopes).toBe(1);
		expect(await count(second, 'symptoms')).toBe(31);
		second.close();

		member.online = false;
		const cached = opened(await openAs(member, owner));
		expect(cached.offline()).toBe(true);
		expect(await count(cached, 'symptoms')).toBe(31);
		cached.close();
		member.online = true;

		// Nothing decrypted is stored: the cache holds the server's envelopes byte for byte.
		const db = new MemberCircleDb(memberDbName(owner.circleId), {
			indexedDB: member.idb,
			IDBKeyRange
		});
		const stored = await db.envelopes.toArray();
		expect(stored).toHaveLength(31);
		expect(JSON.stringify(stored)).not.toContain('pain');
		db.close();

		const view = opened(await openAs(member, owner));
		const seenStates: string[] = [];
		view.onSync((r) => seenStates.push(r.ok ? 'ok' : r.error.type));
		const listed = memberListResponseSchema.parse(
			(await call(app, 'GET', `/api/circles/${owner.circleId}/members`, owner.cookie)).json
		);
		expect(listed.members.map((m) => m.accountId)).toContain(member.accountId);
		const gone = await call(
			app,
			'DELETE',
			`/api/circles/${owner.circleId}/members/${member.accountId}`,
			owner.cookie
		);
		expect(gone.status).toBe(204);
		expect(await view.sync()).toEqual({ ok: false, error: { type: 'removed' } });
		expect(seenStates).toEqual(['removed']);
		expect(await count(view, 'symptoms')).toBe(0);
		expect(await openAs(member, owner)).toEqual({ ok: false, error: { type: 'removed' } });
		const names = (await member.idb.databases()).map((d) => d.name);
		expect(names).not.toContain(memberDbName(owner.circleId));
	});

	it('after a server restore the member pulls again from 0 and pushes its own writes the server lost', async () => {
		const database = get();
		const app = createCircleTestApp(database.handle, Date.now());
		const server = createRewritingServer(app);
		const front: TestApp = { ...app, fetch: (request, ip) => server.fetch(request, ip) };
		const owner = await device(front, marie);
		const member = await device(front, claire);
		expect((await owner.vault.commit([measurement(T, 71.5)])).ok).toBe(true);
		await syncOwner(owner);
		await joinCircle(front, owner, member, [
			{ category: 'measurements', access: 'write', until: null }
		]);
		const view = opened(await openAs(member, owner));
		expect(await count(view, 'measurements')).toBe(1);

		const backup = await snapshotDatabase(database);
		try {
			const written = await view.records.commit([measurement(T + 1000, 70.9)]);
			if (!written.ok) throw new Error('commit');
			const first = await view.sync();
			expect(first.ok && first.value.pending).toBe(0);

			// The database goes back to the copy taken before the member's write.
			server.restore(createCircleTestApp(backup.handle, Date.now()), 'epoch-2');
			expect((await owner.vault.commit([measurement(T + 2000, 70.4)])).ok).toBe(true);
			await syncOwner(owner);
			const second = await view.sync();
			expect(second.ok && second.value.pending).toBe(0);
			expect(await count(view, 'measurements')).toBe(3);

			const stored = await sql<{ record_id: string; hlc: string }>`
				select record_id, hlc from envelopes where circle_id = ${owner.circleId}`.execute(backup.handle.db);
			const versions = stored.rows.map((r) => `${r.record_id} ${r.hlc}`);
			expect(new Set(versions).size).toBe(versions.length);
			expect(stored.rows.map((r) => r.record_id)).toContain(written.value[0]?.id);
			view.close();
		} finally {
			await backup.cleanup();
		}
	}, 120_000);

	it('knows who left the circle, online and from the cache offline (a carer’s board, issue 11 §6)', async () => {
		const app = createCircleTestApp(get().handle, Date.now());
		const owner = await device(app, marie);
		const member = await device(app, claire);
		const other = await device(app, claire);
		await syncOwner(owner);
		const plan: readonly Grant[] = [{ category: 'plan', access: 'write', until: null }];
		await joinCircle(app, owner, member, plan);
		await joinCircle(app, owner, other, plan);

		const view = opened(await openAs(member, owner));
		const departed = (id: string) => view.departed(id);
		expect([owner.accountId, member.accountId, other.accountId].map(departed)).toEqual([
			false,
			false,
			false
		]);
		expect(departed(randomUUID())).toBe(true);

		const gone = await call(
			app,
			'DELETE',
			`/api/circles/${owner.circleId}/members/${other.accountId}`,
			owner.cookie
		);
		expect(gone.status).toBe(204);
		expect((await view.sync()).ok).toBe(true);
		expect(departed(other.accountId)).toBe(true);
		expect(departed(owner.accountId)).toBe(false);
		view.close();

		member.online = false;
		const cached = opened(await openAs(member, owner));
		expect(cached.offline()).toBe(true);
		expect(cached.departed(other.accountId)).toBe(true);
		expect(cached.departed(member.accountId)).toBe(false);
		cached.close();
	}, 120_000);
});
