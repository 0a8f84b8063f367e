// Keeps the account's wrapped-keys blob (GET/PUT /api/account/keys, what a new device unlocks
// with) and this device's category keys in step, in both directions:
// - after this device installs a new category key (a rotation), the blob must carry it, or the
//   person's other devices cannot read what is written with it;
// - when this device meets a key id it does not hold (another device rotated), it fetches the
//   blob and installs the keys it lacks.
// One procedure does both: fetch the blob, install what is missing here, and put back the union
// when the server lacks a key this device holds or disagrees on which key is active. The blob's
// header (the vault key wrapped by the CURRENT passphrase) is kept as the server has it, so a
// device still on an older passphrase never overwrites another device's passphrase change; only
// the key list is merged. Every failure is a value; the caller keeps a "pending" mark and retries.
import type { KeyRow } from '$lib/vault/key-row';
import type { PulledEnvelope } from './types';
import type { VaultHeader } from '$lib/vault/header';
import {
	decodeWrappedKeys,
	encodeWrappedKeys,
	type AccountError,
	type AccountHttp,
	type BlobError
} from './account-http';
import { err, ok, type Result } from '$lib/domain/result';

export type KeySyncError =
	| AccountError
	| BlobError
	| { readonly type: 'locked' }
	/** The server's blob is not this vault's (another circle) or a key in it does not unwrap. */
	| { readonly type: 'corrupt-keys' };

export interface KeySyncDeps {
	readonly http: Pick<AccountHttp, 'getWrappedKeys' | 'putWrappedKeys'>;
	readonly header: () => Promise<VaultHeader | null>;
	/** This vault's key rows (wrapped), read after any install. */
	readonly keys: () => Promise<readonly KeyRow[]>;
	/** The vault's `sync.installKeys`: null when locked or a row does not unwrap. */
	readonly installKeys: (rows: readonly KeyRow[]) => Promise<number | null>;
}

export interface KeySyncOutcome {
	/** Keys this device did not hold and installed from the blob. */
	readonly installed: number;
	/** Whether the blob on the server was replaced with the merged one. */
	readonly published: boolean;
}

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean =>
	a.length === b.length && a.every((x, i) => x === b[i]);

/** Same rows, same flags, same sealed bytes (a row resealed here replaces the server's copy). */
const sameKeys = (a: readonly KeyRow[], b: readonly KeyRow[]): boolean => {
	if (a.length !== b.length) return false;
	const byId = new Map(a.map((r) => [r.keyId, r]));
	return b.every((r) => {
		const other = byId.get(r.keyId);
		return other !== undefined && other.active === r.active && sameBytes(other.wrapped, r.wrapped);
	});
};

export async function syncAccountKeys(
	deps: KeySyncDeps
): Promise<Result<KeySyncOutcome, KeySyncError>> {
	const header = await deps.header();
	if (header === null) return err({ type: 'locked' });
	const fetched = await deps.http.getWrappedKeys();
	if (!fetched.ok) return fetched;
	const blob = decodeWrappedKeys(fetched.value);
	if (blob === null || blob.header.circleId !== header.circleId) {
		return err({ type: 'corrupt-keys' });
	}
	const installed = await deps.installKeys(blob.keys);
	if (installed === null) return err({ type: 'corrupt-keys' });
	const local = await deps.keys();
	const remoteIds = new Set(blob.keys.map((k) => k.keyId));
	// Every blob row is now held here (installed, or known with the same binding): ours are the
	// authenticated copies, with the active flags this device derived.
	const merged = [...local, ...blob.keys.filter((k) => !local.some((l) => l.keyId === k.keyId))];
	if (local.every((k) => remoteIds.has(k.keyId)) && sameKeys(blob.keys, merged)) {
		return ok({ installed, published: false });
	}
	const encoded = encodeWrappedKeys({ ...header, ...blob.header }, merged);
	if (!encoded.ok) return encoded;
	const put = await deps.http.putWrappedKeys(encoded.value);
	if (!put.ok) return put;
	return ok({ installed, published: true });
}

/** A key refresh failed for a reason that may pass (network, session): retry the pull later. */
export class KeysUnavailableError extends Error {
	constructor() {
		super('keys-unavailable');
	}
}

const isTransient = (error: KeySyncError): boolean =>
	error.type === 'offline' ||
	error.type === 'server' ||
	error.type === 'rate-limited' ||
	error.type === 'unauthenticated' ||
	error.type === 'invalid-response' ||
	error.type === 'locked';

export interface KeyRefreshDeps {
	readonly apply: (envelopes: readonly PulledEnvelope[]) => Promise<void>;
	readonly missingKeyIds: (envelopes: readonly PulledEnvelope[]) => readonly string[];
	readonly refresh: () => Promise<Result<unknown, KeySyncError>>;
}

/**
 * Wraps the vault's `applyRemote`: a page that uses a key id this device lacks first refreshes the
 * keys from the account's blob. When the refresh fails for a passing reason it throws, so the
 * engine keeps the checkpoint and pulls the page again later (nothing is skipped for lack of a
 * key). A key id still unknown after a successful refresh is not asked for again this session:
 * the page is applied and the envelope counted unreadable.
 */
export function applyWithKeyRefresh(
	deps: KeyRefreshDeps
): (envelopes: readonly PulledEnvelope[]) => Promise<void> {
	const tried = new Set<string>();
	return async (envelopes) => {
		const missing = deps.missingKeyIds(envelopes).filter((id) => !tried.has(id));
		if (missing.length > 0) {
			const refreshed = await deps.refresh();
			if (!refreshed.ok && isTransient(refreshed.error)) throw new KeysUnavailableError();
			for (const id of deps.missingKeyIds(envelopes)) tried.add(id);
		}
		await deps.apply(envelopes);
	};
}
