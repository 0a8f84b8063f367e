// Reminders over HTTP through the one client: what is sent, and every failure in Settings' words.
import { describe, expect, it } from 'vitest';
import { createReminderHttp } from '$lib/sync/reminders-http';

const json = (body: unknown, status = 200) =>
	new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function recording(respond: () => Response | Promise<Response>) {
	const calls: { url: string; init: RequestInit | undefined }[] = [];
	const http = createReminderHttp((url, init) => {
		calls.push({ url, init });
		return Promise.resolve(respond());
	});
	return { calls, http };
}

const subscription = {
	endpoint: 'https://push.example/abc',
	keys: { p256dh: 'B'.repeat(87), auth: 'A'.repeat(22) }
};

describe('reminders over HTTP', () => {
	it('tells signed in, signed out, unavailable and offline apart', async () => {
		const status = { subscriptions: [], pending: 0, nextFireAt: null };
		expect(await recording(() => json(status)).http.pushStatus()).toBe('signed-in');
		expect(await recording(() => json({ pending: 'x' })).http.pushStatus()).toBe('unavailable');
		expect(
			await recording(() => json({ error: { code: 'unauthenticated' } }, 401)).http.pushStatus()
		).toBe('signed-out');
		expect(
			await recording(() => json({ error: { code: 'unavailable' } }, 503)).http.pushStatus()
		).toBe('unavailable');
		expect(await recording(() => Promise.reject(new TypeError('offline'))).http.pushStatus()).toBe(
			'offline'
		);
	});

	it('subscribes with the parsed subscription and the locale, and refuses a malformed one', async () => {
		const { calls, http } = recording(() => new Response(null, { status: 204 }));
		expect(await http.subscribe(subscription, 'fr')).toEqual({ ok: true, value: null });
		expect(calls[0]?.url).toBe('/api/push/subscribe');
		expect(calls[0]?.init?.body).toBe(JSON.stringify({ ...subscription, locale: 'fr' }));
		expect(await http.subscribe({ endpoint: 'http://insecure.example' }, 'en')).toEqual({
			ok: false,
			error: 'server'
		});
		expect(calls).toHaveLength(1);
	});

	it('puts failures in the words Settings shows', async () => {
		const cases: readonly [() => Response | Promise<Response>, string][] = [
			[() => json({ error: { code: 'unauthenticated' } }, 401), 'no-account'],
			[() => json({ error: { code: 'rate-limited' } }, 429), 'server'],
			[() => json({ token: 'short' }, 201), 'server'],
			[() => Promise.reject(new TypeError('offline')), 'offline']
		];
		for (const [respond, error] of cases) {
			const { http } = recording(respond);
			expect(await http.createFeed([], 'en')).toEqual({ ok: false, error });
		}
		const token = 'T'.repeat(22);
		const { calls, http } = recording(() => json({ token }, 201));
		expect(await http.createFeed([], 'en')).toEqual({ ok: true, value: token });
		expect(calls[0]?.init?.method).toBe('POST');
		expect(calls[0]?.url).toBe('/api/calendar/feed');
	});
});
