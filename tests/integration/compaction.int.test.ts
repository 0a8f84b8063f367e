// Retention of envelope versions on SQLite and PostgreSQL (issue 12, item 11): once older than 30
// days, only the newest version of each record is kept (a lone old version and recent versions
// stay), and a device pulling from 0 still gets every record's newest version.
import { expect, it } from 'vitest';
import { pullResponseSchema, pushResponseSchema } from '../../src/lib/contracts/sync';
import { ENVELOPE_VERSION_RETENTION_MS, pruneExpired } from '../../server/auth/maintenance';
import { apiRequest, createTestApp, signUpAs, type TestApp } from '../fixtures/server/app';
import { forEachDatabase } from '../fixtures/server/databases';
import { envelope, hlc, marie, pushBody } from '../fixtures/server/people';
import type { EnvelopeIn } from '../../src/lib/contracts/sync';

const DAY = 24 * 60 * 60 * 1000;

async function push(app: TestApp, cookie: string, circleId: string, envs: EnvelopeIn[]) {
	const res = await app.fetch(
		apiRequest('POST', '/api/sync/push', { cookie, body: pushBody(circleId, envs) })
	);
	const json: unknown = await res.json();
	expect([res.status, json]).toMatchObject([200, {}]);
	expect(pushResponseSchema.parse(json).acks.every((a) => 'seq' in a)).toBe(true);
}

forEachDatabase('envelope compaction', (get) => {
	it('keeps only the newest version of each record once older than 30 days', async () => {
		const app = createTestApp(get().handle);
		const { cookie, circleId } = await signUpAs(app, marie());
		const t0 = app.now();
		const a1 = envelope({ hlc: hlc(t0) });
		const a2 = { ...a1, hlc: hlc(t0 + 1) };
		const lone = envelope({ hlc: hlc(t0) });
		const b1 = envelope({ hlc: hlc(t0) });
		await push(app, cookie, circleId, [a1, a2, lone, b1]);
		// The session slides on use (30 days): use it half-way, as a person would.
		app.advance(16 * DAY);
		await app.fetch(apiRequest('GET', '/api/auth/session', { cookie }));
		app.advance(15 * DAY);
		const a3 = { ...a1, hlc: hlc(app.now()), deleted: true };
		const b2 = { ...b1, hlc: hlc(app.now()) };
		const b3 = { ...b1, hlc: hlc(app.now() + 1) };
		await push(app, cookie, circleId, [a3, b2, b3]);

		const pruned = await pruneExpired(get().handle, app.now());
		// a1, a2 and b1 are superseded and older than 30 days; b2 is superseded but recent.
		expect(pruned.envelopeVersions).toBe(3);
		const page = pullResponseSchema.parse(
			await (
				await app.fetch(apiRequest('GET', `/api/sync/pull?circle=${circleId}`, { cookie }))
			).json()
		);
		expect(page.envelopes.map((e) => `${e.id}/${e.hlc}`).sort()).toEqual(
			[a3, lone, b2, b3].map((e) => `${e.id}/${e.hlc}`).sort()
		);
		app.advance(ENVELOPE_VERSION_RETENTION_MS + 1);
		expect((await pruneExpired(get().handle, app.now())).envelopeVersions).toBe(1);
	});
});
