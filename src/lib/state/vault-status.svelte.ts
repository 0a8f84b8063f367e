// The vault's status as the first screens see it, without the vault itself. The welcome, unlock and
// sign-in screens must render and take input from the framework, the shell and their messages only
// (issue 18: ≤ 60 kB gzip), so this module reads IndexedDB directly — no Dexie, zod or crypto — to
// say whether this device holds a journal. The full vault state (`vault.svelte.ts`: Dexie, zod, the
// key hierarchy, the Argon2 worker) is imported in parallel on start by `loadVault` and owns the
// status from then on. Invariant: once the full state has spoken, the probe never overrides it.
import { REAL_DB } from '$lib/vault/names';
import { idleGate } from './idle-gate';
import type { VaultState } from './vault.svelte';

export type VaultStatus = 'loading' | 'absent' | 'locked' | 'unlocked';

let status = $state<VaultStatus>('loading');
let isDemo = $state(false);
let authoritative = false;
let loading: Promise<VaultState> | null = null;

export const vaultStatus = {
	get status(): VaultStatus {
		return status;
	},
	get isDemo(): boolean {
		return isDemo;
	}
};

/** Called by the full vault state only, on every change of its status or of the demo flag. */
export function publishVaultStatus(next: VaultStatus, demo: boolean): void {
	authoritative = true;
	status = next;
	isDemo = demo;
}

/**
 * Whether the database `name` holds a vault header, read with plain IndexedDB. A database that does
 * not exist is not created (its upgrade is aborted). `null` when IndexedDB cannot tell (private
 * mode, an error): the full vault decides then.
 */
export function probeVault(
	factory: IDBFactory,
	name: string = REAL_DB
): Promise<'absent' | 'locked' | null> {
	return new Promise((done) => {
		let request: IDBOpenDBRequest;
		try {
			request = factory.open(name);
		} catch {
			done(null);
			return;
		}
		request.onupgradeneeded = () => {
			// No such database: leave none behind (aborting a new database's upgrade deletes it).
			request.transaction?.abort();
		};
		request.onerror = (event) => {
			event.preventDefault();
			done(request.error?.name === 'AbortError' ? 'absent' : null);
		};
		request.onsuccess = () => {
			const db = request.result;
			const finish = (result: 'absent' | 'locked' | null) => {
				db.close();
				done(result);
			};
			try {
				if (!db.objectStoreNames.contains('meta')) {
					finish('absent');
					return;
				}
				const read = db.transaction('meta', 'readonly').objectStore('meta').get('header');
				read.onsuccess = () => {
					finish(read.result === undefined ? 'absent' : 'locked');
				};
				read.onerror = () => {
					finish(null);
				};
			} catch {
				finish(null);
			}
		};
	});
}

/**
 * Sets the first status from the probe, unless the full vault state has already spoken. False when
 * the probe could not tell (the full vault must then load at once to say).
 */
export async function probeStatus(factory: IDBFactory | undefined): Promise<boolean> {
	if (factory === undefined) return false;
	const probed = await probeVault(factory);
	if (probed === null) return false;
	if (!authoritative) status = probed;
	return true;
}

/** The screen the start address leads to: the first run or the unlock screen. */
export type StartScreen = '/welcome' | '/unlock';

/**
 * Where a first visit to the start address (`/`) leads, from the probe alone, before the app draws
 * anything (`hooks.client.ts`); null when IndexedDB cannot tell: the start page then asks the full
 * vault, as before.
 */
export async function startScreen(factory: IDBFactory | undefined): Promise<StartScreen | null> {
	if (!(await probeStatus(factory))) return null;
	return status === 'absent' ? '/welcome' : status === 'locked' ? '/unlock' : null;
}

/**
 * The full vault state, imported and started once (on the first call: the root layout calls it on
 * mount, so it downloads while the person reads or types).
 */
export function loadVault(): Promise<VaultState> {
	// A passphrase is asked next (create or unlock): the Argon2 worker's module and WebAssembly
	// load alongside the vault's code instead of after it has run (a second or two on 2G at 4×).
	if (!loading && (status === 'absent' || status === 'locked')) {
		import('$lib/crypto/argon2-worker-client').then(
			({ deviceArgon2 }) => {
				deviceArgon2().warm();
			},
			() => undefined
		);
	}
	loading ??= import('./vault.svelte').then(async ({ vault }) => {
		await vault.init();
		return vault;
	});
	return loading;
}

/**
 * `loadVault` once the first screen has been acted on or left idle (`idle-gate.ts`): on a slow
 * phone the vault's evaluation would otherwise hold the main thread while the screen is read.
 */
export async function loadVaultWhenIdle(): Promise<VaultState> {
	await idleGate.settled;
	return loadVault();
}
