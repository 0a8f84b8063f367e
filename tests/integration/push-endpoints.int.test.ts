// Push endpoints are not a request-forgery oracle (issue 12, item 10), on SQLite and PostgreSQL:
// a subscription outside the known push services (other host, non-443 port, credentials, http) is
// refused with 400 and nothing is stored or fetched; the sender never follows a redirect and never
// fetches a non-allowlisted endpoint; test reminders are rate-limited per account.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import webpush from 'web-push';
import { afterAll, expect, it } from 'vitest';
import { createPushService } from '../../server/push';
import { PUSH_TEST_RULE } from '../../server/push/handlers';
import { createWebPushSender } from '../../server/push/sender';
import { apiRequest, createTestApp, signUpAs, type TestApp } from '../fixtures/server/app';
import { forEachDatabase } from '../fixtures/server/databases';
import { createLoopbackCertificate } from '../fixtures/push/self-signed';
import { marie } from '../fixtures/server/people';
import type { Api } from '../../server/api';
import type { DbHandle } from '../../server/db';

const cleanups: (() => void | Promise<void>)[] = [];
afterAll(async () => {
	for (const c of cleanups) await c();
});

interface Listener {
	readonly origin: string;
	readonly hits: () => number;
	readonly agent: Agent;
}

/** A loopback https server that counts requests and answers `status` (with `location`). */
async function listen(status: number, location?: string): Promise<Listener> {
	const { certPem, keyPem } = createLoopbackCertificate();
	let hits = 0;
	const server: Server = createServer({ cert: certPem, key: keyPem }, (req, res) => {
		hits += 1;
		req.resume();
		res.writeHead(status, location === undefined ? {} : { Location: location });
		res.end();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	cleanups.push(
		() =>
			new Promise<void>((resolve) =>
				server.close(() => {
					resolve();
				})
			)
	);
	const address = server.address();
	if (address === null || typeof address === 'string') throw new Error('no port');
	return {
		origin: `https://127.0.0.1:${address.port}`,
		hits: () => hits,
		agent: new Agent({ ca: certPem })
	};
}

function pushApp(handle: DbHandle): TestApp {
	const dataDir = mkdtempSync(join(tmpdir(), 'cercle-push-ep-'));
	cleanups.push(() => {
		rmSync(dataDir, { recursive: true, force: true });
	});
	const service = createPushService({
		db: handle.db,
		dialect: handle.dialect,
		env: {},
		dataDir,
		now: () => Date.now(),
		newId: () => randomUUID(),
		instanceId: randomUUID()
	});
	if (!service.ok) throw new Error('push service');
	return createTestApp(handle, undefined, { push: service.value });
}

const call = (
	api: Api,
	pick: (api: Api) => Api['pushSubscribe'],
	path: string,
	cookie: string,
	body: unknown
) => {
	const request = apiRequest('POST', path, { cookie, body });
	return pick(api)({ request, url: new URL(request.url), ip: '203.0.113.5', params: {} });
};

const keys = {
	p256dh: 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM',
	auth: 'tBHItJI5svbpez7KI4CCXg'
};

forEachDatabase('push endpoints', (get) => {
	it('refuses endpoints outside the push services with 400: nothing stored, nothing fetched', async () => {
		const app = pushApp(get().handle);
		const { cookie, accountId } = await signUpAs(app, marie());
		const loopback = await listen(201);
		for (const endpoint of [
			`${loopback.origin}/push/x`,
			'https://evil.example/push/x',
			'https://fcm.googleapis.com:8443/fcm/send/x',
			'https://fcm.googleapis.com.evil.example/fcm/send/x',
			'https://user:pw@fcm.googleapis.com/fcm/send/x',
			'https://notify.windows.com/w/x',
			'http://fcm.googleapis.com/fcm/send/x'
		]) {
			const res = await call(app.api, (a) => a.pushSubscribe, '/api/push/subscribe', cookie, {
				endpoint,
				keys,
				locale: 'fr'
			});
			expect([endpoint, res.status]).toEqual([endpoint, 400]);
		}
		const stored = await get()
			.handle.db.selectFrom('push_subscriptions')
			.select('endpoint')
			.where('account_id', '=', accountId)
			.execute();
		expect(stored).toEqual([]);
		expect(loopback.hits()).toBe(0);

		for (const endpoint of [
			'https://fcm.googleapis.com/fcm/send/abc',
			'https://fcm.googleapis.com:443/fcm/send/def',
			'https://updates.push.services.mozilla.com/wpush/v2/abc',
			'https://wns2-par02p.notify.windows.com/w/?token=abc',
			'https://web.push.apple.com/QGuQyavXutnMH'
		]) {
			const res = await call(app.api, (a) => a.pushSubscribe, '/api/push/subscribe', cookie, {
				endpoint,
				keys,
				locale: 'fr'
			});
			expect([endpoint, res.status]).toEqual([endpoint, 204]);
		}
	});

	it('limits test reminders per account', async () => {
		const app = pushApp(get().handle);
		const { cookie } = await signUpAs(app, marie());
		const statuses: number[] = [];
		for (let i = 0; i < PUSH_TEST_RULE.limit + 2; i++) {
			const res = await call(app.api, (a) => a.pushTest, '/api/push/test', cookie, {
				opaqueId: `op${String(i).padStart(20, '0')}`
			});
			statuses.push(res.status);
		}
		expect(statuses).toEqual([
			...Array.from({ length: PUSH_TEST_RULE.limit }, () => 202),
			429,
			429
		]);
	});
});

it('the sender follows no redirect and fetches no endpoint outside the allowlist', async () => {
	const vapid = { ...webpush.generateVAPIDKeys(), subject: 'mailto:ops@cercle.test' };
	const target = await listen(201);
	const redirector = await listen(301, `${target.origin}/push/elsewhere`);
	const send = createWebPushSender({
		vapid,
		now: () => Date.now(),
		timeoutMs: 2000,
		agent: redirector.agent,
		extraOrigins: [new URL(redirector.origin).host]
	});
	const options = { ttlSeconds: 60, urgency: 'normal', topic: 'reminder' } as const;
	const payload = new TextEncoder().encode('{}');
	const redirected = await send(
		{ endpoint: `${redirector.origin}/push/a`, ...keys },
		payload,
		options
	);
	expect(redirected).toEqual({ type: 'gone', status: 301 });
	expect(redirector.hits()).toBe(1);
	expect(target.hits()).toBe(0);

	const strict = createWebPushSender({
		vapid,
		now: () => Date.now(),
		timeoutMs: 2000,
		agent: target.agent
	});
	const refused = await strict({ endpoint: `${target.origin}/push/b`, ...keys }, payload, options);
	expect(refused).toEqual({ type: 'gone', status: 0 });
	expect(target.hits()).toBe(0);
});
