// A server that lies (issue 12), on SQLite and PostgreSQL: the person's real vaults on two devices
// (fake-indexeddb, real Argon2id and WebCrypto) sync through the real engine with the real handlers
// behind tests/fixtures/rewriting-server.ts, which rewrites answers as a compromised host could.
// Each attack is refused by the client, and no acknowledged record is lost:
// - a stored envelope replayed as a deletion, or under a higher HLC;
// - an envelope sealed with another category's key (as a member granted that category could);
// - the database restored to an older copy mid-session (seqs reused, acknowledged writes gone):
//   devices see the new epoch, pull again from 0 and re-send what the server lacks, once.
import { randomUUID } from 'node:crypto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { sql } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import * as z from 'zod';
import { argon2HashWasm } from '../../src/lib/crypto/argon2-hash-wasm';
import { toBase64Url } from '../../src/lib/crypto/bytes';
import {
	createAccountHttp,
	decodeWrappedKeys,
	encodeWrappedKeys,
	loginOnNewDevice,
	publicKdfOf,
	type AccountHttp
} from '../../src/lib/sync/account-http';
import { createSyncEngine, type SyncEngine } from '../../src/lib/sync/client';
import { applyWithKeyRefresh, syncAccountKeys } from '../../src/lib/sync/key-sync';
import { createHttpTransport } from '../../src/lib/sync/transport-http';
import { exportBackup, importBackup } from '../../src/lib/vault/backup';
import { sealEnvelope } from '../../src/lib/vault/envelope';
import type { KeyRow } from '../../src/lib/vault/key-row';
import { rotateCategoryKey } from '../../src/lib/vault/sharing-keys';
import { createVault, type Vault } from '../../src/lib/vault/vault';
import {
	createRewritingServer,
	snapshotDatabase,
	type RewritingServer
} from '../fixtures/rewriting-server';
import { createTestApp, ORIGIN } from '../fixtures/server/app';
import type { TestDatabase } from '../fixtures/server/databases';
import { forEachDatabase } from '../fixtures/server/databases';
import { PASSPHRASE, symptomOp } from '../fixtures/vault';
import { vaultTables } from '../../src/lib/vault/testing';

interface Device {
	readonly vault: Vault;
	readonly http: AccountHttp;
	readonly engine: SyncEngine;
	readonly fetch: (input: string, init?: RequestInit) => Promise<Response>;
}

/** One browser of the person's: its IndexedDB, its cookie, the real engine over the lying server. */
function device(server: RewritingServer): Device {
	const idb = new IDBFactory();
	const jar: { cookie: string | null } = { cookie: null };
	const vault = createVault({
		dbName: `device-${randomUUID()}`,
		argon2: argon2HashWasm,
		indexedDB: idb,
		IDBKeyRange
	});
	const fetch = async (input: string, init?: RequestInit): Promise<Response> => {
		const headers = new Headers(init?.headers);
		if (jar.cookie !== null) headers.set('cookie', jar.cookie);
		headers.set('origin', ORIGIN);
		const response = await server.fetch(
			new Request(new URL(input, ORIGIN), {
				...init,
				headers,
				...(init?.body == null ? {} : { duplex: 'half' })
			})
		);
		const set = response.headers.get('set-cookie');
		if (set !== null) jar.cookie = set.split(';')[0] ?? null;
		return response;
	};
	const http = createAccountHttp(fetch);
	const engine = createSyncEngine({
		outbox: vault.sync.outbox,
		checkpoints: vault.sync.checkpoints,
		restore: vault.sync.restore,
		applyRemote: applyWithKeyRefresh({
			apply: vault.sync.applyRemote,
			missingKeyIds: vault.sync.missingKeyIds,
			refresh: () =>
				syncAccountKeys({
					http,
					header: () => vault.header(),
					keys: () => vaultTables(vault).keys.toArray(),
					installKeys: vault.sync.installKeys
				})
		}),
		transport: createHttpTransport({ fetch, deviceId: randomUUID() }),
		clock: { receive: () => undefined },
		circles: async () => {
			const header = await vault.header();
			return header === null ? [] : [header.circleId];
		}
	});
	return { vault, http, engine, fetch };
}

/** The person's phone (signed up) and her tablet (logged in with the same passphrase). */
async function phoneAndTablet(server: RewritingServer): Promise<[Device, Device, string]> {
	const login = `marie.${randomUUID()}@example.org`;
	const phone = device(server);
	await phone.vault.create(PASSPHRASE);
	const header = await phone.vault.header();
	const authKey = phone.vault.authKey();
	if (header === null || authKey === null) throw new Error('locked');
	const blob = encodeWrappedKeys(header, await vaultTables(phone.vault).keys.toArray());
	if (!blob.ok) throw new Error('blob');
	const signed = await phone.http.signUp({
		login,
		authKey: toBase64Url(authKey),
		wrappedKeys: blob.value,
		circleId: header.circleId,
		kdf: publicKdfOf(header)
	});
	if (!signed.ok) throw new Error(`sign-up ${signed.error.type}`);
	const tablet = device(server);
	const joined = await loginOnNewDevice(
		{
			http: tablet.http,
			argon2: argon2HashWasm,
			replaceVault: (h, keys) => tablet.vault.replaceAll(h, keys, [])
		},
		login,
		PASSPHRASE
	);
	if (!joined.ok) throw new Error(`login ${joined.error.type}`);
	if (!(await tablet.vault.unlock(PASSPHRASE)).ok) throw new Error('unlock');
	return [phone, tablet, login];
}

const noteSchema = z.object({ note: z.string() });

async function notes(v: Vault): Promise<readonly string[]> {
	const rows = await v.query({ category: 'symptoms' });
	return rows.map((r) => noteSchema.parse(r.body).note).sort();
}

async function synced(d: Device): Promise<void> {
	const run = await d.engine.sync();
	expect(run.status).toEqual({ kind: 'synced' });
}

const envelopeList = z.object({ envelopes: z.array(z.record(z.string(), z.unknown())) });

/** Replaces each pulled envelope with `forge(envelope)` (same seq, so the page stays consistent). */
function forgePulls(server: RewritingServer, forge: (e: Record<string, unknown>) => unknown): void {
	server.rewrite('GET', /^\/api\/sync\/pull$/, (body) => {
		const parsed = envelopeList.safeParse(body);
		if (!parsed.success || typeof body !== 'object' || body === null) return body;
		return { ...body, envelopes: parsed.data.envelopes.map(forge) };
	});
}

const T0 = Date.UTC(2025, 0, 6, 9);

/** What the server holds for the device's circle, pulled from 0 without applying it. */
async function serverEnvelopes(d: Device) {
	const header = await d.vault.header();
	if (header === null) throw new Error('no vault');
	const page = await createHttpTransport({ fetch: d.fetch, deviceId: 'x' }).pull({
		circleId: header.circleId,
		since: 0,
		limit: 1000
	});
	if (!page.ok) throw new Error(`pull ${page.error.type}`);
	return page.value.envelopes;
}

forEachDatabase('a server that lies', (get) => {
	const copies: TestDatabase[] = [];
	afterAll(async () => {
		for (const copy of copies) await copy.cleanup();
	});

	it('a stored envelope replayed as a deletion or under a higher HLC is refused, never applied', async () => {
		const server = createRewritingServer(createTestApp(get().handle, Date.now()));
		const [phone, tablet] = await phoneAndTablet(server);
		await phone.vault.commit([symptomOp(T0, 4, 'first')]);
		await synced(phone);
		await synced(tablet);
		const [original] = await serverEnvelopes(phone);
		if (!original) throw new Error('no envelope');
		expect(await notes(tablet.vault)).toEqual(['first']);

		// Two new versions reach the server; the lying server serves the first one's ciphertext in
		// their place: once as a deletion, once under a higher HLC.
		await phone.vault.commit([symptomOp(T0 + 1000, 5, 'second'), symptomOp(T0 + 2000, 6, 'third')]);
		await synced(phone);
		let forged = 0;
		const higher = `${String(T0 + 3_600_000).padStart(15, '0')}-0000-ffffffffffffffff`;
		forgePulls(server, (e) => ({
			...e,
			id: original.id,
			keyId: original.keyId,
			iv: original.iv,
			ciphertext: original.ciphertext,
			category: original.category,
			...(forged++ === 0 ? { hlc: original.hlc, deleted: true } : { hlc: higher, deleted: false })
		}));
		await synced(tablet);
		expect(tablet.vault.sync.unreadable()).toBe(2);
		const rows = await tablet.vault.query({ category: 'symptoms' });
		expect(rows.map((r) => [r.id, r.hlc, r.deleted])).toEqual([[original.id, original.hlc, false]]);

		// Served honestly again (after a restart of the pull), everything arrives.
		server.clear();
		await tablet.vault.sync.checkpoints.set(original.circleId, 0);
		await synced(tablet);
		expect(await notes(tablet.vault)).toEqual(['first', 'second', 'third']);
	}, 120_000);

	it('an envelope sealed with another category key is refused, even when its binding is consistent', async () => {
		const server = createRewritingServer(createTestApp(get().handle, Date.now()));
		const [phone, tablet] = await phoneAndTablet(server);
		await phone.vault.commit([symptomOp(T0, 2, 'a symptom')]);
		await synced(phone);
		// What a member granted 'symptoms' could write: a 'notes' record under the symptoms key.
		const keyId = phone.vault.sharingKeyMaterial()?.activeKeyIds.get('symptoms');
		const key = keyId === undefined ? null : await phone.vault.categoryKey(keyId, false);
		const header = await phone.vault.header();
		if (!key || keyId === undefined || header === null) throw new Error('setup');
		const misfiled = await sealEnvelope(key, keyId, header.circleId, 'notes', {
			id: randomUUID(),
			kind: 'note',
			at: T0,
			hlc: `${String(T0).padStart(15, '0')}-0000-00000000000000aa`,
			deleted: false,
			body: { text: 'filed under notes' }
		});
		forgePulls(server, (e) => ({ ...e, ...misfiled, circleId: undefined }));
		await synced(tablet);
		expect(tablet.vault.sync.unreadable()).toBe(1);
		expect(await tablet.vault.query({ category: 'notes' })).toEqual([]);
		expect(await tablet.vault.query({ category: 'symptoms' })).toEqual([]);
	}, 120_000);

	it('a restore to an older copy mid-session: devices re-send what it lacks, nothing lost, nothing twice', async () => {
		const database = get();
		const server = createRewritingServer(createTestApp(database.handle, Date.now()));
		const [phone, tablet] = await phoneAndTablet(server);
		await phone.vault.commit([symptomOp(T0, 1, 'one'), symptomOp(T0 + 1, 2, 'two')]);
		await synced(phone);
		await synced(tablet);

		const backup = await snapshotDatabase(database);
		copies.push(backup);
		// Acknowledged after the backup was taken: lost by the restore.
		await phone.vault.commit([symptomOp(T0 + 2, 3, 'three (phone, acknowledged)')]);
		await synced(phone);
		await tablet.vault.commit([symptomOp(T0 + 3, 4, 'four (tablet, acknowledged)')]);
		await synced(tablet);
		await synced(phone);
		expect(await phone.vault.sync.outbox.count()).toBe(0);
		expect(await tablet.vault.sync.outbox.count()).toBe(0);

		server.restore(createTestApp(backup.handle, Date.now()), 'epoch-2');
		const circleId = (await phone.vault.header())?.circleId ?? '';
		// Written after the restore; on the old server's seqs these would sit below both checkpoints.
		await phone.vault.commit([symptomOp(T0 + 4, 5, 'five (phone, after restore)')]);
		await synced(phone);
		await synced(tablet);
		await synced(phone);

		const all = [
			'five (phone, after restore)',
			'four (tablet, acknowledged)',
			'one',
			'three (phone, acknowledged)',
			'two'
		];
		expect(await notes(phone.vault)).toEqual(all);
		expect(await notes(tablet.vault)).toEqual(all);
		const stored = await sql<{ record_id: string; hlc: string; n: unknown }>`
			select record_id, hlc, count(*) as n from envelopes where circle_id = ${circleId}
			group by record_id, hlc`.execute(backup.handle.db);
		expect(stored.rows).toHaveLength(5);
		expect(stored.rows.map((r) => Number(r.n))).toEqual([1, 1, 1, 1, 1]);

		// A later run finds nothing to re-send.
		await synced(phone);
		await synced(tablet);
		const again = await sql<{
			n: unknown;
		}>`select count(*) as n from envelopes where circle_id = ${circleId}`.execute(backup.handle.db);
		expect(Number(again.rows[0]?.n)).toBe(5);
	}, 180_000);

	it('after a backup import the device pulls again from 0 and re-sends what the server lacks', async () => {
		const server = createRewritingServer(createTestApp(get().handle, Date.now()));
		const [phone, tablet] = await phoneAndTablet(server);
		await phone.vault.commit([symptomOp(T0, 1, 'one')]);
		await synced(phone);
		await synced(tablet);
		// Written on the phone and saved in a backup before it ever left the outbox.
		await phone.vault.commit([symptomOp(T0 + 1, 2, 'pending at backup time')]);
		const file = await exportBackup(phone.vault, T0 + 2);
		if (!file.ok) throw new Error('export');
		// The tablet writes; the phone pulls it (its checkpoint moves past it) but pushes nothing.
		await tablet.vault.commit([symptomOp(T0 + 3, 3, 'three (tablet)')]);
		await synced(tablet);
		const header = await phone.vault.header();
		if (header === null) throw new Error('no vault');
		const page = await serverEnvelopes(phone);
		await phone.vault.sync.applyRemote(page);
		await phone.vault.sync.checkpoints.set(header.circleId, Math.max(...page.map((e) => e.seq)));

		const imported = await importBackup(phone.vault, argon2HashWasm, file.value, PASSPHRASE);
		expect(imported.ok).toBe(true);
		expect((await phone.vault.unlock(PASSPHRASE)).ok).toBe(true);
		expect(await phone.vault.sync.outbox.count()).toBe(0);
		await synced(phone);
		await synced(tablet);
		const all = ['one', 'pending at backup time', 'three (tablet)'];
		expect(await notes(phone.vault)).toEqual(all);
		expect(await notes(tablet.vault)).toEqual(all);
		expect(await serverEnvelopes(phone)).toHaveLength(3);
	}, 180_000);

	it('a relabelled key row (category, key id, createdAt) is refused; an older key is never made active again', async () => {
		const server = createRewritingServer(createTestApp(get().handle, Date.now()));
		const [phone, tablet, login] = await phoneAndTablet(server);
		const rotated = await rotateCategoryKey(phone.vault, 'symptoms');
		if (rotated === null) throw new Error('rotation');
		expect((await syncAccountKeys(keysOf(phone))).ok).toBe(true);
		await phone.vault.commit([symptomOp(T0, 3, 'with the rotated key')]);
		await synced(phone);
		const notesKey = tablet.vault.sharingKeyMaterial()?.activeKeyIds.get('notes');

		const relabel = (change: (row: KeyRow) => KeyRow) => {
			server.clear();
			server.rewrite('GET', /^\/api\/account\/keys$/, (body) => {
				const parsed = z.object({ wrappedKeys: z.string() }).parse(body);
				return {
					wrappedKeys: rewriteBlob(parsed.wrappedKeys, (k) =>
						k.keyId === rotated.keyId ? change(k) : k
					)
				};
			});
		};
		const attacks: readonly ((row: KeyRow) => KeyRow)[] = [
			(row) => ({ ...row, category: 'notes', createdAt: row.createdAt + 1 }),
			(row) => ({ ...row, category: 'notes' }),
			(row) => ({ ...row, keyId: notesKey ?? 'x' }),
			(row) => ({ ...row, createdAt: row.createdAt + 60_000 })
		];
		for (const attack of attacks) {
			relabel(attack);
			const refreshed = await syncAccountKeys(keysOf(tablet));
			expect(refreshed).toEqual({ ok: false, error: { type: 'corrupt-keys' } });
			expect(await vaultTables(tablet.vault).keys.get(rotated.keyId)).toBeUndefined();
			expect(tablet.vault.sharingKeyMaterial()?.activeKeyIds.get('notes')).toBe(notesKey);
		}
		// A new device given a relabelled blob at login refuses it and stays untouched.
		server.clear();
		server.rewrite('POST', /^\/api\/auth\/login$/, (body) => {
			const parsed = z.looseObject({ wrappedKeys: z.string() }).parse(body);
			return {
				...parsed,
				wrappedKeys: rewriteBlob(parsed.wrappedKeys, (k) =>
					k.keyId === rotated.keyId ? { ...k, category: 'notes' } : k
				)
			};
		});
		const laptop = device(server);
		let replaced = false;
		const refused = await loginOnNewDevice(
			{
				http: laptop.http,
				argon2: argon2HashWasm,
				replaceVault: () => {
					replaced = true;
					return Promise.resolve();
				}
			},
			login,
			PASSPHRASE
		);
		expect(refused).toEqual({ ok: false, error: { type: 'altered-keys' } });
		expect(replaced).toBe(false);

		// The honest rows, but the key from before the rotation marked active again.
		server.clear();
		server.rewrite('GET', /^\/api\/account\/keys$/, (body) => {
			const parsed = z.object({ wrappedKeys: z.string() }).parse(body);
			return {
				wrappedKeys: rewriteBlob(parsed.wrappedKeys, (k) =>
					k.category === 'symptoms' ? { ...k, active: k.keyId === rotated.keyId ? 0 : 1 } : k
				)
			};
		});
		await synced(tablet);
		expect(await notes(tablet.vault)).toEqual(['with the rotated key']);
		expect(tablet.vault.sharingKeyMaterial()?.activeKeyIds.get('symptoms')).toBe(rotated.keyId);
		await tablet.vault.commit([symptomOp(T0 + 1, 1, 'from the tablet')]);
		const [written] = await tablet.vault.sync.outbox.pending(1);
		expect(written?.keyId).toBe(rotated.keyId);
	}, 180_000);
});

/** The blob with each row passed through `change` (the server cannot reseal: rows stay as sealed). */
function rewriteBlob(text: string, change: (row: KeyRow) => KeyRow): string {
	const blob = decodeWrappedKeys(text);
	if (blob === null) throw new Error('blob');
	const header = { ...blob.header, nodeId: '0'.repeat(16), failures: 0, lastFailureAt: 0 };
	const encoded = encodeWrappedKeys(header, blob.keys.map(change));
	if (!encoded.ok) throw new Error('encode');
	return encoded.value;
}

const keysOf = (d: Device) => ({
	http: d.http,
	header: () => d.vault.header(),
	keys: () => vaultTables(d.vault).keys.toArray(),
	installKeys: d.vault.sync.installKeys
});
