// Sending one push message through `web-push` (RFC 8030 + 8291 encryption + 8292 VAPID).
// Why: the scheduler only needs to know what became of a message; this adapter turns web-push's
// resolve/reject into a small outcome type and keeps HTTP details (Retry-After, status codes)
// in one place.
// Invariants: only endpoints of known push services are ever fetched (server/push/endpoint.ts),
// checked again here for subscriptions stored before the allowlist; redirects are not followed
// (Node's https.request never does) and a 3xx, like 404/410, means the subscription is gone for
// good; 429 and 5xx, timeouts and network
// errors are worth retrying (Retry-After honoured, seconds or HTTP date); any other status is a
// permanent rejection of this message. Payloads are never logged.
import type { Agent } from 'node:https';
import webpush from 'web-push';
import { isPushServiceEndpoint } from './endpoint';
import type { VapidKeys } from './vapid';

export interface PushTarget {
	readonly endpoint: string;
	readonly p256dh: string;
	readonly auth: string;
}

export interface PushSendOptions {
	readonly ttlSeconds: number;
	readonly urgency: 'very-low' | 'low' | 'normal' | 'high';
	/** ≤ 32 base64url characters: a newer message with the same topic replaces an undelivered one. */
	readonly topic: string;
}

export type SendOutcome =
	| { readonly type: 'delivered' }
	| { readonly type: 'gone'; readonly status: number }
	| { readonly type: 'retry'; readonly status: number | null; readonly retryAfterMs: number | null }
	| { readonly type: 'rejected'; readonly status: number };

export type SendPush = (
	target: PushTarget,
	payload: Uint8Array,
	options: PushSendOptions
) => Promise<SendOutcome>;

/** Retry-After as ms from `now`: delta-seconds or an HTTP date; null when absent or unreadable. */
export const parseRetryAfter = (value: string | undefined, now: number): number | null => {
	if (value === undefined || value.trim() === '') return null;
	const trimmed = value.trim();
	if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
	const date = Date.parse(trimmed);
	return Number.isNaN(date) ? null : Math.max(0, date - now);
};

/** Maps an HTTP status of a push service to an outcome. */
export const outcomeOfStatus = (
	status: number,
	retryAfter: string | undefined,
	now: number
): SendOutcome => {
	if (status >= 200 && status < 300) return { type: 'delivered' };
	if (status === 404 || status === 410 || (status >= 300 && status < 400))
		return { type: 'gone', status };
	if (status === 429 || status >= 500) {
		return { type: 'retry', status, retryAfterMs: parseRetryAfter(retryAfter, now) };
	}
	return { type: 'rejected', status };
};

export interface WebPushSenderDeps {
	readonly vapid: VapidKeys;
	readonly now: () => number;
	/** Socket timeout per request: a slow push service costs at most this long. */
	readonly timeoutMs: number;
	/** A custom TLS agent (tests trust the loopback fake push service's certificate with it). */
	readonly agent?: Agent;
	/** `host:port` allowed besides the known push services (tests: the loopback fake service). */
	readonly extraOrigins?: readonly string[];
}

const headerValue = (
	headers: Readonly<Record<string, unknown>>,
	name: string
): string | undefined => {
	const value = headers[name] ?? headers[name.toLowerCase()];
	return typeof value === 'string' ? value : undefined;
};

export const createWebPushSender =
	(deps: WebPushSenderDeps): SendPush =>
	async (target, payload, options) => {
		if (!isPushServiceEndpoint(target.endpoint, deps.extraOrigins))
			return { type: 'gone', status: 0 };
		try {
			const result = await webpush.sendNotification(
				{ endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } },
				Buffer.from(payload),
				{
					vapidDetails: deps.vapid,
					TTL: options.ttlSeconds,
					urgency: options.urgency,
					topic: options.topic,
					timeout: deps.timeoutMs,
					contentEncoding: 'aes128gcm',
					...(deps.agent === undefined ? {} : { agent: deps.agent })
				}
			);
			return outcomeOfStatus(result.statusCode, undefined, deps.now());
		} catch (error) {
			if (error instanceof webpush.WebPushError) {
				return outcomeOfStatus(
					error.statusCode,
					headerValue(error.headers, 'retry-after'),
					deps.now()
				);
			}
			// Network trouble (a `code` like ECONNRESET, or web-push's socket timeout) is transient;
			// anything else was thrown before sending (an unusable subscription key): permanent.
			const transient =
				error instanceof Error &&
				(('code' in error && typeof error.code === 'string') || error.message === 'Socket timeout');
			return transient
				? { type: 'retry', status: null, retryAfterMs: null }
				: { type: 'rejected', status: 0 };
		}
	};
