// The account as the UI sees it: attach this device's vault to a new account, bring an account's
// journal onto this device, sign in again after a session expired, sessions, log out (here or
// everywhere), and follow a passphrase change on the server. Components call these; the writes are
// the commands of src/lib/commands/account.ts (bound here to this device's vault and HTTP), the
// HTTP and key work lives in src/lib/sync/account-http.ts.
//
// What is kept where: the login id and account id in localStorage (not health data, and wiped by
// "forget this device" with every `cercle.` key); the session only in the HttpOnly cookie. Signing
// up never re-encrypts anything: the server gets the vault's auth key and its wrapped keys.
//
// Kept in step with the server, retried before every sync run while pending: the wrapped-keys blob
// after this device installs a new category key (a rotation; a `cercle.keysPending` mark in
// localStorage, no key material) and a passphrase change the server has not heard of yet (the
// previous auth key sealed in the vault, see src/lib/sync/pending-rekey.ts).
import * as commands from '$lib/commands/account';
import type { SignInAgainFailure, SignUpFailure } from '$lib/commands/account';
import { accountSchema, type Account, type SessionInfo } from '$lib/contracts/auth';
import type { SecondFactorInputBody } from '$lib/contracts/second-factor';
import { createWorkerArgon2 } from '$lib/crypto/argon2-worker-client';
import { createAccountHttp, type AccountError, type NewDeviceError } from '$lib/sync/account-http';
import { syncAccountKeys, type KeySyncError, type KeySyncOutcome } from '$lib/sync/key-sync';
import { createPendingRekey } from '$lib/sync/pending-rekey';
import type { Result } from '$lib/domain/result';
import { readLocalSecret, removeLocalSecret, saveLocalSecret } from '$lib/vault/local-secret';
import { forgetAllMemberCircles } from '$lib/vault/member-db';
import { vault } from './vault.svelte';

const ACCOUNT_KEY = 'cercle.account';
/** Set while the account's wrapped-keys blob lacks a key this device installed. */
const KEYS_PENDING_KEY = 'cercle.keysPending';
const PENDING_REKEY = 'pending-rekey';

export type { SignInAgainFailure, SignUpFailure };

export type NewDeviceFailure = NewDeviceError | { readonly type: 'unlock-failed' };

/** The outcome of the last passphrase change for the account (shown in Settings). */
export type RekeyOutcome =
	| { readonly type: 'done'; readonly revokedSessions: number }
	| { readonly type: 'failed'; readonly error: AccountError | { readonly type: 'locked' } };

function readAccount(): Account | null {
	try {
		const raw = localStorage.getItem(ACCOUNT_KEY);
		if (raw === null) return null;
		const parsed = accountSchema.safeParse(JSON.parse(raw));
		return parsed.success ? parsed.data : null;
	} catch {
		return null;
	}
}

const okVoid = { ok: true as const, value: undefined };

function createAccountState() {
	const http = createAccountHttp((input, init) => fetch(input, init));
	let argon2: ReturnType<typeof createWorkerArgon2> | null = null;
	// Read once at start-up, never lazily from a getter: writing state while a template reads it is
	// refused by Svelte.
	let account = $state<Account | null>(typeof localStorage === 'undefined' ? null : readAccount());
	/** Bumped after every new session, so the sync manager resumes a waiting outbox. */
	let sessionEpoch = $state(0);
	let sessions = $state<readonly SessionInfo[] | null>(null);
	let rekey = $state<RekeyOutcome | null>(null);
	function save(next: Account | null): void {
		account = next;
		sessions = null;
		if (next === null) localStorage.removeItem(ACCOUNT_KEY);
		else localStorage.setItem(ACCOUNT_KEY, JSON.stringify(next));
	}

	const wrappedKeysBlob = (): Promise<Result<string, SignUpFailure>> =>
		commands.wrappedKeysBlob(vault.vault());

	const pendingRekey = createPendingRekey({
		http,
		header: () => vault.vault().header(),
		authKey: () => vault.vault().authKey(),
		blob: wrappedKeysBlob,
		store: {
			save: (bytes) => saveLocalSecret(vault.vault(), PENDING_REKEY, bytes),
			read: () => readLocalSecret(vault.vault(), PENDING_REKEY),
			remove: () => removeLocalSecret(vault.vault(), PENDING_REKEY)
		}
	});

	function showRekey(result: Awaited<ReturnType<typeof pendingRekey.changed>>): void {
		rekey = result.ok
			? { type: 'done', revokedSessions: result.value.revokedSessions }
			: {
					type: 'failed',
					error: result.error.type === 'blob-too-large' ? { type: 'bad-request' } : result.error
				};
	}

	/** After the vault's passphrase changed: new auth key, KDF and blob on the server. */
	async function handlePassphraseChanged(previousAuthKey: Uint8Array | null): Promise<void> {
		if (account === null) return;
		showRekey(await pendingRekey.changed(previousAuthKey));
	}

	/** Fetches the account's keys, installs what this device lacks, publishes what it lacks. */
	async function refreshKeys(): Promise<Result<KeySyncOutcome, KeySyncError>> {
		const v = vault.vault();
		if (account === null || vault.isDemo || !v.isUnlocked()) {
			return { ok: false, error: { type: 'locked' } };
		}
		const result = await syncAccountKeys({
			http,
			header: () => v.header(),
			keys: () => v.keyRows(),
			installKeys: v.sync.installKeys
		});
		if (result.ok) localStorage.removeItem(KEYS_PENDING_KEY);
		else localStorage.setItem(KEYS_PENDING_KEY, '1');
		return result;
	}

	vault.registerPassphraseChangeHook(handlePassphraseChanged);
	// "Forget this device" ends the server session before the device wipes itself.
	vault.registerForgetHook(async () => {
		await commands.forgetDevice(http, account);
		save(null);
	});

	return {
		get account() {
			return account;
		},
		get sessionEpoch() {
			return sessionEpoch;
		},
		get sessions() {
			return sessions;
		},
		get rekey() {
			return rekey;
		},

		/** Tries again to update the account after a passphrase change (e.g. it was offline). */
		async retryRekey(): Promise<void> {
			const result = await pendingRekey.retry();
			if (result !== null) showRekey(result);
		},

		refreshKeys,

		/**
		 * After this device installed a new category key: the account's blob must carry it for the
		 * person's other devices. Marked pending first, so a failure (offline) is retried.
		 */
		async publishNewKeys(): Promise<void> {
			localStorage.setItem(KEYS_PENDING_KEY, '1');
			await refreshKeys();
		},

		/** Before a sync run: retries what is pending (a passphrase change, new keys). */
		async resumePending(): Promise<void> {
			if (account === null || vault.isDemo || !vault.vault().isUnlocked()) return;
			const rekeyed = await pendingRekey.retry();
			if (rekeyed !== null) showRekey(rekeyed);
			if (localStorage.getItem(KEYS_PENDING_KEY) !== null) await refreshKeys();
		},

		/** Attaches the open local vault to a new account (no re-encryption). */
		async signUp(login: string): Promise<Result<void, SignUpFailure>> {
			const result = await commands.signUp(
				{ http, vault: vault.vault(), isDemo: vault.isDemo },
				login
			);
			if (!result.ok) return result;
			save(result.value);
			sessionEpoch += 1;
			return okVoid;
		},

		/**
		 * Logs in on this device: this device's local journal (if any) is replaced by the account's,
		 * which then unlocks with the same passphrase and is pulled in full by the sync manager.
		 */
		async logInOnThisDevice(
			login: string,
			passphrase: string,
			secondFactor?: SecondFactorInputBody
		): Promise<Result<void, NewDeviceFailure>> {
			if (vault.isDemo) await vault.closeDemo();
			argon2 ??= createWorkerArgon2();
			const result = await commands.logInOnThisDevice(
				{
					http,
					argon2,
					vault: vault.vault(),
					lock: () => {
						vault.lock();
					}
				},
				login,
				passphrase,
				secondFactor
			);
			if (!result.ok) return result;
			save(result.value);
			const unlocked = await vault.unlock(passphrase);
			if (!unlocked.ok) return { ok: false, error: { type: 'unlock-failed' } };
			sessionEpoch += 1;
			return okVoid;
		},

		/**
		 * A new session for the attached account with the open vault's auth key (no passphrase); the
		 * second factor when the account has one.
		 */
		async signInAgain(
			secondFactor?: SecondFactorInputBody
		): Promise<Result<void, SignInAgainFailure>> {
			const result = await commands.signInAgain(
				{ http, vault: vault.vault() },
				account,
				secondFactor
			);
			if (!result.ok) return result;
			save(result.value);
			sessionEpoch += 1;
			return okVoid;
		},

		/**
		 * "Delete my account": the passphrase is checked again on this device (it yields the auth
		 * key), then the server erases the account; the local journal stays on this device.
		 */
		deleteAccount: (
			passphrase: string
		): Promise<Result<void, AccountError | { readonly type: 'wrong-passphrase' }>> =>
			commands.deleteAccount(
				{
					http,
					vault: vault.vault(),
					erased: () => {
						save(null);
					},
					forgetMemberCircles: () => forgetAllMemberCircles()
				},
				account,
				passphrase
			),

		/** Ends this device's session; the local journal stays. */
		async logOut(): Promise<Result<void, AccountError>> {
			const result = await commands.logOut(http);
			if (result.ok) save(null);
			return result;
		},

		async logOutEverywhere(): Promise<Result<void, AccountError>> {
			const result = await commands.logOutEverywhere(http);
			if (result.ok) save(null);
			return result;
		},

		async loadSessions(): Promise<Result<void, AccountError>> {
			const result = await http.sessions();
			if (!result.ok) return result;
			sessions = result.value;
			return okVoid;
		},

		async revokeSession(id: string): Promise<Result<void, AccountError>> {
			const result = await commands.revokeSession(http, sessions, id);
			if (!result.ok) return result;
			if (result.value === null) save(null);
			else sessions = result.value;
			return okVoid;
		},

		/** The circles to pull, from the server (falls back to the caller's default). */
		circles: () => http.circles()
	};
}

export const account = createAccountState();
