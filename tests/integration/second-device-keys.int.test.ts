// The person's two devices and their keys, against the real handlers on SQLite and PostgreSQL with
// real vaults (fake-indexeddb, real Argon2id and WebCrypto):
// - device A rotates a category key and writes with it; device B, logged in earlier, pulls the
//   record, finds a key id it does not hold, fetches the account's keys and reads the record (no
//   envelope left unreadable), then writes with the rotated key itself;
// - a passphrase change made offline survives a reload: the previous auth key waits sealed in the
//   vault (not in plaintext), and the retry after the reload updates the server.
import { randomUUID } from 'node:crypto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { expect, it } from 'vitest';
import * as z from 'zod';
import { argon2HashWasm } from '../../src/lib/crypto/argon2-hash-wasm';
import { toBase64Url } from '../../src/lib/crypto/bytes';
import {
	createAccountHttp,
	encodeWrappedKeys,
	loginOnNewDevice,
	publicKdfOf,
	type AccountHttp
} from '../../src/lib/sync/account-http';
import { applyWithKeyRefresh, syncAccountKeys } from '../../src/lib/sync/key-sync';
import { createPendingRekey } from '../../src/lib/sync/pending-rekey';
import { createHttpTransport } from '../../src/lib/sync/transport-http';
import type { PulledEnvelope } from '../../src/lib/sync/types';
import {
	readLocalSecret,
	removeLocalSecret,
	saveLocalSecret
} from '../../src/lib/vault/local-secret';
import { rotateCategoryKey } from '../../src/lib/vault/sharing-keys';
import { createVault, type Vault } from '../../src/lib/vault/vault';
import { createTestApp, ORIGIN, type TestApp } from '../fixtures/server/app';
import { forEachDatabase } from '../fixtures/server/databases';
import { PASSPHRASE, symptomOp } from '../fixtures/vault';
import { vaultTables } from '../../src/lib/vault/testing';

interface Device {
	readonly vault: Vault;
	readonly http: AccountHttp;
	readonly deviceId: string;
	readonly fetch: (input: string, init?: RequestInit) => Promise<Response>;
	online: boolean;
}

interface Browser {
	readonly dbName: string;
	readonly idb: IDBFactory;
	readonly jar: { cookie: string | null };
}

const newBrowser = (): Browser => ({
	dbName: `device-${randomUUID()}`,
	idb: new IDBFactory(),
	jar: { cookie: null }
});

/** A page in a browser: its IndexedDB, cookie jar, and a network that can be switched off. */
function device(app: TestApp, browser: Browser = newBrowser()): Device {
	const { dbName, idb, jar } = browser;
	const vault = createVault({ dbName, argon2: argon2HashWasm, indexedDB: idb, IDBKeyRange });
	const d: Device = {
		vault,
		deviceId: randomUUID(),
		online: true,
		http: createAccountHttp((input, init) => d.fetch(input, init)),
		async fetch(input, init) {
			if (!d.online) throw new TypeError('Failed to fetch');
			const headers = new Headers(init?.headers);
			if (jar.cookie !== null) headers.set('cookie', jar.cookie);
			headers.set('origin', ORIGIN);
			const response = await app.fetch(
				new Request(new URL(input, ORIGIN), {
					...init,
					headers,
					...(init?.body == null ? {} : { duplex: 'half' })
				})
			);
			const set = response.headers.get('set-cookie');
			if (set !== null) jar.cookie = set.split(';')[0] ?? null;
			return response;
		}
	};
	return d;
}

async function signUp(d: Device, login: string): Promise<void> {
	const header = await d.vault.header();
	const authKey = d.vault.authKey();
	if (header === null || authKey === null) throw new Error('locked');
	const blob = encodeWrappedKeys(header, await vaultTables(d.vault).keys.toArray());
	if (!blob.ok) throw new Error('blob');
	const result = await d.http.signUp({
		login,
		authKey: toBase64Url(authKey),
		wrappedKeys: blob.value,
		circleId: header.circleId,
		kdf: publicKdfOf(header)
	});
	if (!result.ok) throw new Error(`sign-up ${result.error.type}`);
}

const keysOf = (d: Device) => ({
	http: d.http,
	header: () => d.vault.header(),
	keys: () => vaultTables(d.vault).keys.toArray(),
	installKeys: d.vault.sync.installKeys
});

/** Push the outbox, then pull everything new through the app's key-refreshing apply. */
async function sync(d: Device): Promise<readonly PulledEnvelope[]> {
	const header = await d.vault.header();
	if (header === null) throw new Error('no vault');
	const transport = createHttpTransport({ fetch: d.fetch, deviceId: d.deviceId });
	const apply = applyWithKeyRefresh({
		apply: d.vault.sync.applyRemote,
		missingKeyIds: d.vault.sync.missingKeyIds,
		refresh: () => syncAccountKeys(keysOf(d))
	});
	for (;;) {
		const batch = await d.vault.sync.outbox.pending(500);
		if (batch.length === 0) break;
		const pushed = await transport.push({ circleId: header.circleId, envelopes: batch });
		if (!pushed.ok) throw new Error(`push ${pushed.error.type}`);
		await d.vault.sync.outbox.ack(pushed.value.acks.filter((a) => 'seq' in a));
	}
	const pulled: PulledEnvelope[] = [];
	let since = await d.vault.sync.checkpoints.get(header.circleId);
	for (;;) {
		const page = await transport.pull({ circleId: header.circleId, since, limit: 1000 });
		if (!page.ok) throw new Error(`pull ${page.error.type}`);
		await apply(page.value.envelopes);
		pulled.push(...page.value.envelopes);
		since = page.value.checkpoint;
		await d.vault.sync.checkpoints.set(header.circleId, since);
		if (!page.value.hasMore) break;
	}
	return pulled;
}

const noteSchema = z.object({ note: z.string() });

async function notes(v: Vault): Promise<readonly string[]> {
	const rows = await v.query({ category: 'symptoms' });
	return rows.map((r) => noteSchema.parse(r.body).note).sort();
}

forEachDatabase('second device keys', (get) => {
	it('a key rotated on one device reaches the other through the account, which reads and writes with it', async () => {
		const app = createTestApp(get().handle, Date.now());
		const login = `marie.${randomUUID()}@example.org`;
		const phone = device(app);
		await phone.vault.create(PASSPHRASE);
		await signUp(phone, login);
		await phone.vault.commit([symptomOp(Date.UTC(2025, 0, 6), 3, 'before rotation')]);
		await sync(phone);

		const tablet = device(app);
		const joined = await loginOnNewDevice(
			{
				http: tablet.http,
				argon2: argon2HashWasm,
				replaceVault: async (header, keys) => {
					await tablet.vault.replaceAll(header, keys, []);
				}
			},
			login,
			PASSPHRASE
		);
		expect(joined.ok).toBe(true);
		expect((await tablet.vault.unlock(PASSPHRASE)).ok).toBe(true);
		await sync(tablet);
		expect(await notes(tablet.vault)).toEqual(['before rotation']);

		// The phone rotates (a member was removed), publishes the new key, writes with it.
		const rotated = await rotateCategoryKey(phone.vault, 'symptoms');
		if (rotated === null) throw new Error('rotation failed');
		const published = await syncAccountKeys(keysOf(phone));
		expect(published).toMatchObject({ ok: true, value: { published: true } });
		await phone.vault.commit([symptomOp(Date.UTC(2025, 0, 7), 5, 'after rotation')]);
		const pushed = await sync(phone);
		expect(pushed.some((e) => e.keyId === rotated.keyId)).toBe(true);

		// The tablet meets the new key id, fetches the account's keys and reads the record.
		expect(tablet.vault.sharingKeyMaterial()?.activeKeyIds.get('symptoms')).not.toBe(rotated.keyId);
		await sync(tablet);
		expect(await notes(tablet.vault)).toEqual(['after rotation', 'before rotation']);
		expect(tablet.vault.sync.unreadable()).toBe(0);

		// ...and now writes with the rotated key, which the phone reads.
		expect(tablet.vault.sharingKeyMaterial()?.activeKeyIds.get('symptoms')).toBe(rotated.keyId);
		await tablet.vault.commit([symptomOp(Date.UTC(2025, 0, 8), 2, 'from the tablet')]);
		const fromTablet = await tablet.vault.sync.outbox.pending(10);
		expect(fromTablet.map((e) => e.keyId)).toEqual([rotated.keyId]);
		await sync(tablet);
		await sync(phone);
		expect(await notes(phone.vault)).toEqual([
			'after rotation',
			'before rotation',
			'from the tablet'
		]);
		expect(phone.vault.sync.unreadable()).toBe(0);

		// A third device logging in now gets the rotated key in the blob at once.
		const laptop = device(app);
		const third = await loginOnNewDevice(
			{
				http: laptop.http,
				argon2: argon2HashWasm,
				replaceVault: async (header, keys) => {
					await laptop.vault.replaceAll(header, keys, []);
				}
			},
			login,
			PASSPHRASE
		);
		expect(third.ok).toBe(true);
		expect(await vaultTables(laptop.vault).keys.get(rotated.keyId)).toBeDefined();
	}, 120_000);

	it('a pull that needs a key while the account cannot be reached is kept for the next run', async () => {
		const app = createTestApp(get().handle, Date.now());
		const login = `marie.${randomUUID()}@example.org`;
		const phone = device(app);
		await phone.vault.create(PASSPHRASE);
		await signUp(phone, login);
		const tablet = device(app);
		const joined = await loginOnNewDevice(
			{
				http: tablet.http,
				argon2: argon2HashWasm,
				replaceVault: (header, keys) => tablet.vault.replaceAll(header, keys, [])
			},
			login,
			PASSPHRASE
		);
		expect(joined.ok).toBe(true);
		expect((await tablet.vault.unlock(PASSPHRASE)).ok).toBe(true);

		const rotated = await rotateCategoryKey(phone.vault, 'symptoms');
		if (rotated === null) throw new Error('rotation failed');
		expect((await syncAccountKeys(keysOf(phone))).ok).toBe(true);
		await phone.vault.commit([symptomOp(Date.UTC(2025, 0, 7), 5, 'after rotation')]);
		await sync(phone);

		// The tablet's key fetch fails (the server answers pulls, not the keys): the page is not
		// applied, so its checkpoint stays and nothing is counted unreadable.
		const header = await tablet.vault.header();
		if (header === null) throw new Error('no vault');
		let applied = 0;
		const apply = applyWithKeyRefresh({
			apply: async (envelopes) => {
				applied += envelopes.length;
				await tablet.vault.sync.applyRemote(envelopes);
			},
			missingKeyIds: tablet.vault.sync.missingKeyIds,
			refresh: () => Promise.resolve({ ok: false, error: { type: 'offline' } } as const)
		});
		const page = await createHttpTransport({ fetch: tablet.fetch, deviceId: 'x' }).pull({
			circleId: header.circleId,
			since: 0,
			limit: 100
		});
		if (!page.ok) throw new Error('pull');
		await expect(apply(page.value.envelopes)).rejects.toThrow('keys-unavailable');
		expect(applied).toBe(0);
		expect(tablet.vault.sync.unreadable()).toBe(0);

		// Next run, with the account reachable, reads it.
		await sync(tablet);
		expect(await notes(tablet.vault)).toEqual(['after rotation']);
	}, 120_000);

	it('a passphrase change made offline reaches the server after a reload, from a sealed key', async () => {
		const app = createTestApp(get().handle, Date.now());
		const login = `marie.${randomUUID()}@example.org`;
		const browser = newBrowser();
		const phone = device(app, browser);
		await phone.vault.create(PASSPHRASE);
		await signUp(phone, login);
		const oldAuthKey = phone.vault.authKey();
		if (oldAuthKey === null) throw new Error('locked');
		const pendingFor = (d: Device) =>
			createPendingRekey({
				http: d.http,
				header: () => d.vault.header(),
				authKey: () => d.vault.authKey(),
				blob: async () => {
					const header = await d.vault.header();
					if (header === null) return { ok: false, error: { type: 'locked' } };
					return encodeWrappedKeys(header, await vaultTables(d.vault).keys.toArray());
				},
				store: {
					save: (bytes) => saveLocalSecret(d.vault, 'pending-rekey', bytes),
					read: () => readLocalSecret(d.vault, 'pending-rekey'),
					remove: () => removeLocalSecret(d.vault, 'pending-rekey')
				}
			});

		phone.online = false;
		const NEW_PASSPHRASE = 'a brand new passphrase for marie';
		expect((await phone.vault.changePassphrase(PASSPHRASE, NEW_PASSPHRASE)).ok).toBe(true);
		const offline = await pendingFor(phone).changed(oldAuthKey);
		expect(offline).toEqual({ ok: false, error: { type: 'offline' } });

		// What waits in the vault is sealed: the old auth key is nowhere in plaintext.
		const stored = JSON.stringify(
			(await vaultTables(phone.vault).meta.toArray()).map((r) => r.value),
			(_k, v: unknown) => (v instanceof Uint8Array ? toBase64Url(v) : v)
		);
		expect(stored).toContain('keyId');
		expect(stored).not.toContain(toBase64Url(oldAuthKey));

		// A reload: a new vault object on the same IndexedDB, unlocked with the new passphrase.
		phone.vault.lock();
		const reloaded = device(app, browser);
		const relocked = pendingFor(reloaded);
		expect(await relocked.isPending()).toBe(false); // locked: nothing readable
		expect((await reloaded.vault.unlock(NEW_PASSPHRASE)).ok).toBe(true);
		expect(await relocked.isPending()).toBe(true);
		const retried = await relocked.retry();
		expect(retried).toMatchObject({ ok: true });
		expect(await relocked.isPending()).toBe(false);

		// The server now takes the new passphrase's auth key, and no longer the old one.
		const newAuthKey = reloaded.vault.authKey();
		if (newAuthKey === null) throw new Error('locked');
		expect((await reloaded.http.login(login, toBase64Url(newAuthKey))).ok).toBe(true);
		expect(await reloaded.http.login(login, toBase64Url(oldAuthKey))).toEqual({
			ok: false,
			error: { type: 'invalid-credentials' }
		});
	}, 120_000);
});
