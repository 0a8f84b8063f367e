// The account as the UI sees it: attach this device's vault to a new account, bring an account's
// journal onto this device, sign in again after a session expired, sessions, log out (here or
// everywhere), and follow a passphrase change on the server. Components call these commands; the
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
import { accountSchema, type Account, type SessionInfo } from '$lib/contracts/auth';
import type { SecondFactorInputBody } from '$lib/contracts/second-factor';
import { createWorkerArgon2 } from '$lib/crypto/argon2-worker-client';
import { toBase64Url } from '$lib/crypto/bytes';
import {
	createAccountHttp,
	encodeWrappedKeys,
	loginOnNewDevice,
	publicKdfOf,
	type AccountError,
	type NewDeviceError
} from '$lib/sync/account-http';
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

export type SignUpFailure =
	AccountError | { readonly type: 'locked' } | { readonly type: 'blob-too-large' };

export type NewDeviceFailure = NewDeviceError | { readonly type: 'unlock-failed' };

export type SignInAgainFailure = AccountError | { readonly type: 'locked' };

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

	async function wrappedKeysBlob(): Promise<Result<string, SignUpFailure>> {
		const v = vault.vault();
		const header = await v.header();
		if (!header || !v.isUnlocked()) return { ok: false, error: { type: 'locked' } };
		return encodeWrappedKeys(header, await v.keyRows());
	}

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
		if (account !== null) await http.forgetDevice();
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
			const v = vault.vault();
			const header = await v.header();
			const authKey = v.authKey();
			if (!header || !authKey || vault.isDemo) return { ok: false, error: { type: 'locked' } };
			const blob = await wrappedKeysBlob();
			if (!blob.ok) return blob;
			const result = await http.signUp({
				login,
				authKey: toBase64Url(authKey),
				wrappedKeys: blob.value,
				circleId: header.circleId,
				kdf: publicKdfOf(header)
			});
			if (!result.ok) return result;
			save(result.value.account);
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
			const v = vault.vault();
			const result = await loginOnNewDevice(
				{
					http,
					argon2,
					replaceVault: async (header, keys) => {
						vault.lock();
						await v.replaceAll(header, keys, []);
						await v.sync.checkpoints.set(header.circleId, 0);
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
			const authKey = vault.vault().authKey();
			if (account === null || authKey === null) return { ok: false, error: { type: 'locked' } };
			const result = await http.login(account.login, toBase64Url(authKey), secondFactor);
			if (!result.ok) return result;
			save(result.value.account);
			sessionEpoch += 1;
			return okVoid;
		},

		/**
		 * "Delete my account": the passphrase is checked again on this device (it yields the auth
		 * key), then the server erases the account; the local journal stays on this device.
		 */
		async deleteAccount(
			passphrase: string
		): Promise<Result<void, AccountError | { readonly type: 'wrong-passphrase' }>> {
			if (account === null) return { ok: false, error: { type: 'unauthenticated' } };
			const unlocked = await vault.vault().unlock(passphrase);
			const authKey = vault.vault().authKey();
			if (!unlocked.ok || authKey === null)
				return { ok: false, error: { type: 'wrong-passphrase' } };
			const result = await http.deleteAccount(toBase64Url(authKey));
			if (!result.ok) return result;
			save(null);
			await forgetAllMemberCircles();
			return okVoid;
		},

		/** Ends this device's session; the local journal stays. */
		async logOut(): Promise<Result<void, AccountError>> {
			const result = await http.logout();
			if (!result.ok && result.error.type !== 'unauthenticated') return result;
			save(null);
			return okVoid;
		},

		async logOutEverywhere(): Promise<Result<void, AccountError>> {
			const result = await http.revokeAll();
			if (!result.ok && result.error.type !== 'unauthenticated') return result;
			save(null);
			return okVoid;
		},

		async loadSessions(): Promise<Result<void, AccountError>> {
			const result = await http.sessions();
			if (!result.ok) return result;
			sessions = result.value;
			return okVoid;
		},

		async revokeSession(id: string): Promise<Result<void, AccountError>> {
			const current = sessions?.find((s) => s.id === id)?.current ?? false;
			const result = await http.revokeSession(id);
			if (!result.ok) return result;
			if (current) {
				save(null);
				return okVoid;
			}
			sessions = (sessions ?? []).filter((s) => s.id !== id);
			return okVoid;
		},

		/** The circles to pull, from the server (falls back to the caller's default). */
		circles: () => http.circles()
	};
}

export const account = createAccountState();
