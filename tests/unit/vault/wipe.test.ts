// "Forget this device" leaves nothing behind (issue 12, item 9): the vault, member-circle
// databases, the reminder-actions queue (even while another connection holds it open), every
// cache and all of localStorage.
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { wipeDevice } from '$lib/vault/wipe';

function open(factory: IDBFactory, name: string): Promise<IDBDatabase> {
	return new Promise((resolve, reject) => {
		const request = factory.open(name, 1);
		request.onupgradeneeded = () => {
			request.result.createObjectStore('rows');
		};
		request.onsuccess = () => {
			resolve(request.result);
		};
		request.onerror = () => {
			reject(new Error(name));
		};
	});
}

function memoryStorage(): Storage {
	const map = new Map<string, string>();
	return {
		get length() {
			return map.size;
		},
		clear: () => {
			map.clear();
		},
		getItem: (k) => map.get(k) ?? null,
		key: (i) => [...map.keys()][i] ?? null,
		removeItem: (k) => {
			map.delete(k);
		},
		setItem: (k, v) => {
			map.set(k, v);
		}
	};
}

function memoryCaches(names: string[]): CacheStorage {
	const live = new Set(names);
	const unused = (): never => {
		throw new Error('not used');
	};
	return {
		keys: () => Promise.resolve([...live]),
		delete: (name) => Promise.resolve(live.delete(name)),
		has: (name) => Promise.resolve(live.has(name)),
		match: unused,
		open: unused
	};
}

describe('wipeDevice', () => {
	it('deletes every database, cache and setting of the origin', async () => {
		const factory = new IDBFactory();
		const names = [
			'cercle',
			'cercle-demo',
			'cercle-member-0190a000-0000-7000-8000-000000000001',
			'cercle-reminder-actions'
		];
		const held = [];
		for (const name of names) held.push(await open(factory, name));
		// The service worker keeps the reminder queue open: closing on versionchange, as browsers do.
		for (const db of held)
			db.onversionchange = () => {
				db.close();
			};
		const storage = memoryStorage();
		storage.setItem('cercle.account', '{"id":"x"}');
		storage.setItem('PARAGLIDE_LOCALE', 'fr');
		const caches = memoryCaches(['cercle-content', 'workbox-precache-v2']);

		await wipeDevice({ indexedDB: factory, caches, localStorage: storage });

		expect(await factory.databases()).toEqual([]);
		expect(await caches.keys()).toEqual([]);
		expect(storage.length).toBe(0);
	});
});
