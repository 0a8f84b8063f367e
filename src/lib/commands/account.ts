// The account's writes (issue 13): signing up with this device's vault, logging in on this device
// (its journal replaced by the account's), signing in again, deleting the account, logging out
// (here or everywhere), ending one session and forgetting this device. Each takes its ports (the
// account's HTTP over the one API client, sync/account-http.ts; the vault; what else it writes)
// and answers the one `Result` with a typed error union, put into words once by
// `accountErrorText` and its siblings (ui/account/account-messages.ts). state/account.svelte.ts
// binds them, keeps what the pages read (the account, its sessions) and stores the account from
// what these answer.
// Invariants: signing up never re-encrypts anything (the server gets the vault's auth key and its
// wrapped keys); deleting the account checks the passphrase on this device first and keeps the
// local journal; logging out of a session the server no longer knows is still logging out.
import type { Account, SessionInfo } from '$lib/contracts/auth';
import type { SecondFactorInputBody } from '$lib/contracts/second-factor';
import { err, ok, type Result } from '$lib/domain/result';
import {
	authKeyText,
	encodeWrappedKeys,
	loginOnNewDevice,
	publicKdfOf,
	type AccountError,
	type AccountHttp,
	type NewDeviceDeps,
	type NewDeviceError
} from '$lib/sync/account-http';
import type { Vault } from '$lib/vault/vault';

export type SignUpFailure =
	AccountError | { readonly type: 'locked' } | { readonly type: 'blob-too-large' };

export type SignInAgainFailure = AccountError | { readonly type: 'locked' };

export type DeleteAccountFailure = AccountError | { readonly type: 'wrong-passphrase' };

/** The open vault's header and key rows as the account's wrapped-keys blob (no re-encryption). */
export async function wrappedKeysBlob(v: Vault): Promise<Result<string, SignUpFailure>> {
	const header = await v.header();
	if (!header || !v.isUnlocked()) return err({ type: 'locked' });
	return encodeWrappedKeys(header, await v.keyRows());
}

/** Attaches the open local vault to a new account: the account the server made. */
export async function signUp(
	ports: {
		readonly http: Pick<AccountHttp, 'signUp'>;
		readonly vault: Vault;
		readonly isDemo: boolean;
	},
	login: string
): Promise<Result<Account, SignUpFailure>> {
	const v = ports.vault;
	const header = await v.header();
	const authKey = v.authKey();
	if (!header || !authKey || ports.isDemo) return err({ type: 'locked' });
	const blob = await wrappedKeysBlob(v);
	if (!blob.ok) return blob;
	const result = await ports.http.signUp({
		login,
		authKey: authKeyText(authKey),
		wrappedKeys: blob.value,
		circleId: header.circleId,
		kdf: publicKdfOf(header)
	});
	return result.ok ? ok(result.value.account) : result;
}

/**
 * Logs in on this device: the vault is locked, then its journal replaced by the account's keys
 * (no buckets, pull checkpoint at 0) once the passphrase opened them. The caller unlocks.
 */
export function logInOnThisDevice(
	ports: {
		readonly http: Pick<AccountHttp, 'params' | 'login'>;
		readonly argon2: NewDeviceDeps['argon2'];
		readonly vault: Vault;
		/** Locks the open vault (the vault state's lock, so the pages see it locked). */
		readonly lock: () => void;
	},
	login: string,
	passphrase: string,
	secondFactor?: SecondFactorInputBody
): Promise<Result<Account, NewDeviceError>> {
	const v = ports.vault;
	return loginOnNewDevice(
		{
			http: ports.http,
			argon2: ports.argon2,
			replaceVault: async (header, keys) => {
				ports.lock();
				await v.replaceAll(header, keys, []);
				await v.sync.checkpoints.set(header.circleId, 0);
			}
		},
		login,
		passphrase,
		secondFactor
	);
}

/** A new session for the attached account with the open vault's auth key (no passphrase). */
export async function signInAgain(
	ports: { readonly http: Pick<AccountHttp, 'login'>; readonly vault: Vault },
	account: Account | null,
	secondFactor?: SecondFactorInputBody
): Promise<Result<Account, SignInAgainFailure>> {
	const authKey = ports.vault.authKey();
	if (account === null || authKey === null) return err({ type: 'locked' });
	const result = await ports.http.login(account.login, authKeyText(authKey), secondFactor);
	return result.ok ? ok(result.value.account) : result;
}

/**
 * "Delete my account": the passphrase is checked again on this device (it yields the auth key),
 * the server erases the account, then `erased` (the account forgotten here) and the member circles
 * this device kept are wiped. The local journal stays.
 */
export async function deleteAccount(
	ports: {
		readonly http: Pick<AccountHttp, 'deleteAccount'>;
		readonly vault: Vault;
		readonly erased: () => void;
		readonly forgetMemberCircles: () => Promise<void>;
	},
	account: Account | null,
	passphrase: string
): Promise<Result<void, DeleteAccountFailure>> {
	if (account === null) return err({ type: 'unauthenticated' });
	const unlocked = await ports.vault.unlock(passphrase);
	const authKey = ports.vault.authKey();
	if (!unlocked.ok || authKey === null) return err({ type: 'wrong-passphrase' });
	const result = await ports.http.deleteAccount(authKeyText(authKey));
	if (!result.ok) return result;
	ports.erased();
	await ports.forgetMemberCircles();
	return ok(undefined);
}

/** "Forget this device": its session ends on the server first (when it has an account). */
export async function forgetDevice(
	http: Pick<AccountHttp, 'forgetDevice'>,
	account: Account | null
): Promise<void> {
	if (account !== null) await http.forgetDevice();
}

/** Ended on the server, or already unknown to it: either way this device is signed out. */
const signedOut = (result: Result<null, AccountError>): Result<void, AccountError> =>
	!result.ok && result.error.type !== 'unauthenticated' ? result : ok(undefined);

/** Ends this device's session; the local journal stays. */
export const logOut = async (
	http: Pick<AccountHttp, 'logout'>
): Promise<Result<void, AccountError>> => signedOut(await http.logout());

/** Ends every session of the account, this one included. */
export const logOutEverywhere = async (
	http: Pick<AccountHttp, 'revokeAll'>
): Promise<Result<void, AccountError>> => signedOut(await http.revokeAll());

/**
 * Ends one session: the sessions left, or null when it was this device's own (then signed out).
 */
export async function revokeSession(
	http: Pick<AccountHttp, 'revokeSession'>,
	sessions: readonly SessionInfo[] | null,
	id: string
): Promise<Result<readonly SessionInfo[] | null, AccountError>> {
	const current = sessions?.find((s) => s.id === id)?.current ?? false;
	const result = await http.revokeSession(id);
	if (!result.ok) return result;
	return ok(current ? null : (sessions ?? []).filter((s) => s.id !== id));
}
