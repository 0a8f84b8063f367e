// The vault's side of sync (ports for src/lib/sync/client.ts). Outgoing: outbox references become
// per-record envelopes, each sealed with its category key and bound to the record id, circle,
// category and key id (so the server relays what it cannot read, and cannot move it). Incoming:
// pulled envelopes are authenticated, parsed, merged per record by HLC (`mergeIncoming`, record-ops.ts) and
// written into the buckets without an outbox row. Invariants: an outbox reference leaves only when
// the server acknowledged that version or a newer one of the same record; a pulled envelope that
// fails to authenticate or parse is counted and skipped, never applied.
//
// Keys from the person's other devices: a category key rotated on another device reaches this one
// through the account's wrapped-keys blob. `missingKeyIds` names the key ids of pulled envelopes
// this session does not hold (so the caller can fetch the blob before applying), and
// `installKeys` adds the blob's rows: each new row must open under this vault's row key as exactly
// itself (circle, category, key id, createdAt), and a row this device already holds must carry
// its metadata unchanged, or nothing is installed; per category the newest key is the active one
// (the blob's flags are not trusted), so every device converges on the key a rotation chose and
// none goes back to a key from before it.
import * as z from 'zod/mini';
import { hlcSchema } from '$lib/contracts/hlc';
import { categorySchema } from '$lib/domain/categories';
import type { Clock } from '$lib/sync/hlc';
import { compareHlc } from '$lib/sync/hlc';
import type {
	CheckpointPort,
	Envelope,
	OutboxPort,
	PulledEnvelope,
	RestorePort,
	VersionKey
} from '$lib/sync/types';
import { sealBucket, type StoredRecord } from './buckets';
import { openEnvelope, sealEnvelope } from './envelope';
import { openKeyRow } from '$lib/crypto/keys';
import { bucketId, weekOf, type OutboxRef, type VaultDb } from './db';
import type { KeyRow } from './key-row';
import { uuidv7Time } from '$lib/domain/ids';
import type { Records } from './records';
import { mergeIncoming } from './record-ops';
import { keyRowBinding, withNewestActive, type Session } from './session';

/** Meta keys of sync state, per circle (cleared or marked by a backup import). */
export const CHECKPOINT_PREFIX = 'checkpoint:';
export const EPOCH_PREFIX = 'epoch:';
export const COMPARE_PREFIX = 'compare:';

export interface VaultSyncPorts {
	readonly outbox: OutboxPort;
	readonly checkpoints: CheckpointPort;
	/** Recovery from a server restore or a backup import (re-sends what the server lacks). */
	readonly restore: RestorePort;
	readonly applyRemote: (envelopes: readonly PulledEnvelope[]) => Promise<void>;
	/** Pulled envelopes that failed authentication or parsing since unlock. */
	readonly unreadable: () => number;
	/** Key ids of this vault's circle used by `envelopes` that this session does not hold. */
	readonly missingKeyIds: (envelopes: readonly PulledEnvelope[]) => readonly string[];
	/**
	 * Adds key rows from the account's blob (another device's rotation). Returns how many were new,
	 * or null when locked or when a row does not unwrap under this vault's key (nothing installed).
	 */
	readonly installKeys: (rows: readonly KeyRow[]) => Promise<number | null>;
}

export interface RemoteDeps {
	readonly db: VaultDb;
	readonly records: Records;
	readonly session: () => Session | null;
	readonly clock: () => Clock | null;
	readonly now: () => number;
}

class Retry extends Error {}

export function createVaultSyncPorts(deps: RemoteDeps): VaultSyncPorts {
	const { db, records } = deps;
	let unreadable = 0;

	/**
	 * The newest reference per record, oldest record first; with `queued`, every version the
	 * outbox names (`id hlc`).
	 */
	async function latestRefs(queued?: Set<string>): Promise<OutboxRef[]> {
		const latest = new Map<string, OutboxRef>();
		for (const row of await db.outbox.orderBy('seq').toArray()) {
			for (const ref of row.refs) {
				const seen = latest.get(ref.id);
				if (!seen || compareHlc(ref.hlc, seen.hlc) > 0) latest.set(ref.id, ref);
				queued?.add(`${ref.id} ${ref.hlc}`);
			}
		}
		return [...latest.values()];
	}

	/**
	 * The version an outbox entry names. When a pulled version won over this device's own edit
	 * before it was pushed, that edit lives on in `conflict` and is sent from there, so the other
	 * devices see the conflict too (before, they were sent the winner they already had, and the
	 * edit stayed on this device only). Otherwise the stored version: the same one, or a newer one
	 * that acknowledges it.
	 */
	function versionFor(stored: StoredRecord, hlc: string): StoredRecord {
		const c = stored.conflict;
		if (stored.hlc === hlc || c?.hlc !== hlc || c.at === undefined) {
			const { conflict: _kept, ...version } = stored;
			return version;
		}
		return {
			id: stored.id,
			kind: stored.kind,
			at: c.at,
			hlc: c.hlc,
			deleted: false,
			body: c.body,
			...(c.author !== undefined ? { author: c.author } : {}),
			...(c.base !== undefined ? { base: c.base } : {}),
			...(c.signature !== undefined ? { signature: c.signature } : {})
		};
	}

	/**
	 * The envelopes for the newest reference of a record. When the outbox also names this device's
	 * own edit that a newer version beat (kept in `conflict`), that edit goes first: after a
	 * server restore, `resend` queues the winner behind it, and sending only the newest would let
	 * the winner's ack drop the edit unsent (found under Stryker, issue 17).
	 */
	async function envelopesFor(
		s: Session,
		ref: OutboxRef,
		queued: ReadonlySet<string>
	): Promise<Envelope[]> {
		const row = await db.buckets.get(ref.bid);
		const stored = row ? (await records.bucketRecords(row))?.find((r) => r.id === ref.id) : null;
		const keyId = s.activeKeyIds.get(ref.category);
		const key = keyId ? s.keysById.get(keyId) : undefined;
		if (!stored || !keyId || !key) return [];
		const c = stored.conflict;
		const hlcs =
			c?.at !== undefined && c.hlc !== ref.hlc && queued.has(`${ref.id} ${c.hlc}`)
				? [c.hlc, ref.hlc]
				: [ref.hlc];
		return Promise.all(
			hlcs.map((hlc) =>
				sealEnvelope(key, keyId, s.header.circleId, ref.category, versionFor(stored, hlc))
			)
		);
	}

	async function removeAcked(versions: readonly VersionKey[]): Promise<void> {
		const acked = new Map<string, string>();
		for (const v of versions) {
			const seen = acked.get(v.id);
			if (!seen || compareHlc(v.hlc, seen) > 0) acked.set(v.id, v.hlc);
		}
		await db.transaction('rw', db.outbox, async () => {
			for (const row of await db.outbox.toArray()) {
				const left = row.refs.filter((ref) => {
					const hlc = acked.get(ref.id);
					return hlc === undefined || compareHlc(hlc, ref.hlc) < 0;
				});
				if (row.seq === undefined || left.length === row.refs.length) continue;
				if (left.length === 0) await db.outbox.delete(row.seq);
				else await db.outbox.put({ ...row, refs: left });
			}
		});
	}

	async function openPulled(s: Session, e: PulledEnvelope): Promise<StoredRecord | null> {
		if (!hlcSchema.safeParse(e.hlc).success) return null;
		const key = s.keysById.get(e.keyId);
		// A key of another category would let a writer granted that category file records here.
		if (!key || e.circleId !== s.header.circleId) return null;
		if (s.keyCategories.get(e.keyId) !== e.category) return null;
		return openEnvelope(key, e);
	}

	async function applyGroup(s: Session, bid: string, incoming: readonly StoredRecord[]) {
		const category = categorySchema.parse(bid.split(':')[1]);
		const week = Number(bid.split(':')[2]);
		const row = await db.buckets.get(bid);
		const existing = row ? await records.bucketRecords(row) : [];
		if (existing === null) {
			unreadable += incoming.length;
			return;
		}
		const byId = new Map(existing.map((r) => [r.id, r]));
		let changed = false;
		for (const remote of incoming) {
			const next = mergeIncoming(byId.get(remote.id), remote);
			if (next !== null) {
				byId.set(remote.id, next);
				changed = true;
			}
		}
		if (!changed) return;
		const keyId = s.activeKeyIds.get(category);
		const key = keyId ? s.keysById.get(keyId) : undefined;
		if (!keyId || !key) return;
		const sealed = await sealBucket(
			key,
			{ bid, circleId: s.header.circleId, category, week, keyId },
			[...byId.values()],
			(row?.rev ?? 0) + 1
		);
		await db.transaction('rw', db.buckets, async () => {
			const fresh = await db.buckets.get(bid);
			if ((fresh?.rev ?? 0) !== (row?.rev ?? 0)) throw new Retry();
			await db.buckets.put(sealed);
		});
		records.forgetCached(bid);
	}

	return {
		outbox: {
			async pending(limit) {
				const s = deps.session();
				if (!s) return [];
				const out: Envelope[] = [];
				const queued = new Set<string>();
				for (const ref of (await latestRefs(queued)).slice(0, limit)) {
					out.push(...(await envelopesFor(s, ref, queued)));
				}
				return out;
			},
			async count() {
				return (await latestRefs()).length;
			},
			ack: removeAcked,
			async reject(rejections) {
				const previous = z
					.array(z.object({ id: z.string(), hlc: z.string(), error: z.string() }))
					.safeParse((await db.meta.get('rejected'))?.value);
				const list = previous.success ? previous.data : [];
				await db.meta.put({
					key: 'rejected',
					value: [...list, ...rejections.map((r) => ({ id: r.id, hlc: r.hlc, error: r.error }))]
				});
				await removeAcked(rejections);
			}
		},
		checkpoints: {
			async get(circleId) {
				const value = (await db.meta.get(`${CHECKPOINT_PREFIX}${circleId}`))?.value;
				return typeof value === 'number' ? value : 0;
			},
			async set(circleId, seq, id) {
				await db.meta.bulkPut([
					{ key: `${CHECKPOINT_PREFIX}${circleId}`, value: seq },
					{ key: `${CHECKPOINT_PREFIX}${circleId}:id`, value: id ?? null }
				]);
			},
			async getId(circleId) {
				const value = (await db.meta.get(`${CHECKPOINT_PREFIX}${circleId}:id`))?.value;
				return typeof value === 'string' ? value : null;
			}
		},
		restore: {
			async epoch(circleId) {
				const value = (await db.meta.get(`${EPOCH_PREFIX}${circleId}`))?.value;
				return typeof value === 'string' ? value : null;
			},
			async remember(circleId, epoch) {
				await db.meta.put({ key: `${EPOCH_PREFIX}${circleId}`, value: epoch });
			},
			async begin(circleId, epoch) {
				await db.meta.bulkPut([
					{ key: `${EPOCH_PREFIX}${circleId}`, value: epoch },
					{ key: `${CHECKPOINT_PREFIX}${circleId}`, value: 0 },
					{ key: `${COMPARE_PREFIX}${circleId}`, value: true }
				]);
			},
			async due(circleId) {
				return (await db.meta.get(`${COMPARE_PREFIX}${circleId}`))?.value === true;
			},
			async resend(circleId, held) {
				const s = deps.session();
				if (!s) throw new Error('locked');
				const refs: OutboxRef[] = [];
				const rows = await db.buckets.filter((b) => b.circleId === circleId).toArray();
				for (const row of rows) {
					const stored = await records.bucketRecords(row);
					// A bucket this session cannot open has nothing it could send (counted, skipped).
					if (stored === null) {
						unreadable++;
						continue;
					}
					for (const r of stored) {
						if (!held.has(`${r.id} ${r.hlc}`)) {
							refs.push({ id: r.id, bid: row.bid, category: row.category, hlc: r.hlc });
						}
					}
				}
				await db.transaction('rw', db.outbox, db.meta, async () => {
					if (refs.length > 0) await db.outbox.add({ createdAt: deps.now(), refs });
					await db.meta.delete(`${COMPARE_PREFIX}${circleId}`);
				});
				return refs.length;
			}
		},
		async applyRemote(envelopes) {
			const s = deps.session();
			if (!s) throw new Error('locked');
			const groups = new Map<string, StoredRecord[]>();
			for (const e of envelopes) {
				const record = await openPulled(s, e);
				if (record !== null) deps.clock()?.receive(e.hlc);
				const category = categorySchema.safeParse(e.category);
				if (!record || !category.success) {
					unreadable++;
					continue;
				}
				const bid = bucketId(e.circleId, category.data, weekOf(uuidv7Time(e.id)));
				const group = groups.get(bid) ?? [];
				group.push(record);
				groups.set(bid, group);
			}
			for (const [bid, incoming] of groups) {
				for (let attempt = 0; ; attempt++) {
					try {
						await applyGroup(s, bid, incoming);
						break;
					} catch (error) {
						if (!(error instanceof Retry) || attempt > 8) throw error;
					}
				}
			}
		},
		unreadable: () => unreadable,
		missingKeyIds(envelopes) {
			const s = deps.session();
			if (!s) return [];
			const missing = new Set<string>();
			for (const e of envelopes) {
				if (e.circleId === s.header.circleId && !s.keysById.has(e.keyId)) missing.add(e.keyId);
			}
			return [...missing];
		},
		async installKeys(rows) {
			const s = deps.session();
			if (!s) return null;
			const local = await db.keys.toArray();
			const localById = new Map(local.map((r) => [r.keyId, r]));
			const opened = new Map<string, { row: KeyRow; key: CryptoKey }>();
			for (const row of rows) {
				const known = localById.get(row.keyId);
				if (known !== undefined) {
					// This device's own row is the authenticated one: a relabelled copy is refused.
					if (known.category !== row.category || known.createdAt !== row.createdAt) return null;
					continue;
				}
				if (opened.has(row.keyId)) return null;
				const key = await openKeyRow(row.wrapped, s.rowKey, keyRowBinding(s.header.circleId, row));
				if (key === null) return null;
				opened.set(row.keyId, { row, key });
			}
			// The active flags of the blob are not trusted: per category the newest key is active,
			// so a key from before a rotation is never made active again.
			const next = withNewestActive([...local, ...[...opened.values()].map((o) => o.row)]);
			const changed = next.filter((r) => {
				const before = localById.get(r.keyId);
				return before === undefined || before.active !== r.active;
			});
			if (changed.length > 0) {
				await db.transaction('rw', db.keys, async () => {
					await db.keys.bulkPut(changed);
				});
			}
			for (const [keyId, { row, key }] of opened) {
				s.keysById.set(keyId, key);
				s.keyCategories.set(keyId, row.category);
			}
			for (const row of next) if (row.active === 1) s.activeKeyIds.set(row.category, row.keyId);
			return opened.size;
		}
	};
}
