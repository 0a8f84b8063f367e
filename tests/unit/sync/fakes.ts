// Named fakes for the sync engine's ports: an outbox, a scripted server and a manual timer.
import { createSyncEngine, type SyncEngine } from '$lib/sync/client';
import { ok, type Result } from '$lib/domain/result';
import type {
	Envelope,
	PulledEnvelope,
	PullRequest,
	PullResponse,
	PushRequest,
	PushResponse,
	TransportError,
	VersionKey
} from '$lib/sync/types';

export const CIRCLE = '0190a000-0000-7000-8000-000000000001';

/** An envelope of the person's journal, with sensible defaults. */
export function anEnvelope(overrides: Partial<Envelope> = {}): Envelope {
	const id = overrides.id ?? '0190a000-0000-7000-8000-0000000000aa';
	return {
		id,
		circleId: CIRCLE,
		category: 'symptoms',
		hlc: '001750000000000-0000-0000000000000001',
		keyId: 'k1',
		iv: 'AAAAAAAAAAAAAAAA',
		ciphertext: 'Y2lwaGVydGV4dA',
		deleted: false,
		...overrides
	};
}

export interface FakeOutbox {
	rows: Envelope[];
	readonly rejected: (VersionKey & { readonly error: string })[];
}

export type PushHandler = (request: PushRequest) => Result<PushResponse, TransportError>;
export type PullHandler = (request: PullRequest) => Result<PullResponse, TransportError>;

/** A server that stores and acks everything, unless a test scripts the next responses. */
export interface FakeServer {
	readonly pushes: PushRequest[];
	readonly pulls: PullRequest[];
	readonly nextPush: PushHandler[];
	readonly nextPull: PullHandler[];
	readonly stored: PulledEnvelope[];
	/** The database's epoch sent with each pull answer (none when undefined, as older servers). */
	epoch: string | undefined;
}

/** The vault's restore state: epochs, compare marks, and what `resend` was asked to queue. */
export interface FakeRestore {
	readonly epochs: Map<string, string>;
	readonly due: Set<string>;
	/** Local versions ("id hlc") the device holds; `resend` queues those the server did not return. */
	readonly local: Envelope[];
	readonly resent: Envelope[];
}

export interface EngineWorld {
	readonly engine: SyncEngine;
	readonly outbox: FakeOutbox;
	readonly server: FakeServer;
	readonly applied: PulledEnvelope[];
	readonly received: string[];
	readonly checkpoints: Map<string, number>;
	/** Set to make the vault fail the next apply, as a full disk or a closed database would. */
	readonly faults: { applyFails: boolean };
	readonly restore: FakeRestore;
}

export function anEngineWorld(rows: readonly Envelope[] = []): EngineWorld {
	const outbox: FakeOutbox = { rows: [...rows], rejected: [] };
	const server: FakeServer = {
		pushes: [],
		pulls: [],
		nextPush: [],
		nextPull: [],
		stored: [],
		epoch: undefined
	};
	const restore: FakeRestore = { epochs: new Map(), due: new Set(), local: [], resent: [] };
	const applied: PulledEnvelope[] = [];
	const received: string[] = [];
	const checkpoints = new Map<string, number>();
	const faults = { applyFails: false };
	const storeAll: PushHandler = (request) =>
		ok({
			acks: request.envelopes.map((e) => {
				server.stored.push({ ...e, seq: server.stored.length + 1 });
				return { id: e.id, hlc: e.hlc, seq: server.stored.length };
			})
		});
	const page: PullHandler = ({ since, limit }) => {
		const envelopes = server.stored.slice(since, since + limit);
		return ok({
			envelopes,
			checkpoint: envelopes.at(-1)?.seq ?? since,
			hasMore: since + envelopes.length < server.stored.length,
			...(server.epoch === undefined ? {} : { epoch: server.epoch })
		});
	};
	const matches = (row: Envelope, key: VersionKey) => row.id === key.id && row.hlc === key.hlc;
	const engine = createSyncEngine({
		outbox: {
			pending: (limit) => Promise.resolve(outbox.rows.slice(0, limit)),
			count: () => Promise.resolve(outbox.rows.length),
			ack: (keys) => {
				outbox.rows = outbox.rows.filter((row) => !keys.some((k) => matches(row, k)));
				return Promise.resolve();
			},
			reject: (rejections) => {
				outbox.rejected.push(...rejections);
				outbox.rows = outbox.rows.filter((row) => !rejections.some((k) => matches(row, k)));
				return Promise.resolve();
			}
		},
		transport: {
			push: (request) => {
				server.pushes.push(request);
				return Promise.resolve((server.nextPush.shift() ?? storeAll)(request));
			},
			pull: (request) => {
				server.pulls.push(request);
				return Promise.resolve((server.nextPull.shift() ?? page)(request));
			}
		},
		checkpoints: {
			get: (circleId) => Promise.resolve(checkpoints.get(circleId) ?? 0),
			set: (circleId, seq) => {
				checkpoints.set(circleId, seq);
				return Promise.resolve();
			}
		},
		restore: {
			epoch: (circleId) => Promise.resolve(restore.epochs.get(circleId) ?? null),
			remember: (circleId, epoch) => {
				restore.epochs.set(circleId, epoch);
				return Promise.resolve();
			},
			begin: (circleId, epoch) => {
				restore.epochs.set(circleId, epoch);
				checkpoints.set(circleId, 0);
				restore.due.add(circleId);
				return Promise.resolve();
			},
			due: (circleId) => Promise.resolve(restore.due.has(circleId)),
			resend: (circleId, held) => {
				const missing = restore.local.filter((e) => !held.has(`${e.id} ${e.hlc}`));
				restore.resent.push(...missing);
				outbox.rows.push(...missing);
				restore.due.delete(circleId);
				return Promise.resolve(missing.length);
			}
		},
		circles: () => Promise.resolve([CIRCLE]),
		applyRemote: (envelopes) => {
			if (faults.applyFails) return Promise.reject(new Error('QuotaExceededError'));
			applied.push(...envelopes);
			return Promise.resolve();
		},
		clock: { receive: (hlc) => received.push(hlc) },
		pushBatchSize: 2,
		pullPageSize: 2
	});
	return { engine, outbox, server, applied, received, checkpoints, faults, restore };
}

/** Timers you advance by hand: `schedule` for the scheduler, `advance(ms)` in the test. */
export function aManualTimer(): {
	readonly schedule: (fn: () => void, ms: number) => () => void;
	readonly advance: (ms: number) => void;
	readonly pending: () => readonly number[];
} {
	let now = 0;
	let tasks: { at: number; fn: () => void; id: number }[] = [];
	let nextId = 0;
	return {
		schedule: (fn, ms) => {
			const id = nextId++;
			tasks.push({ at: now + ms, fn, id });
			return () => {
				tasks = tasks.filter((t) => t.id !== id);
			};
		},
		advance: (ms) => {
			const until = now + ms;
			for (;;) {
				const due = tasks.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
				if (due === undefined) break;
				tasks = tasks.filter((t) => t.id !== due.id);
				now = due.at;
				due.fn();
			}
			now = until;
		},
		pending: () => tasks.map((t) => t.at - now)
	};
}
