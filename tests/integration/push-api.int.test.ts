// The push and calendar endpoints through the real handlers, on SQLite and PostgreSQL: session and
// Origin checks, strict contracts (the schedule holds only `{ fireAt, opaqueId }`; any extra field
// is refused), the test reminder, status, and the revocable calendar feed.
import { mkdtempSync, rmSync } from 'node:fs';
import { randomUUID, getRandomValues, createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { apiErrorBodySchema } from '../../src/lib/contracts/common';
import { vapidPublicKeyResponseSchema } from '../../src/lib/contracts/push';
import {
	calendarFeedStatusResponseSchema,
	calendarFeedTokenResponseSchema,
	pushStatusResponseSchema
} from '../../src/lib/contracts/reminders';
import { createApi } from '../../server/api';
import type { DbHandle } from '../../server/db';
import { applySecurityHeaders, checkOrigin } from '../../server/http/guard';
import { createPushService, type PushService } from '../../server/push';
import { ROUTES, apiRequest, signUpAs, type TestApp } from '../fixtures/server/app';
import { forEachDatabase } from '../fixtures/server/databases';
import { marie } from '../fixtures/server/people';

const MINUTE = 60_000;
const START = Date.UTC(2025, 0, 6, 9);

const dataDirs: string[] = [];
afterAll(() => {
	for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

/** The API with a real push service (VAPID keys generated into a temp data dir). */
function createPushApp(handle: DbHandle, withPush = true): TestApp & { service?: PushService } {
	let now = START;
	const dataDir = mkdtempSync(join(tmpdir(), 'cercle-push-api-'));
	dataDirs.push(dataDir);
	const created = createPushService({
		db: handle.db,
		dialect: handle.dialect,
		env: {},
		dataDir,
		now: () => now,
		newId: () => randomUUID(),
		instanceId: randomUUID()
	});
	if (!created.ok) throw new Error('push service failed');
	const service = withPush ? created.value : undefined;
	const api = createApi({
		db: handle,
		now: () => now,
		randomBytes: (length) => getRandomValues(new Uint8Array(length)),
		newId: () => randomUUID(),
		push: service
	});
	const routes = ROUTES;
	return {
		api,
		...(service === undefined ? {} : { service }),
		now: () => now,
		advance(ms) {
			now += ms;
		},
		async fetch(request, ip = '203.0.113.9') {
			const url = new URL(request.url);
			const refused = checkOrigin(request, url.origin);
			let response = refused;
			if (response === null) {
				for (const [method, pattern, pick] of routes) {
					const match = pattern.exec(url.pathname);
					if (match === null || method !== request.method) continue;
					response = await pick(api)({ request, url, ip, params: { ...match.groups } });
					break;
				}
			}
			response ??= new Response('Not found', { status: 404 });
			applySecurityHeaders(response.headers, url.pathname);
			return response;
		}
	};
}

const errorCode = async (response: Response): Promise<string> =>
	apiErrorBodySchema.parse(await response.json()).error.code;

const opaque = (n: number): string => `op${String(n).padStart(20, '0')}`;

const subscription = (n = 1) => ({
	endpoint: `https://fcm.googleapis.com/fcm/send/${n}-${randomUUID()}`,
	expirationTime: null,
	keys: { p256dh: `B${'A'.repeat(86)}`, auth: 'A'.repeat(22) },
	locale: 'fr' as const
});

forEachDatabase('push api', (get) => {
	it('serves the VAPID public key without a session', async () => {
		const app = createPushApp(get().handle);
		const response = await app.fetch(apiRequest('GET', '/api/push/vapid-key'));
		expect(response.status).toBe(200);
		expect(response.headers.get('cache-control')).toBe('no-store');
		const body = vapidPublicKeyResponseSchema.parse(await response.json());
		expect(body.publicKey).toBe(app.service?.vapidPublicKey);
	});

	it('refuses every account endpoint without a session, and state changes from another origin', async () => {
		const app = createPushApp(get().handle);
		for (const [method, path, body] of [
			['POST', '/api/push/subscribe', subscription()],
			['POST', '/api/push/unsubscribe', { endpoint: 'https://push.example.net/x' }],
			['PUT', '/api/push/schedule', { occurrences: [] }],
			['POST', '/api/push/test', { opaqueId: opaque(1) }],
			['GET', '/api/push/status', undefined],
			['GET', '/api/calendar/feed', undefined],
			['POST', '/api/calendar/feed', { events: [], locale: 'en' }]
		] as const) {
			const response = await app.fetch(
				apiRequest(method, path, body === undefined ? {} : { body })
			);
			expect(response.status, `${method} ${path}`).toBe(401);
		}
		const { cookie } = await signUpAs(app, marie());
		const foreign = await app.fetch(
			apiRequest('PUT', '/api/push/schedule', {
				cookie,
				origin: 'https://evil.example',
				body: { occurrences: [] }
			})
		);
		expect(foreign.status).toBe(403);
		expect(await errorCode(foreign)).toBe('forbidden-origin');
		const noOrigin = await app.fetch(
			apiRequest('POST', '/api/push/subscribe', { cookie, origin: null, body: subscription() })
		);
		expect(noOrigin.status).toBe(403);
	});

	it('subscribes, uploads a schedule of {fireAt, opaqueId} only, and reports status', async () => {
		const app = createPushApp(get().handle);
		const { cookie, accountId } = await signUpAs(app, marie());
		const sub = subscription();
		const subscribed = await app.fetch(
			apiRequest('POST', '/api/push/subscribe', { cookie, body: sub })
		);
		expect(subscribed.status).toBe(204);

		const occurrences = [
			{ fireAt: app.now() + 10 * MINUTE, opaqueId: opaque(1) },
			{ fireAt: app.now() + 20 * MINUTE, opaqueId: opaque(2) },
			{ fireAt: app.now() - MINUTE, opaqueId: opaque(3) }
		];
		const uploaded = await app.fetch(
			apiRequest('PUT', '/api/push/schedule', { cookie, body: { occurrences } })
		);
		expect(uploaded.status).toBe(200);
		expect(await uploaded.json()).toEqual({ scheduled: 2, skippedPast: 1 });

		const rows = await get()
			.handle.db.selectFrom('push_jobs')
			.selectAll()
			.where('account_id', '=', accountId)
			.orderBy('fire_at')
			.execute();
		expect(rows.map((r) => [r.opaque_id, r.fire_at])).toEqual([
			[opaque(1), app.now() + 10 * MINUTE],
			[opaque(2), app.now() + 20 * MINUTE]
		]);

		const status = await app.fetch(apiRequest('GET', '/api/push/status', { cookie }));
		expect(status.status).toBe(200);
		const body = pushStatusResponseSchema.parse(await status.json());
		expect(body.pending).toBe(2);
		expect(body.nextFireAt).toBe(app.now() + 10 * MINUTE);
		expect(body.subscriptions).toHaveLength(1);
		expect(body.subscriptions[0]?.endpointHash).toBe(
			createHash('sha256').update(sub.endpoint).digest('hex')
		);
		expect(JSON.stringify(body)).not.toContain(sub.endpoint);

		const unsubscribed = await app.fetch(
			apiRequest('POST', '/api/push/unsubscribe', { cookie, body: { endpoint: sub.endpoint } })
		);
		expect(unsubscribed.status).toBe(204);
		const after = pushStatusResponseSchema.parse(
			await (await app.fetch(apiRequest('GET', '/api/push/status', { cookie }))).json()
		);
		expect(after.subscriptions).toEqual([]);
	});

	it('refuses a schedule carrying anything but fireAt and opaqueId', async () => {
		const app = createPushApp(get().handle);
		const { cookie, accountId } = await signUpAs(app, marie());
		const fireAt = app.now() + MINUTE;
		for (const body of [
			{ occurrences: [{ fireAt, opaqueId: opaque(1), title: 'Metformin 500 mg' }] },
			{ occurrences: [{ fireAt, opaqueId: opaque(1), kind: 'medication' }] },
			{ occurrences: [{ fireAt, opaqueId: 'metformin-08:00' }] },
			{ occurrences: [], medication: 'Furosemide' },
			{ occurrences: [{ fireAt: 'tomorrow', opaqueId: opaque(1) }] }
		]) {
			const response = await app.fetch(apiRequest('PUT', '/api/push/schedule', { cookie, body }));
			expect(response.status, JSON.stringify(body)).toBe(400);
			expect(await errorCode(response)).toBe('invalid-body');
		}
		const rows = await get()
			.handle.db.selectFrom('push_jobs')
			.select('id')
			.where('account_id', '=', accountId)
			.execute();
		expect(rows).toEqual([]);
		const wrongType = await app.fetch(
			apiRequest('PUT', '/api/push/schedule', {
				cookie,
				rawBody: '{"occurrences":[]}',
				contentType: 'text/plain'
			})
		);
		expect(wrongType.status).toBe(415);
	});

	it('queues a test reminder due now and refuses an invalid subscription', async () => {
		const app = createPushApp(get().handle);
		const { cookie, accountId } = await signUpAs(app, marie());
		const test = await app.fetch(
			apiRequest('POST', '/api/push/test', { cookie, body: { opaqueId: opaque(7) } })
		);
		expect(test.status).toBe(202);
		const rows = await get()
			.handle.db.selectFrom('push_jobs')
			.select(['opaque_id', 'fire_at', 'state'])
			.where('account_id', '=', accountId)
			.execute();
		expect(rows).toEqual([{ opaque_id: opaque(7), fire_at: app.now(), state: 'pending' }]);

		const insecure = await app.fetch(
			apiRequest('POST', '/api/push/subscribe', {
				cookie,
				body: { ...subscription(), endpoint: 'http://push.example.net/x' }
			})
		);
		expect(insecure.status).toBe(400);
		const shortKey = await app.fetch(
			apiRequest('POST', '/api/push/subscribe', {
				cookie,
				body: { ...subscription(), keys: { p256dh: 'AAAA', auth: 'A'.repeat(22) } }
			})
		);
		expect(shortKey.status).toBe(400);
	});

	it('answers 503 on every push endpoint when push is not configured', async () => {
		const app = createPushApp(get().handle, false);
		const { cookie } = await signUpAs(app, marie());
		expect((await app.fetch(apiRequest('GET', '/api/push/vapid-key'))).status).toBe(503);
		const status = await app.fetch(apiRequest('GET', '/api/push/status', { cookie }));
		expect(status.status).toBe(503);
		expect(await errorCode(status)).toBe('unavailable');
	});

	it('publishes a generic calendar feed at a revocable secret URL', async () => {
		const app = createPushApp(get().handle);
		const { cookie } = await signUpAs(app, marie());
		const events = [
			{ start: '20250106T080000', tzid: null, rrule: 'FREQ=DAILY' },
			{ start: '20250106T200000', tzid: 'Europe/Paris', rrule: 'FREQ=WEEKLY;BYDAY=MO,TH' },
			{ start: '20250106T060000Z', tzid: null, rrule: 'FREQ=HOURLY;INTERVAL=8' }
		];
		const none = await app.fetch(
			apiRequest('PUT', '/api/calendar/feed', { cookie, body: { events, locale: 'fr' } })
		);
		expect(none.status).toBe(404);

		const created = await app.fetch(
			apiRequest('POST', '/api/calendar/feed', { cookie, body: { events, locale: 'fr' } })
		);
		expect(created.status).toBe(201);
		const { token } = calendarFeedTokenResponseSchema.parse(await created.json());
		const stored = await get()
			.handle.db.$extendTables<{ calendar_feeds: { token_hash: string; events: string } }>()
			.selectFrom('calendar_feeds')
			.select(['token_hash', 'events'])
			.execute();
		expect(stored.map((r) => r.token_hash)).not.toContain(token);
		expect(
			stored.some((r) => r.token_hash === createHash('sha256').update(token).digest('hex'))
		).toBe(true);

		const feed = await app.fetch(apiRequest('GET', `/api/calendar/${token}.ics`, { origin: null }));
		expect(feed.status).toBe(200);
		expect(feed.headers.get('content-type')).toContain('text/calendar');
		const text = await feed.text();
		expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
		expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(3);
		expect(text).toContain('SUMMARY:Rappel Cercle');
		expect(text).toContain('DTSTART:20250106T080000\r\n');
		expect(text).toContain('DTSTART;TZID=Europe/Paris:20250106T200000');
		expect(text).toContain('BEGIN:VTIMEZONE');
		expect(text).toContain('RRULE:FREQ=HOURLY;INTERVAL=8');

		const status = calendarFeedStatusResponseSchema.parse(
			await (await app.fetch(apiRequest('GET', '/api/calendar/feed', { cookie }))).json()
		);
		expect(status).toEqual({ active: true, eventCount: 3, updatedAt: app.now() });

		const published = await app.fetch(
			apiRequest('PUT', '/api/calendar/feed', {
				cookie,
				body: { events: events.slice(0, 1), locale: 'en' }
			})
		);
		expect(published.status).toBe(204);
		const updated = await (
			await app.fetch(apiRequest('GET', `/api/calendar/${token}.ics`, { origin: null }))
		).text();
		expect(updated.match(/BEGIN:VEVENT/g)).toHaveLength(1);
		expect(updated).toContain('SUMMARY:Cercle reminder');

		const rotated = await app.fetch(
			apiRequest('POST', '/api/calendar/feed', { cookie, body: { events, locale: 'en' } })
		);
		const next = calendarFeedTokenResponseSchema.parse(await rotated.json()).token;
		expect(next).not.toBe(token);
		expect(
			(await app.fetch(apiRequest('GET', `/api/calendar/${token}.ics`, { origin: null }))).status
		).toBe(404);
		expect(
			(await app.fetch(apiRequest('GET', `/api/calendar/${next}.ics`, { origin: null }))).status
		).toBe(200);

		const revoked = await app.fetch(apiRequest('DELETE', '/api/calendar/feed', { cookie }));
		expect(revoked.status).toBe(204);
		expect(
			(await app.fetch(apiRequest('GET', `/api/calendar/${next}.ics`, { origin: null }))).status
		).toBe(404);
		expect(
			(await app.fetch(apiRequest('GET', '/api/calendar/not-a-token.ics', { origin: null }))).status
		).toBe(404);
	});

	it('refuses a calendar event carrying a title or free text', async () => {
		const app = createPushApp(get().handle);
		const { cookie } = await signUpAs(app, marie());
		for (const event of [
			{ start: '20250106T080000', tzid: null, rrule: null, summary: 'Metformin' },
			{ start: '20250106T080000', tzid: null, rrule: 'FREQ=DAILY\r\nSUMMARY:Metformin' },
			{ start: 'Metformin at 8', tzid: null, rrule: null }
		]) {
			const response = await app.fetch(
				apiRequest('POST', '/api/calendar/feed', {
					cookie,
					body: { events: [event], locale: 'en' }
				})
			);
			expect(response.status, JSON.stringify(event)).toBe(400);
		}
	});
});
