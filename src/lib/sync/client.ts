// The sync engine: one run pushes the outbox, then pulls every circle from its checkpoint.
//
// Why: the vault only writes locally (record + outbox row in one transaction); this engine is the
// single place that moves envelopes between the outbox, the server and the vault, over injected
// ports, so it runs the same in the app, the service worker and the convergence simulation.
//
// Invariants (what makes "0 lost acknowledged writes, 0 duplicates" hold):
// - An outbox row leaves only when the server acknowledged that exact (id, hlc); anything else
//   (offline, 5xx, 401, lost response, missing ack) keeps it for the next run. Push is idempotent
//   by (id, hlc) on the server, so re-pushing after a lost response stores nothing twice.
// - A checkpoint advances only after its page was applied; a crash in between re-applies the page,
//   which merge absorbs (same version twice is a no-op).
// - Every pulled HLC is merged into the clock before the vault applies it, so the next local edit
//   sorts after what this device has seen.
// - An expired session (401) stops the run with `auth-required`; the outbox is left untouched.
// - A batch the server finds too large (413) is split in halves until it fits.
// - Runs are single-flight: calling `sync` while one is running returns the running one.
// - A pull answer under a new server epoch (a restored or moved database, where seqs start again),
//   or marked `reset` (the server went back to an older copy under the same epoch)
//   is not applied: the circle is pulled again from 0 and, once the whole circle was seen, every
//   local version the server did not return is queued and pushed in the same run (`RestorePort`).
import type {
	CheckpointPort,
	Envelope,
	RestorePort,
	OutboxPort,
	PulledEnvelope,
	PushAck,
	SyncFailure,
	SyncRun,
	SyncStatus,
	TransportError,
	TransportPort,
	VersionKey
} from './types';

export const DEFAULT_PUSH_BATCH = 200;
export const DEFAULT_PULL_PAGE = 500;

export interface SyncEngineDeps {
	readonly outbox: OutboxPort;
	readonly transport: TransportPort;
	readonly checkpoints: CheckpointPort;
	/** The circles this device pulls from (the person's own, and those they were invited to). */
	readonly circles: () => Promise<readonly string[]>;
	/** Verify, decrypt, parse and merge a pulled page into the vault (one transaction). */
	readonly applyRemote: (envelopes: readonly PulledEnvelope[]) => Promise<void>;
	readonly clock: { readonly receive: (hlc: string) => unknown };
	/** Restore-safe sync; without it epochs are ignored. */
	readonly restore?: RestorePort;
	readonly pushBatchSize?: number;
	readonly pullPageSize?: number;
}

export type SyncListener = (status: SyncStatus) => void;

export interface SyncEngine {
	readonly sync: () => Promise<SyncRun>;
	/** Recount pending writes after a local change, keeping the current state otherwise. */
	readonly refresh: () => Promise<SyncStatus>;
	readonly status: () => SyncStatus;
	readonly subscribe: (listener: SyncListener) => () => void;
}

type Step =
	| { readonly ok: true; readonly rejected: number; readonly resent?: number }
	| { readonly ok: false; readonly run: SyncRun };

function groupByCircle(envelopes: readonly Envelope[]): ReadonlyMap<string, readonly Envelope[]> {
	const groups = new Map<string, Envelope[]>();
	for (const e of envelopes) {
		const group = groups.get(e.circleId);
		if (group === undefined) groups.set(e.circleId, [e]);
		else group.push(e);
	}
	return groups;
}

/** Acks that match a pushed (id, hlc); anything else the server said is ignored. */
export function matchAcks(
	pushed: readonly Envelope[],
	acks: readonly PushAck[]
): {
	readonly acked: readonly VersionKey[];
	readonly rejected: readonly (VersionKey & { readonly error: string })[];
} {
	const keys = new Set(pushed.map((e) => `${e.id} ${e.hlc}`));
	const acked: VersionKey[] = [];
	const rejected: (VersionKey & { error: string })[] = [];
	for (const ack of acks) {
		const key = `${ack.id} ${ack.hlc}`;
		if (!keys.has(key)) continue;
		keys.delete(key);
		if ('error' in ack) rejected.push({ id: ack.id, hlc: ack.hlc, error: ack.error });
		else acked.push({ id: ack.id, hlc: ack.hlc });
	}
	return { acked, rejected };
}

function isTooLarge(error: TransportError): boolean {
	return error.type === 'bad-request' && error.status === 413;
}

function statusOf(pending: number): SyncStatus {
	return pending === 0 ? { kind: 'synced' } : { kind: 'pending', pending };
}

function failureRun(error: TransportError | SyncFailure, pending: number): SyncRun {
	switch (error.type) {
		case 'offline':
			return { status: { kind: 'offline', pending }, retry: { type: 'backoff', notBeforeMs: 0 } };
		case 'auth-required':
			return { status: { kind: 'auth-required', pending }, retry: { type: 'after-auth' } };
		case 'rate-limited':
			return {
				status: { kind: 'error', reason: error, pending },
				retry: { type: 'backoff', notBeforeMs: error.retryAfterMs ?? 0 }
			};
		case 'server':
		case 'invalid-response':
		case 'storage':
			return {
				status: { kind: 'error', reason: error, pending },
				retry: { type: 'backoff', notBeforeMs: 0 }
			};
		case 'forbidden':
		case 'forbidden-origin':
		case 'bad-request':
		case 'rejected':
			return { status: { kind: 'error', reason: error, pending }, retry: { type: 'none' } };
	}
}

export function createSyncEngine(deps: SyncEngineDeps): SyncEngine {
	const { outbox, transport, checkpoints, clock } = deps;
	const pushBatchSize = deps.pushBatchSize ?? DEFAULT_PUSH_BATCH;
	const pullPageSize = deps.pullPageSize ?? DEFAULT_PULL_PAGE;
	const listeners = new Set<SyncListener>();
	let current: SyncStatus = { kind: 'synced' };
	let inFlight: Promise<SyncRun> | null = null;

	const setStatus = (status: SyncStatus): void => {
		current = status;
		for (const listener of listeners) listener(status);
	};

	const fail = async (error: TransportError | SyncFailure): Promise<Step> => ({
		ok: false,
		run: failureRun(error, await outbox.count())
	});

	const push = async (): Promise<Step> => {
		let rejectedTotal = 0;
		// Shrinks when the server says a batch is too large (413), down to one envelope per request.
		let limit = pushBatchSize;
		for (;;) {
			const batch = await outbox.pending(limit);
			if (batch.length === 0) return { ok: true, rejected: rejectedTotal };
			let progress = 0;
			let shrunk = false;
			for (const [circleId, envelopes] of groupByCircle(batch)) {
				const response = await transport.push({ circleId, envelopes });
				if (!response.ok) {
					if (!isTooLarge(response.error) || envelopes.length === 1) return fail(response.error);
					limit = Math.ceil(envelopes.length / 2);
					shrunk = true;
					break;
				}
				const { acked, rejected } = matchAcks(envelopes, response.value.acks);
				if (acked.length > 0) await outbox.ack(acked);
				if (rejected.length > 0) await outbox.reject(rejected);
				progress += acked.length + rejected.length;
				rejectedTotal += rejected.length;
			}
			// A server that acknowledges nothing would make this loop spin: stop and back off.
			if (progress === 0 && !shrunk) return fail({ type: 'invalid-response' });
		}
	};

	const pullCircle = async (circleId: string): Promise<Step> => {
		const restore = deps.restore;
		let comparing = (await restore?.due(circleId)) ?? false;
		// A compare needs the whole circle: an interrupted one starts again from 0.
		let since = comparing ? 0 : await checkpoints.get(circleId);
		let sinceId = since === 0 ? null : ((await checkpoints.getId?.(circleId)) ?? null);
		let held = new Set<string>();
		let restarted = false;
		for (;;) {
			const response = await transport.pull({
				circleId,
				since,
				limit: pullPageSize,
				...(sinceId === null ? {} : { sinceId })
			});
			if (!response.ok) return fail(response.error);
			const { envelopes, checkpoint, hasMore, epoch, reset } = response.value;
			if (reset === true && (restore === undefined || epoch === undefined)) {
				// The server went back to an older copy: pull again from 0 (without a restore port
				// there is nothing to re-send from).
				if (restarted) return fail({ type: 'invalid-response' });
				await checkpoints.set(circleId, 0);
				restarted = true;
				since = 0;
				sinceId = null;
				continue;
			}
			if (restore !== undefined && epoch !== undefined) {
				const known = await restore.epoch(circleId);
				if (known === null && reset !== true) await restore.remember(circleId, epoch);
				else if (known !== epoch || reset === true) {
					// An epoch changing again within one pull is a server that cannot be followed.
					if (restarted) return fail({ type: 'invalid-response' });
					// Seqs of another database: this page means nothing against our checkpoint.
					await restore.begin(circleId, epoch);
					restarted = true;
					comparing = true;
					since = 0;
					sinceId = null;
					held = new Set();
					continue;
				}
			}
			const stale = envelopes.some((e) => e.seq <= since || e.seq > checkpoint);
			if (checkpoint < since || stale || (hasMore && checkpoint === since)) {
				return fail({ type: 'invalid-response' });
			}
			for (const e of envelopes) clock.receive(e.hlc);
			if (comparing) for (const e of envelopes) held.add(`${e.id} ${e.hlc}`);
			if (envelopes.length > 0) await deps.applyRemote(envelopes);
			if (checkpoint !== since) {
				// The last envelope of the page sits at the checkpoint: its id goes with it.
				const last = envelopes.at(-1);
				sinceId = last !== undefined && last.seq === checkpoint ? last.id : null;
				await checkpoints.set(circleId, checkpoint, sinceId ?? undefined);
			}
			if (!hasMore) {
				const resent = comparing && restore ? await restore.resend(circleId, held) : 0;
				return { ok: true, rejected: 0, resent };
			}
			since = checkpoint;
		}
	};

	const runOnce = async (): Promise<SyncRun> => {
		setStatus({ kind: 'syncing', pending: await outbox.count() });
		const pushed = await push();
		if (!pushed.ok) return pushed.run;
		let resent = 0;
		for (const circleId of await deps.circles()) {
			const pulled = await pullCircle(circleId);
			if (!pulled.ok) return pulled.run;
			resent += pulled.resent ?? 0;
		}
		if (resent > 0) {
			const again = await push();
			if (!again.ok) return again.run;
		}
		const pending = await outbox.count();
		if (pushed.rejected > 0) {
			return failureRun({ type: 'rejected', count: pushed.rejected }, pending);
		}
		return { status: statusOf(pending), retry: { type: 'none' } };
	};

	const guarded = async (): Promise<SyncRun> => {
		try {
			return await runOnce();
		} catch (error) {
			// A port threw: storage failed (quota, closed database). Nothing was acknowledged wrongly;
			// report and retry later. Counting may fail too: show the last known pending count.
			const message = error instanceof Error ? error.message : String(error);
			return failureRun({ type: 'storage', message }, 'pending' in current ? current.pending : 0);
		}
	};

	const sync = (): Promise<SyncRun> => {
		if (inFlight !== null) return inFlight;
		const running = guarded().then((run) => {
			inFlight = null;
			setStatus(run.status);
			return run;
		});
		inFlight = running;
		return running;
	};

	const refresh = async (): Promise<SyncStatus> => {
		if (inFlight !== null) return current;
		const pending = await outbox.count();
		switch (current.kind) {
			case 'synced':
			case 'pending':
			case 'syncing':
				setStatus(statusOf(pending));
				break;
			case 'offline':
			case 'auth-required':
			case 'error':
				setStatus({ ...current, pending });
				break;
		}
		return current;
	};

	return {
		sync,
		refresh,
		status: () => current,
		subscribe: (listener) => {
			listeners.add(listener);
			listener(current);
			return () => {
				listeners.delete(listener);
			};
		}
	};
}
