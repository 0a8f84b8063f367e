// The member circle's side of sync: its cache (`member-db.ts`) as the ports of the one sync engine
// (`src/lib/sync/client.ts`), so a member's writes and pulls get what the person's own sync has
// (batch halving on 413, stale-page checks, epoch and reset handling, single flight).
// Why: the member circle had its own push and pull loops beside the engine.
// Invariants: an outbox row leaves only when the server acknowledged or refused that exact
// (id, hlc); a refused write is counted and dropped (never retried); a pulled page is stored as
// ciphertext and merged before the engine moves the checkpoint; after a full compare (new epoch)
// this member's own versions the server no longer holds are queued again, as the exact envelopes
// kept in the cache.
import { err, ok, type Result } from '$lib/domain/result';
import { createSyncEngine } from '$lib/sync/client';
import { createHttpTransport } from '$lib/sync/transport-http';
import type {
	CheckpointPort,
	Envelope,
	OutboxPort,
	PulledEnvelope,
	RestorePort,
	SyncRun,
	TransportError,
	VersionKey
} from '$lib/sync/types';
import type { MemberCircleDb } from './member-db';
import type { MemberCircleError, SyncReport } from './member-types';

const CHECKPOINT = 'checkpoint';
/** The record id of the envelope at the checkpoint's seq (sent as `sinceId`). */
const CHECKPOINT_ID = 'checkpoint-id';
/** The server epoch last pulled under, and the mark of a full compare in progress. */
const EPOCH = 'epoch';
const COMPARE = 'compare';
const REJECTED = 'rejected';

export interface MemberSyncPortsDeps {
	readonly db: MemberCircleDb;
	/** Stores a pulled page in the cache and merges it into what the view shows. */
	readonly applyRemote: (envelopes: readonly PulledEnvelope[]) => Promise<void>;
	/** Whether a cached envelope is a version this account wrote (opened with its own key). */
	readonly isOwn: (envelope: PulledEnvelope) => Promise<boolean>;
	/** After the server refused writes: the view drops them (they were shown at once). */
	readonly onRejected: (refused: readonly Envelope[]) => Promise<void>;
}

/** What one engine run moved, counted by the ports (the member screen reports it). */
export interface MemberSyncCounts {
	pulled: number;
	pushed: number;
	rejected: number;
}

export interface MemberSyncPorts {
	readonly outbox: OutboxPort;
	readonly checkpoints: CheckpointPort;
	readonly restore: RestorePort;
	readonly applyRemote: (envelopes: readonly PulledEnvelope[]) => Promise<void>;
	/** Counts since the last `takeCounts`. */
	readonly takeCounts: () => MemberSyncCounts;
}

const versionKey = (v: VersionKey): string => `${v.id} ${v.hlc}`;

export function createMemberSyncPorts(deps: MemberSyncPortsDeps): MemberSyncPorts {
	const { db } = deps;
	let counts: MemberSyncCounts = { pulled: 0, pushed: 0, rejected: 0 };

	/** Removes the outbox rows of these versions; returns their envelopes. */
	async function removeRows(versions: readonly VersionKey[]): Promise<readonly Envelope[]> {
		const done = new Set(versions.map(versionKey));
		const rows = (await db.outbox.orderBy('seq').toArray()).filter(
			(r) => r.seq !== undefined && done.has(versionKey(r.envelope))
		);
		await db.outbox.bulkDelete(rows.flatMap((r) => (r.seq === undefined ? [] : [r.seq])));
		return rows.map((r) => r.envelope);
	}

	return {
		outbox: {
			async pending(limit) {
				return (await db.outbox.orderBy('seq').limit(limit).toArray()).map((r) => r.envelope);
			},
			count: () => db.outbox.count(),
			async ack(versions) {
				counts.pushed += (await removeRows(versions)).length;
			},
			async reject(rejections) {
				const removed = await db.transaction('rw', db.outbox, db.meta, async () => {
					const gone = await removeRows(rejections);
					const previous = Number((await db.meta.get(REJECTED))?.value ?? 0);
					await db.meta.put({ key: REJECTED, value: previous + gone.length });
					return gone;
				});
				counts.rejected += removed.length;
				if (removed.length > 0) await deps.onRejected(removed);
			}
		},
		checkpoints: {
			async get() {
				return Number((await db.meta.get(CHECKPOINT))?.value ?? 0);
			},
			async set(_circleId, seq, id) {
				await db.meta.bulkPut([
					{ key: CHECKPOINT, value: seq },
					{ key: CHECKPOINT_ID, value: id ?? null }
				]);
			},
			async getId() {
				const value = (await db.meta.get(CHECKPOINT_ID))?.value;
				return typeof value === 'string' ? value : null;
			}
		},
		restore: {
			async epoch() {
				const value = (await db.meta.get(EPOCH))?.value;
				return typeof value === 'string' ? value : null;
			},
			async remember(_circleId, epoch) {
				await db.meta.put({ key: EPOCH, value: epoch });
			},
			async begin(_circleId, epoch) {
				await db.meta.bulkPut([
					{ key: EPOCH, value: epoch },
					{ key: CHECKPOINT, value: 0 },
					{ key: COMPARE, value: true }
				]);
			},
			async due() {
				return (await db.meta.get(COMPARE))?.value === true;
			},
			async resend(_circleId, held) {
				const mine: Envelope[] = [];
				for (const e of await db.envelopes.toArray()) {
					if (held.has(versionKey(e)) || !(await deps.isOwn(e))) continue;
					const { seq: _seq, ...envelope } = e;
					mine.push(envelope);
				}
				await db.transaction('rw', db.outbox, db.meta, async () => {
					if (mine.length > 0) await db.outbox.bulkAdd(mine.map((envelope) => ({ envelope })));
					await db.meta.delete(COMPARE);
				});
				return mine.length;
			}
		},
		async applyRemote(envelopes) {
			await deps.applyRemote(envelopes);
			counts.pulled += envelopes.length;
		},
		takeCounts() {
			const taken = counts;
			counts = { pulled: 0, pushed: 0, rejected: 0 };
			return taken;
		}
	};
}

export function toMemberError(e: TransportError): MemberCircleError {
	switch (e.type) {
		case 'offline':
		case 'rate-limited':
			return { type: 'offline' };
		case 'auth-required':
			return { type: 'auth-required' };
		case 'forbidden':
			return { type: 'removed' };
		case 'forbidden-origin':
			return { type: 'server', status: 403 };
		case 'server':
		case 'bad-request':
			return { type: 'server', status: e.status };
		case 'invalid-response':
			return { type: 'invalid-response' };
	}
}

/** What an engine run means for the member screen: null when it went through. */
function runError(run: SyncRun): MemberCircleError | null {
	const status = run.status;
	switch (status.kind) {
		case 'synced':
		case 'pending':
		case 'syncing':
			return null;
		case 'offline':
			return { type: 'offline' };
		case 'auth-required':
			return { type: 'auth-required' };
		case 'error': {
			const reason = status.reason;
			// Refused writes are counted in the report and dropped from the view, as before.
			if (reason.type === 'rejected') return null;
			// A port failed (storage): reported like an answer that could not be used.
			if (reason.type === 'storage') return { type: 'invalid-response' };
			return toMemberError(reason);
		}
	}
}

export interface MemberSyncDeps extends MemberSyncPortsDeps {
	readonly circleId: string;
	readonly deviceId: string;
	readonly fetch: (input: string, init?: RequestInit) => Promise<Response>;
	readonly baseUrl?: string;
	readonly pushBatchSize?: number;
	readonly pullPageSize?: number;
}

/** The member circle's batch sizes from before it used the engine (kept). */
const PUSH_LIMIT = 500;
const PULL_LIMIT = 1000;

export interface MemberSyncOutcome {
	readonly result: Result<SyncReport, MemberCircleError>;
	/** The run failed for lack of network. */
	readonly offline: boolean;
}

/** One engine run over this circle's cache: push what waits, then pull what is new. */
export function createMemberSync(deps: MemberSyncDeps): () => Promise<MemberSyncOutcome> {
	const ports = createMemberSyncPorts(deps);
	const engine = createSyncEngine({
		outbox: ports.outbox,
		checkpoints: ports.checkpoints,
		restore: ports.restore,
		applyRemote: ports.applyRemote,
		transport: createHttpTransport({
			fetch: deps.fetch,
			deviceId: deps.deviceId,
			...(deps.baseUrl !== undefined ? { baseUrl: deps.baseUrl } : {})
		}),
		circles: () => Promise.resolve([deps.circleId]),
		// Pulled HLCs reach the clock once their envelope authenticated (member-records.ts).
		clock: { receive: () => undefined },
		pushBatchSize: deps.pushBatchSize ?? PUSH_LIMIT,
		pullPageSize: deps.pullPageSize ?? PULL_LIMIT
	});
	return async () => {
		ports.takeCounts();
		const run = await engine.sync();
		const counts = ports.takeCounts();
		const failure = runError(run);
		const offline = run.status.kind === 'offline';
		if (failure !== null) return { result: err(failure), offline };
		return { result: ok({ ...counts, pending: await deps.db.outbox.count() }), offline };
	};
}

/**
 * Runs one at a time, in call order (an access refresh and an engine run never interleave), and
 * tells every listener each outcome.
 */
export function serialise<A, R>(
	once: (arg: A) => Promise<R>
): {
	readonly run: (arg: A) => Promise<R>;
	readonly listen: (listener: (result: R) => void) => () => void;
	readonly clear: () => void;
} {
	let chain: Promise<unknown> = Promise.resolve();
	const listeners = new Set<(result: R) => void>();
	return {
		run(arg) {
			const next = chain.then(async () => {
				const result = await once(arg);
				for (const l of listeners) l(result);
				return result;
			});
			chain = next.catch(() => undefined);
			return next;
		},
		listen(listener) {
			listeners.add(listener);
			return () => {
				listeners.delete(listener);
			};
		},
		clear: () => {
			listeners.clear();
		}
	};
}
