// Request input on the server: JSON bodies only, a size limit enforced while the stream is read
// (whatever Content-Length says), UTF-8 only, and zod's issues (at most 20) returned as values.
import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import {
	AUTH_BODY_LIMIT,
	parseJsonBody,
	parseQuery,
	SYNC_BODY_LIMIT
} from '../../../server/http/body';

const schema = z.object({ name: z.string(), age: z.number().int() });
const json = 'application/json';

function aRequest(body: BodyInit | null, headers: Record<string, string> = {}): Request {
	return new Request('https://cercle.test/api/x', {
		method: 'POST',
		body,
		headers,
		...(body instanceof ReadableStream ? { duplex: 'half' } : {})
	});
}

/** A body streamed in the given chunks, with no Content-Length. */
function aStream(chunks: readonly Uint8Array[]): {
	stream: ReadableStream;
	cancelled: () => boolean;
} {
	let cancelled = false;
	let index = 0;
	const stream = new ReadableStream<Uint8Array>({
		pull(controller) {
			const next = chunks[index++];
			if (next === undefined) controller.close();
			else controller.enqueue(next);
		},
		cancel() {
			cancelled = true;
		}
	});
	return { stream, cancelled: () => cancelled };
}

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('parseJsonBody', () => {
	it('allows 16 KiB for authentication bodies and 1 MiB for sync bodies', () => {
		expect(AUTH_BODY_LIMIT).toBe(16_384);
		expect(SYNC_BODY_LIMIT).toBe(1_048_576);
	});

	it('parses a JSON body with the contract', async () => {
		const result = await parseJsonBody(
			aRequest('{"name":"Zoé","age":81}', { 'content-type': 'application/json; charset=utf-8' }),
			schema,
			100
		);
		expect(result).toEqual({ ok: true, value: { name: 'Zoé', age: 81 } });
	});

	it('accepts the media type in any case and with spaces around it', async () => {
		const result = await parseJsonBody(
			aRequest('{"name":"a","age":1}', { 'content-type': ' Application/JSON ;charset=utf-8' }),
			schema,
			100
		);
		expect(result.ok).toBe(true);
	});

	it('refuses other media types and a missing Content-Type with 415', async () => {
		const cases: readonly Record<string, string>[] = [
			{},
			{ 'content-type': 'text/plain' },
			{ 'content-type': 'application/jsonx' }
		];
		for (const headers of cases) {
			const request = new Request('https://cercle.test/api/x', {
				method: 'POST',
				body: utf8('{"name":"a","age":1}'),
				headers
			});
			expect(await parseJsonBody(request, schema, 100)).toEqual({
				ok: false,
				error: { type: 'unsupported-media-type' }
			});
		}
	});

	it('refuses a declared Content-Length over the limit before reading', async () => {
		const request = aRequest('{"name":"a","age":1}', {
			'content-type': json,
			'content-length': '101'
		});
		expect(await parseJsonBody(request, schema, 100)).toEqual({
			ok: false,
			error: { type: 'body-too-large' }
		});
	});

	it('accepts a body of exactly the limit, declared or not', async () => {
		const body = '{"name":"a","age":1}';
		const limit = body.length;
		const cases: readonly Record<string, string>[] = [
			{ 'content-type': json },
			{ 'content-type': json, 'content-length': String(limit) }
		];
		for (const headers of cases) {
			expect(await parseJsonBody(aRequest(body, headers), schema, limit)).toEqual({
				ok: true,
				value: { name: 'a', age: 1 }
			});
		}
	});

	it('stops reading a stream that passes the limit, whatever Content-Length said', async () => {
		const { stream, cancelled } = aStream([utf8('{"name":"'), utf8('a'.repeat(60)), utf8('"}')]);
		const result = await parseJsonBody(
			aRequest(stream, { 'content-type': json, 'content-length': '10' }),
			schema,
			50
		);
		expect(result).toEqual({ ok: false, error: { type: 'body-too-large' } });
		expect(cancelled()).toBe(true);
	});

	it('joins a body streamed in several chunks in order', async () => {
		const { stream } = aStream([utf8('{"name":'), utf8('"Zo'), utf8('é","age":'), utf8('81}')]);
		const result = await parseJsonBody(aRequest(stream, { 'content-type': json }), schema, 1_000);
		expect(result).toEqual({ ok: true, value: { name: 'Zoé', age: 81 } });
	});

	it('reads a missing body as empty, which is not JSON', async () => {
		const request = new Request('https://cercle.test/api/x', {
			method: 'POST',
			headers: { 'content-type': json }
		});
		expect(await parseJsonBody(request, schema, 100)).toEqual({
			ok: false,
			error: { type: 'invalid-json' }
		});
	});

	it('refuses malformed JSON and bytes that are not UTF-8', async () => {
		for (const body of [utf8('{"name":'), new Uint8Array([0x22, 0xff, 0xfe, 0x22])]) {
			expect(await parseJsonBody(aRequest(body, { 'content-type': json }), schema, 100)).toEqual({
				ok: false,
				error: { type: 'invalid-json' }
			});
		}
	});

	it('answers invalid-json when the stream breaks', async () => {
		const stream = new ReadableStream<Uint8Array>({
			pull(controller) {
				controller.error(new Error('connection reset'));
			}
		});
		expect(await parseJsonBody(aRequest(stream, { 'content-type': json }), schema, 100)).toEqual({
			ok: false,
			error: { type: 'invalid-json' }
		});
	});

	it('returns the contract issues with their paths and messages, at most 20', async () => {
		const result = await parseJsonBody(
			aRequest('{"name":1}', { 'content-type': json }),
			schema,
			100
		);
		expect(result.ok).toBe(false);
		if (result.ok || result.error.type !== 'invalid-body') throw new Error('expected invalid-body');
		expect(result.error.issues.map((i) => i.path)).toEqual([['name'], ['age']]);
		for (const issue of result.error.issues) expect(issue.message).not.toBe('');

		const many = z.object(
			Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`f${String(i)}`, z.string()]))
		);
		const tooMany = await parseJsonBody(aRequest('{}', { 'content-type': json }), many, 100);
		if (tooMany.ok || tooMany.error.type !== 'invalid-body')
			throw new Error('expected invalid-body');
		expect(tooMany.error.issues).toHaveLength(20);
		expect(tooMany.error.issues[0]?.path).toEqual(['f0']);
	});

	it('writes a symbol key of an issue path as a string', async () => {
		const key = Symbol('secret');
		const withSymbol = z.custom<unknown>().superRefine((_, ctx) => {
			ctx.addIssue({ code: 'custom', message: 'bad', path: [key, 0] });
		});
		const result = await parseJsonBody(aRequest('{}', { 'content-type': json }), withSymbol, 100);
		expect(result).toEqual({
			ok: false,
			error: { type: 'invalid-body', issues: [{ path: ['Symbol(secret)', 0], message: 'bad' }] }
		});
	});
});

describe('parseQuery', () => {
	const query = z.object({ since: z.coerce.number().int().nonnegative() });

	it('parses the query with the contract, keeping the first of repeated keys', () => {
		const url = new URL('https://cercle.test/api/sync/pull?since=4&since=9');
		expect(parseQuery(url, query)).toEqual({ ok: true, value: { since: 4 } });
	});

	it('returns invalid-query with the issues', () => {
		const url = new URL('https://cercle.test/api/sync/pull?since=-1');
		const result = parseQuery(url, query);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.error.type).toBe('invalid-query');
		expect(result.error.type === 'invalid-query' && result.error.issues[0]?.path).toEqual([
			'since'
		]);
	});
});
