// The sync engine's side of HTTP: `POST /api/sync/push` and `GET /api/sync/pull` through the one
// API client (`contracts/client.ts`), with `fetch` injected (the page's, the service worker's, or a
// fake in tests).
//
// Why: the engine works on results, not on responses; the client parses every 2xx body with the
// shared contract and maps every failure to an `ApiError`, which this adapter turns into the
// engine's `TransportError` (the rate-limit wait in milliseconds, a 404 as a bad request).
import { createApiClient, type ApiError, type FetchLike } from '$lib/contracts/client';
import { err, ok } from '$lib/domain/result';
import type { PulledEnvelope, TransportError, TransportPort } from './types';

export interface HttpTransportDeps {
	readonly fetch: FetchLike;
	/** This device's id, sent with every push (the server records who wrote each version). */
	readonly deviceId: string;
	/** Origin prefix; empty for same-origin requests from the app. */
	readonly baseUrl?: string;
}

export function transportErrorOf(error: ApiError): TransportError {
	switch (error.type) {
		case 'offline':
		case 'auth-required':
		case 'forbidden':
			return { type: error.type };
		case 'invalid-response':
			return { type: 'invalid-response' };
		case 'forbidden-origin':
			return { type: 'forbidden-origin', origin: error.origin };
		case 'rate-limited':
			return {
				type: 'rate-limited',
				retryAfterMs: error.retryAfterSeconds === null ? null : error.retryAfterSeconds * 1000
			};
		case 'server':
			return { type: 'server', status: error.status };
		case 'not-found':
			return { type: 'bad-request', status: 404 };
		case 'bad-request':
			return { type: 'bad-request', status: error.status };
	}
}

export function createHttpTransport(deps: HttpTransportDeps): TransportPort {
	const api = createApiClient(
		deps.fetch,
		deps.baseUrl === undefined ? {} : { baseUrl: deps.baseUrl }
	);
	return {
		push: async ({ circleId, envelopes }) => {
			const result = await api.call('push', {
				body: {
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
				}
			});
			return result.ok ? result : err(transportErrorOf(result.error));
		},
		pull: async ({ circleId, since, sinceId, limit }) => {
			const result = await api.call('pull', {
				query: {
					circle: circleId,
					since: String(since),
					limit: String(limit),
					...(sinceId !== undefined && since > 0 ? { sinceId } : {})
				}
			});
			if (!result.ok) return err(transportErrorOf(result.error));
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
