// Wipes everything Cercle keeps on this device ("Forget this device"). Why: the journal, the
// member circles' caches (one database per circle), the service worker's reminder-actions queue,
// the content caches and the `cercle.*` settings live in different stores; forgetting only the
// vault left the others behind. The origin belongs to Cercle alone, so every IndexedDB database,
// every Cache Storage cache and all of localStorage go. Invariant: nothing of this origin's
// storage survives (a database held open elsewhere, e.g. by the service worker, is deleted as soon
// as that connection closes: the request is queued, not dropped).

export interface WipeTargets {
	readonly indexedDB: IDBFactory | null;
	readonly caches: CacheStorage | null;
	readonly localStorage: Storage | null;
}

function deleteDatabase(factory: IDBFactory, name: string): Promise<void> {
	return new Promise((resolve) => {
		const request = factory.deleteDatabase(name);
		request.onsuccess = () => {
			resolve();
		};
		request.onerror = () => {
			resolve();
		};
		// Another connection is still open: the deletion completes when it closes.
		request.onblocked = () => {
			resolve();
		};
	});
}

export async function wipeDevice(targets: WipeTargets): Promise<void> {
	const factory = targets.indexedDB;
	if (factory !== null) {
		const databases = await factory.databases();
		await Promise.all(
			databases.flatMap((d) => (d.name === undefined ? [] : [deleteDatabase(factory, d.name)]))
		);
	}
	if (targets.caches !== null) {
		for (const name of await targets.caches.keys()) await targets.caches.delete(name);
	}
	targets.localStorage?.clear();
}

/** The browser's own stores, where they exist. */
export const browserWipeTargets = (): WipeTargets => ({
	indexedDB: typeof indexedDB === 'undefined' ? null : indexedDB,
	caches: typeof caches === 'undefined' ? null : caches,
	localStorage: typeof localStorage === 'undefined' ? null : localStorage
});
