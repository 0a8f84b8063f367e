// The route table against the code: every `+server.ts` under src/routes/api exports exactly the
// methods the table lists for its folder, each bound through `endpoint(name)` to the route of that
// method and folder; and the one client builds each route's request as the table says.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createApiClient } from '$lib/contracts/client';
import { fillPattern, routeNames, routes } from '$lib/contracts/routes';

const ROUTES_DIR = fileURLToPath(new URL('../../../src/routes', import.meta.url));

function serverFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return serverFiles(path);
		return entry.name === '+server.ts' ? [path] : [];
	});
}

describe('the route table', () => {
	it('names every exported method of every API adapter, and nothing else', () => {
		const declared = routeNames.map(
			(name) => `${routes[name].method} ${routes[name].pattern} ${name}`
		);
		const found = serverFiles(join(ROUTES_DIR, 'api')).flatMap((file) => {
			const folder = `/${relative(ROUTES_DIR, file).replace(/\/\+server\.ts$/u, '')}`;
			const source = readFileSync(file, 'utf8');
			const exports = [...source.matchAll(/export const (\w+)\b/gu)].map((m) => m[1]);
			const bound = [
				...source.matchAll(
					/export const (GET|POST|PUT|DELETE): RequestHandler = endpoint\('(\w+)'\);/gu
				)
			].map((m) => `${m[1]} ${folder} ${m[2]}`);
			expect(bound.length, `${folder}: every export goes through endpoint(name)`).toBe(
				exports.length
			);
			return bound;
		});
		expect(found.toSorted()).toEqual(declared.toSorted());
	});

	it('fills path parameters percent-encoded', () => {
		expect(routes.removeMember.path({ circleId: 'c 1', accountId: 'a/b' })).toBe(
			'/api/circles/c%201/members/a%2Fb'
		);
		expect(() => fillPattern('/api/x/[id]', {})).toThrow(/id/u);
	});
});

describe('the API client', () => {
	const recording = (respond: () => Response) => {
		const calls: { url: string; init: RequestInit | undefined }[] = [];
		const client = createApiClient((url, init) => {
			calls.push({ url, init });
			return Promise.resolve(respond());
		});
		return { calls, client };
	};
	const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
		new Response(JSON.stringify(body), {
			status,
			headers: { 'content-type': 'application/json', ...headers }
		});

	it('sends the method, path, query and JSON body the table names, and parses the answer', async () => {
		const { calls, client } = recording(() => json({ grants: [] }));
		const result = await client.call('updateGrants', {
			params: { circleId: 'c1', accountId: 'm1' },
			body: { grants: [], wraps: [] }
		});
		expect(result).toEqual({ ok: true, value: { grants: [] } });
		expect(calls[0]?.url).toBe('/api/circles/c1/members/m1/grants');
		expect(calls[0]?.init?.method).toBe('PUT');
		expect(calls[0]?.init?.body).toBe('{"grants":[],"wraps":[]}');

		const pulled = recording(() => json({}));
		await pulled.client.call('pull', {
			query: { circle: 'c1', since: 3, limit: 10, sinceId: undefined }
		});
		expect(pulled.calls[0]?.url).toBe('/api/sync/pull?circle=c1&since=3&limit=10');
		expect(pulled.calls[0]?.init?.body).toBeUndefined();
	});

	it('maps every failure to one error value', async () => {
		const cases: readonly [() => Response, unknown][] = [
			[
				() => json({ error: { code: 'unauthenticated' } }, 401),
				{ type: 'auth-required', code: 'unauthenticated' }
			],
			[() => json({ error: { code: 'forbidden' } }, 403), { type: 'forbidden', code: 'forbidden' }],
			[
				() => json({ error: { code: 'forbidden-origin' } }, 403),
				{ type: 'forbidden-origin', origin: '' }
			],
			[() => json({ error: { code: 'not-found' } }, 404), { type: 'not-found', code: 'not-found' }],
			[
				() => json({ error: { code: 'login-taken' } }, 409),
				{ type: 'bad-request', status: 409, code: 'login-taken' }
			],
			[
				() =>
					json({ error: { code: 'rate-limited', retryAfterSeconds: 9 } }, 429, {
						'Retry-After': '30'
					}),
				{ type: 'rate-limited', retryAfterSeconds: 30 }
			],
			[
				() => json({ error: { code: 'rate-limited', retryAfterSeconds: 9 } }, 429),
				{ type: 'rate-limited', retryAfterSeconds: 9 }
			],
			[
				() => new Response('Bad gateway', { status: 502 }),
				{ type: 'server', status: 502, code: null }
			],
			[() => new Response('<html>', { status: 200 }), { type: 'invalid-response', status: 200 }]
		];
		for (const [respond, error] of cases) {
			const { client } = recording(respond);
			expect(await client.call('listSessions')).toEqual({ ok: false, error });
		}
		const offline = createApiClient(() => Promise.reject(new TypeError('Failed to fetch')));
		expect(await offline.call('health')).toEqual({ ok: false, error: { type: 'offline' } });
	});

	it('reads an empty answer as null, and `send` ignores the body of a 2xx', async () => {
		const { client } = recording(() => new Response(null, { status: 204 }));
		expect(await client.call('logout')).toEqual({ ok: true, value: null });
		const other = recording(() => json({ whatever: true }, 201));
		expect(
			await other.client.send('rotateKey', {
				params: { circleId: 'c1' },
				body: { category: 'symptoms', keyId: 'k', wraps: [] }
			})
		).toEqual({ ok: true, value: null });
	});
});
