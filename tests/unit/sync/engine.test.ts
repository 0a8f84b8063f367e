// The sync engine as the UI sees it: status values, and what happens to the outbox when the
// server says 401, refuses some envelopes, or answers nonsense.
import { describe, expect, it } from 'vitest';
import { err, ok } from '$lib/domain/result';
import type { RetryAdvice, SyncStatus, TransportError } from '$lib/sync/types';
import { anEngineWorld, anEnvelope, CIRCLE } from './fakes';

const hlc = (n: number) => `00175000000000${n}-0000-0000000000000001`;
const rows = (n: number) =>
	Array.from({ length: n }, (_, i) =>
		anEnvelope({ id: `0190a000-0000-7000-8000-00000000000${i}`, hlc: hlc(i) })
	);

describe('sync engine', () => {
	it('goes synced → syncing (pending N) → synced, pushing in batches and pulling in pages', async () => {
		const world = anEngineWorld(rows(3));
		const seen: SyncStatus[] = [];
		world.engine.subscribe((s) => seen.push(s));
		const run = await world.engine.sync();
		expect(seen).toEqual([{ kind: 'synced' }, { kind: 'syncing', pending: 3 }, { kind: 'synced' }]);
		expect(run).toEqual({ status: { kind: 'synced' }, retry: { type: 'none' } });
		expect(world.server.pushes.map((p) => p.envelopes.length)).toEqual([2, 1]);
		expect(world.server.pulls.map((p) => p.since)).toEqual([0, 2]);
		expect(world.applied.map((e) => e.seq)).toEqual([1, 2, 3]);
		expect(world.received).toEqual([hlc(0), hlc(1), hlc(2)]);
		expect(world.checkpoints.get(CIRCLE)).toBe(3);
		expect(world.outbox.rows).toEqual([]);
	});

	it('an expired session (401) stops with auth-required and leaves the outbox untouched', async () => {
		const world = anEngineWorld(rows(3));
		const before = [...world.outbox.rows];
		world.server.nextPush.push(() => err({ type: 'auth-required' }));
		const run = await world.engine.sync();
		expect(run).toEqual({
			status: { kind: 'auth-required', pending: 3 },
			retry: { type: 'after-auth' }
		});
		expect(world.outbox.rows).toEqual(before);
		expect(world.server.pulls).toEqual([]);
		expect(world.checkpoints.get(CIRCLE)).toBeUndefined();
		// After logging in again, the waiting writes go out and nothing was lost.
		expect((await world.engine.sync()).status).toEqual({ kind: 'synced' });
		expect(world.server.stored.map((e) => e.hlc)).toEqual(before.map((e) => e.hlc));
	});

	it('a 401 mid-sync keeps what was acknowledged and every unacknowledged write', async () => {
		const world = anEngineWorld(rows(3));
		world.server.nextPush.push(
			(request) =>
				ok({ acks: request.envelopes.map((e, i) => ({ id: e.id, hlc: e.hlc, seq: i + 1 })) }),
			() => err({ type: 'auth-required' })
		);
		const run = await world.engine.sync();
		expect(run.status).toEqual({ kind: 'auth-required', pending: 1 });
		expect(world.outbox.rows.map((r) => r.hlc)).toEqual([hlc(2)]);
	});

	it('a 401 on pull keeps the checkpoint where it was', async () => {
		const world = anEngineWorld();
		world.checkpoints.set(CIRCLE, 7);
		world.server.nextPull.push(() => err({ type: 'auth-required' }));
		expect((await world.engine.sync()).status).toEqual({ kind: 'auth-required', pending: 0 });
		expect(world.checkpoints.get(CIRCLE)).toBe(7);
		expect(world.applied).toEqual([]);
	});

	it('partial acks: stored envelopes leave, refused ones are set aside and reported', async () => {
		const world = anEngineWorld(rows(2));
		const [first, second] = rows(2);
		world.server.nextPush.push(() =>
			ok({
				acks: [
					{ id: first?.id ?? '', hlc: first?.hlc ?? '', seq: 1 },
					{ id: second?.id ?? '', hlc: second?.hlc ?? '', error: 'forbidden-category' }
				]
			})
		);
		const run = await world.engine.sync();
		expect(run).toEqual({
			status: { kind: 'error', reason: { type: 'rejected', count: 1 }, pending: 0 },
			retry: { type: 'none' }
		});
		expect(world.outbox.rows).toEqual([]);
		expect(world.outbox.rejected).toEqual([
			{ id: second?.id, hlc: second?.hlc, error: 'forbidden-category' }
		]);
	});

	it('an envelope the server did not acknowledge is pushed again', async () => {
		const world = anEngineWorld(rows(2));
		world.server.nextPush.push((request) => {
			const [e] = request.envelopes;
			return ok({ acks: e === undefined ? [] : [{ id: e.id, hlc: e.hlc, seq: 1 }] });
		});
		expect((await world.engine.sync()).status).toEqual({ kind: 'synced' });
		expect(world.server.pushes.map((p) => p.envelopes.map((e) => e.hlc))).toEqual([
			[hlc(0), hlc(1)],
			[hlc(1)]
		]);
	});

	it('an ack for an older version keeps the newer local edit pending', async () => {
		const [row] = rows(1);
		const world = anEngineWorld(rows(1));
		const newer = anEnvelope({ id: row?.id, hlc: hlc(9) });
		world.server.nextPush.push((request) => {
			world.outbox.rows = [newer]; // the person edited again while the push was in flight
			return ok({ acks: request.envelopes.map((e) => ({ id: e.id, hlc: e.hlc, seq: 1 })) });
		});
		world.server.nextPush.push(() => err({ type: 'offline' }));
		const run = await world.engine.sync();
		expect(run.status).toEqual({ kind: 'offline', pending: 1 });
		expect(world.outbox.rows).toEqual([newer]);
	});

	it('maps whole-request failures to statuses and retry advice', async () => {
		const cases: readonly (readonly [TransportError, SyncStatus, RetryAdvice])[] = [
			[{ type: 'offline' }, { kind: 'offline', pending: 1 }, { type: 'backoff', notBeforeMs: 0 }],
			[
				{ type: 'rate-limited', retryAfterMs: 30_000 },
				{ kind: 'error', reason: { type: 'rate-limited', retryAfterMs: 30_000 }, pending: 1 },
				{ type: 'backoff', notBeforeMs: 30_000 }
			],
			[
				{ type: 'server', status: 503 },
				{ kind: 'error', reason: { type: 'server', status: 503 }, pending: 1 },
				{ type: 'backoff', notBeforeMs: 0 }
			],
			[
				{ type: 'forbidden' },
				{ kind: 'error', reason: { type: 'forbidden' }, pending: 1 },
				{ type: 'none' }
			]
		];
		for (const [error, status, retry] of cases) {
			const world = anEngineWorld(rows(1));
			world.server.nextPush.push(() => err(error));
			expect(await world.engine.sync()).toEqual({ status, retry });
			expect(world.outbox.rows).toHaveLength(1);
		}
	});

	it('splits a batch the server finds too large, down to single envelopes', async () => {
		const world = anEngineWorld(rows(2));
		world.server.nextPush.push(() => err({ type: 'bad-request', status: 413 }));
		expect((await world.engine.sync()).status).toEqual({ kind: 'synced' });
		expect(world.server.pushes.map((p) => p.envelopes.length)).toEqual([2, 1, 1]);
		const single = anEngineWorld(rows(1));
		single.server.nextPush.push(() => err({ type: 'bad-request', status: 413 }));
		expect((await single.engine.sync()).status).toEqual({
			kind: 'error',
			reason: { type: 'bad-request', status: 413 },
			pending: 1
		});
	});

	it('rejects a pull whose checkpoint goes backwards without moving the checkpoint', async () => {
		const world = anEngineWorld();
		world.checkpoints.set(CIRCLE, 5);
		world.server.nextPull.push(() => ok({ envelopes: [], checkpoint: 2, hasMore: false }));
		const run = await world.engine.sync();
		expect(run.status).toEqual({ kind: 'error', reason: { type: 'invalid-response' }, pending: 0 });
		expect(world.checkpoints.get(CIRCLE)).toBe(5);
	});

	it('a storage failure while applying keeps the checkpoint, so the page is pulled again', async () => {
		const world = anEngineWorld(rows(1));
		world.faults.applyFails = true;
		const failed = await world.engine.sync();
		expect(failed.status).toEqual({
			kind: 'error',
			reason: { type: 'storage', message: 'QuotaExceededError' },
			pending: 1
		});
		expect(world.checkpoints.get(CIRCLE)).toBeUndefined();
		world.faults.applyFails = false;
		expect((await world.engine.sync()).status).toEqual({ kind: 'synced' });
		expect(world.applied.map((e) => e.seq)).toEqual([1]);
	});

	it('runs one sync at a time', async () => {
		const world = anEngineWorld(rows(1));
		const [a, b] = await Promise.all([world.engine.sync(), world.engine.sync()]);
		expect(a).toBe(b);
		expect(world.server.pushes).toHaveLength(1);
	});

	it('refresh recounts pending writes and keeps an offline or auth state', async () => {
		const world = anEngineWorld();
		expect(await world.engine.refresh()).toEqual({ kind: 'synced' });
		world.outbox.rows = rows(2);
		expect(await world.engine.refresh()).toEqual({ kind: 'pending', pending: 2 });
		world.server.nextPush.push(() => err({ type: 'offline' }));
		await world.engine.sync();
		world.outbox.rows = rows(3);
		expect(await world.engine.refresh()).toEqual({ kind: 'offline', pending: 3 });
	});

	it('remembers the first epoch it sees without pulling again', async () => {
		const world = anEngineWorld(rows(3));
		world.server.epoch = 'e1';
		await world.engine.sync();
		expect(world.restore.epochs.get(CIRCLE)).toBe('e1');
		expect(world.server.pulls.map((p) => p.since)).toEqual([0, 2]);
		expect(world.restore.resent).toEqual([]);
	});

	it('under a new epoch pulls again from 0 and pushes, in the same run, what the server lacks', async () => {
		const world = anEngineWorld(rows(3));
		world.server.epoch = 'e1';
		await world.engine.sync();
		world.restore.local.push(...rows(3));
		// The restored database lost the last version and reuses its seq for another one.
		world.server.stored.splice(2);
		const other = anEnvelope({ id: '0190a000-0000-7000-8000-0000000000ff', hlc: hlc(7) });
		world.server.stored.push({ ...other, seq: 3 });
		world.server.epoch = 'e2';
		world.server.pulls.length = 0;
		const applied = world.applied.length;
		const run = await world.engine.sync();
		expect(run.status).toEqual({ kind: 'synced' });
		expect(world.server.pulls.map((p) => p.since)).toEqual([3, 0, 2]);
		expect(world.applied.slice(applied).map((e) => e.id)).toContain(other.id);
		expect(world.restore.resent.map((e) => e.hlc)).toEqual([hlc(2)]);
		expect(world.server.stored.filter((e) => e.hlc === hlc(2))).toHaveLength(1);
		expect(world.outbox.rows).toEqual([]);
		expect(world.restore.due.size).toBe(0);
	});

	it('an epoch that changes again within one pull is an invalid answer, not a loop', async () => {
		const world = anEngineWorld(rows(1));
		world.server.epoch = 'e1';
		await world.engine.sync();
		let n = 0;
		world.server.nextPull.push(
			() => ok({ envelopes: [], checkpoint: 1, hasMore: false, epoch: `x${n++}` }),
			() => ok({ envelopes: [], checkpoint: 0, hasMore: false, epoch: `x${n++}` })
		);
		const run = await world.engine.sync();
		expect(run.status).toMatchObject({ kind: 'error', reason: { type: 'invalid-response' } });
	});
});
