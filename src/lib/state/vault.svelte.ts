// The vault as the UI sees it: a reactive status, the lifecycle commands, auto-lock after idle
// time, and live record queries. Components call these; they never touch Dexie or WebCrypto. The
// first screens do not import this module: they read `vault-status.svelte.ts`, which this module
// keeps up to date, and load this one with `loadVault()`.
import { deviceArgon2 } from '$lib/crypto/argon2-worker-client';
import type {
	BackupError,
	PersistenceInfo,
	RecordQuery,
	UnlockError,
	VaultRecord
} from '$lib/domain/records';
import type { Result } from '$lib/domain/result';
import { browserWipeTargets, wipeDevice } from '$lib/vault/wipe';
import { DEMO_DB, REAL_DB } from '$lib/vault/names';
import { createVault, type Vault } from '$lib/vault/vault';
import { publishVaultStatus, vaultStatus, type VaultStatus } from './vault-status.svelte';

/** The demo vault holds only invented data; its passphrase is not a secret. */
const DEMO_PASSPHRASE = 'cercle sample person demo vault';
const AUTO_LOCK_KEY = 'cercle.autoLockMinutes';
const DEFAULT_AUTO_LOCK = 5;

/** Fills a freshly created demo vault; registered by the journal feature. */
export type DemoFiller = (vault: Vault) => Promise<void>;

/** Runs after a successful passphrase change with the previous auth key; registered by accounts. */
export type PassphraseChangeHook = (previousAuthKey: Uint8Array | null) => Promise<void>;

/** Runs first when the device is forgotten (accounts: end the session on the server). */
export type ForgetHook = () => Promise<void>;

function readAutoLock(): number {
	const stored = Number(localStorage.getItem(AUTO_LOCK_KEY));
	return Number.isFinite(stored) && stored >= 1 && stored <= 60 ? stored : DEFAULT_AUTO_LOCK;
}

function createVaultState() {
	const argon2 = deviceArgon2();
	let real: Vault | null = null;
	let demo: Vault | null = null;
	// The status and the demo flag live in the light module, so the first screens read them too.
	let status: VaultStatus = 'loading';
	let isDemo = false;
	function setStatus(next: VaultStatus): void {
		status = next;
		publishVaultStatus(status, isDemo);
	}
	function setDemo(next: boolean): void {
		isDemo = next;
		publishVaultStatus(status, isDemo);
	}
	let persistence = $state<PersistenceInfo | null>(null);
	let autoLockMinutes = $state(DEFAULT_AUTO_LOCK);
	let idleTimer: ReturnType<typeof setTimeout> | null = null;
	let demoFiller: DemoFiller | null = null;
	let passphraseChangeHook: PassphraseChangeHook | null = null;
	let forgetHook: ForgetHook | null = null;
	// Whether the signing identity is still to be checked since the last unlock (see below).
	let identityDue = false;

	function realVault(): Vault {
		real ??= createVault({ dbName: REAL_DB, argon2 });
		return real;
	}

	function current(): Vault {
		if (isDemo) {
			demo ??= createVault({ dbName: DEMO_DB, argon2 });
			return demo;
		}
		return realVault();
	}

	function armIdleTimer() {
		if (idleTimer) clearTimeout(idleTimer);
		idleTimer = null;
		if (status !== 'unlocked') return;
		idleTimer = setTimeout(() => {
			lock();
		}, autoLockMinutes * 60_000);
	}

	function lock() {
		current().lock();
		if (idleTimer) clearTimeout(idleTimer);
		idleTimer = null;
		if (status === 'unlocked') setStatus('locked');
	}

	async function refresh() {
		setStatus(await current().status());
		// The passphrase is asked next (to unlock, or to create the journal from the welcome
		// screen): start the worker and compile Argon2's WebAssembly meanwhile, not after the tap.
		if (status === 'locked' || status === 'absent') argon2.warm();
		armIdleTimer();
	}

	async function requestPersistence(): Promise<void> {
		if (typeof navigator === 'undefined' || !('storage' in navigator)) {
			persistence = { persisted: null };
			return;
		}
		try {
			const already = await navigator.storage.persisted();
			persistence = { persisted: already || (await navigator.storage.persist()) };
		} catch {
			persistence = { persisted: null };
		}
	}

	return {
		get status() {
			return vaultStatus.status;
		},
		get isDemo() {
			return vaultStatus.isDemo;
		},
		get persistence() {
			return persistence;
		},
		get autoLockMinutes() {
			return autoLockMinutes;
		},

		/** The open vault, for repositories and commands (not for components). */
		vault: current,

		setAutoLockMinutes(minutes: number) {
			autoLockMinutes = Math.min(60, Math.max(1, Math.round(minutes)));
			localStorage.setItem(AUTO_LOCK_KEY, String(autoLockMinutes));
			armIdleTimer();
		},

		registerDemoFiller(filler: DemoFiller) {
			demoFiller = filler;
		},

		registerForgetHook(hook: ForgetHook) {
			forgetHook = hook;
		},

		registerPassphraseChangeHook(hook: PassphraseChangeHook) {
			passphraseChangeHook = hook;
		},

		async init() {
			autoLockMinutes = readAutoLock();
			await refresh();
			if (typeof navigator !== 'undefined' && 'storage' in navigator) {
				try {
					persistence = { persisted: await navigator.storage.persisted() };
				} catch {
					persistence = { persisted: null };
				}
			}
		},

		async create(passphrase: string): Promise<{ recoveryKey: string }> {
			setDemo(false);
			const created = await realVault().create(passphrase);
			await refresh();
			await requestPersistence();
			return created;
		},

		async unlock(passphrase: string): Promise<Result<void, UnlockError>> {
			const result = await current().unlock(passphrase);
			if (result.ok && !isDemo) identityDue = true;
			await refresh();
			return result;
		},

		async unlockWithRecoveryKey(
			recoveryKey: string,
			newPassphrase: string
		): Promise<Result<void, UnlockError>> {
			const result = await current().unlockWithRecoveryKey(recoveryKey, newPassphrase);
			await refresh();
			return result;
		},

		lock,

		/**
		 * A vault made before identity keys gets its signing identity after an unlock (issue 12); it
		 * is published with the next invitation or acceptance (which would also make it on first
		 * use). Called by the `(app)` layout once the page is drawn, and imported then: the identity
		 * and sharing-key code is no part of an unlocked Today (issue 18). Once per unlock.
		 */
		ensureSigningIdentity(): void {
			// The code that signs her writes, fetched now that the page is drawn: her first save
			// then waits for no download (2G), and it is at hand if the connection goes before the
			// service worker has it (a failed load leaves that save unsigned: vault/records.ts).
			if (status === 'unlocked' && !isDemo) {
				import('$lib/vault/own-signatures').catch(() => undefined);
			}
			if (!identityDue || status !== 'unlocked' || isDemo) return;
			identityDue = false;
			const unlocked = current();
			import('$lib/vault/sharing-keys')
				.then(({ signingIdentity }) => signingIdentity(unlocked))
				.catch(() => undefined);
		},

		touch() {
			if (status === 'unlocked') armIdleTimer();
		},

		async changePassphrase(currentPassphrase: string, next: string) {
			const previousAuthKey = current().authKey();
			const result = await current().changePassphrase(currentPassphrase, next);
			await refresh();
			if (result.ok && !isDemo && passphraseChangeHook) await passphraseChangeHook(previousAuthKey);
			return result;
		},

		/**
		 * "Forget this device": the server session ends first (the hook; an unreachable server does
		 * not keep the journal on the device), then every Cercle database, cache and setting goes.
		 */
		async forget() {
			if (forgetHook) await forgetHook().catch(() => undefined);
			lock();
			// The server's Clear-Site-Data may already have closed and deleted the databases under the
			// open handles; wipeDevice deletes whatever is left, so no handle is reused here.
			real?.lock();
			demo?.lock();
			await wipeDevice(browserWipeTargets());
			// Fresh handles: the old ones were closed by the deletion (IndexedDB versionchange).
			real = null;
			demo = null;
			setDemo(false);
			await refresh();
		},

		async exportBackup(): Promise<Result<Blob, BackupError>> {
			const { exportBackup } = await import('$lib/vault/backup');
			const exported = await exportBackup(current(), Date.now());
			if (!exported.ok) return exported;
			return { ok: true, value: new Blob([exported.value], { type: 'application/json' }) };
		},

		async importBackup(file: File, passphrase: string): Promise<Result<void, BackupError>> {
			const text = await file.text();
			const { importBackup } = await import('$lib/vault/backup');
			const result = await importBackup(current(), argon2, text, passphrase);
			if (result.ok) {
				await current().unlock(passphrase);
			}
			await refresh();
			return result;
		},

		async openDemo() {
			if (!isDemo) current().lock();
			setDemo(true);
			const vault = current();
			if ((await vault.status()) === 'absent') {
				await vault.create(DEMO_PASSPHRASE);
				if (demoFiller) await demoFiller(vault);
			} else if (!vault.isUnlocked()) {
				await vault.unlock(DEMO_PASSPHRASE);
			}
			await refresh();
		},

		async closeDemo() {
			current().lock();
			setDemo(false);
			await refresh();
		}
	};
}

export type VaultState = ReturnType<typeof createVaultState>;

export const vault: VaultState = createVaultState();

/**
 * Live records for a component: re-runs when the query or the lock state changes and when the
 * vault's data changes (any tab). Call during component initialisation.
 */
export function liveRecords(query: () => RecordQuery): {
	readonly current: readonly VaultRecord[] | undefined;
} {
	let current = $state<readonly VaultRecord[] | undefined>(undefined);
	$effect(() => {
		const q = query();
		if (vault.status !== 'unlocked') {
			current = undefined;
			return;
		}
		return vault.vault().observe(q, (records) => {
			current = records;
		});
	});
	return {
		get current() {
			return current;
		}
	};
}
