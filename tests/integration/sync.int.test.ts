// Push and pull through the real handlers: idempotency, replays, reordering, permissions,
// monotonic seq under concurrency, and paging of records that share one timestamp.
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { apiErrorBodySchema } from '../../src/lib/contracts/common';
import {
	CIPHERTEXT_MAX_LENGTH,
	PULL_MAX_BYTES,
	pullResponseSchema,
	pushResponseSchema,
	type EnvelopeIn,
	type EnvelopeOut,
	type PushAck
} from '../../src/lib/contracts/sync';
import { createDb, type DbHandle } from '../../server/db';
import { apiRequest, createTestApp, signUpAs, type TestApp } from '../fixtures/server/app';
import { forEachDatabase, type TestDatabase } from '../fixtures/server/databases';
import { envelope, hlc, marie, pushBody } from '../fixtures/server/people';

const T0 = Date.UTC(2025, 0, 6, 9);

async function push(
	app: TestApp,
	cookie: string,
	circleId: string,
	envelopes: readonly EnvelopeIn[],
	deviceId?: string
): Promise<readonly PushAck[]> {
	const response = await app.fetch(
		apiRequest('POST', '/api/sync/push', { cookie, body: pushBody(circleId, envelopes, deviceId) })
	);
	expect(response.status).toBe(200);
	return pushResponseSchema.parse(await response.json()).acks;
}

async function pullAll(
	app: TestApp,
	cookie: string,
	circleId: string,
	limit = 500,
	since = 0
): Promise<{
	readonly envelopes: readonly EnvelopeOut[];
	readonly pages: number;
	readonly checkpoint: number;
}> {
	const all: EnvelopeOut[] = [];
	let checkpoint = since;
	let pages = 0;
	for (;;) {
		const response = await app.fetch(
			apiRequest('GET', `/api/sync/pull?circle=${circleId}&since=${checkpoint}&limit=${limit}`, {
				cookie
			})
		);
		expect(response.status).toBe(200);
		const page = pullResponseSchema.parse(await response.json());
		pages++;
		all.push(...page.envelopes);
		checkpoint = page.checkpoint;
		if (!page.hasMore) return { envelopes: all, pages, checkpoint };
	}
}

const seqOf = (ack: PushAck | undefined): number => {
	if (ack === undefined || !('seq' in ack)) throw new Error('expected a stored ack');
	return ack.seq;
};

/**
 * A second API instance on the same database. SQLite is a single-instance deployment (one
 * connection per process; two connections in one thread would block each other's busy wait), so
 * there the "second instance" shares the handle and the test exercises concurrent requests.
 */
function secondInstance(db: TestDatabase): {
	readonly handle: DbHandle;
	readonly close: () => Promise<void>;
} {
	if (db.dialect === 'sqlite') return { handle: db.handle, close: () => Promise.resolve() };
	const handle = createDb({ ...db.options, maxConnections: 4 });
	return { handle, close: () => handle.destroy() };
}

forEachDatabase('sync', (get) => {
	it('stores a batch, acknowledges each envelope and pulls it back byte for byte', async () => {
		const app = createTestApp(get().handle);
		const { cookie, circleId } = await signUpAs(app, marie());
		const sent = [envelope(), envelope({ category: 'medications' }), envelope({ deleted: true })];
		const deviceId = randomUUID();
		const acks = await push(app, cookie, circleId, sent, deviceId);
		expect(acks.map(seqOf)).toEqual([1, 2, 3]);
		expect(acks.map((a) => a.id)).toEqual(sent.map((e) => e.id));

		const { envelopes } = await pullAll(app, cookie, circleId);
		expect(envelopes).toEqual(sent.map((e, i) => ({ ...e, seq: i + 1, deviceId })));
	});

	it('absorbs replays and in-batch duplicates with their original seq, storing nothing twice', async () => {
		const app = createTestApp(get().handle);
		const { cookie, circleId } = await signUpAs(app, marie());
		const a = envelope();
		const b = envelope();
		const first = await push(app, cookie, circleId, [a, b]);
		const replay = await push(app, cookie, circleId, [
			b,
			a,
			a,
			envelope({ ...a, ciphertext: 'Zm9yZ2Vk' })
		]);
		expect(replay.map(seqOf)).toEqual([
			seqOf(first[1]),
			seqOf(first[0]),
			seqOf(first[0]),
			seqOf(first[0])
		]);
		const { envelopes } = await pullAll(app, cookie, circleId);
		expect(envelopes).toHaveLength(2);
		expect(envelopes.find((e) => e.id === a.id)?.ciphertext).toBe(a.ciphertext);
	});

	it('keeps every version of a record, whatever order they arrive in', async () => {
		const app = createTestApp(get().handle);
		const { cookie, circleId } = await signUpAs(app, marie());
		const id = randomUUID();
		const v1 = envelope({ id, hlc: hlc(T0, 0) });
		const v2 = envelope({ id, hlc: hlc(T0 + 1000, 0) });
		const v3 = envelope({ id, hlc: hlc(T0 + 2000, 0), deleted: true });
		await push(app, cookie, circleId, [v3]);
		await push(app, cookie, circleId, [v1, v3]);
		await push(app, cookie, circleId, [v2, v1]);
		const { envelopes } = await pullAll(app, cookie, circleId);
		expect(envelopes.map((e) => e.hlc).sort()).toEqual([v1.hlc, v2.hlc, v3.hlc].sort());
		expect(envelopes.map((e) => e.seq)).toEqual([1, 2, 3]);
	});

	it('pulls from a checkpoint and returns only what came after it', async () => {
		const app = createTestApp(get().handle);
		const { cookie, circleId } = await signUpAs(app, marie());
		await push(app, cookie, circleId, [envelope(), envelope()]);
		const first = await pullAll(app, cookie, circleId);
		expect(first.checkpoint).toBe(2);
		const later = envelope();
		await push(app, cookie, circleId, [later]);
		const next = await pullAll(app, cookie, circleId, 500, first.checkpoint);
		expect(next.envelopes.map((e) => e.id)).toEqual([later.id]);
		const none = await pullAll(app, cookie, circleId, 500, next.checkpoint);
		expect(none.envelopes).toEqual([]);
		expect(none.checkpoint).toBe(next.checkpoint);
	});

	it('returns all 1,000 records sharing one timestamp across pages', async () => {
		const app = createTestApp(get().handle);
		const { cookie, circleId } = await signUpAs(app, marie());
		const same = Array.from({ length: 1000 }, (_, i) => envelope({ hlc: hlc(T0, 0, `n${i % 3}`) }));
		await push(app, cookie, circleId, same.slice(0, 500));
		await push(app, cookie, circleId, same.slice(500));
		const { envelopes, pages } = await pullAll(app, cookie, circleId, 97);
		expect(pages).toBe(11);
		expect(envelopes).toHaveLength(1000);
		expect(new Set(envelopes.map((e) => e.id))).toEqual(new Set(same.map((e) => e.id)));
	});

	it('bounds a pull page by ciphertext size and still returns everything across pages', async () => {
		const app = createTestApp(get().handle);
		const { cookie, circleId } = await signUpAs(app, marie());
		const big = Array.from({ length: 24 }, () =>
			envelope({ ciphertext: 'B'.repeat(CIPHERTEXT_MAX_LENGTH) })
		);
		for (let i = 0; i < big.length; i += 3) await push(app, cookie, circleId, big.slice(i, i + 3));
		const first = pullResponseSchema.parse(
			await (
				await app.fetch(
					apiRequest('GET', `/api/sync/pull?circle=${circleId}&limit=1000`, { cookie })
				)
			).json()
		);
		expect(first.hasMore).toBe(true);
		expect(first.envelopes.length * CIPHERTEXT_MAX_LENGTH).toBeLessThanOrEqual(PULL_MAX_BYTES);
		const { envelopes } = await pullAll(app, cookie, circleId, 1000);
		expect(envelopes.map((e) => e.id)).toEqual(big.map((e) => e.id));
	});

	it('refuses a circle the session is not a member of, and a device of another account', async () => {
		const app = createTestApp(get().handle);
		const owner = await signUpAs(app, marie());
		const stranger = await signUpAs(app, marie());
		await push(app, owner.cookie, owner.circleId, [envelope()]);

		const foreignPush = await app.fetch(
			apiRequest('POST', '/api/sync/push', {
				cookie: stranger.cookie,
				body: pushBody(owner.circleId, [envelope()])
			})
		);
		expect(foreignPush.status).toBe(403);
		expect(apiErrorBodySchema.parse(await foreignPush.json()).error.code).toBe('forbidden');
		const foreignPull = await app.fetch(
			apiRequest('GET', `/api/sync/pull?circle=${owner.circleId}`, { cookie: stranger.cookie })
		);
		expect(foreignPull.status).toBe(403);

		const deviceId = randomUUID();
		await push(app, owner.cookie, owner.circleId, [envelope()], deviceId);
		const stolenDevice = await app.fetch(
			apiRequest('POST', '/api/sync/push', {
				cookie: stranger.cookie,
				body: pushBody(stranger.circleId, [envelope()], deviceId)
			})
		);
		expect(stolenDevice.status).toBe(403);
		expect((await pullAll(app, owner.cookie, owner.circleId)).envelopes).toHaveLength(2);
		expect((await pullAll(app, stranger.cookie, stranger.circleId)).envelopes).toHaveLength(0);
	});

	it('refuses to move a record id into another circle', async () => {
		const app = createTestApp(get().handle);
		const a = await signUpAs(app, marie());
		const b = await signUpAs(app, marie());
		const shared = envelope();
		await push(app, a.cookie, a.circleId, [shared]);
		const acks = await push(app, b.cookie, b.circleId, [
			{ ...shared, hlc: hlc(T0 + 5) },
			envelope()
		]);
		expect(acks[0]).toEqual({ id: shared.id, hlc: hlc(T0 + 5), error: 'id-conflict' });
		expect(seqOf(acks[1])).toBe(1);
	});

	it('needs a session: 401 without one, and after logout mid-sync', async () => {
		const app = createTestApp(get().handle);
		const { cookie, circleId } = await signUpAs(app, marie());
		const anonymous = await app.fetch(
			apiRequest('POST', '/api/sync/push', { body: pushBody(circleId, [envelope()]) })
		);
		expect(anonymous.status).toBe(401);
		await app.fetch(apiRequest('POST', '/api/auth/logout', { cookie }));
		const expired = await app.fetch(
			apiRequest('POST', '/api/sync/push', { cookie, body: pushBody(circleId, [envelope()]) })
		);
		expect(expired.status).toBe(401);
	});

	it('keeps seq strictly monotonic and gap-free under concurrent pushes from two instances', async () => {
		const second = secondInstance(get());
		try {
			const app1 = createTestApp(get().handle);
			const app2 = createTestApp(second.handle);
			const { cookie, circleId } = await signUpAs(app1, marie());
			const batches = Array.from({ length: 12 }, () =>
				Array.from({ length: 20 }, () => envelope())
			);
			const acks = await Promise.all(
				batches.map((batch, i) => push(i % 2 === 0 ? app1 : app2, cookie, circleId, batch))
			);
			const seqs = acks
				.flat()
				.map(seqOf)
				.sort((x, y) => x - y);
			expect(seqs).toEqual(Array.from({ length: 240 }, (_, i) => i + 1));
			const { envelopes } = await pullAll(app2, cookie, circleId, 50);
			expect(envelopes.map((e) => e.seq)).toEqual(seqs);
		} finally {
			await second.close();
		}
	});

	it('makes no duplicate when the same batch races itself on two instances', async () => {
		const second = secondInstance(get());
		try {
			const app1 = createTestApp(get().handle);
			const app2 = createTestApp(second.handle);
			const { cookie, circleId } = await signUpAs(app1, marie());
			const batch = Array.from({ length: 50 }, () => envelope());
			const [x, y, z] = await Promise.all([
				push(app1, cookie, circleId, batch),
				push(app2, cookie, circleId, batch),
				push(app1, cookie, circleId, [...batch].reverse())
			]);
			expect(x.map(seqOf)).toEqual(y.map(seqOf));
			expect([...x.map(seqOf)].reverse()).toEqual(z.map(seqOf));
			expect((await pullAll(app1, cookie, circleId)).envelopes).toHaveLength(50);
		} finally {
			await second.close();
		}
	});

	it('serves the same people from a second API instance (stateless server)', async () => {
		const second = secondInstance(get());
		try {
			const app1 = createTestApp(get().handle);
			const api2 = createTestApp(second.handle);
			const { cookie, circleId } = await signUpAs(app1, marie());
			await push(app1, cookie, circleId, [envelope()]);
			expect((await pullAll(api2, cookie, circleId)).envelopes).toHaveLength(1);
		} finally {
			await second.close();
		}
	});
});
