// The HTTP edge: Origin check on every state-changing request (any content type), body limits
// enforced while streaming, JSON and media-type errors, headers, health.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { apiErrorBodySchema, healthResponseSchema } from '../../src/lib/contracts/common';
import { ROUTES, apiRequest, createTestApp, signUpAs } from '../fixtures/server/app';
import { forEachDatabase } from '../fixtures/server/databases';
import { envelope, marie, pushBody } from '../fixtures/server/people';

const errorCode = async (response: Response): Promise<string> =>
	apiErrorBodySchema.parse(await response.json()).error.code;

const STATE_CHANGING = [
	['POST', '/api/auth/signup'],
	['POST', '/api/auth/login'],
	['POST', '/api/auth/logout'],
	['POST', '/api/auth/forget'],
	['POST', '/api/account/delete'],
	['DELETE', '/api/auth/sessions'],
	['DELETE', `/api/auth/sessions/${'a'.repeat(64)}`],
	['PUT', '/api/account/keys'],
	['POST', '/api/sync/push']
] as const;

const CONTENT_TYPES = [
	'application/json',
	'text/plain',
	'application/x-www-form-urlencoded',
	'multipart/form-data; boundary=x',
	null
] as const;

forEachDatabase('http edge', (get, dialect) => {
	it('refuses every state-changing request with a missing or foreign Origin, whatever the content type', async () => {
		const app = createTestApp(get().handle);
		const person = marie();
		const { cookie } = await signUpAs(app, person);
		const origins = [
			null,
			'https://evil.example',
			'https://cercle.test.evil.example',
			'null',
			'http://cercle.test'
		];
		for (const [method, path] of STATE_CHANGING) {
			for (const contentType of CONTENT_TYPES) {
				for (const origin of origins) {
					const response = await app.fetch(
						apiRequest(method, path, {
							cookie,
							origin,
							contentType,
							rawBody: JSON.stringify({ login: person.login, authKey: person.authKey })
						})
					);
					expect(response.status, `${method} ${path} ${contentType ?? '-'} ${origin ?? '-'}`).toBe(
						403
					);
					expect(await errorCode(response)).toBe('forbidden-origin');
				}
			}
		}
		// Nothing changed: the session still works.
		expect((await app.fetch(apiRequest('GET', '/api/auth/session', { cookie }))).status).toBe(200);
	});

	it('lets same-origin reads through without an Origin header', async () => {
		const app = createTestApp(get().handle);
		const response = await app.fetch(apiRequest('GET', '/api/health', { origin: null }));
		expect(response.status).toBe(200);
		expect(healthResponseSchema.parse(await response.json())).toEqual({
			status: 'ok',
			database: dialect
		});
	});

	it('sets security headers and no-store on every API response, errors included', async () => {
		const app = createTestApp(get().handle);
		const responses = [
			await app.fetch(apiRequest('GET', '/api/health')),
			await app.fetch(apiRequest('GET', '/api/auth/session')),
			await app.fetch(
				apiRequest('POST', '/api/auth/login', { origin: 'https://evil.example', body: {} })
			),
			await app.fetch(apiRequest('POST', '/api/auth/login', { rawBody: '{' }))
		];
		for (const r of responses) {
			expect(r.headers.get('cache-control')).toBe('no-store');
			expect(r.headers.get('x-content-type-options')).toBe('nosniff');
			expect(r.headers.get('referrer-policy')).toBe('no-referrer');
			expect(r.headers.get('strict-transport-security')).toContain('max-age=');
		}
	});

	it('stops reading an oversized body at the limit, with or without Content-Length', async () => {
		const app = createTestApp(get().handle);
		const { cookie, circleId } = await signUpAs(app, marie());
		const big = JSON.stringify(pushBody(circleId, [envelope({ ciphertext: 'A'.repeat(200_000) })]))
			.repeat(1)
			.padEnd(1024 * 1024 + 10, ' ');
		const declared = await app.fetch(
			apiRequest('POST', '/api/sync/push', {
				cookie,
				rawBody: big,
				headers: { 'Content-Length': String(big.length) }
			})
		);
		expect(declared.status).toBe(413);

		let pulled = 0;
		const chunk = new TextEncoder().encode('['.repeat(64 * 1024));
		const stream = new ReadableStream<Uint8Array>({
			pull(controller) {
				pulled++;
				if (pulled > 1000) controller.close();
				else controller.enqueue(chunk);
			}
		});
		const streamed = await app.fetch(
			apiRequest('POST', '/api/sync/push', { cookie, rawBody: stream })
		);
		expect(streamed.status).toBe(413);
		expect(await errorCode(streamed)).toBe('body-too-large');
		expect(pulled).toBeLessThan(40);

		const auth = await app.fetch(
			apiRequest('POST', '/api/auth/login', {
				rawBody: JSON.stringify({ login: 'x'.repeat(20_000) })
			})
		);
		expect(auth.status).toBe(413);
	});

	it('answers malformed JSON with 400, a foreign media type with 415, an invalid shape with its issues', async () => {
		const app = createTestApp(get().handle);
		const broken = await app.fetch(apiRequest('POST', '/api/auth/login', { rawBody: '{"login":' }));
		expect(broken.status).toBe(400);
		expect(await errorCode(broken)).toBe('invalid-json');

		const badUtf8 = await app.fetch(
			apiRequest('POST', '/api/auth/login', { rawBody: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) })
		);
		expect(badUtf8.status).toBe(400);

		const text = await app.fetch(
			apiRequest('POST', '/api/auth/login', { rawBody: '{}', contentType: 'text/plain' })
		);
		expect(text.status).toBe(415);

		const shape = await app.fetch(
			apiRequest('POST', '/api/auth/login', { body: { login: 'ab', authKey: 12 } })
		);
		expect(shape.status).toBe(400);
		const body = apiErrorBodySchema.parse(await shape.json());
		expect(body.error.code).toBe('invalid-body');
		expect(body.error.issues?.map((i) => i.path.join('.')).sort()).toEqual(['authKey', 'login']);
		expect(JSON.stringify(body)).not.toMatch(/at \w+ \(|node_modules|\.ts:/);
	});

	it('declares only real routes, each bound to the handler its +server.ts calls', () => {
		const app = createTestApp(get().handle);
		for (const [method, pattern, pick] of ROUTES) {
			const dir = pattern.source
				.replace(/^\^\\\//u, '')
				.replace(/\$$/u, '')
				.replace(/\(\?<(\w+)>\[\^\\?\/\]\+\)/gu, '[$1]')
				.replaceAll('\\/', '/');
			const source = readFileSync(
				new URL(`../../src/routes/${dir}/+server.ts`, import.meta.url),
				'utf8'
			);
			const bound = new RegExp(
				`export const ${method}: RequestHandler = endpoint\\('(\\w+)'\\)`,
				'su'
			).exec(source);
			const name = bound?.[1];
			expect(name, `${method} ${dir}`).toBeDefined();
			const handler: unknown = name === undefined ? undefined : Reflect.get(app.api, name);
			expect(handler, `${method} ${dir}`).toBeDefined();
			expect(pick(app.api), `${method} ${dir}`).toBe(handler);
		}
	});
});
