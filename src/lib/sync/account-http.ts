// Accounts over HTTP, and the two pure procedures built on them: attaching the local vault to a
// new account, and bringing an account's vault onto a new device.
//
// Why here: the account manager (src/lib/state/account.svelte.ts) holds state; this module holds
// everything testable without Svelte: the `/api/auth/*` calls through the one API client
// (`contracts/client.ts`, `fetch` injected), each `ApiError` put in the account's words
// (`AccountError`); the
// wrapped-keys blob format; and the new-device login.
//
// Wire format of the wrapped-keys blob (opaque to the server, base64url of UTF-8 JSON):
//   { v: 1, header: { version, circleId, createdAt, kdf, wrappedVaultKey, recoveryWrappedVaultKey },
//     keys: [{ keyId, category, wrapped (base64url), createdAt, active }] }
// Each `wrapped` is the category key sealed with AES-GCM under a key derived from the vault key,
// bound to {circle, category, keyId, createdAt} (src/lib/crypto/keys.ts `sealKeyRow`): the server
// can neither relabel a row nor move it; `active` is advisory (every device takes the newest).
// It holds only wrapped keys and public KDF parameters: nothing in it opens without the passphrase
// (or the recovery key). It never carries the node id: every device mints its own, as a backup
// import does, so two devices never issue the same HLC.
//
// Invariant of `loginOnNewDevice`: it checks everything (auth key accepted by the server, blob
// well-formed, vault key and every category key unwrapped by this passphrase) before replacing the
// local vault; any failure returns an error and leaves the device untouched.
import * as z from 'zod';
import {
	WRAPPED_KEYS_MAX_LENGTH,
	type Account,
	type AuthResponse,
	type PublicKdf,
	type RekeyRequest,
	type RekeyResponse,
	type SessionInfo,
	type SignUpRequest
} from '$lib/contracts/auth';
import {
	createApiClient,
	type ApiAnswer,
	type ApiError,
	type CallArgs,
	type FetchLike
} from '$lib/contracts/client';
import type { RouteName } from '$lib/contracts/routes';
import type { SecondFactorInputBody } from '$lib/contracts/second-factor';
import { fromBase64Url, fromUtf8, randomBytes, toBase64Url, toHex, utf8 } from '$lib/crypto/bytes';
import { deriveRootKey, kdfParamsSchema, normalizePassphrase, type Argon2 } from '$lib/crypto/kdf';
import {
	deriveKeyRowKey,
	derivePassphraseKeys,
	openKeyRow,
	unwrapVaultKey
} from '$lib/crypto/keys';
import { categorySchema } from '$lib/domain/categories';
import type { KeyRow } from '$lib/vault/key-row';
import { HEADER_VERSION, type VaultHeader } from '$lib/vault/header';
import { keyRowBinding, withNewestActive } from '$lib/vault/session';
import { err, ok, type Result } from '$lib/domain/result';

export type AccountError =
	| { readonly type: 'offline' }
	| { readonly type: 'invalid-credentials' }
	| { readonly type: 'unauthenticated' }
	| { readonly type: 'login-taken' }
	| { readonly type: 'circle-taken' }
	| { readonly type: 'rate-limited'; readonly retryAfterSeconds: number | null }
	| { readonly type: 'server' }
	| { readonly type: 'bad-request' }
	| { readonly type: 'invalid-response' }
	/** The server refused the page's origin (its ORIGIN setting names another address). */
	| { readonly type: 'forbidden-origin'; readonly origin: string }
	/** The passphrase was right; the account's second factor is needed too. */
	| { readonly type: 'second-factor-required' }
	| { readonly type: 'second-factor-invalid' }
	/** A code already used: the next one (30 seconds later) works. */
	| { readonly type: 'second-factor-replayed' }
	| { readonly type: 'professional-needs-second-factor' };

export type { FetchLike };

/** The account's words for what the API client reports (error codes first, then the status). */
export function accountErrorOf(error: ApiError): AccountError {
	switch (error.type) {
		case 'offline':
		case 'invalid-response':
			return { type: error.type };
		case 'forbidden-origin':
			return { type: 'forbidden-origin', origin: error.origin };
		case 'rate-limited':
			return { type: 'rate-limited', retryAfterSeconds: error.retryAfterSeconds };
		case 'auth-required':
		case 'forbidden':
		case 'not-found':
		case 'server':
		case 'bad-request':
			if (error.code === 'invalid-credentials') return { type: 'invalid-credentials' };
			if (error.code === 'login-taken') return { type: 'login-taken' };
			if (error.code === 'circle-taken') return { type: 'circle-taken' };
			if (
				error.code === 'second-factor-required' ||
				error.code === 'second-factor-invalid' ||
				error.code === 'second-factor-replayed' ||
				error.code === 'professional-needs-second-factor'
			)
				return { type: error.code };
			if (error.type === 'auth-required') return { type: 'unauthenticated' };
			return error.type === 'server' ? { type: 'server' } : { type: 'bad-request' };
	}
}

export interface AccountHttp {
	readonly params: (login: string) => Promise<Result<PublicKdf, AccountError>>;
	readonly signUp: (input: SignUpRequest) => Promise<Result<AuthResponse, AccountError>>;
	readonly login: (
		login: string,
		authKey: string,
		secondFactor?: SecondFactorInputBody
	) => Promise<Result<AuthResponse, AccountError>>;
	readonly logout: () => Promise<Result<null, AccountError>>;
	/** POST /api/auth/forget: ends this device's session before the device wipes itself. */
	readonly forgetDevice: () => Promise<Result<null, AccountError>>;
	/** POST /api/account/delete: erases the account on the server (auth key from the passphrase). */
	readonly deleteAccount: (authKey: string) => Promise<Result<null, AccountError>>;
	readonly current: () => Promise<Result<Account, AccountError>>;
	readonly sessions: () => Promise<Result<readonly SessionInfo[], AccountError>>;
	readonly revokeSession: (id: string) => Promise<Result<null, AccountError>>;
	readonly revokeAll: () => Promise<Result<null, AccountError>>;
	readonly rekey: (input: RekeyRequest) => Promise<Result<RekeyResponse, AccountError>>;
	readonly circles: () => Promise<Result<readonly string[], AccountError>>;
	/** GET /api/account/keys: the account's wrapped-keys blob (what a new device unlocks with). */
	readonly getWrappedKeys: () => Promise<Result<string, AccountError>>;
	/** PUT /api/account/keys: replaces the blob (after a new category key). */
	readonly putWrappedKeys: (blob: string) => Promise<Result<string, AccountError>>;
}

/** The API client's `call`, with failures in the account's words (`AccountError`). */
export function createAccountCall(fetch: FetchLike) {
	const api = createApiClient(fetch);
	return async function call<N extends RouteName>(
		name: N,
		...args: CallArgs<N>
	): Promise<Result<ApiAnswer<N>, AccountError>> {
		const result = await api.call(name, ...args);
		return result.ok ? result : err(accountErrorOf(result.error));
	};
}

export function createAccountHttp(fetch: FetchLike): AccountHttp {
	const call = createAccountCall(fetch);
	return {
		params: async (login) => {
			const result = await call('kdfParams', { body: { login } });
			return result.ok ? ok(result.value.kdf) : result;
		},
		signUp: (input) => call('signUp', { body: input }),
		login: (login, authKey, secondFactor) =>
			call('login', {
				body: { login, authKey, ...(secondFactor === undefined ? {} : { secondFactor }) }
			}),
		logout: () => call('logout'),
		forgetDevice: () => call('forgetDevice'),
		deleteAccount: (authKey) => call('deleteAccount', { body: { authKey } }),
		current: async () => {
			const result = await call('currentSession');
			return result.ok ? ok(result.value.account) : result;
		},
		sessions: async () => {
			const result = await call('listSessions');
			return result.ok ? ok(result.value.sessions) : result;
		},
		revokeSession: (id) => call('revokeSession', { params: { id } }),
		revokeAll: () => call('revokeAllSessions'),
		rekey: (input) => call('rekey', { body: input }),
		circles: async () => {
			const result = await call('myCircles');
			return result.ok ? ok(result.value.circles.map((c) => c.id)) : result;
		},
		getWrappedKeys: async () => {
			const result = await call('getWrappedKeys');
			return result.ok ? ok(result.value.wrappedKeys) : result;
		},
		putWrappedKeys: async (blob) => {
			const result = await call('putWrappedKeys', { body: { wrappedKeys: blob } });
			return result.ok ? ok(result.value.wrappedKeys) : result;
		}
	};
}

// ---------------------------------------------------------------------------------------------
// The wrapped-keys blob.

export const BLOB_VERSION = 1;

const blobSchema = z.object({
	v: z.literal(BLOB_VERSION),
	header: z.object({
		version: z.literal(HEADER_VERSION),
		circleId: z.string().min(1).max(64),
		createdAt: z.number().int(),
		kdf: kdfParamsSchema,
		wrappedVaultKey: z.string().min(1).max(200),
		recoveryWrappedVaultKey: z.string().min(1).max(200)
	}),
	keys: z
		.array(
			z.object({
				keyId: z.string().min(1).max(64),
				category: categorySchema,
				wrapped: z.string().regex(/^[A-Za-z0-9_-]+$/),
				createdAt: z.number().int(),
				active: z.union([z.literal(0), z.literal(1)])
			})
		)
		.max(200)
});

export interface DecodedBlob {
	/** The header without a node id or throttle state: the receiving device adds its own. */
	readonly header: Omit<VaultHeader, 'nodeId' | 'failures' | 'lastFailureAt'>;
	readonly keys: readonly KeyRow[];
}

export type BlobError = { readonly type: 'blob-too-large' };

export function encodeWrappedKeys(
	header: VaultHeader,
	keys: readonly KeyRow[]
): Result<string, BlobError> {
	const blob: z.input<typeof blobSchema> = {
		v: BLOB_VERSION,
		header: {
			version: header.version,
			circleId: header.circleId,
			createdAt: header.createdAt,
			kdf: header.kdf,
			wrappedVaultKey: header.wrappedVaultKey,
			recoveryWrappedVaultKey: header.recoveryWrappedVaultKey
		},
		keys: keys.map((k) => ({
			keyId: k.keyId,
			category: k.category,
			wrapped: toBase64Url(k.wrapped),
			createdAt: k.createdAt,
			active: k.active
		}))
	};
	const text = toBase64Url(utf8(JSON.stringify(blob)));
	return text.length > WRAPPED_KEYS_MAX_LENGTH ? err({ type: 'blob-too-large' }) : ok(text);
}

export function decodeWrappedKeys(text: string): DecodedBlob | null {
	try {
		const parsed = blobSchema.safeParse(JSON.parse(fromUtf8(fromBase64Url(text))));
		if (!parsed.success) return null;
		return {
			header: parsed.data.header,
			keys: parsed.data.keys.map((k) => ({ ...k, wrapped: fromBase64Url(k.wrapped) }))
		};
	} catch {
		return null;
	}
}

/** The public part of the vault's KDF parameters, as the account contract carries them. */
/** The vault's auth key as the server takes it (base64url). */
export const authKeyText = (authKey: Uint8Array): string => toBase64Url(authKey);

export function publicKdfOf(header: VaultHeader): PublicKdf {
	return {
		alg: 'argon2id',
		memoryKiB: header.kdf.memoryKiB,
		iterations: header.kdf.iterations,
		parallelism: 1,
		salt: header.kdf.salt
	};
}

// ---------------------------------------------------------------------------------------------
// A new device.

export type NewDeviceError =
	| AccountError
	/** The server's parameters are below the Argon2id floor: refused, never derived. */
	| { readonly type: 'kdf-below-floor' }
	/** The account's blob does not open with this passphrase or is not a Cercle key blob. */
	| { readonly type: 'corrupt-keys' }
	/**
	 * The passphrase opened the vault key but a key row is not what it claims (relabelled, moved
	 * or duplicated by the server): refused, nothing replaced.
	 */
	| { readonly type: 'altered-keys' };

export interface NewDeviceDeps {
	readonly http: Pick<AccountHttp, 'params' | 'login'>;
	readonly argon2: Argon2;
	/** Replaces the local vault (header, keys, no buckets) and resets its pull checkpoint. */
	readonly replaceVault: (header: VaultHeader, keys: readonly KeyRow[]) => Promise<void>;
	readonly newNodeId?: () => string;
}

export async function loginOnNewDevice(
	deps: NewDeviceDeps,
	login: string,
	passphrase: string,
	secondFactor?: SecondFactorInputBody
): Promise<Result<Account, NewDeviceError>> {
	const params = await deps.http.params(login);
	if (!params.ok) return params;
	const root = await deriveRootKey(
		deps.argon2,
		utf8(normalizePassphrase(passphrase)),
		fromBase64Url(params.value.salt),
		params.value
	);
	if (!root.ok) return root;
	const { kek, authKey } = await derivePassphraseKeys(root.value);
	const auth = await deps.http.login(login, toBase64Url(authKey), secondFactor);
	if (!auth.ok) return auth;

	const blob = decodeWrappedKeys(auth.value.wrappedKeys);
	if (blob === null || blob.header.circleId !== auth.value.account.circleId) {
		return err({ type: 'corrupt-keys' });
	}
	const vaultKey = await unwrapVaultKey(fromBase64Url(blob.header.wrappedVaultKey), kek);
	if (vaultKey === null) return err({ type: 'corrupt-keys' });
	// Every row must open as exactly itself (circle, category, key id, createdAt): a relabelled
	// row refuses the whole blob. Which key is active is not taken from the blob (newest wins).
	const rowKey = await deriveKeyRowKey(vaultKey);
	const ids = new Set(blob.keys.map((r) => r.keyId));
	if (ids.size !== blob.keys.length) return err({ type: 'altered-keys' });
	for (const row of blob.keys) {
		const binding = keyRowBinding(blob.header.circleId, row);
		if ((await openKeyRow(new Uint8Array(row.wrapped), rowKey, binding)) === null) {
			return err({ type: 'altered-keys' });
		}
	}
	const nodeId = deps.newNodeId?.() ?? toHex(randomBytes(8));
	await deps.replaceVault(
		{ ...blob.header, nodeId, failures: 0, lastFailureAt: 0 },
		withNewestActive(blob.keys)
	);
	return ok(auth.value.account);
}
