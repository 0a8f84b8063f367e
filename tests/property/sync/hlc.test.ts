// Properties of the hybrid logical clock: the order merge relies on.
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	compareHlc,
	createClock,
	DEFAULT_MAX_DRIFT_MS,
	hlcFromString,
	hlcToString,
	MAX_COUNTER,
	nodeIdFromBytes,
	type Clock,
	type Hlc
} from '$lib/sync/hlc';

const DAY = 24 * 60 * 60 * 1000;
const T0 = 1_750_000_000_000;

const nodeArb = fc.stringMatching(/^[0-9a-f]{16}$/);
const hlcArb: fc.Arbitrary<Hlc> = fc.record({
	millis: fc.integer({ min: 0, max: 4_000_000_000_000 }),
	counter: fc.integer({ min: 0, max: MAX_COUNTER }),
	node: nodeArb
});

function clockAt(time: { value: number }, nodeId: string): Clock {
	const created = createClock({ now: () => time.value, nodeId });
	if (!created.ok) throw new Error(created.error.type);
	return created.value;
}

function tupleCompare(a: Hlc, b: Hlc): number {
	return Math.sign(
		a.millis - b.millis || a.counter - b.counter || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0)
	);
}

type Step =
	| { readonly type: 'tick' }
	| {
			readonly type: 'receive';
			readonly offset: number;
			readonly counter: number;
			readonly node: string;
	  }
	| { readonly type: 'time'; readonly delta: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
	fc.constant<Step>({ type: 'tick' }),
	fc.record({
		type: fc.constant<'receive'>('receive'),
		offset: fc.integer({ min: -2 * DAY, max: DAY }),
		counter: fc.integer({ min: 0, max: MAX_COUNTER }),
		node: nodeArb
	}),
	fc.record({ type: fc.constant<'time'>('time'), delta: fc.integer({ min: -DAY, max: DAY }) })
);

describe('hlc encoding', () => {
	it('round-trips and string order equals (millis, counter, node) order', () => {
		fc.assert(
			fc.property(hlcArb, hlcArb, (a, b) => {
				const sa = hlcToString(a);
				const sb = hlcToString(b);
				expect(hlcFromString(sa)).toEqual({ ok: true, value: a });
				expect(compareHlc(sa, sb)).toBe(tupleCompare(a, b));
				expect(compareHlc(sb, sa)).toBe(-tupleCompare(a, b));
			})
		);
	});

	it('rejects malformed timestamps as values', () => {
		expect(hlcFromString('2024-01-01T00:00:00Z')).toEqual({
			ok: false,
			error: { type: 'invalid-hlc', value: '2024-01-01T00:00:00Z' }
		});
		expect(createClock({ now: () => T0, nodeId: 'XYZ' }).ok).toBe(false);
	});

	it('makes node ids from 8 random bytes', () => {
		expect(nodeIdFromBytes(new Uint8Array([0, 1, 2, 171, 205, 239, 16, 255]))).toEqual({
			ok: true,
			value: '000102abcdef10ff'
		});
		expect(nodeIdFromBytes(new Uint8Array(4)).ok).toBe(false);
	});
});

describe('hlc clock', () => {
	it('is strictly monotonic across ticks, receives and wall-clock jumps (within drift)', () => {
		fc.assert(
			fc.property(nodeArb, fc.array(stepArb, { maxLength: 200 }), (node, steps) => {
				const time = { value: T0 };
				const clock = clockAt(time, node);
				let previous = clock.current();
				for (const step of steps) {
					if (step.type === 'time') {
						time.value += step.delta;
						continue;
					}
					const next =
						step.type === 'tick'
							? clock.tick()
							: clock.receive(
									hlcToString({
										millis: time.value + step.offset,
										counter: step.counter,
										node: step.node
									})
								);
					const value = typeof next === 'string' ? next : next.ok ? next.value.hlc : previous;
					expect(compareHlc(value, previous)).toBe(1);
					previous = value;
				}
			})
		);
	});

	it('a tick after receive is greater than both the remote and everything before', () => {
		fc.assert(
			fc.property(nodeArb, hlcArb, fc.integer({ min: 0, max: 50 }), (node, remote, ticks) => {
				const time = { value: remote.millis };
				const clock = clockAt(time, node);
				const before: string[] = [];
				for (let i = 0; i < ticks; i++) before.push(clock.tick());
				time.value = remote.millis - DAY;
				const remoteString = hlcToString(remote);
				const received = clock.receive(remoteString);
				expect(received.ok && !received.value.clamped).toBe(true);
				const next = clock.tick();
				expect(compareHlc(next, remoteString)).toBe(1);
				for (const b of before) expect(compareHlc(next, b)).toBe(1);
			})
		);
	});

	it('two clocks never issue equal timestamps (node id breaks ties)', () => {
		fc.assert(
			fc.property(nodeArb, nodeArb, fc.integer({ min: 1, max: 100 }), (a, b, n) => {
				fc.pre(a !== b);
				const time = { value: T0 };
				const ca = clockAt(time, a);
				const cb = clockAt(time, b);
				const seen = new Set<string>();
				for (let i = 0; i < n; i++) {
					seen.add(ca.tick());
					seen.add(cb.tick());
				}
				expect(seen.size).toBe(2 * n);
			})
		);
	});

	it('a far-future remote does not drag the clock beyond the drift bound', () => {
		fc.assert(
			fc.property(
				nodeArb,
				fc.integer({ min: DEFAULT_MAX_DRIFT_MS + 1, max: 400 * DAY }),
				(node, ahead) => {
					const time = { value: T0 };
					const clock = clockAt(time, node);
					const remote = hlcToString({ millis: T0 + ahead, counter: 7, node: 'ffffffffffffffff' });
					const received = clock.receive(remote);
					expect(received.ok && received.value.clamped).toBe(true);
					const next = hlcFromString(clock.tick());
					expect(next.ok && next.value.millis <= T0 + DEFAULT_MAX_DRIFT_MS).toBe(true);
					// An edit of the far-future version still sorts after it, and the clock stays bounded.
					const edit = clock.tickAfter(remote);
					expect(edit.ok && compareHlc(edit.value, remote) === 1).toBe(true);
					const after = hlcFromString(clock.tick());
					expect(after.ok && after.value.millis <= T0 + DEFAULT_MAX_DRIFT_MS).toBe(true);
				}
			)
		);
	});

	it('tickAfter is always greater than its base and than the clock', () => {
		fc.assert(
			fc.property(
				nodeArb,
				hlcArb,
				fc.integer({ min: -400 * DAY, max: 400 * DAY }),
				(node, base, skew) => {
					const time = { value: Math.max(0, base.millis + skew) };
					const clock = clockAt(time, node);
					const earlier = clock.tick();
					const baseString = hlcToString(base);
					const edit = clock.tickAfter(baseString);
					expect(edit.ok).toBe(true);
					if (!edit.ok) return;
					expect(compareHlc(edit.value, baseString)).toBe(1);
					expect(compareHlc(edit.value, earlier)).toBe(1);
				}
			)
		);
	});

	it('counter overflow rolls into the next millisecond and stays monotonic', () => {
		const time = { value: T0 };
		const clock = clockAt(time, '0123456789abcdef');
		let previous = clock.tick();
		for (let i = 0; i < MAX_COUNTER + 10; i++) {
			const next = clock.tick();
			expect(next > previous).toBe(true);
			previous = next;
		}
		const last = hlcFromString(previous);
		expect(last.ok && last.value.millis).toBe(T0 + 1);
	});

	it('resumes from a persisted timestamp without going back', () => {
		const time = { value: T0 - DAY };
		const last = hlcToString({ millis: T0, counter: 3, node: '0000000000000001' });
		const created = createClock({ now: () => time.value, nodeId: '0123456789abcdef', last });
		expect(created.ok && created.value.tick() > last).toBe(true);
	});
});
