// The one place the sync engine meets HTTP: `POST /api/sync/push` and `GET /api/sync/pull`, with
// `fetch` injected (the page's, the service worker's, or a fake in tests).
//
// Why: the engine works on results, not on responses; this adapter turns every way a request can
// go wrong into a `TransportError` value and parses every 2xx body with the shared zod contract
// (`src/lib/contracts/sync.ts`), so a response the engine acts on has been validated.
//
// Status mapping (the only place it is written down on the client):
//   network failure / abort → offline        401 → auth-required     403 → forbidden
//   403 with code forbidden-origin → forbidden-origin (the server's ORIGIN is another address)
//   429 → rate-limited (Retry-After header, else the body's retryAfterSeconds)
//   5xx → server                              other non-2xx → bad-request
//   2xx with a body that does not parse → invalid-response
import * as z from 'zod';
import { apiErrorBodySchema } from '$lib/contracts/common';
import { pullResponseSchema, pushResponseSchema } from '$lib/contracts/sync';
import { err, ok, type Result } from './result';
import type { PulledEnvelope, TransportError, TransportPort } from './types';

export interface HttpTransportDeps {
	readonly fetch: (input: string, init?: RequestInit) => Promise<Response>;
	/** This device's id, sent with every push (the server records who wrote each version). */
	readonly deviceId: string;
	/** Origin prefix; empty for same-origin requests from the app. */
	readonly baseUrl?: string;
}

export const PUSH_PATH = '/api/sync/push';
export const PULL_PATH = '/api/sync/pull';

/** The address the page was loaded from, as the server saw it in the Origin header. */
export function pageOrigin(): string {
	return typeof location === 'undefined' ? '' : location.origin;
}

function retryAfterMs(response: Response, body: unknown): number | null {
	const header = response.headers.get('Retry-After');
	if (header !== null && /^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
	const parsed = apiErrorBodySchema.safeParse(body);
	const seconds = parsed.success ? parsed.data.error.retryAfterSeconds : undefined;
	return seconds === undefined ? null : seconds * 1000;
}

async function readJson(response: Response): Promise<unknown> {
	try {
		const body: unknown = await response.json();
		return body;
	} catch {
		return undefined;
	}
}

async function send<S extends z.ZodType>(
	deps: HttpTransportDeps,
	path: string,
	body: string | null,
	schema: S
): Promise<Result<z.infer<S>, TransportError>> {
	let response: Response;
	try {
		response = await deps.fetch(`${deps.baseUrl ?? ''}${path}`, {
			credentials: 'same-origin',
			...(body === null
				? { method: 'GET', headers: { accept: 'application/json' } }
				: {
						method: 'POST',
						headers: { accept: 'application/json', 'content-type': 'application/json' },
						body
					})
		});
	} catch {
		return err({ type: 'offline' });
	}
	const json = await readJson(response);
	if (response.ok) {
		const parsed = schema.safeParse(json);
		return parsed.success ? ok(parsed.data) : err({ type: 'invalid-response' });
	}
	if (response.status === 401) return err({ type: 'auth-required' });
	if (response.status === 403) {
		const parsed = apiErrorBodySchema.safeParse(json);
		if (parsed.success && parsed.data.error.code === 'forbidden-origin') {
			return err({ type: 'forbidden-origin', origin: pageOrigin() });
		}
		return err({ type: 'forbidden' });
	}
	if (response.status === 429) {
		return err({ type: 'rate-limited', retryAfterMs: retryAfterMs(response, json) });
	}
	if (response.status >= 500) return err({ type: 'server', status: response.status });
	return err({ type: 'bad-request', status: response.status });
}

export function createHttpTransport(deps: HttpTransportDeps): TransportPort {
	return {
		push: async ({ circleId, envelopes }) =>
			send(
				deps,
				PUSH_PATH,
				JSON.stringify({
					circleId,
					deviceId: deps.deviceId,
					envelopes: envelopes.map((e) => ({
						id: e.id,
						hlc: e.hlc,
						category: e.category,
						keyId: e.keyId,
						iv: e.iv,
						ciphertext: e.ciphertext,
						deleted: e.deleted
					}))
				}),
				pushResponseSchema
			),
		pull: async ({ circleId, since, sinceId, limit }) => {
			const query = new URLSearchParams({
				circle: circleId,
				since: String(since),
				limit: String(limit)
			});
			if (sinceId !== undefined && since > 0) query.set('sinceId', sinceId);
			const result = await send(deps, `${PULL_PATH}?${query.toString()}`, null, pullResponseSchema);
			if (!result.ok) return result;
			const envelopes: PulledEnvelope[] = result.value.envelopes.map((e) => ({
				id: e.id,
				circleId,
				category: e.category,
				hlc: e.hlc,
				keyId: e.keyId,
				iv: e.iv,
				ciphertext: e.ciphertext,
				deleted: e.deleted,
				seq: e.seq
			}));
			const { checkpoint, hasMore, epoch, reset } = result.value;
			return ok({ envelopes, checkpoint, hasMore, epoch, reset });
		}
	};
}
