// The encrypted vault: lifecycle (create, unlock, lock, passphrase change, recovery, forget) and the
// one write path, `commit`. Invariants:
// - encryption happens before the Dexie transaction; the transaction only compares revisions and
//   writes bucket rows + one outbox row, so a record and its outbox entry land together or not at all;
// - a bucket that changed since it was read (another tab, a sync) makes the commit retry on fresh
//   data, and an edit whose `expectedHlc` no longer matches fails with `conflict` (no silent overwrite);
// - a wrong secret erases nothing; it only grows the delay before the next attempt.
import { liveQuery } from 'dexie';
import { fromBase64Url, randomBytes, toBase64Url, toHex, utf8 } from '$lib/crypto/bytes';
import { deriveRootKey, KDF_FLOOR, normalizePassphrase, type Argon2 } from '$lib/crypto/kdf';
import {
	derivePassphraseKeys,
	deriveRecoveryKek,
	generateCategoryKey,
	deriveKeyRowKey,
	generateVaultKey,
	newRecoveryKey,
	openKeyRow,
	parseRecoveryKey,
	sealKeyRow,
	unwrapVaultKey,
	wrapKey
} from '$lib/crypto/keys';
import { CATEGORIES, type Category } from '$lib/domain/categories';
import type { UnlockError, VaultStatus } from '$lib/domain/records';
import type { Result } from '$lib/domain/result';
import { attachDb, VaultDb } from './db';
import type { KeyRow } from './key-row';
import { headerSchema, HEADER_VERSION, retryAfterMs, type VaultHeader } from './header';
import {
	CHECKPOINT_PREFIX,
	COMPARE_PREFIX,
	createVaultSyncPorts,
	type VaultSyncPorts
} from './remote';
import { keyRowBinding, openSession, type Session } from './session';
import { createClock, type Clock } from '$lib/sync/hlc';
import { CLOCK_META_KEY, createRecords, type Records } from './records';

export interface VaultDeps {
	readonly dbName: string;
	readonly argon2: Argon2;
	readonly now?: () => number;
	readonly kdf?: {
		readonly memoryKiB: number;
		readonly iterations: number;
		readonly parallelism: number;
	};
	readonly indexedDB?: IDBFactory;
	readonly IDBKeyRange?: typeof IDBKeyRange;
}

export interface Vault extends Records {
	status(): Promise<VaultStatus>;
	isUnlocked(): boolean;
	create(passphrase: string): Promise<{ readonly recoveryKey: string }>;
	unlock(passphrase: string): Promise<Result<void, UnlockError>>;
	unlockWithRecoveryKey(
		recoveryKey: string,
		newPassphrase: string
	): Promise<Result<void, UnlockError>>;
	changePassphrase(current: string, next: string): Promise<Result<void, UnlockError>>;
	lock(): void;
	forget(): Promise<void>;
	header(): Promise<VaultHeader | null>;
	/** The login secret derived from the passphrase, while unlocked (accounts use it). */
	authKey(): Uint8Array | null;
	/** Ports for the sync engine (outbox, checkpoints, applying pulled envelopes). */
	readonly sync: VaultSyncPorts;
	/**
	 * Sharing (issue 5): the open session's vault key and active key ids, so
	 * `src/lib/vault/sharing-keys.ts` can unwrap ONE category key as extractable for one wrap to a
	 * member. Null while locked. Nothing is stored; callers drop the keys after use.
	 */
	sharingKeyMaterial(): {
		readonly vaultKey: CryptoKey;
		readonly activeKeyIds: ReadonlyMap<string, string>;
	} | null;
	/**
	 * Key rotation: stores `key` (wrapped under the vault key) as the category's new active key,
	 * older keys stay to read older buckets; new writes use it at once. Null while locked.
	 */
	installCategoryKey(category: Category, key: CryptoKey): Promise<string | null>;
	/**
	 * The category key of the stored row `keyId`, opened under the session's row key (extractable
	 * only for one wrap to a member, then dropped). Null while locked or when the row is unknown.
	 */
	categoryKey(keyId: string, extractable: boolean): Promise<CryptoKey | null>;
	/** The stored (wrapped) key rows: what the account's key blob carries to other devices. */
	keyRows(): Promise<readonly KeyRow[]>;
	/**
	 * Calls `onChange(size)` with the number of outbox rows now and after every change (each
	 * commit writes one); returns the unsubscribe. The sync manager's change signal.
	 */
	observeOutbox(onChange: (size: number) => void): () => void;
	/**
	 * Calls `onChange(true)` while a version of record `id` waits in the outbox (it leaves once
	 * pushed), now and after every change; returns the unsubscribe.
	 */
	observeUnsent(id: string, onChange: (unsent: boolean) => void): () => void;
	/** Replaces header, keys and buckets at once (backup import); the vault ends locked. */
	replaceAll(
		header: VaultHeader,
		keys: readonly KeyRow[],
		buckets: Parameters<VaultDb['buckets']['bulkPut']>[0]
	): Promise<void>;
}

const HEADER_KEY = 'header';

/** A Dexie live count, as a callback and an unsubscribe (errors end the observation quietly). */
function observeCount(count: () => Promise<number>, next: (n: number) => void): () => void {
	const subscription = liveQuery(count).subscribe({ next, error: () => undefined });
	return () => {
		subscription.unsubscribe();
	};
}

export function createVault(deps: VaultDeps): Vault {
	const now = deps.now ?? (() => Date.now());
	const kdfCost = deps.kdf ?? KDF_FLOOR;
	const db = new VaultDb(deps.dbName, {
		...(deps.indexedDB ? { indexedDB: deps.indexedDB } : {}),
		...(deps.IDBKeyRange ? { IDBKeyRange: deps.IDBKeyRange } : {})
	});
	let session: Session | null = null;
	let clock: Clock | null = null;

	const records = createRecords({ db, now, session: () => session, clock: () => clock });
	const sync = createVaultSyncPorts({
		db,
		records,
		now,
		session: () => session,
		clock: () => clock
	});

	async function readHeader(): Promise<VaultHeader | null> {
		const row = await db.meta.get(HEADER_KEY);
		if (!row) return null;
		const parsed = headerSchema.safeParse(row.value);
		return parsed.success ? parsed.data : null;
	}

	async function writeHeader(header: VaultHeader): Promise<void> {
		await db.meta.put({ key: HEADER_KEY, value: header });
	}

	async function passphraseKeys(passphrase: string, header: Pick<VaultHeader, 'kdf'>) {
		const root = await deriveRootKey(
			deps.argon2,
			utf8(normalizePassphrase(passphrase)),
			fromBase64Url(header.kdf.salt),
			header.kdf
		);
		if (!root.ok) return root;
		return { ok: true as const, value: await derivePassphraseKeys(root.value) };
	}

	async function recordFailure(header: VaultHeader): Promise<UnlockError> {
		const failures = header.failures + 1;
		const updated = { ...header, failures, lastFailureAt: now() };
		await writeHeader(updated);
		return { type: 'wrong-secret', failures, retryAfterMs: retryAfterMs(updated, now()) };
	}

	async function start(
		header: VaultHeader,
		vaultKey: CryptoKey,
		authKey: Uint8Array | null
	): Promise<boolean> {
		// The key rows and the clock are read together (two reads, one wait).
		const [keyRows, clockRow] = await Promise.all([db.keys.toArray(), db.meta.get(CLOCK_META_KEY)]);
		const opened = await openSession(header, vaultKey, keyRows, authKey);
		if (!opened) return false;
		if (opened.changed.length > 0) await db.keys.bulkPut([...opened.changed]);
		const stored = clockRow?.value;
		const created = createClock({
			now,
			nodeId: header.nodeId,
			...(typeof stored === 'string' ? { last: stored } : {})
		});
		if (!created.ok) return false;
		clock = created.value;
		session = opened.session;
		records.reset();
		return true;
	}

	/** Checks the throttle and the header before any expensive derivation. */
	async function gate(): Promise<Result<VaultHeader, UnlockError>> {
		const header = await readHeader();
		if (!header) return { ok: false, error: { type: 'no-vault' } };
		const wait = retryAfterMs(header, now());
		if (wait > 0) return { ok: false, error: { type: 'throttled', retryAfterMs: wait } };
		return { ok: true, value: header };
	}

	function newKdf() {
		return { alg: 'argon2id' as const, ...kdfCost, salt: toBase64Url(randomBytes(16)) };
	}

	/** Wraps the (extractable) vault key under a new passphrase, clears the throttle, unlocks. */
	async function rewrapAndStart(
		header: VaultHeader,
		vaultKey: CryptoKey,
		passphrase: string
	): Promise<Result<void, UnlockError>> {
		const kdf = newKdf();
		const keys = await passphraseKeys(passphrase, { kdf });
		if (!keys.ok) return keys;
		const updated: VaultHeader = {
			...header,
			kdf,
			wrappedVaultKey: toBase64Url(await wrapKey(vaultKey, keys.value.kek)),
			failures: 0,
			lastFailureAt: 0
		};
		await writeHeader(updated);
		const inMemory = await unwrapVaultKey(fromBase64Url(updated.wrappedVaultKey), keys.value.kek);
		if (!inMemory || !(await start(updated, inMemory, keys.value.authKey))) {
			return { ok: false, error: { type: 'no-vault' } };
		}
		return { ok: true, value: undefined };
	}

	const vault: Vault = {
		...records,
		sync,
		keyRows: () => db.keys.toArray(),
		observeOutbox: (onChange) =>
			observeCount(
				() => db.outbox.count(),
				(n) => {
					onChange(n);
				}
			),
		observeUnsent: (id, onChange) =>
			observeCount(
				() => db.outbox.filter((row) => row.refs.some((ref) => ref.id === id)).count(),
				(n) => {
					onChange(n > 0);
				}
			),

		async status() {
			if (session) return 'unlocked';
			return (await readHeader()) ? 'locked' : 'absent';
		},

		isUnlocked: () => session !== null,

		async create(passphrase) {
			const kdf = newKdf();
			const keys = await passphraseKeys(passphrase, { kdf });
			if (!keys.ok) throw new Error('KDF configuration below the floor');
			const recovery = newRecoveryKey();
			const vaultKey = await generateVaultKey();
			const recoveryKek = await deriveRecoveryKek(recovery.bytes);
			const header: VaultHeader = {
				version: HEADER_VERSION,
				circleId: crypto.randomUUID(),
				nodeId: toHex(randomBytes(8)),
				createdAt: now(),
				kdf,
				wrappedVaultKey: toBase64Url(await wrapKey(vaultKey, keys.value.kek)),
				recoveryWrappedVaultKey: toBase64Url(await wrapKey(vaultKey, recoveryKek)),
				failures: 0,
				lastFailureAt: 0
			};
			const keyRows: KeyRow[] = [];
			const rowKey = await deriveKeyRowKey(vaultKey);
			for (const category of CATEGORIES) {
				const key = await generateCategoryKey();
				const row = {
					keyId: toHex(randomBytes(8)),
					category,
					createdAt: now(),
					active: 1 as const
				};
				const wrapped = await sealKeyRow(key, rowKey, keyRowBinding(header.circleId, row));
				keyRows.push({ ...row, wrapped });
			}
			await db.transaction('rw', db.meta, db.keys, db.buckets, db.outbox, db.drafts, async () => {
				await Promise.all([
					db.keys.clear(),
					db.buckets.clear(),
					db.outbox.clear(),
					db.drafts.clear()
				]);
				await db.keys.bulkPut(keyRows);
				await db.meta.put({ key: HEADER_KEY, value: header });
			});
			const inMemory = await unwrapVaultKey(fromBase64Url(header.wrappedVaultKey), keys.value.kek);
			if (!inMemory || !(await start(header, inMemory, keys.value.authKey))) {
				throw new Error('A freshly created vault did not open');
			}
			return { recoveryKey: recovery.text };
		},

		async unlock(passphrase) {
			const gated = await gate();
			if (!gated.ok) return gated;
			const header = gated.value;
			const keys = await passphraseKeys(passphrase, header);
			if (!keys.ok) return keys;
			const vaultKey = await unwrapVaultKey(fromBase64Url(header.wrappedVaultKey), keys.value.kek);
			if (!vaultKey) return { ok: false, error: await recordFailure(header) };
			const reset = { ...header, failures: 0, lastFailureAt: 0 };
			if (header.failures > 0) await writeHeader(reset);
			if (!(await start(reset, vaultKey, keys.value.authKey))) {
				return { ok: false, error: await recordFailure(header) };
			}
			return { ok: true, value: undefined };
		},

		async unlockWithRecoveryKey(recoveryKey, newPassphrase) {
			const gated = await gate();
			if (!gated.ok) return gated;
			const header = gated.value;
			const bytes = parseRecoveryKey(recoveryKey);
			const kek = bytes ? await deriveRecoveryKek(bytes) : null;
			const vaultKey = kek
				? await unwrapVaultKey(fromBase64Url(header.recoveryWrappedVaultKey), kek, true)
				: null;
			if (!vaultKey) return { ok: false, error: await recordFailure(header) };
			return rewrapAndStart(header, vaultKey, newPassphrase);
		},

		async changePassphrase(current, next) {
			const gated = await gate();
			if (!gated.ok) return gated;
			const header = gated.value;
			const oldKeys = await passphraseKeys(current, header);
			if (!oldKeys.ok) return oldKeys;
			const extractable = await unwrapVaultKey(
				fromBase64Url(header.wrappedVaultKey),
				oldKeys.value.kek,
				true
			);
			if (!extractable) return { ok: false, error: await recordFailure(header) };
			return rewrapAndStart(header, extractable, next);
		},

		lock() {
			session = null;
			clock = null;
			records.reset();
		},

		async forget() {
			session = null;
			clock = null;
			records.reset();
			await db.delete({ disableAutoOpen: false });
			await db.open();
		},

		header: readHeader,

		authKey: () => session?.authKey ?? null,

		sharingKeyMaterial: () =>
			session === null ? null : { vaultKey: session.vaultKey, activeKeyIds: session.activeKeyIds },

		async installCategoryKey(category, key) {
			const s = session;
			if (s === null) return null;
			const keyId = toHex(randomBytes(8));
			// Newest wins (session.ts): a clock behind an older key's date must still move forward.
			const previous = await db.keys.where('category').equals(category).toArray();
			const createdAt = Math.max(now(), ...previous.map((r) => r.createdAt + 1));
			const binding = { circleId: s.header.circleId, category, keyId, createdAt };
			const wrapped = await sealKeyRow(key, s.rowKey, binding);
			const inMemory = await openKeyRow(wrapped, s.rowKey, binding);
			if (inMemory === null) return null;
			await db.transaction('rw', db.keys, async () => {
				await db.keys.where('category').equals(category).modify({ active: 0 });
				await db.keys.put({ keyId, category, wrapped, createdAt, active: 1 });
			});
			s.keysById.set(keyId, inMemory);
			s.keyCategories.set(keyId, category);
			s.activeKeyIds.set(category, keyId);
			return keyId;
		},

		async categoryKey(keyId, extractable) {
			const s = session;
			const row = await db.keys.get(keyId);
			if (s === null || row === undefined) return null;
			return openKeyRow(row.wrapped, s.rowKey, keyRowBinding(s.header.circleId, row), extractable);
		},

		async replaceAll(header, keyRows, bucketRows) {
			session = null;
			clock = null;
			records.reset();
			await db.transaction('rw', db.meta, db.keys, db.buckets, db.outbox, db.drafts, async () => {
				await Promise.all([
					db.keys.clear(),
					db.buckets.clear(),
					db.outbox.clear(),
					db.drafts.clear()
				]);
				await db.keys.bulkPut([...keyRows]);
				await db.buckets.bulkPut(bucketRows);
				await db.meta.put({ key: HEADER_KEY, value: header });
				// What was pulled after the backup was taken is gone from here, and what the backup
				// holds may be gone from the server: pull again from 0 and re-send what it lacks.
				const syncState = await db.meta
					.filter((m) => m.key.startsWith(CHECKPOINT_PREFIX) || m.key.startsWith(COMPARE_PREFIX))
					.primaryKeys();
				await db.meta.bulkDelete(syncState);
				// A new device (no records yet) has nothing the server could lack.
				if (bucketRows.length > 0) {
					await db.meta.put({ key: `${COMPARE_PREFIX}${header.circleId}`, value: true });
				}
			});
		}
	};
	attachDb(vault, db);
	return vault;
}
