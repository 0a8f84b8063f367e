// Properties of the hybrid logical clock: the order merge relies on.
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	compareHlc,
	createClock,
	DEFAULT_MAX_DRIFT_MS,
	hlcFromString,
	hlcToString,
	isHlcString,
	isNodeId,
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

describe('hlc clock, exact values', () => {
	const ME = '8000000000000000';
	const at = (millis: number, counter: number, node: string) =>
		hlcToString({ millis, counter, node });
	function aClock(
		time: { value: number },
		extra: { last?: string; maxDriftMs?: number } = {}
	): Clock {
		const created = createClock({ now: () => time.value, nodeId: ME, ...extra });
		if (!created.ok) throw new Error(created.error.type);
		return created.value;
	}

	it('accepts only the whole 37-character form and a whole 16-digit node id', () => {
		const valid = at(T0, 1, ME);
		expect(isHlcString(valid)).toBe(true);
		expect(isHlcString(`x${valid}`)).toBe(false);
		expect(isHlcString(`${valid}0`)).toBe(false);
		expect(isNodeId(ME)).toBe(true);
		expect(isNodeId(`0${ME}`)).toBe(false);
		expect(isNodeId(`${ME}0`)).toBe(false);
		expect(createClock({ now: () => T0, nodeId: `${ME}0` }).ok).toBe(false);
	});

	it('uses the first 8 bytes for a node id and pads each byte to two digits', () => {
		expect(nodeIdFromBytes(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]))).toEqual({
			ok: true,
			value: '0102030405060708'
		});
	});

	it('refuses a persisted timestamp that is not one, and resumes under its own node id', () => {
		expect(createClock({ now: () => T0, nodeId: ME, last: 'yesterday' })).toEqual({
			ok: false,
			error: { type: 'invalid-hlc', value: 'yesterday' }
		});
		const clock = aClock({ value: T0 - DAY }, { last: at(T0, 3, '0000000000000001') });
		expect(clock.current()).toBe(at(T0, 3, ME));
		expect(clock.tick()).toBe(at(T0, 4, ME));
	});

	it('starts at zero and ticks at the wall clock, counter 0, then counts within a millisecond', () => {
		const time = { value: T0 };
		const clock = aClock(time);
		expect(clock.current()).toBe(at(0, 0, ME));
		expect(clock.tick()).toBe(at(T0, 0, ME));
		expect(clock.tick()).toBe(at(T0, 1, ME));
		time.value = T0 + 5;
		expect(clock.tick()).toBe(at(T0 + 5, 0, ME));
	});

	it('reads the wall clock in whole milliseconds within 0 and the 15-digit maximum', () => {
		const time = { value: T0 + 0.9 };
		expect(aClock(time).tick()).toBe(at(T0, 0, ME));
		expect(aClock({ value: -5 }).tick()).toBe(at(0, 1, ME));
		expect(aClock({ value: 10 ** 16 }).tick()).toBe(at(999_999_999_999_999, 0, ME));
	});

	it('uses every counter value of a millisecond before rolling over', () => {
		const clock = aClock({ value: T0 });
		let last = '';
		for (let i = 0; i <= MAX_COUNTER; i++) last = clock.tick();
		expect(last).toBe(at(T0, MAX_COUNTER, ME));
		expect(clock.tick()).toBe(at(T0 + 1, 0, ME));
	});

	it('merges a remote timestamp by the rules of the hybrid clock', () => {
		const time = { value: T0 };
		const clock = aClock(time);
		clock.tick(); // T0/0
		// Remote ahead of both: its millis, its counter + 1.
		expect(clock.receive(at(T0 + 10, 4, 'ffffffffffffffff'))).toEqual({
			ok: true,
			value: { hlc: at(T0 + 10, 5, ME), clamped: false }
		});
		// Same millis on both sides: the greater counter + 1.
		expect(clock.receive(at(T0 + 10, 9, '0000000000000001'))).toEqual({
			ok: true,
			value: { hlc: at(T0 + 10, 10, ME), clamped: false }
		});
		expect(clock.receive(at(T0 + 10, 2, '0000000000000001'))).toEqual({
			ok: true,
			value: { hlc: at(T0 + 10, 11, ME), clamped: false }
		});
		// The clock ahead of the remote: its own counter + 1.
		expect(clock.receive(at(T0 + 1, 7, '0000000000000001'))).toEqual({
			ok: true,
			value: { hlc: at(T0 + 10, 12, ME), clamped: false }
		});
		// The wall clock ahead of both: counter 0.
		time.value = T0 + 20;
		expect(clock.receive(at(T0 + 15, 7, '0000000000000001'))).toEqual({
			ok: true,
			value: { hlc: at(T0 + 20, 0, ME), clamped: false }
		});
		expect(clock.receive('garbage')).toEqual({
			ok: false,
			error: { type: 'invalid-hlc', value: 'garbage' }
		});
	});

	it('takes the counter of the side that holds the greatest millisecond, not the larger counter', () => {
		const time = { value: T0 };
		const clock = aClock(time);
		clock.tick();
		clock.tick();
		clock.tick(); // T0/2
		// Remote ahead with a smaller counter: its counter + 1, not max + 1.
		expect(clock.receive(at(T0 + 10, 1, 'ffffffffffffffff'))).toEqual({
			ok: true,
			value: { hlc: at(T0 + 10, 2, ME), clamped: false }
		});
		// The clock ahead, the remote behind with a larger counter: the clock's counter + 1.
		expect(clock.receive(at(T0 + 1, 50, 'ffffffffffffffff'))).toEqual({
			ok: true,
			value: { hlc: at(T0 + 10, 3, ME), clamped: false }
		});
	});

	it('compares a timestamp equal to itself as 0', () => {
		const a = at(T0, 1, ME);
		expect(compareHlc(a, at(T0, 1, ME))).toBe(0);
		expect(compareHlc(a, at(T0, 2, ME))).toBe(-1);
		expect(compareHlc(at(T0, 2, ME), a)).toBe(1);
	});

	it('clamps at exactly the drift bound, not before', () => {
		const time = { value: T0 };
		const clock = aClock(time, { maxDriftMs: 1_000 });
		expect(clock.receive(at(T0 + 1_000, 3, 'ffffffffffffffff'))).toEqual({
			ok: true,
			value: { hlc: at(T0 + 1_000, 4, ME), clamped: false }
		});
		const other = aClock(time, { maxDriftMs: 1_000 });
		expect(other.receive(at(T0 + 1_001, 3, 'ffffffffffffffff'))).toEqual({
			ok: true,
			value: { hlc: at(T0 + 1_000, 1, ME), clamped: true }
		});
		const byDefault = aClock(time);
		expect(byDefault.receive(at(T0 + DEFAULT_MAX_DRIFT_MS, 0, 'ffffffffffffffff'))).toEqual({
			ok: true,
			value: { hlc: at(T0 + DEFAULT_MAX_DRIFT_MS, 1, ME), clamped: false }
		});
		expect(byDefault.receive(at(T0 + DEFAULT_MAX_DRIFT_MS + 1, 0, 'ffffffffffffffff')).ok).toBe(
			true
		);
		expect(byDefault.current()).toBe(at(T0 + DEFAULT_MAX_DRIFT_MS, 2, ME));
	});

	it('an edit of a far-future version is its smallest successor and leaves the clock bounded', () => {
		const time = { value: T0 };
		const far = T0 + 400 * DAY;
		// A lower node: same millis and counter, our node breaks the tie.
		const lower = aClock(time);
		expect(lower.tickAfter(at(far, 7, '0000000000000001'))).toEqual({
			ok: true,
			value: at(far, 7, ME)
		});
		// The same or a higher node: the next counter.
		expect(aClock(time).tickAfter(at(far, 7, ME))).toEqual({ ok: true, value: at(far, 8, ME) });
		expect(aClock(time).tickAfter(at(far, 7, 'ffffffffffffffff'))).toEqual({
			ok: true,
			value: at(far, 8, ME)
		});
		// The last counter of a millisecond: the next millisecond.
		expect(aClock(time).tickAfter(at(far, MAX_COUNTER, 'ffffffffffffffff'))).toEqual({
			ok: true,
			value: at(far + 1, 0, ME)
		});
		const clock = aClock(time);
		clock.tickAfter(at(far, 7, 'ffffffffffffffff'));
		expect(clock.tick() < at(T0 + DEFAULT_MAX_DRIFT_MS + 1, 0, ME)).toBe(true);
		expect(aClock(time).tickAfter('garbage')).toEqual({
			ok: false,
			error: { type: 'invalid-hlc', value: 'garbage' }
		});
	});

	it('an edit of a version within the bound moves the clock past it', () => {
		const time = { value: T0 };
		const clock = aClock(time);
		const base = at(T0 + 60_000, 5, 'ffffffffffffffff');
		const edit = clock.tickAfter(base);
		expect(edit).toEqual({ ok: true, value: at(T0 + 60_000, 7, ME) });
		expect(clock.tick()).toBe(at(T0 + 60_000, 8, ME));
	});
});
