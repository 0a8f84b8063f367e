// Restore-safe pull on SQLite and PostgreSQL (issue 12, item 7, server half): every page carries
// the database's epoch (stable across instances, new after a renewal or on a new database), and a
// device whose checkpoint the server cannot vouch for (beyond the newest seq, or another record at
// that seq after seqs were reused) gets `reset: true`, an empty page and checkpoint 0.
import { expect, it } from 'vitest';
import { pullResponseSchema, pushResponseSchema } from '../../src/lib/contracts/sync';
import { createEpoch } from '../../server/sync/epoch';
import { apiRequest, createTestApp, signUpAs, type TestApp } from '../fixtures/server/app';
import { createTestDatabase, forEachDatabase } from '../fixtures/server/databases';
import { envelope, marie, pushBody } from '../fixtures/server/people';

async function pull(app: TestApp, cookie: string, circleId: string, query = '') {
	const res = await app.fetch(
		apiRequest('GET', `/api/sync/pull?circle=${circleId}${query}`, { cookie })
	);
	expect(res.status).toBe(200);
	return pullResponseSchema.parse(await res.json());
}

async function push(app: TestApp, cookie: string, circleId: string, count: number) {
	const envs = Array.from({ length: count }, () => envelope());
	const res = await app.fetch(
		apiRequest('POST', '/api/sync/push', { cookie, body: pushBody(circleId, envs) })
	);
	return { envs, acks: pushResponseSchema.parse(await res.json()).acks };
}

forEachDatabase('sync epoch', (get, dialect) => {
	it('answers the same epoch on every page and instance, a new one after a renewal', async () => {
		const app = createTestApp(get().handle);
		const other = createTestApp(get().handle);
		const { cookie, circleId } = await signUpAs(app, marie());
		const first = await pull(app, cookie, circleId);
		expect(first.reset).toBe(false);
		expect((await pull(other, cookie, circleId)).epoch).toBe(first.epoch);
		const renewed = await createEpoch({
			db: get().handle,
			now: app.now,
			newId: () => 'renewed-epoch'
		}).renew();
		expect((await pull(app, cookie, circleId)).epoch).toBe(renewed);
		expect(renewed).not.toBe(first.epoch);
	});

	it('a new database has a new epoch', async () => {
		const fresh = await createTestDatabase(dialect);
		try {
			const a = await createEpoch({ db: get().handle, now: Date.now, newId: () => 'a' }).current();
			const b = await createEpoch({
				db: fresh.handle,
				now: Date.now,
				newId: () => 'b-new-database'
			}).current();
			expect(b).toBe('b-new-database');
			expect(b).not.toBe(a);
		} finally {
			await fresh.cleanup();
		}
	});

	it('detects a checkpoint beyond the newest seq (restored older copy): reset, checkpoint 0', async () => {
		const app = createTestApp(get().handle);
		const { cookie, circleId } = await signUpAs(app, marie());
		await push(app, cookie, circleId, 3);
		expect((await pull(app, cookie, circleId, '&since=3')).reset).toBe(false);
		const ahead = await pull(app, cookie, circleId, '&since=9');
		expect(ahead).toMatchObject({ envelopes: [], checkpoint: 0, hasMore: true, reset: true });
		// From 0 again, everything comes back.
		expect((await pull(app, cookie, circleId, '&since=0')).envelopes).toHaveLength(3);
	});

	it('detects reused seqs: the record at `since` is not the one the device saw', async () => {
		const app = createTestApp(get().handle);
		const { cookie, circleId } = await signUpAs(app, marie());
		const { envs } = await push(app, cookie, circleId, 2);
		const seen = envs[1]?.id ?? '';
		expect((await pull(app, cookie, circleId, `&since=2&sinceId=${seen}`)).reset).toBe(false);
		// The restore: the last envelope is gone, and a new write reuses its seq.
		await get()
			.handle.db.deleteFrom('envelopes')
			.where('circle_id', '=', circleId)
			.where('seq', '=', 2)
			.execute();
		await get()
			.handle.db.updateTable('circles')
			.set({ seq: 1 })
			.where('id', '=', circleId)
			.execute();
		await push(app, cookie, circleId, 1);
		const reused = await pull(app, cookie, circleId, `&since=2&sinceId=${seen}`);
		expect(reused).toMatchObject({ envelopes: [], checkpoint: 0, reset: true });
	});
});
