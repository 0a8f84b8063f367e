// An in-memory world for the convergence property: a server model, a faulty network and devices
// running the real sync engine, clock and merge. Plain objects, no crypto: an envelope's
// "ciphertext" is the JSON of { base, body } so the simulation runs thousands of syncs per second.
//
// Server model (DESIGN: Sync protocol): push is idempotent by (id, hlc) and assigns a per-circle,
// strictly increasing seq; pull pages by seq. The network drops requests or responses, duplicates
// and delays (reorders) requests, each with the given probability in total.
import * as z from 'zod';
import { createSyncEngine, type SyncEngine } from '$lib/sync/client';
import { createClock, type Clock } from '$lib/sync/hlc';
import { merge, type Versioned } from '$lib/sync/merge';
import { err, ok, type Result } from '$lib/domain/result';
import type {
	Envelope,
	PulledEnvelope,
	PullRequest,
	PullResponse,
	PushAck,
	PushRequest,
	PushResponse,
	TransportError,
	TransportPort,
	VersionKey
} from '$lib/sync/types';

const OFFLINE: TransportError = { type: 'offline' };
const payloadSchema = z.object({
	base: z.string().nullable(),
	body: z.object({ text: z.string() }).nullable()
});

export type Body = z.infer<typeof payloadSchema>['body'];
export type Version = Versioned<Body>;
export const CIRCLE = 'c1';

/** mulberry32: a tiny deterministic PRNG so one integer seed replays a whole world. */
export function createRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export const versionKey = (id: string, hlc: string): string => `${id} ${hlc}`;

export interface Server {
	readonly log: readonly PulledEnvelope[];
	readonly stored: ReadonlyMap<string, number>;
	readonly push: (request: PushRequest) => PushResponse;
	readonly pull: (request: PullRequest) => PullResponse;
}

export function createServer(): Server {
	const log: PulledEnvelope[] = [];
	const stored = new Map<string, number>();
	return {
		log,
		stored,
		push: (request) => {
			const acks: PushAck[] = request.envelopes.map((envelope) => {
				const key = versionKey(envelope.id, envelope.hlc);
				const existing = stored.get(key);
				if (existing !== undefined) return { id: envelope.id, hlc: envelope.hlc, seq: existing };
				const seq = log.length + 1;
				log.push({ ...envelope, seq });
				stored.set(key, seq);
				return { id: envelope.id, hlc: envelope.hlc, seq };
			});
			return { acks };
		},
		pull: ({ since, limit }) => {
			const envelopes = log.slice(since, since + limit);
			const last = envelopes.at(-1);
			return {
				envelopes,
				checkpoint: last === undefined ? since : last.seq,
				hasMore: since + envelopes.length < log.length
			};
		}
	};
}

export interface Network {
	faultRate: number;
	readonly faults: () => number;
	readonly delayed: (() => void)[];
	readonly transport: (isOnline: () => boolean) => TransportPort;
	readonly deliverOne: () => void;
	readonly deliverAll: () => void;
}

export function createNetwork(server: Server, random: () => number, faultRate: number): Network {
	const delayed: (() => void)[] = [];
	let faults = 0;
	const network: Network = {
		faultRate,
		faults: () => faults,
		delayed,
		transport: (isOnline) => {
			const send = <Q, R>(deliver: (request: Q) => R, request: Q): Result<R, TransportError> => {
				if (!isOnline()) return err(OFFLINE);
				if (random() >= network.faultRate) return ok(deliver(request));
				faults += 1;
				const fault = Math.floor(random() * 4);
				if (fault === 0) return err(OFFLINE); // request lost
				if (fault === 1) {
					deliver(request); // response lost
					return err(OFFLINE);
				}
				if (fault === 2) {
					deliver(request); // duplicated: the server sees it twice
					return ok(deliver(request));
				}
				delayed.push(() => {
					deliver(request); // reordered: arrives after later requests, response lost
				});
				return err(OFFLINE);
			};
			return {
				push: (request) => Promise.resolve(send(server.push, request)),
				pull: (request) => Promise.resolve(send(server.pull, request))
			};
		},
		deliverOne: () => {
			const index = Math.floor(random() * delayed.length);
			const [deliver] = delayed.splice(index, 1);
			deliver?.();
		},
		deliverAll: () => {
			while (delayed.length > 0) network.deliverOne();
		}
	};
	return network;
}

export function decodeVersion(envelope: Envelope): Version {
	const payload = payloadSchema.parse(JSON.parse(envelope.ciphertext));
	return {
		id: envelope.id,
		hlc: envelope.hlc,
		base: payload.base,
		deleted: envelope.deleted,
		body: payload.body
	};
}

function encodeVersion(version: Version): Envelope {
	return {
		id: version.id,
		circleId: CIRCLE,
		category: 'notes',
		hlc: version.hlc,
		keyId: 'k1',
		iv: 'AAAAAAAAAAAAAAAA',
		ciphertext: JSON.stringify({ base: version.base, body: version.body }),
		deleted: version.deleted
	};
}

export interface Device {
	readonly name: string;
	online: boolean;
	readonly replica: ReadonlyMap<string, Version>;
	readonly outbox: ReadonlyMap<string, Envelope>;
	/** Latest local write per record (what the person did on this device). */
	readonly lastLocal: ReadonlyMap<string, string>;
	/** Every (id, hlc) the server acknowledged to this device. */
	readonly acked: readonly VersionKey[];
	readonly rejected: readonly VersionKey[];
	readonly checkpoint: () => number;
	readonly conflicts: () => number;
	readonly engine: SyncEngine;
	readonly create: (text: string) => void;
	readonly edit: (id: string, text: string) => void;
	readonly remove: (id: string) => void;
	readonly liveIds: () => readonly string[];
}

export function createDevice(
	index: number,
	network: Network,
	now: () => number,
	/** A storage failure (quota, tab crash) at the worst moment: that write does not happen. */
	storageFails: () => boolean = () => false
): Device {
	const nodeId = (index + 1).toString(16).padStart(16, '0');
	const created = createClock({ now, nodeId });
	if (!created.ok) throw new Error(created.error.type);
	const clock: Clock = created.value;
	const replica = new Map<string, Version>();
	const outbox = new Map<string, Envelope>();
	const lastLocal = new Map<string, string>();
	const acked: VersionKey[] = [];
	const rejected: VersionKey[] = [];
	let checkpoint = 0;
	let conflicts = 0;
	let created_ = 0;

	const commit = (version: Version): void => {
		replica.set(version.id, version);
		outbox.set(version.id, encodeVersion(version));
		lastLocal.set(version.id, version.hlc);
	};

	const successorOf = (id: string): { base: string; hlc: string } | null => {
		const current = replica.get(id);
		if (current === undefined || current.deleted) return null;
		const hlc = clock.tickAfter(current.hlc);
		if (!hlc.ok) throw new Error(hlc.error.type);
		return { base: current.hlc, hlc: hlc.value };
	};

	const device: Device = {
		name: `device-${index}`,
		online: true,
		replica,
		outbox,
		lastLocal,
		acked,
		rejected,
		checkpoint: () => checkpoint,
		conflicts: () => conflicts,
		engine: createSyncEngine({
			outbox: {
				pending: (limit) => Promise.resolve([...outbox.values()].slice(0, limit)),
				count: () => Promise.resolve(outbox.size),
				ack: (versions) => {
					if (storageFails()) return Promise.reject(new Error('storage fault before ack'));
					for (const v of versions) {
						acked.push(v);
						if (outbox.get(v.id)?.hlc === v.hlc) outbox.delete(v.id);
					}
					return Promise.resolve();
				},
				reject: (rejections) => {
					for (const r of rejections) {
						rejected.push(r);
						if (outbox.get(r.id)?.hlc === r.hlc) outbox.delete(r.id);
					}
					return Promise.resolve();
				}
			},
			transport: network.transport(() => device.online),
			checkpoints: {
				get: () => Promise.resolve(checkpoint),
				set: (_circle, seq) => {
					checkpoint = seq;
					return Promise.resolve();
				}
			},
			circles: () => Promise.resolve([CIRCLE]),
			applyRemote: (envelopes) => {
				if (storageFails()) return Promise.reject(new Error('storage fault before apply'));
				for (const envelope of envelopes) {
					const outcome = merge(replica.get(envelope.id), decodeVersion(envelope), {
						differs: (a, b) => a?.text !== b?.text
					});
					if (outcome.conflict !== undefined) conflicts += 1;
					if (outcome.changed) replica.set(envelope.id, outcome.winner);
				}
				return Promise.resolve();
			},
			clock,
			pushBatchSize: 25,
			pullPageSize: 40
		}),
		create: (text) => {
			created_ += 1;
			commit({
				id: `r${index}-${created_}`,
				hlc: clock.tick(),
				base: null,
				deleted: false,
				body: { text }
			});
		},
		edit: (id, text) => {
			const next = successorOf(id);
			if (next !== null) commit({ id, ...next, deleted: false, body: { text } });
		},
		remove: (id) => {
			const next = successorOf(id);
			if (next !== null) commit({ id, ...next, deleted: true, body: null });
		},
		liveIds: () => [...replica.values()].filter((v) => !v.deleted).map((v) => v.id)
	};
	return device;
}
