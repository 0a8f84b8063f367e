// Following a passphrase change on the server (POST /api/auth/rekey) when the change was made
// offline, or the request failed: the server still knows the auth key from BEFORE the change, and
// only that key authorises the update. It is kept sealed in the vault (never in plaintext, never
// synced: see src/lib/vault/local-secret.ts), so the retry survives a reload, and dropped once the
// server accepted the new key.
//
// Invariant: the stored key is always the one the server knows. A second passphrase change while
// the first is still pending keeps the first "previous" key, since the server never saw the middle
// one. A key the server refuses (invalid credentials) is dropped: retrying it would only spend
// the login's rate limit.
import { toBase64Url } from '$lib/crypto/bytes';
import type { VaultHeader } from '$lib/vault/header';
import { publicKdfOf, type AccountError, type AccountHttp, type BlobError } from './account-http';
import { err, ok, type Result } from '$lib/domain/result';

export type RekeyError = AccountError | BlobError | { readonly type: 'locked' };

export interface SecretStore {
	readonly save: (bytes: Uint8Array) => Promise<boolean>;
	readonly read: () => Promise<Uint8Array | null>;
	readonly remove: () => Promise<void>;
}

export interface PendingRekeyDeps {
	readonly http: Pick<AccountHttp, 'rekey'>;
	readonly header: () => Promise<VaultHeader | null>;
	/** The open vault's (new) auth key. */
	readonly authKey: () => Uint8Array | null;
	/** The account blob as this vault now encodes it (new passphrase wrap). */
	readonly blob: () => Promise<Result<string, RekeyError>>;
	/** Where the previous auth key waits, sealed in the vault. */
	readonly store: SecretStore;
}

export interface PendingRekey {
	/** After a passphrase change: update the server, or keep what the retry needs. */
	readonly changed: (
		previousAuthKey: Uint8Array | null
	) => Promise<Result<{ readonly revokedSessions: number }, RekeyError>>;
	/** Retries a pending update; null when none is pending. */
	readonly retry: () => Promise<Result<{ readonly revokedSessions: number }, RekeyError> | null>;
	readonly isPending: () => Promise<boolean>;
}

export function createPendingRekey(deps: PendingRekeyDeps): PendingRekey {
	const changed: PendingRekey['changed'] = async (previousAuthKey) => {
		const known = (await deps.store.read()) ?? previousAuthKey;
		const header = await deps.header();
		const authKey = deps.authKey();
		if (known === null || header === null || authKey === null) return err({ type: 'locked' });
		const blob = await deps.blob();
		const result = blob.ok
			? await deps.http.rekey({
					currentAuthKey: toBase64Url(known),
					authKey: toBase64Url(authKey),
					kdf: publicKdfOf(header),
					wrappedKeys: blob.value
				})
			: blob;
		if (result.ok) {
			await deps.store.remove();
			return ok({ revokedSessions: result.value.revokedSessions });
		}
		// A refused key will never pass, and each try counts against the login's rate limit.
		if (result.error.type === 'invalid-credentials') await deps.store.remove();
		else await deps.store.save(known);
		return result;
	};
	return {
		changed,
		async retry() {
			const known = await deps.store.read();
			return known === null ? null : changed(known);
		},
		isPending: async () => (await deps.store.read()) !== null
	};
}
