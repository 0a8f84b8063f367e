// A raw dump of everything this origin keeps in the browser (IndexedDB rows, Cache Storage bodies,
// localStorage), as text, so a test can assert that a secret never appears there. Binary values are
// dumped as UTF-8 text and as base64, so plaintext hidden in a byte array is found too.
import type { Page } from '@playwright/test';

export async function dumpBrowserStorage(page: Page): Promise<string> {
	return page.evaluate(async () => {
		const parts: string[] = [];

		const bytesToText = (bytes: Uint8Array): string => {
			let binary = '';
			for (const byte of bytes) binary += String.fromCharCode(byte);
			return `${new TextDecoder('utf-8', { fatal: false }).decode(bytes)} ${btoa(binary)}`;
		};

		const serialise = (value: unknown): string =>
			JSON.stringify(value, (_key, inner: unknown) => {
				if (inner instanceof ArrayBuffer) return bytesToText(new Uint8Array(inner));
				if (ArrayBuffer.isView(inner)) {
					return bytesToText(new Uint8Array(inner.buffer, inner.byteOffset, inner.byteLength));
				}
				if (inner instanceof Blob) return `[blob ${inner.size}]`;
				return inner;
			});

		const readStore = (db: IDBDatabase, storeName: string) =>
			new Promise<unknown[]>((resolve, reject) => {
				const request = db.transaction(storeName, 'readonly').objectStore(storeName).getAll();
				request.onsuccess = () => {
					resolve(request.result as unknown[]);
				};
				request.onerror = () => {
					reject(request.error ?? new Error('getAll failed'));
				};
			});

		for (const info of await indexedDB.databases()) {
			if (!info.name) continue;
			const name = info.name;
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const request = indexedDB.open(name);
				request.onsuccess = () => {
					resolve(request.result);
				};
				request.onerror = () => {
					reject(request.error ?? new Error('open failed'));
				};
			});
			for (const storeName of Array.from(db.objectStoreNames)) {
				for (const row of await readStore(db, storeName)) {
					parts.push(`idb:${name}/${storeName}: ${serialise(row)}`);
				}
			}
			db.close();
		}

		for (const cacheName of await caches.keys()) {
			const cache = await caches.open(cacheName);
			for (const request of await cache.keys()) {
				const response = await cache.match(request);
				const body = response ? new Uint8Array(await response.arrayBuffer()) : new Uint8Array();
				parts.push(`cache:${cacheName} ${request.url}: ${bytesToText(body)}`);
			}
		}

		for (let index = 0; index < localStorage.length; index += 1) {
			const key = localStorage.key(index);
			if (key !== null) parts.push(`localStorage:${key}=${localStorage.getItem(key) ?? ''}`);
		}
		return parts.join('\n');
	});
}
