// The sync engine against answers a lying or broken server can give: acks for versions never sent,
// a server that acknowledges nothing, pages that repeat or skip seqs, a page that claims more
// without moving; and the engine's own bookkeeping (circles pushed apart, listeners, a port that
// throws something other than an Error, defaults, a reset without a restore port).
import { describe, expect, it } from 'vitest';
import {
	createSyncEngine,
	DEFAULT_PULL_PAGE,
	DEFAULT_PUSH_BATCH,
	matchAcks
} from '$lib/sync/client';
import { err, ok } from '$lib/domain/result';
import type { PullRequest, PushRequest, SyncStatus } from '$lib/sync/types';
import { anEngineWorld, anEnvelope, CIRCLE } from './fakes';

const hlc = (n: number) => `00175000000000${n}-0000-0000000000000001`;
const OTHER = '0190a000-0000-7000-8000-000000000002';

describe('matchAcks', () => {
	it('keeps only the first ack of each pushed version and ignores versions never pushed', () => {
		const a = anEnvelope({ hlc: hlc(1) });
		const b = anEnvelope({ id: '0190a000-0000-7000-8000-0000000000bb', hlc: hlc(2) });
		const result = matchAcks(
			[a, b],
			[
				{ id: a.id, hlc: a.hlc, seq: 1 },
				{ id: a.id, hlc: a.hlc, error: 'forbidden-category' },
				{ id: a.id, hlc: hlc(9), seq: 2 },
				{ id: 'stranger', hlc: b.hlc, seq: 3 },
				{ id: b.id, hlc: b.hlc, error: 'category-conflict' }
			]
		);
		expect(result).toEqual({
			acked: [{ id: a.id, hlc: a.hlc }],
			rejected: [{ id: b.id, hlc: b.hlc, error: 'category-conflict' }]
		});
	});
});

describe('sync engine against odd answers', () => {
	it('stops with invalid-response when the server acknowledges nothing, keeping the outbox', async () => {
		const world = anEngineWorld([anEnvelope()]);
		world.server.nextPush.push(() => ok({ acks: [] }));
		const run = await world.engine.sync();
		expect(run).toEqual({
			status: { kind: 'error', reason: { type: 'invalid-response' }, pending: 1 },
			retry: { type: 'backoff', notBeforeMs: 0 }
		});
		expect(world.server.pushes).toHaveLength(1);
		expect(world.outbox.rows).toHaveLength(1);
	});

	it('pushes each circle in its own request', async () => {
		const world = anEngineWorld([
			anEnvelope({ hlc: hlc(1) }),
			anEnvelope({ circleId: OTHER, hlc: hlc(2) })
		]);
		await world.engine.sync();
		expect(world.server.pushes.map((p: PushRequest) => [p.circleId, p.envelopes.length])).toEqual([
			[CIRCLE, 1],
			[OTHER, 1]
		]);
		expect(world.outbox.rows).toEqual([]);
	});

	it('refuses a page with a seq at or before the checkpoint, or beyond the new one', async () => {
		for (const seqs of [[5], [6, 9]]) {
			const world = anEngineWorld();
			world.checkpoints.set(CIRCLE, 5);
			world.server.nextPull.push(() =>
				ok({
					envelopes: seqs.map((seq) => ({ ...anEnvelope({ hlc: hlc(seq) }), seq })),
					checkpoint: 8,
					hasMore: false
				})
			);
			const run = await world.engine.sync();
			expect(run.status).toMatchObject({ kind: 'error', reason: { type: 'invalid-response' } });
			expect(world.applied).toEqual([]);
			expect(world.received).toEqual([]);
			expect(world.checkpoints.get(CIRCLE)).toBe(5);
		}
	});

	it('refuses a page that says there is more without moving the checkpoint', async () => {
		const world = anEngineWorld();
		world.checkpoints.set(CIRCLE, 5);
		world.server.nextPull.push(() => ok({ envelopes: [], checkpoint: 5, hasMore: true }));
		const run = await world.engine.sync();
		expect(run.status).toMatchObject({ kind: 'error', reason: { type: 'invalid-response' } });
		expect(world.server.pulls).toHaveLength(1);
	});

	it('accepts an empty last page at the checkpoint and applies nothing', async () => {
		const world = anEngineWorld();
		world.checkpoints.set(CIRCLE, 5);
		world.server.nextPull.push(() => ok({ envelopes: [], checkpoint: 5, hasMore: false }));
		expect((await world.engine.sync()).status).toEqual({ kind: 'synced' });
		expect(world.applied).toEqual([]);
		expect(world.checkpoints.get(CIRCLE)).toBe(5);
	});

	it('sends the id of the record at the checkpoint with the next pull, and none from 0', async () => {
		const pulls: PullRequest[] = [];
		const ids = new Map<string, string | undefined>();
		const e1 = { ...anEnvelope({ hlc: hlc(1) }), seq: 1 };
		const e2 = {
			...anEnvelope({ id: '0190a000-0000-7000-8000-0000000000bb', hlc: hlc(2) }),
			seq: 2
		};
		const script = [
			ok({ envelopes: [e1, e2], checkpoint: 2, hasMore: true }),
			// The next page ends on a seq the device cannot see (another category): no id then.
			ok({ envelopes: [], checkpoint: 4, hasMore: false })
		];
		const engine = createSyncEngine({
			outbox: {
				pending: () => Promise.resolve([]),
				count: () => Promise.resolve(0),
				ack: () => Promise.resolve(),
				reject: () => Promise.resolve()
			},
			transport: {
				push: () => Promise.resolve(ok({ acks: [] })),
				pull: (request) => {
					pulls.push(request);
					return Promise.resolve(
						script.shift() ?? ok({ envelopes: [], checkpoint: 4, hasMore: false })
					);
				}
			},
			checkpoints: {
				get: () => Promise.resolve(0),
				getId: () => Promise.resolve('should-not-be-sent'),
				set: (_circle, seq, id) => {
					ids.set(String(seq), id);
					return Promise.resolve();
				}
			},
			circles: () => Promise.resolve([CIRCLE]),
			applyRemote: () => Promise.resolve(),
			clock: { receive: () => undefined }
		});
		await engine.sync();
		expect(pulls[0]).toEqual({ circleId: CIRCLE, since: 0, limit: DEFAULT_PULL_PAGE });
		expect(pulls[1]).toEqual({
			circleId: CIRCLE,
			since: 2,
			limit: DEFAULT_PULL_PAGE,
			sinceId: e2.id
		});
		expect([...ids]).toEqual([
			['2', e2.id],
			['4', undefined]
		]);
	});

	it('stores the id of the last envelope of a page, and none when the page ends before its checkpoint', async () => {
		const at = (seq: number) => ({
			...anEnvelope({ id: `0190a000-0000-7000-8000-00000000010${String(seq)}`, hlc: hlc(seq) }),
			seq
		});
		const ids: (string | undefined)[] = [];
		const script = [
			ok({ envelopes: [at(1), at(2), at(3)], checkpoint: 3, hasMore: true }),
			ok({ envelopes: [at(4)], checkpoint: 6, hasMore: false })
		];
		const engine = createSyncEngine({
			outbox: {
				pending: () => Promise.resolve([]),
				count: () => Promise.resolve(0),
				ack: () => Promise.resolve(),
				reject: () => Promise.resolve()
			},
			transport: {
				push: () => Promise.resolve(ok({ acks: [] })),
				pull: () => Promise.resolve(script.shift() ?? err({ type: 'offline' }))
			},
			checkpoints: {
				get: () => Promise.resolve(0),
				set: (_circle, _seq, id) => {
					ids.push(id);
					return Promise.resolve();
				}
			},
			circles: () => Promise.resolve([CIRCLE]),
			applyRemote: () => Promise.resolve(),
			clock: { receive: () => undefined }
		});
		expect((await engine.sync()).status).toEqual({ kind: 'synced' });
		expect(ids).toEqual([at(3).id, undefined]);
	});

	it('a reset answer without an epoch restarts from 0 even with a restore port', async () => {
		const world = anEngineWorld();
		world.checkpoints.set(CIRCLE, 3);
		world.server.nextPull.push(() =>
			ok({ envelopes: [], checkpoint: 0, hasMore: true, reset: true })
		);
		expect((await world.engine.sync()).status).toEqual({ kind: 'synced' });
		expect(world.server.pulls.map((p) => p.since)).toEqual([3, 0]);
	});

	it('a reset under the known epoch re-sends what the restored server lacks', async () => {
		// Kills `reset === true && (restore === undefined || epoch === undefined)` → `reset === true`:
		// with a restore port and an epoch, a reset is a compare (begin + resend), not a bare restart.
		const world = anEngineWorld();
		world.server.epoch = 'e1';
		await world.engine.sync();
		const lost = anEnvelope({ hlc: hlc(5) });
		world.restore.local.push(lost);
		world.checkpoints.set(CIRCLE, 3);
		world.server.nextPull.push(() =>
			ok({ envelopes: [], checkpoint: 0, hasMore: true, reset: true, epoch: 'e1' })
		);
		expect((await world.engine.sync()).status).toEqual({ kind: 'synced' });
		expect(world.restore.resent.map((e) => e.hlc)).toEqual([hlc(5)]);
		expect(world.server.stored.map((e) => e.hlc)).toContain(hlc(5));
	});

	it('a device meeting its first epoch keeps its checkpoint (no compare)', async () => {
		// Kills `reset !== true` → `false` on a device upgraded with a checkpoint but no epoch yet.
		const world = anEngineWorld();
		for (let i = 1; i <= 3; i += 1) {
			world.server.stored.push({
				...anEnvelope({ hlc: hlc(i), id: `0190a000-0000-7000-8000-00000000000${i}` }),
				seq: i
			});
		}
		world.checkpoints.set(CIRCLE, 3);
		world.server.epoch = 'e1';
		expect((await world.engine.sync()).status).toEqual({ kind: 'synced' });
		expect(world.server.pulls.map((p) => p.since)).toEqual([3]);
		expect(world.restore.epochs.get(CIRCLE)).toBe('e1');
		expect(world.restore.due.size).toBe(0);
	});

	it('a reset on the first epoch the device meets is a compare from 0, not a page to apply', async () => {
		// Kills `known === null && reset !== true` → `true`: the reset must not be taken as the
		// first epoch to remember (the page then goes back before the checkpoint).
		const world = anEngineWorld();
		world.checkpoints.set(CIRCLE, 3);
		const lost = anEnvelope({ hlc: hlc(6) });
		world.restore.local.push(lost);
		world.server.nextPull.push(() =>
			ok({ envelopes: [], checkpoint: 0, hasMore: false, reset: true, epoch: 'e1' })
		);
		expect((await world.engine.sync()).status).toEqual({ kind: 'synced' });
		expect(world.server.pulls.map((p) => p.since).slice(0, 2)).toEqual([3, 0]);
		expect(world.restore.resent.map((e) => e.hlc)).toEqual([hlc(6)]);
		expect(world.restore.epochs.get(CIRCLE)).toBe('e1');
	});

	it('a bad request other than 413 is not split', async () => {
		const world = anEngineWorld([
			anEnvelope({ hlc: hlc(1) }),
			anEnvelope({ id: OTHER, hlc: hlc(2) })
		]);
		world.server.nextPush.push(() => err({ type: 'bad-request', status: 400 }));
		expect((await world.engine.sync()).retry).toEqual({ type: 'none' });
		expect(world.server.pushes).toHaveLength(1);
	});

	it('a reset under the known epoch starts a full compare from 0', async () => {
		const world = anEngineWorld();
		world.server.epoch = 'e1';
		await world.engine.sync();
		world.checkpoints.set(CIRCLE, 3);
		world.server.pulls.length = 0;
		world.server.nextPull.push(() =>
			ok({ envelopes: [], checkpoint: 0, hasMore: true, reset: true, epoch: 'e1' })
		);
		expect((await world.engine.sync()).status).toEqual({ kind: 'synced' });
		expect(world.server.pulls.map((p) => p.since)).toEqual([3, 0]);
		expect(world.restore.due.size).toBe(0);
	});

	it('a 413 that is not a bad request is not split', async () => {
		const world = anEngineWorld([
			anEnvelope({ hlc: hlc(1) }),
			anEnvelope({ id: OTHER, hlc: hlc(2) })
		]);
		world.server.nextPush.push(() => err({ type: 'server', status: 413 }));
		expect((await world.engine.sync()).status).toEqual({
			kind: 'error',
			reason: { type: 'server', status: 413 },
			pending: 2
		});
		expect(world.server.pushes).toHaveLength(1);
	});

	it('starts from the stored checkpoint and its id', async () => {
		const pulls: PullRequest[] = [];
		const engine = createSyncEngine({
			outbox: {
				pending: (limit) => {
					expect(limit).toBe(DEFAULT_PUSH_BATCH);
					return Promise.resolve([]);
				},
				count: () => Promise.resolve(0),
				ack: () => Promise.resolve(),
				reject: () => Promise.resolve()
			},
			transport: {
				push: () => Promise.resolve(ok({ acks: [] })),
				pull: (request) => {
					pulls.push(request);
					return Promise.resolve(ok({ envelopes: [], checkpoint: 7, hasMore: false }));
				}
			},
			checkpoints: {
				get: () => Promise.resolve(7),
				getId: () => Promise.resolve('record-at-7'),
				set: () => Promise.resolve()
			},
			circles: () => Promise.resolve([CIRCLE]),
			applyRemote: () => Promise.resolve(),
			clock: { receive: () => undefined }
		});
		await engine.sync();
		expect(pulls).toEqual([
			{ circleId: CIRCLE, since: 7, limit: DEFAULT_PULL_PAGE, sinceId: 'record-at-7' }
		]);
	});

	it('without a restore port, a reset pulls again from 0 once, and a second reset is invalid', async () => {
		const pulls: number[] = [];
		const set: number[] = [];
		const answers = [
			ok({ envelopes: [], checkpoint: 0, hasMore: true, reset: true, epoch: 'e1' }),
			ok({ envelopes: [], checkpoint: 0, hasMore: false, epoch: 'e1' }),
			ok({ envelopes: [], checkpoint: 0, hasMore: true, reset: true }),
			ok({ envelopes: [], checkpoint: 0, hasMore: true, reset: true })
		];
		const engine = createSyncEngine({
			outbox: {
				pending: () => Promise.resolve([]),
				count: () => Promise.resolve(0),
				ack: () => Promise.resolve(),
				reject: () => Promise.resolve()
			},
			transport: {
				push: () => Promise.resolve(ok({ acks: [] })),
				pull: (request) => {
					pulls.push(request.since);
					return Promise.resolve(answers.shift() ?? err({ type: 'offline' }));
				}
			},
			checkpoints: {
				get: () => Promise.resolve(3),
				set: (_circle, seq) => {
					set.push(seq);
					return Promise.resolve();
				}
			},
			circles: () => Promise.resolve([CIRCLE]),
			applyRemote: () => Promise.resolve(),
			clock: { receive: () => undefined }
		});
		expect((await engine.sync()).status).toEqual({ kind: 'synced' });
		expect(pulls).toEqual([3, 0]);
		expect(set).toEqual([0]);
		const run = await engine.sync();
		expect(run.status).toMatchObject({ kind: 'error', reason: { type: 'invalid-response' } });
		expect(pulls).toEqual([3, 0, 3, 0]);
	});

	it('a port that throws ends the run as a storage failure with the last known count', async () => {
		const engine = createSyncEngine({
			outbox: {
				pending: () => Promise.reject(new Error('closed')),
				count: () => Promise.resolve(2),
				ack: () => Promise.resolve(),
				reject: () => Promise.resolve()
			},
			transport: {
				push: () => Promise.resolve(ok({ acks: [] })),
				pull: () => Promise.resolve(ok({ envelopes: [], checkpoint: 0, hasMore: false }))
			},
			checkpoints: { get: () => Promise.resolve(0), set: () => Promise.resolve() },
			circles: () => Promise.resolve([CIRCLE]),
			applyRemote: () => Promise.resolve(),
			clock: { receive: () => undefined }
		});
		// The failure keeps the pending count the engine last knew (2, from the syncing status).
		expect(await engine.sync()).toEqual({
			status: { kind: 'error', reason: { type: 'storage', message: 'closed' }, pending: 2 },
			retry: { type: 'backoff', notBeforeMs: 0 }
		});
	});

	it('reports a non-Error as its text and a missing Retry-After as no wait', async () => {
		const world = anEngineWorld();
		world.server.nextPull.push(() => {
			// A port written in plain JavaScript can throw anything; the engine reports its text.
			// eslint-disable-next-line @typescript-eslint/only-throw-error
			throw 'disk full';
		});
		expect((await world.engine.sync()).status).toEqual({
			kind: 'error',
			reason: { type: 'storage', message: 'disk full' },
			pending: 0
		});
		const limited = anEngineWorld([anEnvelope()]);
		limited.server.nextPush.push(() => err({ type: 'rate-limited', retryAfterMs: null }));
		expect((await limited.engine.sync()).retry).toEqual({ type: 'backoff', notBeforeMs: 0 });
		const origin = anEngineWorld([anEnvelope()]);
		origin.server.nextPush.push(() => err({ type: 'forbidden-origin', origin: 'https://x.test' }));
		expect((await origin.engine.sync()).retry).toEqual({ type: 'none' });
		const broken = anEngineWorld([anEnvelope()]);
		broken.server.nextPush.push(() => err({ type: 'invalid-response' }));
		expect((await broken.engine.sync()).retry).toEqual({ type: 'backoff', notBeforeMs: 0 });
	});

	it('stops telling a listener once it unsubscribed, and status() is the last one', async () => {
		const world = anEngineWorld([anEnvelope()]);
		const seen: SyncStatus[] = [];
		const unsubscribe = world.engine.subscribe((s) => seen.push(s));
		unsubscribe();
		await world.engine.sync();
		expect(seen).toEqual([{ kind: 'synced' }]);
		expect(world.engine.status()).toEqual({ kind: 'synced' });
	});

	it('refresh during a run does not recount (the run reports its own status)', async () => {
		const world = anEngineWorld([anEnvelope()]);
		const running = world.engine.sync();
		expect(await world.engine.refresh()).toEqual({ kind: 'synced' });
		await running;
		world.outbox.rows = [anEnvelope()];
		world.server.nextPush.push(() => err({ type: 'auth-required' }));
		await world.engine.sync();
		world.outbox.rows = [];
		expect(await world.engine.refresh()).toEqual({ kind: 'auth-required', pending: 0 });
	});
});
