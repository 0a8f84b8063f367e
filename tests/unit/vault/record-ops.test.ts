// The one write rule and merge rule (src/lib/vault/record-ops.ts) shared by the person's vault and
// the member circle: ops become versions stamped after what they replace, with their author; a
// stale edit is a conflict; a pulled version merges by HLC and keeps a concurrent loser.
import { describe, expect, it } from 'vitest';
import { createClock } from '../../../src/lib/sync/hlc';
import type { StoredRecord } from '../../../src/lib/vault/buckets';
import { applyOps, mergeIncoming } from '../../../src/lib/vault/record-ops';

function clockAt(ms: number, nodeId = '00000000000000aa') {
	const clock = createClock({ now: () => ms, nodeId });
	if (!clock.ok) throw new Error('clock');
	return clock.value;
}

const note = (id: string, text: string) =>
	({ type: 'put', id, kind: 'note', category: 'notes', at: 1, body: { text } }) as const;

describe('applyOps', () => {
	it('writes puts, then an edit and a delete of the same record in order, each after the last', () => {
		const clock = clockAt(1_000);
		const applied = applyOps(
			new Map(),
			[note('a', 'one'), note('a', 'two'), { type: 'delete', id: 'a', category: 'notes' }],
			clock,
			'claire'
		);
		if (!applied.ok) throw new Error(applied.error.type);
		const [first, second, third] = applied.value.written;
		expect(first).toMatchObject({ id: 'a', body: { text: 'one' }, author: 'claire' });
		expect(first?.base).toBeUndefined();
		expect(second).toMatchObject({ body: { text: 'two' }, base: first?.hlc, author: 'claire' });
		expect(third).toMatchObject({ deleted: true, base: second?.hlc, author: 'claire' });
		expect((second?.hlc ?? '') > (first?.hlc ?? '')).toBe(true);
		expect((third?.hlc ?? '') > (second?.hlc ?? '')).toBe(true);
		expect([...applied.value.records.values()]).toEqual([third]);
	});

	it('keeps the author of the version a delete replaces when no author is given', () => {
		const prev: StoredRecord = {
			id: 'a',
			kind: 'note',
			at: 1,
			hlc: '000000000001000-0000-00000000000000bb',
			deleted: false,
			author: 'marie',
			body: { text: 'x' }
		};
		const applied = applyOps(
			new Map([['a', prev]]),
			[{ type: 'delete', id: 'a', category: 'notes' }],
			clockAt(2_000)
		);
		expect(applied.ok && applied.value.written[0]).toMatchObject({
			author: 'marie',
			deleted: true
		});
	});

	it('marks a put restored from a file with its own author, over the commit’s or none', () => {
		const applied = applyOps(
			new Map(),
			[note('a', 'mine'), { ...note('b', 'the GP’s'), author: 'dr-martin' }],
			clockAt(1_000)
		);
		if (!applied.ok) throw new Error(applied.error.type);
		const [mine, gp] = applied.value.written;
		expect(mine?.author).toBeUndefined();
		expect(gp?.author).toBe('dr-martin');
		const over = applyOps(
			new Map(),
			[{ ...note('c', 'x'), author: 'dr-martin' }],
			clockAt(2_000),
			'claire'
		);
		expect(over.ok && over.value.written[0]?.author).toBe('dr-martin');
	});

	it('refuses a stale edit and an edit of nothing, applying none of the ops', () => {
		const existing = applyOps(new Map(), [note('a', 'one')], clockAt(1_000));
		if (!existing.ok) throw new Error('put');
		const records = existing.value.records;
		const stale = applyOps(
			records,
			[note('b', 'new'), { ...note('a', 'two'), expectedHlc: 'not-the-current-one' }],
			clockAt(2_000)
		);
		expect(stale).toMatchObject({ ok: false, error: { type: 'conflict', id: 'a' } });
		expect(
			applyOps(records, [{ type: 'restore', id: 'z', category: 'notes' }], clockAt(3))
		).toEqual({ ok: false, error: { type: 'not-found', id: 'z' } });
		expect([...records.keys()]).toEqual(['a']);
	});
});

describe('mergeIncoming', () => {
	const version = (hlc: string, text: string, base?: string): StoredRecord => ({
		id: 'a',
		kind: 'note',
		at: 1,
		hlc,
		deleted: false,
		body: { text },
		...(base === undefined ? {} : { base })
	});
	const h1 = '000000000001000-0000-00000000000000aa';
	const h2 = '000000000002000-0000-00000000000000bb';
	const h3 = '000000000003000-0000-00000000000000aa';

	it('takes a newer version, ignores an older one and the same one again', () => {
		expect(mergeIncoming(undefined, version(h1, 'one'))).toEqual(version(h1, 'one'));
		expect(mergeIncoming(version(h1, 'one'), version(h3, 'two', h1))).toEqual(
			version(h3, 'two', h1)
		);
		expect(mergeIncoming(version(h3, 'two', h1), version(h1, 'one'))).toBeNull();
		expect(mergeIncoming(version(h1, 'one'), version(h1, 'one'))).toBeNull();
	});

	it('keeps the loser of two concurrent edits in `conflict`, whichever arrives first', () => {
		const a = version(h2, 'from b', h1);
		const b = version(h3, 'from a', h1);
		// The loser keeps its time and base, so the device that wrote it can still send it on.
		const kept = { hlc: h2, body: { text: 'from b' }, at: a.at, base: h1 };
		expect(mergeIncoming(a, b)).toEqual({ ...b, conflict: kept });
		expect(mergeIncoming(b, a)).toEqual({ ...b, conflict: kept });
	});
});
