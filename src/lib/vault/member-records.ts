// The records of a circle this account is a member of, as a `Records`-like store over the circle's
// cache (`member-db.ts`): queries, live observers and writes on the person's behalf, with the same
// write rule and merge rule as the person's own vault (`record-ops.ts`).
// Invariants: nothing decrypted is persisted; an envelope opens only with a key of its own
// category and of this circle (else it is counted as unreadable and never shown); a category the
// member may not read answers nothing; a write is sealed with the category's newest key, marked
// with its author and signed with her identity key (inside the sealed payload), and kept in the outbox, as ciphertext, in the same transaction as the clock.
import { categorySchema, type Category } from '$lib/domain/categories';
import { err, ok, type Result } from '$lib/domain/result';
import { randomBytes, toHex } from '$lib/crypto/bytes';
import { sha256Text, signFields } from '$lib/crypto/framed-signature';
import { statementFieldsOf } from '$lib/domain/circle/record-signature';
import { createClock, type Clock } from '$lib/sync/hlc';
import type { Envelope, PulledEnvelope } from '$lib/sync/types';
import type { CommitError, RecordOp, RecordQuery, VaultRecord } from '$lib/domain/records';
import type { DeriveQuery, Derived } from '$lib/domain/records';
import type { StoredRecord } from './buckets';
import { openEnvelope, sealEnvelope } from './envelope';
import { weekOf } from './db';
import { envelopeWeek, type MemberCircleDb } from './member-db';
import { createMemberDigests, weekKey } from './member-digests';
import { createMemberWeeks } from './member-weeks';
import { applyOps, withRecordIds, type IdentifiedOp } from './record-ops';
import type { Records } from './records';

/** Where the clock's last timestamp is kept in the cache. */
export const MEMBER_CLOCK = 'clock';

/** The part of the vault's record API a circle view offers (same semantics as `Records`). */
export type MemberRecordsApi = Pick<
	Records,
	'commit' | 'query' | 'get' | 'observe' | 'derive' | 'observeDerived'
>;

export interface MemberKeyring {
	readonly byId: ReadonlyMap<string, CryptoKey>;
	/** keyId → the category it was wrapped for: an envelope opens only with its own category's. */
	readonly categoryOf: ReadonlyMap<string, Category>;
	/** category → the newest key's id (what writes use). */
	readonly active: ReadonlyMap<Category, string>;
}

export interface MemberRecordsDeps {
	readonly circleId: string;
	/** This account: the author of its writes. */
	readonly accountId: string;
	readonly db: MemberCircleDb;
	readonly now: () => number;
	readonly keyring: () => MemberKeyring;
	readonly canRead: (category: Category) => boolean;
	readonly canWrite: (category: Category) => boolean;
	/** false once the member was removed: writes are refused. */
	readonly active: () => boolean;
	/** After a commit (the app pushes at once). */
	readonly committed: () => void;
	/**
	 * This account's identity private key: every version written is signed with it over its
	 * framed statement (`domain/circle/record-signature.ts`), so readers can check who wrote it.
	 * null: writes are refused (`locked`) rather than sent unsigned.
	 */
	readonly signingKey: CryptoKey | null;
}

export interface MemberRecords {
	readonly api: MemberRecordsApi;
	/** Stores a pulled page in the cache and merges it into what is shown. */
	readonly applyRemote: (envelopes: readonly PulledEnvelope[]) => Promise<void>;
	/** Forgets what was decrypted (after a change of keys or a refused write): read again lazily. */
	readonly rebuild: () => Promise<void>;
	/** The weeks of these envelopes changed without a pull (a refused write left the outbox). */
	readonly retagEnvelopes: (envelopes: readonly Envelope[]) => Promise<void>;
	/** Drops cached envelopes of categories this member may no longer read. */
	readonly dropUnreadable: () => Promise<void>;
	/** Whether a cached envelope is a version this account wrote. */
	readonly isOwn: (envelope: Envelope) => Promise<boolean>;
	readonly notify: (categories: ReadonlySet<Category> | 'all') => void;
	readonly unreadable: () => number;
	/** Forgets every decrypted record (removal). */
	readonly clear: () => void;
	readonly close: () => void;
}

const NODE = 'node';

/** The records of the cache, with this device's clock for writes; null if the stored clock is bad. */
export async function openMemberRecords(deps: MemberRecordsDeps): Promise<MemberRecords | null> {
	const { db } = deps;
	const storedNode = (await db.meta.get(NODE))?.value;
	const nodeId = typeof storedNode === 'string' ? storedNode : toHex(randomBytes(8));
	if (nodeId !== storedNode) await db.meta.put({ key: NODE, value: nodeId });
	const last = (await db.meta.get(MEMBER_CLOCK))?.value;
	const clock = createClock({
		now: deps.now,
		nodeId,
		...(typeof last === 'string' ? { last } : {})
	});
	return clock.ok ? createMemberRecords(deps, clock.value) : null;
}

const byTime = (a: VaultRecord, b: VaultRecord) => a.at - b.at || (a.id < b.id ? -1 : 1);

function createMemberRecords(deps: MemberRecordsDeps, clock: Clock): MemberRecords {
	const { db } = deps;
	const cache = createMemberWeeks({
		circleId: deps.circleId,
		db,
		keyring: deps.keyring,
		clock
	});
	const { loadWeek, listWeeks } = cache;

	function toVaultRecord(category: Category, r: StoredRecord): VaultRecord {
		return {
			id: r.id,
			circleId: deps.circleId,
			kind: r.kind,
			category,
			at: r.at,
			hlc: r.hlc,
			deleted: r.deleted,
			...(r.author !== undefined ? { author: r.author } : {}),
			...(r.signature !== undefined ? { signature: r.signature } : {}),
			...(r.conflict !== undefined ? { conflict: r.conflict } : {}),
			body: r.body
		};
	}

	function matches(query: RecordQuery, kinds: ReadonlySet<string> | null, r: StoredRecord) {
		if (r.deleted && !query.includeDeleted) return false;
		if (kinds && !kinds.has(r.kind)) return false;
		if (query.from !== undefined && r.at < query.from) return false;
		return query.to === undefined || r.at < query.to;
	}

	async function run(query: RecordQuery): Promise<readonly VaultRecord[]> {
		if (!deps.canRead(query.category)) return [];
		const kinds = query.kinds ? new Set(query.kinds) : null;
		// Records with `at` from `from` on live in its week or later, less a week of slack (as in
		// the person's vault): ids are made when the entry is, at most a week before its time.
		const lower = query.from === undefined ? -Infinity : weekOf(query.from) - 1;
		const all = [...((await listWeeks()).get(query.category) ?? [])].filter((w) => w >= lower);
		const descending = all.sort((a, b) => b - a);
		const out: VaultRecord[] = [];
		for (const [i, week] of descending.entries()) {
			const loaded = await loadWeek(query.category, week);
			for (const r of loaded.records.values()) {
				if (matches(query, kinds, r)) out.push(toVaultRecord(query.category, r));
			}
			if (query.newest === undefined || out.length < query.newest) continue;
			// Enough records: an older week can still hold a newer `at` only up to a week after
			// its own end (the same slack), so stop once the n-th newest is beyond that.
			const next = descending[i + 1];
			out.sort(byTime);
			const nth = out[out.length - query.newest];
			if (next === undefined || (nth !== undefined && weekOf(nth.at) > next + 1)) break;
		}
		out.sort(byTime);
		return query.newest === undefined ? out : out.slice(Math.max(0, out.length - query.newest));
	}

	const observers = new Set<{
		query: RecordQuery;
		onChange: (r: readonly VaultRecord[]) => void;
		seq: number;
	}>();

	function refresh(o: typeof observers extends Set<infer E> ? E : never): void {
		const mine = ++o.seq;
		void run(o.query).then((records) => {
			if (observers.has(o) && o.seq === mine) o.onChange(records);
		});
	}

	function notify(categories: ReadonlySet<Category> | 'all'): void {
		for (const o of observers) {
			if (categories === 'all' || categories.has(o.query.category)) refresh(o);
		}
	}

	async function commit(
		ops: readonly RecordOp[],
		options?: { readonly author?: string }
	): Promise<Result<readonly VaultRecord[], CommitError>> {
		if (!deps.active()) return err({ type: 'locked' });
		const author = options?.author ?? deps.accountId;
		for (const op of ops) {
			if (!deps.canWrite(op.category)) {
				return err({ type: 'invalid', id: op.id ?? '', issues: ['not-granted'] });
			}
		}
		const groups = new Map<string, { category: Category; week: number; ops: IdentifiedOp[] }>();
		for (const op of withRecordIds(ops, deps.now)) {
			const week = envelopeWeek(op.id);
			const key = weekKey(op.category, week);
			const group = groups.get(key) ?? { category: op.category, week, ops: [] };
			group.ops.push(op);
			groups.set(key, group);
		}
		const written: { category: Category; week: number; record: StoredRecord }[] = [];
		for (const { category, week, ops: group } of groups.values()) {
			const current = (await loadWeek(category, week)).records;
			// A member's writes are always hers: an op's own author (a restore) is not taken here.
			const mine = group.map((op) =>
				op.type === 'put' && op.author !== undefined ? { ...op, author } : op
			);
			const applied = applyOps(current, mine, clock, author);
			if (!applied.ok) {
				const e = applied.error;
				if (e.type === 'not-found') return err(e);
				return err({ type: 'conflict', id: e.id, current: toVaultRecord(category, e.current) });
			}
			for (const record of applied.value.written) written.push({ category, week, record });
		}
		const signingKey = deps.signingKey;
		if (signingKey === null) return err({ type: 'locked' });
		for (const w of written) {
			const fields = await statementFieldsOf(
				{ ...w.record, author, circleId: deps.circleId, category: w.category },
				sha256Text
			);
			w.record = { ...w.record, signature: await signFields(signingKey, fields) };
		}
		const ring = deps.keyring();
		const envelopes: Envelope[] = [];
		for (const { category, record } of written) {
			const keyId = ring.active.get(category);
			const key = keyId ? ring.byId.get(keyId) : undefined;
			if (!keyId || !key) return err({ type: 'locked' });
			envelopes.push(await sealEnvelope(key, keyId, deps.circleId, category, record));
		}
		const touched = written.map(({ category, week }) => [category, week] as const);
		await db.transaction('rw', db.outbox, db.meta, db.weeks, async () => {
			await db.outbox.bulkAdd(envelopes.map((envelope) => ({ envelope })));
			await db.meta.put({ key: MEMBER_CLOCK, value: clock.current() });
			await cache.retag(touched);
		});
		await cache.queuedAdd(envelopes, touched);
		for (const { category, week, record } of written) {
			(await loadWeek(category, week)).records.set(record.id, record);
		}
		notify(new Set(written.map((w) => w.category)));
		deps.committed();
		return ok(written.map(({ category, record }) => toVaultRecord(category, record)));
	}

	const digests = createMemberDigests({
		circleId: deps.circleId,
		db,
		keyring: deps.keyring,
		weeksOf: async (category) =>
			[...((await listWeeks()).get(category) ?? [])].sort((a, b) => a - b),
		recordsOf: async (category, week) => [...(await loadWeek(category, week)).records.values()],
		toVaultRecord
	});

	function derive<T>(query: DeriveQuery<T>): Promise<readonly Derived<T>[]> {
		return deps.canRead(query.category) ? digests.derive(query) : Promise.resolve([]);
	}

	/** Live derived values: recomputed (from digests where they are fresh) after each change. */
	function observeDerived<T>(
		query: DeriveQuery<T>,
		onChange: (values: readonly Derived<T>[]) => void
	): () => void {
		const entry = {
			query: { category: query.category },
			seq: 0,
			onChange: () => {
				const mine = entry.seq;
				void derive(query).then((values) => {
					if (derivedObservers.has(entry) && entry.seq === mine) onChange(values);
				});
			}
		};
		derivedObservers.add(entry);
		queueMicrotask(() => {
			if (derivedObservers.has(entry)) entry.onChange();
		});
		return () => {
			derivedObservers.delete(entry);
		};
	}
	const derivedObservers = new Set<{
		query: { category: Category };
		seq: number;
		onChange: () => void;
	}>();

	function notifyAll(categories: ReadonlySet<Category> | 'all'): void {
		notify(categories);
		for (const o of derivedObservers) {
			if (categories === 'all' || categories.has(o.query.category)) {
				o.seq++;
				o.onChange();
			}
		}
	}

	return {
		api: {
			commit,
			query: run,
			async get(category, id) {
				if (!deps.canRead(category)) return null;
				const r = (await loadWeek(category, envelopeWeek(id))).records.get(id);
				return r ? toVaultRecord(category, r) : null;
			},
			observe(query, onChange) {
				const entry = { query, onChange, seq: 0 };
				observers.add(entry);
				queueMicrotask(() => {
					if (observers.has(entry)) refresh(entry);
				});
				return () => {
					observers.delete(entry);
				};
			},
			derive,
			observeDerived
		},
		async applyRemote(envelopes) {
			const touched = await cache.store(envelopes);
			if (touched.size > 0) notifyAll(touched);
		},
		rebuild() {
			cache.reset();
			return Promise.resolve();
		},
		async retagEnvelopes(envelopes) {
			await cache.retag(cache.weeksOfEnvelopes(envelopes).values());
		},
		async dropUnreadable() {
			// One exact range per category no longer readable (a scan of the whole index for what
			// is not readable cost most of a second opening).
			const readable = categorySchema.options.filter((c) => deps.canRead(c));
			let dropped = 0;
			for (const category of categorySchema.options.filter((c) => !readable.includes(c))) {
				dropped += await db.envelopes.where('category').equals(category).delete();
				await db.weeks.where('category').equals(category).delete();
			}
			const digestKeys = (await db.digests.toCollection().primaryKeys()).filter(
				(key) => !readable.some((c) => key.startsWith(`derived:${c}:`))
			);
			if (digestKeys.length > 0) await db.digests.bulkDelete(digestKeys);
			cache.forgetCategories(readable, dropped > 0);
		},
		async isOwn(e) {
			const key = cache.keyFor(e);
			const record = key ? await openEnvelope(key, e) : null;
			return record?.author === deps.accountId;
		},
		notify: notifyAll,
		unreadable: () => cache.unreadable(),
		clear: () => {
			cache.reset();
		},
		close() {
			observers.clear();
			derivedObservers.clear();
		}
	};
}
