// The HTTP adapter: request shapes the server's contract accepts, and every failure as a value.
import { describe, expect, it } from 'vitest';
import { createHttpTransport } from '$lib/sync/transport-http';
import { anEnvelope, CIRCLE } from './fakes';

const DEVICE = '0190a000-0000-7000-8000-0000000000d1';

function aFetch(respond: () => Response | Promise<Response>) {
	const calls: { url: string; init: RequestInit | undefined }[] = [];
	const fetch = (url: string, init?: RequestInit) => {
		calls.push({ url, init });
		return Promise.resolve(respond());
	};
	return { calls, transport: createHttpTransport({ fetch, deviceId: DEVICE }) };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
	new Response(JSON.stringify(body), {
		status,
		headers: { 'content-type': 'application/json', ...headers }
	});

describe('http transport', () => {
	it('pushes envelopes per circle with the device id and parses per-envelope acks', async () => {
		const envelope = anEnvelope();
		const { calls, transport } = aFetch(() =>
			json({
				acks: [{ id: envelope.id, hlc: envelope.hlc, error: 'forbidden-category' }]
			})
		);
		const result = await transport.push({ circleId: CIRCLE, envelopes: [envelope] });
		expect(result).toEqual({
			ok: true,
			value: { acks: [{ id: envelope.id, hlc: envelope.hlc, error: 'forbidden-category' }] }
		});
		const [call] = calls;
		expect(call?.url).toBe('/api/sync/push');
		expect(call?.init?.method).toBe('POST');
		const sent = call?.init?.body;
		expect(JSON.parse(typeof sent === 'string' ? sent : '')).toEqual({
			circleId: CIRCLE,
			deviceId: DEVICE,
			envelopes: [
				{
					id: envelope.id,
					hlc: envelope.hlc,
					category: envelope.category,
					keyId: envelope.keyId,
					iv: envelope.iv,
					ciphertext: envelope.ciphertext,
					deleted: false
				}
			]
		});
	});

	it('pulls by checkpoint and tags envelopes with their circle', async () => {
		const e = anEnvelope();
		const { calls, transport } = aFetch(() =>
			json({
				envelopes: [
					{
						id: e.id,
						hlc: e.hlc,
						seq: 8,
						category: e.category,
						keyId: e.keyId,
						deviceId: DEVICE,
						iv: e.iv,
						ciphertext: e.ciphertext,
						deleted: true
					}
				],
				checkpoint: 8,
				hasMore: true,
				epoch: 'epoch-1',
				reset: false
			})
		);
		const result = await transport.pull({ circleId: CIRCLE, since: 7, limit: 100 });
		expect(calls[0]?.url).toBe(`/api/sync/pull?circle=${CIRCLE}&since=7&limit=100`);
		expect(result).toEqual({
			ok: true,
			value: {
				envelopes: [{ ...e, deleted: true, seq: 8 }],
				checkpoint: 8,
				hasMore: true,
				epoch: 'epoch-1',
				reset: false
			}
		});
	});

	it('maps failures to values', async () => {
		const cases: readonly [() => Response | Promise<Response>, unknown][] = [
			[() => json({ error: { code: 'unauthenticated' } }, 401), { type: 'auth-required' }],
			[() => json({ error: { code: 'forbidden' } }, 403), { type: 'forbidden' }],
			[
				() =>
					json({ error: { code: 'rate-limited', retryAfterSeconds: 9 } }, 429, {
						'Retry-After': '30'
					}),
				{ type: 'rate-limited', retryAfterMs: 30_000 }
			],
			[
				() => json({ error: { code: 'rate-limited', retryAfterSeconds: 9 } }, 429),
				{ type: 'rate-limited', retryAfterMs: 9_000 }
			],
			[() => new Response('Bad gateway', { status: 502 }), { type: 'server', status: 502 }],
			[() => json({ error: { code: 'invalid-body' } }, 400), { type: 'bad-request', status: 400 }],
			[() => new Response('<html>', { status: 200 }), { type: 'invalid-response' }],
			[() => json({ acks: 'none' }), { type: 'invalid-response' }],
			[() => Promise.reject(new TypeError('Failed to fetch')), { type: 'offline' }]
		];
		for (const [respond, error] of cases) {
			const { transport } = aFetch(respond);
			expect(await transport.push({ circleId: CIRCLE, envelopes: [anEnvelope()] })).toEqual({
				ok: false,
				error
			});
		}
	});
});
