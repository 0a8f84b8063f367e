// The records of a circle this account is a member of, as a `Records`-like store over the circle's
// cache (`member-db.ts`): queries, live observers and writes on the person's behalf, with the same
// write rule and merge rule as the person's own vault (`record-ops.ts`).
// Invariants: nothing decrypted is persisted; an envelope opens only with a key of its own
// category and of this circle (else it is counted as unreadable and never shown); a category the
// member may not read answers nothing; a write is sealed with the category's newest key, marked
// with its author, and kept in the outbox, as ciphertext, in the same transaction as the clock.
import { hlcSchema } from '$lib/contracts/sync';
import { categorySchema, type Category } from '$lib/domain/categories';
import { err, ok, type Result } from '$lib/domain/result';
import { randomBytes, toHex } from '$lib/crypto/bytes';
import { createClock, type Clock } from '$lib/sync/hlc';
import type { Envelope, PulledEnvelope } from '$lib/sync/types';
import type { CommitError, RecordOp, RecordQuery, VaultRecord } from './api';
import type { StoredRecord } from './buckets';
import { openEnvelope, sealEnvelope } from './envelope';
import type { MemberCircleDb } from './member-db';
import { applyOps, mergeIncoming, withRecordIds } from './record-ops';
import type { Records } from './records';

/** Where the clock's last timestamp is kept in the cache. */
export const MEMBER_CLOCK = 'clock';

/** The part of the vault's record API a circle view offers (same semantics as `Records`). */
export type MemberRecordsApi = Pick<Records, 'commit' | 'query' | 'get' | 'observe'>;

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
}

export interface MemberRecords {
	readonly api: MemberRecordsApi;
	/** Stores a pulled page in the cache and merges it into what is shown. */
	readonly applyRemote: (envelopes: readonly PulledEnvelope[]) => Promise<void>;
	/** Re-reads the cache and the outbox (after a change of keys or a refused write). */
	readonly rebuild: () => Promise<void>;
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

function createMemberRecords(deps: MemberRecordsDeps, clock: Clock): MemberRecords {
	const { db } = deps;
	const byCategory = new Map<Category, Map<string, StoredRecord>>();
	let unreadable = 0;

	function keyFor(e: Envelope): CryptoKey | undefined {
		const ring = deps.keyring();
		if (!hlcSchema.safeParse(e.hlc).success || e.circleId !== deps.circleId) return undefined;
		return ring.categoryOf.get(e.keyId) === e.category ? ring.byId.get(e.keyId) : undefined;
	}

	async function absorb(envelopes: readonly Envelope[]): Promise<Set<Category>> {
		const touched = new Set<Category>();
		for (const e of envelopes) {
			const key = keyFor(e);
			const parsed = categorySchema.safeParse(e.category);
			const record = key ? await openEnvelope(key, e) : null;
			if (record === null || !parsed.success) {
				unreadable++;
				continue;
			}
			clock.receive(e.hlc);
			const records = byCategory.get(parsed.data) ?? new Map<string, StoredRecord>();
			byCategory.set(parsed.data, records);
			const next = mergeIncoming(records.get(record.id), record);
			if (next === null) continue;
			records.set(record.id, next);
			touched.add(parsed.data);
		}
		return touched;
	}

	async function rebuild(): Promise<void> {
		byCategory.clear();
		unreadable = 0;
		const ring = deps.keyring();
		const cached = await db.envelopes.orderBy('seq').toArray();
		const queued = (await db.outbox.orderBy('seq').toArray()).map((r) => r.envelope);
		await absorb([...cached.filter((e) => ring.byId.has(e.keyId)), ...queued]);
	}

	const observers = new Set<{
		query: RecordQuery;
		onChange: (r: readonly VaultRecord[]) => void;
	}>();

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
			...(r.conflict !== undefined ? { conflict: r.conflict } : {}),
			body: r.body
		};
	}

	function run(query: RecordQuery): readonly VaultRecord[] {
		if (!deps.canRead(query.category)) return [];
		const kinds = query.kinds ? new Set(query.kinds) : null;
		const out: VaultRecord[] = [];
		for (const r of byCategory.get(query.category)?.values() ?? []) {
			if (r.deleted && !query.includeDeleted) continue;
			if (kinds && !kinds.has(r.kind)) continue;
			if (query.from !== undefined && r.at < query.from) continue;
			if (query.to !== undefined && r.at >= query.to) continue;
			out.push(toVaultRecord(query.category, r));
		}
		return out.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
	}

	function notify(categories: ReadonlySet<Category> | 'all'): void {
		for (const o of observers) {
			if (categories === 'all' || categories.has(o.query.category)) o.onChange(run(o.query));
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
		const byGroup = new Map<Category, ReturnType<typeof withRecordIds>[number][]>();
		for (const op of withRecordIds(ops, deps.now)) {
			byGroup.set(op.category, [...(byGroup.get(op.category) ?? []), op]);
		}
		const written: { category: Category; record: StoredRecord }[] = [];
		for (const [category, group] of byGroup) {
			const applied = applyOps(byCategory.get(category) ?? new Map(), group, clock, author);
			if (!applied.ok) {
				const e = applied.error;
				if (e.type === 'not-found') return err(e);
				return err({ type: 'conflict', id: e.id, current: toVaultRecord(category, e.current) });
			}
			for (const record of applied.value.written) written.push({ category, record });
		}
		const ring = deps.keyring();
		const envelopes: Envelope[] = [];
		for (const { category, record } of written) {
			const keyId = ring.active.get(category);
			const key = keyId ? ring.byId.get(keyId) : undefined;
			if (!keyId || !key) return err({ type: 'locked' });
			envelopes.push(await sealEnvelope(key, keyId, deps.circleId, category, record));
		}
		await db.transaction('rw', db.outbox, db.meta, async () => {
			await db.outbox.bulkAdd(envelopes.map((envelope) => ({ envelope })));
			await db.meta.put({ key: MEMBER_CLOCK, value: clock.current() });
		});
		const touched = new Set<Category>();
		for (const { category, record } of written) {
			const records = byCategory.get(category) ?? new Map<string, StoredRecord>();
			byCategory.set(category, records);
			records.set(record.id, record);
			touched.add(category);
		}
		notify(touched);
		deps.committed();
		return ok(written.map(({ category, record }) => toVaultRecord(category, record)));
	}

	return {
		api: {
			commit,
			query: (query) => Promise.resolve(run(query)),
			get(category, id) {
				const r = deps.canRead(category) ? byCategory.get(category)?.get(id) : undefined;
				return Promise.resolve(r ? toVaultRecord(category, r) : null);
			},
			observe(query, onChange) {
				const entry = { query, onChange };
				observers.add(entry);
				queueMicrotask(() => {
					if (observers.has(entry)) onChange(run(query));
				});
				return () => {
					observers.delete(entry);
				};
			}
		},
		async applyRemote(envelopes) {
			if (envelopes.length > 0) await db.envelopes.bulkPut([...envelopes]);
			const touched = await absorb(envelopes);
			if (touched.size > 0) notify(touched);
		},
		rebuild,
		async dropUnreadable() {
			const gone = (await db.envelopes.toArray()).filter((e) => {
				const category = categorySchema.safeParse(e.category);
				return !category.success || !deps.canRead(category.data);
			});
			if (gone.length > 0) await db.envelopes.bulkDelete(gone.map((e) => [e.id, e.hlc]));
			for (const category of [...byCategory.keys()]) {
				if (!deps.canRead(category)) byCategory.delete(category);
			}
		},
		async isOwn(e) {
			const key = keyFor(e);
			const record = key ? await openEnvelope(key, e) : null;
			return record?.author === deps.accountId;
		},
		notify,
		unreadable: () => unreadable,
		clear() {
			byCategory.clear();
		},
		close() {
			observers.clear();
		}
	};
}
