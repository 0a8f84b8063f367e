// The first screens' vault probe (state/vault-status.svelte.ts) reads IndexedDB without Dexie: it
// must tell "no journal" from "a journal to unlock" exactly as the full vault does, and must never
// create the database it looks for.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { probeVault, startScreen } from '$lib/state/vault-status.svelte';
import { argon2HashWasm } from '$lib/crypto/argon2-hash-wasm';
import { createVault } from '$lib/vault/vault';
import { PASSPHRASE } from '../../fixtures/vault';

function vaultOn(factory: IDBFactory, dbName: string) {
	return createVault({ dbName, argon2: argon2HashWasm, indexedDB: factory, IDBKeyRange });
}

describe('vault probe without Dexie', () => {
	it('says absent on a fresh device and leaves no database behind', async () => {
		const factory = new IDBFactory();
		expect(await probeVault(factory, 'cercle-vault')).toBe('absent');
		expect(await factory.databases()).toEqual([]);
		// The full vault still creates its database as before, at its own version.
		const vault = vaultOn(factory, 'cercle-vault');
		expect(await vault.status()).toBe('absent');
		expect((await factory.databases()).map((db) => db.name)).toEqual(['cercle-vault']);
	});

	it('says absent when the database exists but holds no vault header', async () => {
		const factory = new IDBFactory();
		await vaultOn(factory, 'cercle-vault').status();
		expect(await probeVault(factory, 'cercle-vault')).toBe('absent');
	});

	it('says locked once a vault was created, as the full vault does after a reload', async () => {
		const factory = new IDBFactory();
		const vault = vaultOn(factory, 'cercle-vault');
		await vault.create(PASSPHRASE);
		vault.lock();
		expect(await probeVault(factory, 'cercle-vault')).toBe('locked');
		expect(await vaultOn(factory, 'cercle-vault').status()).toBe('locked');
	});

	it('says absent for a database of the same name without the vault store', async () => {
		const factory = new IDBFactory();
		await new Promise<void>((done) => {
			const request = factory.open('cercle-vault', 1);
			request.onupgradeneeded = () => request.result.createObjectStore('other');
			request.onsuccess = () => {
				request.result.close();
				done();
			};
		});
		expect(await probeVault(factory, 'cercle-vault')).toBe('absent');
	});
});

// A first visit to `/` is sent to its screen before anything is drawn (hooks.client.ts).
describe('the start address’s screen, from the probe alone', () => {
	it('is the welcome screen on a fresh device, the unlock screen once a vault exists', async () => {
		const factory = new IDBFactory();
		expect(await startScreen(factory)).toBe('/welcome');
		const vault = vaultOn(factory, 'cercle-vault');
		await vault.create(PASSPHRASE);
		vault.lock();
		expect(await startScreen(factory)).toBe('/unlock');
	});

	it('is left to the start page when IndexedDB cannot tell', async () => {
		expect(await startScreen(undefined)).toBeNull();
		const broken = new IDBFactory();
		broken.open = () => {
			throw new DOMException('no storage here', 'SecurityError');
		};
		expect(await startScreen(broken)).toBeNull();
	});
});
