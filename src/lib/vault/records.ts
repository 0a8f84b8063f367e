// Reading and writing records inside the vault's encrypted buckets. `commit` is the only write
// path: it decrypts the buckets it touches, applies the operations, re-encrypts (before any
// transaction), then in one Dexie transaction checks that no bucket changed meanwhile and writes
// the buckets and one outbox row. Reads decrypt whole buckets and keep them in a per-session cache
// keyed by revision; a bucket that fails to authenticate is reported and skipped, never shown.
// Every version the person writes without an author (hers) outside `settings` is signed with her
// identity key before sealing (`own-signatures.ts`, loaded on the first such commit), and the
// first signed commit is followed by the marker of when signing began.
import { liveQuery } from 'dexie';
import { open, seal } from '$lib/crypto/aead';
import { fromUtf8, utf8 } from '$lib/crypto/bytes';
import { makeCiphertext } from '$lib/crypto/types';
import type { Category } from '$lib/domain/categories';
import type { CommitError, RecordOp, RecordQuery, VaultRecord } from '$lib/domain/records';
import type { DeriveQuery, Derived } from '$lib/domain/records';
import type { Result } from '$lib/domain/result';
import { openBucket, sealBucket, SCHEMA_VERSION, type StoredRecord } from './buckets';
import { bucketId, weekOf, type BucketRow, type OutboxRef, type VaultDb } from './db';
import { createDerivedStore } from './derived';
import { uuidv7Time } from '$lib/domain/ids';
import { applyOps, withRecordIds, type IdentifiedOp } from './record-ops';
import type { Clock } from '$lib/sync/hlc';
import type { Session } from './session';
import type { CircleRecords } from '$lib/domain/circle-view';
import type { OwnSigner } from './own-signatures';

export interface RecordsDeps {
	readonly db: VaultDb;
	readonly now: () => number;
	readonly session: () => Session | null;
	/** The device's hybrid logical clock, created at unlock (null while locked). */
	readonly clock: () => Clock | null;
}

/** Where the clock's last timestamp is persisted (in the same transaction as each commit). */
export const CLOCK_META_KEY = 'clock';

/** The vault's records: a circle view's API (domain/circle-view.ts) and what only the vault has. */
export interface Records extends CircleRecords {
	/** One derived value per bucket, cached encrypted on this device (see derived.ts). */
	derive<T>(query: DeriveQuery<T>): Promise<readonly Derived<T>[]>;
	/** `derive`, now and after every change to the category. */
	observeDerived<T>(
		query: DeriveQuery<T>,
		onChange: (values: readonly Derived<T>[]) => void
	): () => void;
	/** Buckets that failed to authenticate since unlock (tampered or corrupted rows). */
	corruptBuckets(): readonly string[];
	/** Decrypted records of a stored bucket (cached by revision); null if it fails to open. */
	bucketRecords(row: BucketRow): Promise<readonly StoredRecord[] | null>;
	/** Drops a bucket from the cache after a write that did not go through `commit`. */
	forgetCached(bid: string): void;
	saveDraft(key: string, value: unknown): Promise<boolean>;
	loadDraft(key: string): Promise<unknown>;
	clearDraft(key: string): Promise<void>;
	reset(): void;
}

class RevisionChanged extends Error {}

const MAX_ATTEMPTS = 8;
/** Slack for ids created up to a week before the record's own time (clock skew, late logging). */
const WEEK_SLACK = 1;

export function createRecords(deps: RecordsDeps): Records {
	const { db } = deps;
	const cache = new Map<string, { rev: number; records: readonly StoredRecord[] }>();
	const corrupt = new Set<string>();
	const derived = createDerivedStore({
		db,
		session: deps.session,
		decrypt: (s, row) => decrypt(s, row),
		toVaultRecord: (s, row, r) => toVaultRecord(s, row, r)
	});

	function requireSession(): Session | null {
		return deps.session();
	}

	// Buckets being opened now, by bucket id and revision: the queries a screen starts together
	// (e.g. Today's recent records and its digests) share one decryption of a bucket they both read.
	const opening = new Map<string, Promise<readonly StoredRecord[] | null>>();

	function decrypt(s: Session, row: BucketRow): Promise<readonly StoredRecord[] | null> {
		const hit = cache.get(row.bid);
		if (hit?.rev === row.rev) return Promise.resolve(hit.records);
		const flight = `${row.bid}@${String(row.rev)}`;
		const pending = opening.get(flight);
		if (pending) return pending;
		const started = decryptNow(s, row).finally(() => {
			if (opening.get(flight) === started) opening.delete(flight);
		});
		opening.set(flight, started);
		return started;
	}

	async function decryptNow(s: Session, row: BucketRow): Promise<readonly StoredRecord[] | null> {
		const key = s.keysById.get(row.keyId);
		const records = key ? await openBucket(key, row) : null;
		// Locked (or relocked) meanwhile: nothing is cached for a session that is gone.
		if (deps.session() !== s) return records;
		if (!records) {
			corrupt.add(row.bid);
			cache.delete(row.bid);
			return null;
		}
		corrupt.delete(row.bid);
		cache.set(row.bid, { rev: row.rev, records });
		return records;
	}

	function toVaultRecord(s: Session, row: BucketRow, r: StoredRecord): VaultRecord {
		return {
			id: r.id,
			circleId: row.circleId,
			kind: r.kind,
			category: row.category,
			at: r.at,
			hlc: r.hlc,
			deleted: r.deleted,
			...(r.author !== undefined ? { author: r.author } : {}),
			...(r.signature !== undefined ? { signature: r.signature } : {}),
			...(r.conflict !== undefined ? { conflict: r.conflict } : {}),
			body: r.body
		};
	}

	async function rowsFor(
		s: Session,
		query: { readonly category: RecordQuery['category']; readonly from?: number }
	): Promise<BucketRow[]> {
		const lower = query.from === undefined ? -Infinity : weekOf(query.from) - WEEK_SLACK;
		return db.buckets
			.where('[circleId+category+week]')
			.between(
				[s.header.circleId, query.category, lower],
				[s.header.circleId, query.category, Infinity],
				true,
				true
			)
			.toArray();
	}

	async function materialise(
		s: Session,
		rows: readonly BucketRow[],
		query: RecordQuery
	): Promise<readonly VaultRecord[]> {
		const out: VaultRecord[] = [];
		const kinds = query.kinds ? new Set(query.kinds) : null;
		for (const row of rows) {
			const records = await decrypt(s, row);
			if (!records) continue;
			for (const r of records) {
				if (r.deleted && !query.includeDeleted) continue;
				if (kinds && !kinds.has(r.kind)) continue;
				if (query.from !== undefined && r.at < query.from) continue;
				if (query.to !== undefined && r.at >= query.to) continue;
				out.push(toVaultRecord(s, row, r));
			}
		}
		out.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
		return query.newest === undefined ? out : out.slice(Math.max(0, out.length - query.newest));
	}

	/**
	 * A live query over the buckets a query reads: `compute` runs on every change and only the
	 * newest result is delivered (an older computation finishing late is dropped); locked → [].
	 */
	function watchRows<T>(
		query: { readonly category: RecordQuery['category']; readonly from?: number },
		compute: (s: Session, rows: readonly BucketRow[]) => Promise<readonly T[]>,
		onChange: (values: readonly T[]) => void
	): () => void {
		let generation = 0;
		const subscription = liveQuery(() => {
			const s = deps.session();
			return s ? rowsFor(s, query) : Promise.resolve([]);
		}).subscribe({
			next: (rows) => {
				const mine = ++generation;
				const s = requireSession();
				if (!s) {
					onChange([]);
					return;
				}
				void compute(s, rows).then((values) => {
					if (mine === generation) onChange(values);
				});
			},
			error: () => {
				onChange([]);
			}
		});
		return () => {
			subscription.unsubscribe();
		};
	}

	// Her signer for the session (kept once found; looked for again while she has no identity).
	let signer: { readonly s: Session; readonly own: OwnSigner } | null = null;
	async function ownSignerOf(s: Session): Promise<OwnSigner | null> {
		if (signer?.s === s) return signer.own;
		// Offline before the service worker has the code, the module cannot load: the entry is
		// still kept, unsigned (as before signing began); the next commit online signs again.
		const loaded = await import('./own-signatures').catch(() => null);
		if (loaded === null) return null;
		const { ownSigner } = loaded;
		const own = await ownSigner(async (q) => materialise(s, await rowsFor(s, q), q));
		if (own !== null && deps.session() === s) signer = { s, own };
		return own;
	}

	async function commitOnce(
		s: Session,
		ops: readonly RecordOp[],
		author: string | undefined,
		own: OwnSigner | null
	): Promise<Result<readonly VaultRecord[], CommitError>> {
		const clock = deps.clock();
		if (!clock) return { ok: false, error: { type: 'locked' } };
		const withIds = withRecordIds(ops, deps.now);
		const byBucket = new Map<string, { category: Category; week: number; ops: IdentifiedOp[] }>();
		for (const op of withIds) {
			const id = op.id;
			const week = weekOf(uuidv7Time(id));
			const bid = bucketId(s.header.circleId, op.category, week);
			const group = byBucket.get(bid) ?? { category: op.category, week, ops: [] };
			group.ops.push(op);
			byBucket.set(bid, group);
		}
		const bids = [...byBucket.keys()];
		const current = await db.buckets.bulkGet(bids);
		const written: BucketRow[] = [];
		const results: VaultRecord[] = [];
		const refs: OutboxRef[] = [];
		const expectedRevs = new Map<string, number>();
		const sealedRecords = new Map<string, { rev: number; records: readonly StoredRecord[] }>();
		for (const [i, bid] of bids.entries()) {
			const group = byBucket.get(bid);
			if (!group) continue;
			const row = current[i];
			expectedRevs.set(bid, row?.rev ?? 0);
			const existing = row ? await decrypt(s, row) : [];
			if (existing === null) {
				return { ok: false, error: { type: 'invalid', id: bid, issues: ['corrupt-bucket'] } };
			}
			const applied = applyOps(new Map(existing.map((r) => [r.id, r])), group.ops, clock, author);
			if (!applied.ok) {
				const e = applied.error;
				if (e.type === 'not-found') return { ok: false, error: e };
				const current = row ? toVaultRecord(s, row, e.current) : null;
				return { ok: false, error: { type: 'conflict', id: e.id, current } };
			}
			const byId = new Map(applied.value.records);
			for (const w of applied.value.written) {
				refs.push({ id: w.id, bid, category: group.category, hlc: w.hlc });
				if (own !== null) byId.set(w.id, await own.sign(s.header.circleId, group.category, w));
			}
			const keyId = s.activeKeyIds.get(group.category);
			const key = keyId ? s.keysById.get(keyId) : undefined;
			if (!keyId || !key) return { ok: false, error: { type: 'locked' } };
			const sealed = await sealBucket(
				key,
				{ bid, circleId: s.header.circleId, category: group.category, week: group.week, keyId },
				[...byId.values()],
				(row?.rev ?? 0) + 1
			);
			written.push(sealed);
			for (const op of group.ops) {
				const stored = byId.get(op.id);
				if (stored) results.push(toVaultRecord(s, sealed, stored));
			}
			sealedRecords.set(bid, { rev: sealed.rev, records: [...byId.values()] });
		}
		try {
			await db.transaction('rw', db.buckets, db.outbox, db.meta, async () => {
				const fresh = await db.buckets.bulkGet(bids);
				for (const [i, bid] of bids.entries()) {
					if ((fresh[i]?.rev ?? 0) !== expectedRevs.get(bid)) throw new RevisionChanged();
				}
				await db.buckets.bulkPut(written);
				await db.outbox.add({ createdAt: deps.now(), refs });
				await db.meta.put({ key: CLOCK_META_KEY, value: clock.current() });
			});
		} catch (error) {
			for (const bid of bids) cache.delete(bid);
			throw error;
		}
		// Cached only once written: a revision number is not unique before its transaction commits
		// (two concurrent commits both seal "rev + 1"), so caching earlier let a third commit read the
		// losing commit's records as the bucket's content.
		for (const [bid, entry] of sealedRecords) cache.set(bid, entry);
		return { ok: true, value: results };
	}

	/** After her first signed commit: the marker of when signing began (one more commit). */
	async function keepMarker(s: Session, own: OwnSigner, written: readonly VaultRecord[]) {
		const signed = written.filter((r) => r.signature !== undefined).map((r) => r.hlc);
		if (signed.length === 0) return;
		const since = signed.reduce((a, b) => (a < b ? a : b));
		try {
			const { markerOp } = await import('./own-signatures');
			const kept = await commitOnce(s, [markerOp(since, deps.now())], undefined, null);
			if (kept.ok) own.since = since;
		} catch {
			// Another commit raced it: the next signed commit writes the marker.
		}
	}

	function draftKey(s: Session) {
		const keyId = s.activeKeyIds.get('settings');
		const key = keyId ? s.keysById.get(keyId) : undefined;
		return keyId && key ? { keyId, key } : null;
	}

	const records: Records = {
		async commit(ops, options) {
			const s = requireSession();
			if (!s) return { ok: false, error: { type: 'locked' } };
			const own = ops.every((op) => op.category === 'settings') ? null : await ownSignerOf(s);
			let result: Result<readonly VaultRecord[], CommitError>;
			for (let attempt = 0; ; attempt++) {
				try {
					result = await commitOnce(s, ops, options?.author, own);
					break;
				} catch (error) {
					if (!(error instanceof RevisionChanged) || attempt >= MAX_ATTEMPTS) throw error;
				}
			}
			if (result.ok && own !== null && own.since === null) await keepMarker(s, own, result.value);
			return result;
		},

		async query(query) {
			const s = requireSession();
			if (!s) return [];
			return materialise(s, await rowsFor(s, query), query);
		},

		async get(category, id) {
			const s = requireSession();
			if (!s) return null;
			const bid = bucketId(s.header.circleId, category, weekOf(uuidv7Time(id)));
			const row = await db.buckets.get(bid);
			if (!row) return null;
			const found = (await decrypt(s, row))?.find((r) => r.id === id);
			return found ? toVaultRecord(s, row, found) : null;
		},

		observe(query, onChange) {
			return watchRows(query, (sess, rows) => materialise(sess, rows, query), onChange);
		},

		async derive(query) {
			const s = requireSession();
			if (!s) return [];
			return derived.derive(s, await rowsFor(s, query), query);
		},

		observeDerived(query, onChange) {
			return watchRows(query, (sess, rows) => derived.derive(sess, rows, query), onChange);
		},

		corruptBuckets: () => [...corrupt],

		async bucketRecords(row) {
			const s = requireSession();
			return s ? decrypt(s, row) : null;
		},

		forgetCached(bid) {
			cache.delete(bid);
		},

		async saveDraft(key, value) {
			const s = requireSession();
			const k = s ? draftKey(s) : null;
			if (!s || !k) return false;
			const bound = {
				id: `draft:${key}`,
				circleId: s.header.circleId,
				category: 'settings',
				keyId: k.keyId,
				schemaVersion: SCHEMA_VERSION
			};
			const sealed = await seal(k.key, bound, utf8(JSON.stringify(value)));
			await db.drafts.put({ key, keyId: k.keyId, iv: sealed.iv, ct: sealed.data });
			return true;
		},

		async loadDraft(key) {
			const s = requireSession();
			const row = await db.drafts.get(key);
			const k = s && row ? s.keysById.get(row.keyId) : undefined;
			if (!s || !row || !k) return undefined;
			const plain = await open(
				k,
				{
					id: `draft:${key}`,
					circleId: s.header.circleId,
					category: 'settings',
					keyId: row.keyId,
					schemaVersion: SCHEMA_VERSION
				},
				makeCiphertext(row.iv, row.ct)
			);
			if (!plain) return undefined;
			const parsed: unknown = JSON.parse(fromUtf8(plain.bytes));
			return parsed;
		},

		async clearDraft(key) {
			await db.drafts.delete(key);
		},

		reset() {
			cache.clear();
			opening.clear();
			corrupt.clear();
			derived.reset();
		}
	};
	return records;
}
