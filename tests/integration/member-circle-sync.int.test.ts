// The member circle syncs through the one sync engine (issue 13, item 1), against the real
// handlers on SQLite and PostgreSQL with a proxy in front of the member's device: a push the
// server finds too large (413) is halved until it fits, and a pull page that goes back before the
// member's checkpoint (stale) is refused without moving the checkpoint or changing the view.
import { IDBKeyRange } from 'fake-indexeddb';
import { expect, it } from 'vitest';
import { pullResponseSchema, pushRequestSchema } from '../../src/lib/contracts/sync';
import { MemberCircleDb, memberDbName } from '../../src/lib/vault/member-db';
import type { MemberCircle } from '../../src/lib/vault/member-circle';
import { createCircleTestApp } from '../fixtures/circle/app';
import { device, joinWithCommands, openAsMember, syncOwner } from '../fixtures/circle/devices';
import { forEachDatabase } from '../fixtures/server/databases';
import { claire, marie } from '../fixtures/server/people';

const T = Date.UTC(2025, 0, 6, 9);
const measurement = (at: number, value: number) =>
	({
		type: 'put',
		kind: 'measurement',
		category: 'measurements',
		at,
		body: { kind: 'measurement', type: 'weight', value, unit: 'kg' }
	}) as const;

function opened(result: Awaited<ReturnType<typeof openAsMember>>): MemberCircle {
	if (!result.ok) throw new Error(`open failed: ${result.error.type}`);
	return result.value;
}

const isPush = (input: string, init?: RequestInit) =>
	input.startsWith('/api/sync/push') && init?.method === 'POST';

forEachDatabase('member circle on the sync engine', (get) => {
	it('halves a push the server finds too large until it fits, and loses nothing', async () => {
		const app = createCircleTestApp(get().handle, Date.now());
		const owner = await device(app, marie);
		const member = await device(app, claire);
		await owner.vault.commit([measurement(T, 71.5)]);
		await syncOwner(owner);
		await joinWithCommands(owner, member, [
			{ category: 'measurements', access: 'write', until: null }
		]);
		const view = opened(await openAsMember(member, owner));

		// The server accepts at most two envelopes per request; anything more is "413 too large".
		const sizes: number[] = [];
		const real = member.server;
		member.server = async (input, init) => {
			if (isPush(input, init) && typeof init?.body === 'string') {
				const request = pushRequestSchema.parse(JSON.parse(init.body));
				sizes.push(request.envelopes.length);
				if (request.envelopes.length > 2) return new Response(null, { status: 413 });
			}
			return real(input, init);
		};
		const written = await view.records.commit(
			Array.from({ length: 7 }, (_, i) => measurement(T + (i + 1) * 1000, 70 + i / 10))
		);
		expect(written.ok).toBe(true);

		const result = await view.sync();
		expect(result).toMatchObject({ ok: true, value: { pushed: 7, rejected: 0, pending: 0 } });
		expect(sizes).toEqual([7, 4, 2, 2, 2, 1]);
		await syncOwner(owner);
		expect(await owner.vault.query({ category: 'measurements' })).toHaveLength(8);
		view.close();
	});

	it('refuses a pull page that goes back before its checkpoint, and keeps its checkpoint', async () => {
		const app = createCircleTestApp(get().handle, Date.now());
		const owner = await device(app, marie);
		const member = await device(app, claire);
		await owner.vault.commit([measurement(T, 71.5), measurement(T + 1000, 71.2)]);
		await syncOwner(owner);
		await joinWithCommands(owner, member, [
			{ category: 'measurements', access: 'read', until: null }
		]);

		// The first page the member pulls is recorded, then served again for every later pull.
		let firstPage: string | null = null;
		const real = member.server;
		member.server = async (input, init) => {
			if (!input.startsWith('/api/sync/pull')) return real(input, init);
			if (firstPage !== null) return new Response(firstPage, { status: 200 });
			const response = await real(input, init);
			firstPage = await response.clone().text();
			return response;
		};
		const view = opened(await openAsMember(member, owner));
		expect(await view.records.query({ category: 'measurements' })).toHaveLength(2);
		const cache = new MemberCircleDb(memberDbName(owner.circleId), {
			indexedDB: member.idb,
			IDBKeyRange
		});
		const checkpoint = (await cache.meta.get('checkpoint'))?.value;
		expect(checkpoint).toBe(pullResponseSchema.parse(JSON.parse(String(firstPage))).checkpoint);

		// The owner writes more; the server answers the member with the old page again.
		await owner.vault.commit([measurement(T + 2000, 70.8)]);
		await syncOwner(owner);
		expect(await view.sync()).toEqual({ ok: false, error: { type: 'invalid-response' } });
		expect((await cache.meta.get('checkpoint'))?.value).toBe(checkpoint);
		expect(await view.records.query({ category: 'measurements' })).toHaveLength(2);

		// The honest server again: the member catches up from where it was.
		member.server = real;
		expect(await view.sync()).toMatchObject({ ok: true, value: { pulled: 1 } });
		expect(await view.records.query({ category: 'measurements' })).toHaveLength(3);
		cache.close();
		view.close();
	});
});
