// Hybrid logical clock (after Actual's `crdt/timestamp.ts` and Evolu's `Timestamp.ts`).
//
// Why: devices' wall clocks disagree (by up to a day on a badly set phone), yet last-writer-wins
// needs one total order of writes that respects causality: a write made after seeing another one
// must sort after it, whatever the local wall clock says.
//
// Invariant: every timestamp a clock issues is strictly greater than every timestamp it issued or
// received before (within the drift bound below; `tickAfter` is the one documented exception), and
// the string encoding sorts exactly like the timestamps, so plain string comparison is the order
// everywhere (IndexedDB, SQL, merge).
//
// Wire format (37 chars, fixed width, also what `hlcSchema` in the contracts accepts):
//   MMMMMMMMMMMMMMM-CCCC-NNNNNNNNNNNNNNNN
//   M: physical milliseconds since the Unix epoch, 15 decimal digits, zero-padded
//   C: logical counter, 4 lowercase hex digits (0000..ffff)
//   N: node id, 16 lowercase hex digits (64 random bits per device); breaks ties, so two devices
//      can never issue equal timestamps.
//
// Drift rule: a remote timestamp more than `maxDriftMs` (default 24 h + 1 min) ahead of the local
// wall clock is still a valid timestamp for ordering (merge compares it like any other), but the
// clock does not advance beyond `now + maxDriftMs`: one device with a wrong date cannot drag every
// other clock into the future forever. `receive` reports `clamped: true` so the caller can log it.
// An edit of a record carrying such a timestamp uses `tickAfter(base)`, which still issues a
// timestamp greater than the base (so the edit wins over the version it was made on) without
// moving the clock itself.
//
// Counter overflow: more than 65,536 events in one millisecond roll over into the next
// millisecond (logical time runs at most a few ms ahead of the wall clock and catches up).
import { err, ok, type Result } from '$lib/domain/result';

export const HLC_LENGTH = 37;
export const MAX_COUNTER = 0xffff;
/** 999,999,999,999,999 ms: the largest millisecond value that fits the 15-digit field. */
export const MAX_MILLIS = 999_999_999_999_999;
export const DEFAULT_MAX_DRIFT_MS = 24 * 60 * 60 * 1000 + 60 * 1000;
export const HLC_PATTERN = /^\d{15}-[0-9a-f]{4}-[0-9a-f]{16}$/;
const NODE_PATTERN = /^[0-9a-f]{16}$/;

export interface Hlc {
	readonly millis: number;
	readonly counter: number;
	readonly node: string;
}

export type HlcError =
	| { readonly type: 'invalid-hlc'; readonly value: string }
	| { readonly type: 'invalid-node'; readonly value: string };

export function isHlcString(value: string): boolean {
	return HLC_PATTERN.test(value);
}

export function isNodeId(value: string): boolean {
	return NODE_PATTERN.test(value);
}

/** A fresh random node id from injected randomness (e.g. `crypto.getRandomValues`). */
export function nodeIdFromBytes(bytes: Uint8Array): Result<string, HlcError> {
	const hex = Array.from(bytes.slice(0, 8), (b) => b.toString(16).padStart(2, '0')).join('');
	return isNodeId(hex) ? ok(hex) : err({ type: 'invalid-node', value: hex });
}

export function hlcToString(hlc: Hlc): string {
	return `${String(hlc.millis).padStart(15, '0')}-${hlc.counter.toString(16).padStart(4, '0')}-${hlc.node}`;
}

export function hlcFromString(value: string): Result<Hlc, HlcError> {
	if (!isHlcString(value)) return err({ type: 'invalid-hlc', value });
	return ok({
		millis: Number(value.slice(0, 15)),
		counter: parseInt(value.slice(16, 20), 16),
		node: value.slice(21)
	});
}

/** Total order of encoded timestamps: -1, 0 or 1. Plain string order by construction. */
export function compareHlc(a: string, b: string): -1 | 0 | 1 {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** The smallest timestamp of `node` that is greater than `after` (counter overflow rolls over). */
function successor(after: Hlc, node: string): Hlc {
	const next = { millis: after.millis, counter: after.counter, node };
	if (node > after.node) return next;
	return after.counter < MAX_COUNTER
		? { ...next, counter: after.counter + 1 }
		: { ...next, millis: after.millis + 1, counter: 0 };
}

export interface ClockDeps {
	/** Wall clock in ms since the epoch (injected: `Date.now` in the app, a fake in tests). */
	readonly now: () => number;
	/** 16 lowercase hex digits, stable per device. */
	readonly nodeId: string;
	/** The last timestamp this device issued, persisted across reloads. */
	readonly last?: string;
	readonly maxDriftMs?: number;
}

export interface ReceiveOutcome {
	/** The clock's timestamp after the merge (not itself an event timestamp). */
	readonly hlc: string;
	/** true when the remote timestamp was beyond the drift bound and the clock stopped short of it. */
	readonly clamped: boolean;
}

export interface Clock {
	/** A new timestamp for a local event, greater than everything seen before. */
	readonly tick: () => string;
	/**
	 * A new timestamp for an edit made on the version `base`: greater than `base` even when `base`
	 * lies beyond the drift bound (the clock itself then stays within the bound).
	 */
	readonly tickAfter: (base: string) => Result<string, HlcError>;
	/** Merge a timestamp seen on a remote record into the clock. */
	readonly receive: (remote: string) => Result<ReceiveOutcome, HlcError>;
	/** The last issued or merged timestamp, to persist. */
	readonly current: () => string;
}

export function createClock(deps: ClockDeps): Result<Clock, HlcError> {
	const { now, nodeId } = deps;
	const maxDriftMs = deps.maxDriftMs ?? DEFAULT_MAX_DRIFT_MS;
	if (!isNodeId(nodeId)) return err({ type: 'invalid-node', value: nodeId });
	let last: Hlc = { millis: 0, counter: 0, node: nodeId };
	if (deps.last !== undefined) {
		const parsed = hlcFromString(deps.last);
		if (!parsed.ok) return parsed;
		last = { ...parsed.value, node: nodeId };
	}

	const wall = (): number => Math.min(Math.max(0, Math.floor(now())), MAX_MILLIS);

	const advance = (millis: number, counter: number): Hlc => {
		if (counter > MAX_COUNTER) return { millis: millis + 1, counter: 0, node: nodeId };
		return { millis, counter, node: nodeId };
	};

	const tick = (): string => {
		const physical = wall();
		last = physical > last.millis ? advance(physical, 0) : advance(last.millis, last.counter + 1);
		return hlcToString(last);
	};

	const receive = (remote: string): Result<ReceiveOutcome, HlcError> => {
		const parsed = hlcFromString(remote);
		if (!parsed.ok) return parsed;
		const physical = wall();
		const bound = physical + maxDriftMs;
		const clamped = parsed.value.millis > bound;
		const theirs: Hlc = clamped ? { millis: bound, counter: 0, node: nodeId } : parsed.value;
		const millis = Math.max(last.millis, theirs.millis, physical);
		const counter =
			millis === last.millis && millis === theirs.millis
				? Math.max(last.counter, theirs.counter) + 1
				: millis === last.millis
					? last.counter + 1
					: millis === theirs.millis
						? theirs.counter + 1
						: 0;
		last = advance(millis, counter);
		return ok({ hlc: hlcToString(last), clamped });
	};

	const tickAfter = (base: string): Result<string, HlcError> => {
		const parsedBase = hlcFromString(base);
		if (!parsedBase.ok) return parsedBase;
		receive(base);
		const next = tick();
		// Past the drift bound `next` can still be below `base`: issue the successor of `base`
		// without moving the clock there (so that one timestamp is the only one beyond the bound).
		return ok(next > base ? next : hlcToString(successor(parsedBase.value, nodeId)));
	};

	return ok({ tick, tickAfter, receive, current: () => hlcToString(last) });
}
