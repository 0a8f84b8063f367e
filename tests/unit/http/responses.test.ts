// What the API answers: one status per expected failure, error bodies in the contract's shape with
// nothing echoed back, no caching of any API response, the Origin guard on state-changing requests,
// and logs of unexpected errors that never carry the error's message.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiErrorBodySchema, apiErrorCodeSchema } from '$lib/contracts/common';
import { errorResponse, errorStatus, type ApiError } from '../../../server/http/errors';
import { applySecurityHeaders, checkOrigin, isStateChanging } from '../../../server/http/guard';
import { logUnexpected } from '../../../server/http/log';
import { emptyResponse, jsonResponse } from '../../../server/http/respond';

const STATUS: Record<ApiError['type'], number> = {
	'invalid-json': 400,
	'invalid-body': 400,
	'invalid-query': 400,
	'invalid-grant': 400,
	unauthenticated: 401,
	'invalid-credentials': 401,
	'second-factor-required': 401,
	'second-factor-invalid': 401,
	'second-factor-replayed': 401,
	forbidden: 403,
	'professional-needs-second-factor': 403,
	'forbidden-origin': 403,
	'invitation-proof-invalid': 403,
	'not-found': 404,
	'login-taken': 409,
	'circle-taken': 409,
	'invitation-used': 409,
	'invitation-not-accepted': 409,
	'invitation-withdrawn': 409,
	'already-member': 409,
	'rotation-incomplete': 409,
	'survey-conflict': 409,
	'second-factor-enabled': 409,
	'second-factor-not-pending': 409,
	'invitation-other-account': 409,
	'team-key-stale': 409,
	'last-admin': 409,
	'roster-stale': 409,
	'invitation-expired': 410,
	'invitation-revoked': 410,
	'survey-token-refused': 410,
	'body-too-large': 413,
	'unsupported-media-type': 415,
	'rate-limited': 429,
	internal: 500,
	unavailable: 503
};

function anError(type: ApiError['type']): ApiError {
	if (type === 'invalid-body' || type === 'invalid-query') return { type, issues: [] };
	if (type === 'rate-limited') return { type, retryAfterSeconds: 7 };
	// Every other error is `{ type }` alone; TypeScript does not narrow a union of more than 25
	// members by its discriminant here, so the plain shape is checked by the server's own union.
	const plain: { readonly type: typeof type } = { type };
	return plain as ApiError;
}

describe('error responses', () => {
	it('maps every error code to its status, with a contract body and no caching', async () => {
		for (const code of apiErrorCodeSchema.options) {
			const response = errorResponse(anError(code));
			expect([code, response.status]).toEqual([code, STATUS[code]]);
			expect(errorStatus(anError(code))).toBe(STATUS[code]);
			expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
			expect(response.headers.get('cache-control')).toBe('no-store');
			const body = apiErrorBodySchema.parse(await response.json());
			expect(body.error.code).toBe(code);
		}
	});

	it('returns the issues of an invalid body or query, and only those', async () => {
		const issues = [{ path: ['items', 0, 'hlc'], message: 'Invalid string' }];
		for (const type of ['invalid-body', 'invalid-query'] as const) {
			expect(await errorResponse({ type, issues }).json()).toEqual({
				error: { code: type, issues }
			});
		}
		expect(await errorResponse({ type: 'invalid-json' }).json()).toEqual({
			error: { code: 'invalid-json' }
		});
	});

	it('tells a rate-limited client when to come back, in the body and in Retry-After', async () => {
		const response = errorResponse({ type: 'rate-limited', retryAfterSeconds: 42 });
		expect(response.headers.get('retry-after')).toBe('42');
		expect(await response.json()).toEqual({
			error: { code: 'rate-limited', retryAfterSeconds: 42 }
		});
		expect(errorResponse({ type: 'forbidden' }).headers.get('retry-after')).toBeNull();
	});

	it('keeps the extra headers it is given', () => {
		const response = errorResponse(
			{ type: 'unauthenticated' },
			{ 'Set-Cookie': 'session=; Max-Age=0' }
		);
		expect(response.headers.get('set-cookie')).toBe('session=; Max-Age=0');
	});
});

describe('JSON and empty responses', () => {
	it('answers JSON with status 200 by default, never cached, keeping extra headers', async () => {
		const response = jsonResponse({ ok: 1 }, undefined, {
			'X-Extra': 'yes',
			'Cache-Control': 'max-age=60'
		});
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
		expect(response.headers.get('cache-control')).toBe('no-store');
		expect(response.headers.get('x-extra')).toBe('yes');
		expect(await response.text()).toBe('{"ok":1}');
		expect(jsonResponse(null, 201).status).toBe(201);
	});

	it('answers 204 without a body by default, never cached, keeping extra headers', async () => {
		const response = emptyResponse(undefined, { 'X-Extra': 'yes' });
		expect(response.status).toBe(204);
		expect(response.headers.get('cache-control')).toBe('no-store');
		expect(response.headers.get('x-extra')).toBe('yes');
		expect(await response.text()).toBe('');
		expect(emptyResponse(205).status).toBe(205);
	});
});

describe('origin guard', () => {
	const app = 'https://cercle.test';
	const aRequest = (method: string, origin?: string) =>
		new Request(`${app}/api/x`, { method, headers: origin === undefined ? {} : { origin } });

	it('lets reads through whatever their origin', () => {
		for (const method of ['GET', 'HEAD', 'OPTIONS']) {
			expect(isStateChanging(method)).toBe(false);
			expect(checkOrigin(aRequest(method, 'https://evil.test'), app)).toBeNull();
			expect(checkOrigin(aRequest(method), app)).toBeNull();
		}
	});

	it('refuses a state-changing request without our Origin with 403 forbidden-origin', async () => {
		for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'post', 'delete']) {
			expect(isStateChanging(method)).toBe(true);
			expect(checkOrigin(aRequest(method, app), app)).toBeNull();
			for (const origin of [undefined, 'https://evil.test', 'null', `${app}.evil.test`]) {
				const refused = checkOrigin(aRequest(method, origin), app);
				expect(refused?.status).toBe(403);
				expect(await refused?.json()).toEqual({ error: { code: 'forbidden-origin' } });
			}
		}
	});

	it('sets the baseline headers everywhere and no-store only under /api', () => {
		for (const path of ['/api', '/api/sync/pull']) {
			const headers = new Headers();
			applySecurityHeaders(headers, path);
			expect(headers.get('cache-control')).toBe('no-store');
		}
		for (const path of ['/', '/apiary', '/journal/api']) {
			const headers = new Headers();
			applySecurityHeaders(headers, path);
			expect(headers.get('cache-control')).toBeNull();
			expect(headers.get('x-content-type-options')).toBe('nosniff');
			expect(headers.get('referrer-policy')).toBe('no-referrer');
			expect(headers.get('strict-transport-security')).toBe('max-age=63072000; includeSubDomains');
		}
	});
});

describe('logUnexpected', () => {
	afterEach(() => {
		vi.restoreAllMocks();
	});

	function captured(where: string, error: unknown): string {
		let out = '';
		vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
			out += String(chunk);
			return true;
		});
		logUnexpected(where, error);
		vi.restoreAllMocks();
		return out;
	}

	it('writes the place, the name, the code and the first stack frames, never the message', () => {
		const error = Object.assign(new TypeError('login zoe@example.org not found'), { code: 'E42' });
		error.stack = [
			'TypeError: login zoe@example.org',
			...Array.from({ length: 10 }, (_, i) => `    at f${String(i)}`)
		].join('\n');
		const out = captured('sync/push', error);
		expect(out).toBe(
			`[cercle] unexpected error in sync/push: TypeError E42\n${Array.from({ length: 7 }, (_, i) => `    at f${String(i)}`).join('\n')}\n`
		);
		expect(out).not.toContain('zoe@example.org');
	});

	it('names what was thrown when it is not an Error', () => {
		expect(captured('auth', 'zoe@example.org')).toBe(
			'[cercle] unexpected error in auth: string \n\n'
		);
		expect(captured('auth', null)).toBe('[cercle] unexpected error in auth: object \n\n');
		expect(captured('auth', { code: 23505 })).toBe(
			'[cercle] unexpected error in auth: object 23505\n\n'
		);
	});

	it('writes no frames for an Error without a stack', () => {
		const error = new RangeError('x');
		delete error.stack;
		expect(captured('db', error)).toBe('[cercle] unexpected error in db: RangeError \n\n');
	});
});
