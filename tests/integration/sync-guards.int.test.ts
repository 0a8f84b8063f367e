// What the server refuses at push, on SQLite and PostgreSQL (issue 12, items 6, 8, 14, 15): HLCs
// outside the one format or beyond now + drift; a record id moved to another category; and every
// refusal written to the person's access log, at most REFUSAL_LOG_RULE.limit per account and hour.
import { expect, it } from 'vitest';
import { auditLogResponseSchema } from '../../src/lib/contracts/circle';
import { HLC_MAX_DRIFT_MS, hlcSchema } from '../../src/lib/contracts/hlc';
import {
	pullResponseSchema,
	pushResponseSchema,
	type EnvelopeIn
} from '../../src/lib/contracts/sync';
import { HLC_PATTERN, createClock } from '../../src/lib/sync/hlc';
import { REFUSAL_LOG_RULE } from '../../server/audit/log';
import { apiRequest, type TestApp } from '../fixtures/server/app';
import { forEachDatabase } from '../fixtures/server/databases';
import { envelope, hlc, pushBody } from '../fixtures/server/people';
import {
	call,
	createCircleTestApp,
	daughter,
	join,
	participant,
	type Participant
} from '../fixtures/circle/app';

async function pushAs(app: TestApp, who: Participant, circleId: string, envs: EnvelopeIn[]) {
	const res = await app.fetch(
		apiRequest('POST', '/api/sync/push', { cookie: who.cookie, body: pushBody(circleId, envs) })
	);
	return {
		status: res.status,
		acks: res.status === 200 ? pushResponseSchema.parse(await res.json()).acks : []
	};
}

async function refusals(app: TestApp, owner: Participant) {
	const res = await call(app, 'GET', `/api/circles/${owner.circleId}/audit`, owner.cookie);
	return auditLogResponseSchema
		.parse(res.json)
		.entries.filter((e) => e.action === 'refused')
		.map((e) => ({ actor: e.actor, category: e.category }));
}

it('the contract HLC schema is the clock format: what the clock issues passes, nothing else', () => {
	const clock = createClock({ now: () => Date.UTC(2025, 0, 6, 9), nodeId: '0123456789abcdef' });
	if (!clock.ok) throw new Error('clock');
	const issued = clock.value.tick();
	expect(hlcSchema.safeParse(issued).success).toBe(true);
	expect(HLC_PATTERN.test(issued)).toBe(true);
	for (const bad of [
		'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz',
		'001736154000000:0000:node-a',
		'001736154000000-0000-0123456789ABCDEF',
		'1736154000000-0000-0123456789abcdef',
		`${issued}0`,
		'h1'
	]) {
		expect(hlcSchema.safeParse(bad).success).toBe(false);
		expect(HLC_PATTERN.test(bad)).toBe(false);
	}
});

forEachDatabase('push guards', (get) => {
	it('refuses an HLC outside the one format with 400 and stores nothing', async () => {
		const app = createCircleTestApp(get().handle);
		const marie = await participant(app);
		for (const bad of ['zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz', '001736154000000:0000:node-a']) {
			const res = await pushAs(app, marie, marie.circleId, [envelope({ hlc: bad })]);
			expect(res.status).toBe(400);
		}
		const pulled = await app.fetch(
			apiRequest('GET', `/api/sync/pull?circle=${marie.circleId}`, { cookie: marie.cookie })
		);
		expect(pullResponseSchema.parse(await pulled.json()).envelopes).toEqual([]);
	});

	it('refuses an HLC beyond now + allowed drift (hlc-future) and accepts one at the bound', async () => {
		const app = createCircleTestApp(get().handle);
		const marie = await participant(app);
		const atBound = envelope({ hlc: hlc(app.now() + HLC_MAX_DRIFT_MS) });
		const beyond = envelope({ hlc: hlc(app.now() + HLC_MAX_DRIFT_MS + 1) });
		const farFuture = envelope({ hlc: '999999999999999-ffff-ffffffffffffffff' });
		const res = await pushAs(app, marie, marie.circleId, [atBound, beyond, farFuture]);
		expect(res.status).toBe(200);
		expect(res.acks[0]).toHaveProperty('seq');
		expect(res.acks[1]).toEqual({ id: beyond.id, hlc: beyond.hlc, error: 'hlc-future' });
		expect(res.acks[2]).toEqual({ id: farFuture.id, hlc: farFuture.hlc, error: 'hlc-future' });
		// Once the server's clock has caught up, the same envelope is accepted.
		app.advance(1);
		expect((await pushAs(app, marie, marie.circleId, [beyond])).acks[0]).toHaveProperty('seq');
	});

	it('keeps a record id in its first category, for members and the owner alike, and logs it', async () => {
		const app = createCircleTestApp(get().handle);
		const marie = await participant(app);
		const claire = await daughter(app);
		await join(app, marie, claire, [{ category: 'measurements', access: 'write', until: null }]);
		const original = envelope({ category: 'symptoms', hlc: hlc(app.now()) });
		expect((await pushAs(app, marie, marie.circleId, [original])).acks[0]).toHaveProperty('seq');

		const moved = { ...original, category: 'measurements' as const, hlc: hlc(app.now() + 1) };
		const byMember = await pushAs(app, claire, marie.circleId, [moved]);
		expect(byMember.acks).toEqual([{ id: moved.id, hlc: moved.hlc, error: 'category-conflict' }]);
		const byOwner = await pushAs(app, marie, marie.circleId, [moved]);
		expect(byOwner.acks).toEqual([{ id: moved.id, hlc: moved.hlc, error: 'category-conflict' }]);
		// Within one batch too: the first version pins the category.
		const fresh = envelope({ category: 'measurements', hlc: hlc(app.now()) });
		const twice = await pushAs(app, claire, marie.circleId, [
			fresh,
			{ ...fresh, category: 'symptoms', hlc: hlc(app.now() + 2) }
		]);
		expect(twice.acks[0]).toHaveProperty('seq');
		expect(twice.acks[1]).toMatchObject({ error: 'forbidden-category' });

		const pulled = pullResponseSchema.parse(
			await (
				await app.fetch(
					apiRequest('GET', `/api/sync/pull?circle=${marie.circleId}`, { cookie: marie.cookie })
				)
			).json()
		);
		expect(pulled.envelopes.filter((e) => e.id === original.id).map((e) => e.category)).toEqual([
			'symptoms'
		]);
		expect(await refusals(app, marie)).toContainEqual({
			actor: claire.accountId,
			category: 'measurements'
		});
	});

	it('writes push refusals to the access log: an outsider, and a member without write', async () => {
		const app = createCircleTestApp(get().handle);
		const marie = await participant(app);
		const claire = await daughter(app);
		const stranger = await participant(app);
		await join(app, marie, claire, [{ category: 'measurements', access: 'read', until: null }]);
		expect((await pushAs(app, stranger, marie.circleId, [envelope()])).status).toBe(403);
		const noWrite = await pushAs(app, claire, marie.circleId, [
			envelope({ category: 'measurements' })
		]);
		expect(noWrite.acks[0]).toMatchObject({ error: 'forbidden-category' });
		expect(await refusals(app, marie)).toEqual([
			{ actor: stranger.accountId, category: null },
			{ actor: claire.accountId, category: 'measurements' }
		]);
	});

	it('writes at most REFUSAL_LOG_RULE.limit refusal entries per account and circle an hour', async () => {
		const app = createCircleTestApp(get().handle);
		const marie = await participant(app);
		const stranger = await participant(app);
		const other = await participant(app);
		for (let i = 0; i < REFUSAL_LOG_RULE.limit + 15; i++) {
			expect((await pushAs(app, stranger, marie.circleId, [envelope()])).status).toBe(403);
		}
		expect((await pushAs(app, other, marie.circleId, [envelope()])).status).toBe(403);
		let logged = await refusals(app, marie);
		expect(logged.filter((e) => e.actor === stranger.accountId)).toHaveLength(
			REFUSAL_LOG_RULE.limit
		);
		expect(logged.filter((e) => e.actor === other.accountId)).toHaveLength(1);
		app.advance(REFUSAL_LOG_RULE.windowMs);
		expect((await pushAs(app, stranger, marie.circleId, [envelope()])).status).toBe(403);
		logged = await refusals(app, marie);
		expect(logged.filter((e) => e.actor === stranger.accountId)).toHaveLength(
			REFUSAL_LOG_RULE.limit + 1
		);
	});
});
