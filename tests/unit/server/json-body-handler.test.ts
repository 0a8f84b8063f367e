// `withJsonBody` (server/api/session.ts), the one way an authenticated handler gets its JSON body:
// the handler runs only with a body that parsed, and gets it parsed, with the session and the
// request; every refusal of the body is answered with its own error, the handler never called.
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { withJsonBody } from '../../../server/api/session';
import type { ApiRequest } from '../../../server/api/types';
import type { ValidSession } from '../../../server/auth/sessions';
import { jsonResponse } from '../../../server/http/respond';

const auth = { account: { id: 'a1' }, renewed: false } as unknown as ValidSession;
const schema = z.object({ n: z.number().int() });

function request(body: string, type = 'application/json'): ApiRequest {
	const url = new URL('https://cercle.test/api/x/p1');
	return {
		request: new Request(url, { method: 'POST', body, headers: { 'content-type': type } }),
		url,
		ip: '127.0.0.1',
		params: { id: 'p1' }
	};
}

function handlerSeen() {
	const calls: unknown[] = [];
	const handler = withJsonBody(schema, 64, (body, session, req) => {
		calls.push({ body, account: session.account.id, param: req.params['id'] });
		return Promise.resolve(jsonResponse({ ok: true }));
	});
	return { calls, handler };
}

describe('withJsonBody', () => {
	it('hands the parsed body, the session and the request to the handler', async () => {
		const { calls, handler } = handlerSeen();
		const response = await handler(request('{"n":3}'), auth);
		expect(response.status).toBe(200);
		expect(calls).toEqual([{ body: { n: 3 }, account: 'a1', param: 'p1' }]);
	});

	it.each([
		['a body that does not parse', '{"n":"three"}', 'application/json', 400, 'invalid-body'],
		['a body that is not JSON', '{n:', 'application/json', 400, 'invalid-json'],
		[
			'a body over the limit',
			JSON.stringify({ n: 1, pad: 'x'.repeat(100) }),
			'application/json',
			413,
			'body-too-large'
		],
		['a body of another type', '{"n":3}', 'text/plain', 415, 'unsupported-media-type']
	])(
		'answers %s with its own error, and the handler is not called',
		async (_, body, type, status, code) => {
			const { calls, handler } = handlerSeen();
			const response = await handler(request(body, type), auth);
			expect(response.status).toBe(status);
			expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
			expect(calls).toEqual([]);
		}
	);
});
