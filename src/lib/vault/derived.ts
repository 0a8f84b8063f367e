// Derived values per bucket (e.g. a week's blood-pressure readings as plain numbers), computed from
// a bucket's decrypted records once and kept on this device, encrypted, so a screen that needs a
// year of one series does not decrypt and parse every record of the year on each unlock.
// Why: decrypting and validating ~50 weekly buckets is most of the time from unlock to a 1-year
// chart; the derived value of a bucket only changes when the bucket does.
// Invariants:
// - a derived value is used only if it was computed from the very ciphertext stored now: it is
//   keyed by bucket id, revision and IV (a fresh random IV on every write, local or synced), so an
//   edit, a delete, a sync or an import invalidates it;
// - it is sealed with the category's key and bound to its own id (`derived:<category>:<name>`),
//   lives only in this device's `drafts` table (never synced, never exported) and is cleared with
//   the vault; a stored value that fails to open or to parse is recomputed, never trusted;
// - `compute` sees the bucket's live records only (deletes are tombstones and excluded), and only
//   those of the query's `kinds` when it names them.
import * as z from 'zod/mini';
import { open, seal } from '$lib/crypto/aead';
import { fromUtf8, toBase64Url, utf8 } from '$lib/crypto/bytes';
import { makeCiphertext } from '$lib/crypto/types';
import type { Category } from '$lib/domain/categories';
import type { DeriveQuery, Derived, VaultRecord } from '$lib/domain/records';
import { SCHEMA_VERSION, type StoredRecord } from './buckets';
import type { BucketRow, VaultDb } from './db';
import type { Session } from './session';

/** A stored map's shape; read back by `storedEntriesOf`, held equal to this by a property test. */
export const derivedMapSchema = z.object({
	v: z.literal(1),
	buckets: z.record(z.string(), z.object({ rev: z.number(), iv: z.string(), value: z.unknown() }))
});
type Stored = z.infer<typeof derivedMapSchema>;
export type StoredEntry = Stored['buckets'][string];

const isPlain = (x: unknown): x is Record<string, unknown> =>
	typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * A stored map (a value from JSON) as `derivedMapSchema` reads it, by bucket id; null when zod
 * would refuse it. A plain check: the map holds one entry per bucket ever derived (three years of
 * weeks) and is read on every unlock, where zod without JIT costs a multiple of this.
 */
export function storedEntriesOf(value: unknown): Map<string, StoredEntry> | null {
	if (!isPlain(value) || value.v !== 1 || !isPlain(value.buckets)) return null;
	const buckets = value.buckets;
	const proto: unknown = Object.getPrototypeOf(buckets);
	if (proto !== Object.prototype && proto !== null) return null;
	const entries = new Map<string, StoredEntry>();
	for (const bid of Object.keys(buckets)) {
		// zod's record skips an own `__proto__` key (JSON.parse makes one from `"__proto__"`).
		if (bid === '__proto__') continue;
		const entry = buckets[bid];
		if (!isPlain(entry)) return null;
		const { rev, iv } = entry;
		if (typeof rev !== 'number' || !Number.isFinite(rev) || typeof iv !== 'string') return null;
		// zod requires the key of a `z.unknown()` field (JSON has no undefined value).
		if (!('value' in entry)) return null;
		entries.set(bid, { rev, iv, value: entry.value });
	}
	return entries;
}

export interface DerivedDeps {
	readonly db: VaultDb;
	/** The open session now (a value derived before a lock is not written after it). */
	readonly session: () => Session | null;
	readonly decrypt: (s: Session, row: BucketRow) => Promise<readonly StoredRecord[] | null>;
	readonly toVaultRecord: (s: Session, row: BucketRow, record: StoredRecord) => VaultRecord;
}

export interface DerivedStore {
	derive<T>(s: Session, rows: readonly BucketRow[], query: DeriveQuery<T>): Promise<Derived<T>[]>;
	reset(): void;
}

export function createDerivedStore(deps: DerivedDeps): DerivedStore {
	// The stored maps already opened this session (by draft key), so a live query that fires again
	// does not decrypt them again. Cleared on lock.
	const opened = new Map<string, Map<string, StoredEntry>>();

	const draftKeyOf = (category: Category, name: string) => `derived:${category}:${name}`;
	const bound = (s: Session, key: string, category: Category, keyId: string) => ({
		id: key,
		circleId: s.header.circleId,
		category,
		keyId,
		schemaVersion: SCHEMA_VERSION
	});

	// Stored maps being opened now, by draft key: screens and managers that ask for the same digest
	// at once (Today and its reminders, after an unlock) share one decryption of it.
	const loading = new Map<string, Promise<Map<string, StoredEntry>>>();

	function load(s: Session, key: string, category: Category) {
		const hit = opened.get(key);
		if (hit) return Promise.resolve(hit);
		const pending = loading.get(key);
		if (pending) return pending;
		const started = loadNow(s, key, category).finally(() => {
			if (loading.get(key) === started) loading.delete(key);
		});
		loading.set(key, started);
		return started;
	}

	async function loadNow(s: Session, key: string, category: Category) {
		const entries = new Map<string, StoredEntry>();
		const row = await deps.db.drafts.get(key);
		const cryptoKey = row ? s.keysById.get(row.keyId) : undefined;
		if (row && cryptoKey) {
			const plain = await open(
				cryptoKey,
				bound(s, key, category, row.keyId),
				makeCiphertext(row.iv, row.ct)
			);
			try {
				const stored = plain ? storedEntriesOf(JSON.parse(fromUtf8(plain.bytes))) : null;
				if (stored) for (const [bid, entry] of stored) entries.set(bid, entry);
			} catch {
				// Not JSON: recomputed below, as if absent.
			}
		}
		// A map opened for a session locked meanwhile is not kept for the next one.
		if (deps.session() === s) opened.set(key, entries);
		return entries;
	}

	async function save(s: Session, key: string, category: Category) {
		const entries = opened.get(key);
		const keyId = s.activeKeyIds.get(category);
		const cryptoKey = keyId ? s.keysById.get(keyId) : undefined;
		if (!entries || !keyId || !cryptoKey) return;
		const plain: Stored = { v: 1, buckets: Object.fromEntries(entries) };
		const sealed = await seal(
			cryptoKey,
			bound(s, key, category, keyId),
			utf8(JSON.stringify(plain))
		);
		await deps.db.drafts.put({ key, keyId, iv: sealed.iv, ct: sealed.data });
	}

	// Stored values already checked by a query's `parse`, by entry and query name: Today and its
	// reminders read the same lasting digests, and each stored entry is parsed once per session.
	// (An entry is replaced, never mutated, when its bucket changes; a name fixes its computation.)
	const parsed = new WeakMap<StoredEntry, Map<string, unknown>>();

	function parsedOf<T>(entry: StoredEntry, query: DeriveQuery<T>): T | null {
		const byName = parsed.get(entry) ?? new Map<string, unknown>();
		parsed.set(entry, byName);
		if (byName.has(query.name)) return byName.get(query.name) as T | null;
		const value = query.parse(entry.value);
		byName.set(query.name, value);
		return value;
	}

	async function derive<T>(
		s: Session,
		rows: readonly BucketRow[],
		query: DeriveQuery<T>
	): Promise<Derived<T>[]> {
		const key = draftKeyOf(query.category, query.name);
		const entries = await load(s, key, query.category);
		const out: Derived<T>[] = [];
		let changed = false;
		for (const row of [...rows].sort((a, b) => a.week - b.week)) {
			const iv = toBase64Url(row.iv);
			const entry = entries.get(row.bid);
			const kept =
				entry !== undefined && entry.rev === row.rev && entry.iv === iv
					? parsedOf(entry, query)
					: null;
			if (kept !== null) {
				out.push({ bid: row.bid, week: row.week, value: kept });
				continue;
			}
			const records = await deps.decrypt(s, row);
			if (!records) {
				// Fails to authenticate: reported by the records layer, never derived from.
				if (entries.delete(row.bid)) changed = true;
				continue;
			}
			const kinds = query.kinds;
			const value = query.compute(
				records
					.filter((r) => !r.deleted && (kinds === undefined || kinds.has(r.kind)))
					.map((r) => deps.toVaultRecord(s, row, r))
			);
			const computed: StoredEntry = { rev: row.rev, iv, value };
			entries.set(row.bid, computed);
			parsed.set(computed, new Map([[query.name, value]]));
			changed = true;
			out.push({ bid: row.bid, week: row.week, value });
		}
		if (changed && deps.session() === s) {
			// Best effort: a failed write only means the work is done again next time.
			await save(s, key, query.category).catch(() => undefined);
		}
		return out;
	}

	return {
		derive,
		reset() {
			opened.clear();
			loading.clear();
		}
	};
}
