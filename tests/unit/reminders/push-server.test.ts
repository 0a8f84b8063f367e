import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import webpush from 'web-push';
import { afterEach, describe, expect, it } from 'vitest';
import {
	pushMessageSchema,
	pushScheduleUploadBodySchema,
	pushSubscribeBodySchema,
	PUSH_MESSAGE_BYTES
} from '../../../src/lib/contracts/push';
import { buildPushMessage } from '../../../server/push/payload';
import { backoffMs } from '../../../server/push/scheduler';
import { outcomeOfStatus, parseRetryAfter } from '../../../server/push/sender';
import { loadVapidKeys } from '../../../server/push/vapid';

const dirs: string[] = [];
const tempDir = (): string => {
	const dir = mkdtempSync(join(tmpdir(), 'cercle-vapid-'));
	dirs.push(dir);
	return dir;
};
afterEach(() => {
	for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('VAPID keys', () => {
	it('generates keys once into <DATA_DIR>/vapid.json with mode 0600 and reuses them', () => {
		const dataDir = join(tempDir(), 'nested');
		let generated = 0;
		const generate = () => {
			generated += 1;
			return webpush.generateVAPIDKeys();
		};
		const first = loadVapidKeys({ env: {}, dataDir, generate });
		const second = loadVapidKeys({
			env: { VAPID_SUBJECT: 'https://cercle.test' },
			dataDir,
			generate
		});
		expect(generated).toBe(1);
		expect(first.ok && second.ok).toBe(true);
		if (!first.ok || !second.ok) return;
		expect(second.value.publicKey).toBe(first.value.publicKey);
		expect(second.value.subject).toBe('https://cercle.test');
		expect(statSync(join(dataDir, 'vapid.json')).mode & 0o777).toBe(0o600);
		expect(readFileSync(join(dataDir, 'vapid.json'), 'utf8')).toContain(first.value.privateKey);
	});

	it('prefers the environment and refuses half a key pair or a bad subject', () => {
		const keys = webpush.generateVAPIDKeys();
		const never = () => {
			throw new Error('must not generate');
		};
		const dataDir = tempDir();
		const env = {
			VAPID_PUBLIC_KEY: keys.publicKey,
			VAPID_PRIVATE_KEY: keys.privateKey,
			VAPID_SUBJECT: 'mailto:ops@cercle.test'
		};
		expect(loadVapidKeys({ env, dataDir, generate: never })).toEqual({
			ok: true,
			value: { ...keys, subject: 'mailto:ops@cercle.test' }
		});
		expect(
			loadVapidKeys({ env: { VAPID_PUBLIC_KEY: keys.publicKey }, dataDir, generate: never })
		).toEqual({ ok: false, error: { type: 'vapid-incomplete' } });
		expect(
			loadVapidKeys({ env: { ...env, VAPID_PRIVATE_KEY: 'short' }, dataDir, generate: never })
		).toEqual({ ok: false, error: { type: 'vapid-invalid' } });
		expect(
			loadVapidKeys({ env: { ...env, VAPID_SUBJECT: 'ops@cercle.test' }, dataDir, generate: never })
		).toEqual({ ok: false, error: { type: 'vapid-invalid' } });
	});
});

describe('push message and outcomes', () => {
	it('pads every message to the same size, English or French', () => {
		const id = 'AAAAAAAAAAAAAAAAAAAAAA';
		for (const locale of ['en', 'fr'] as const) {
			const bytes = buildPushMessage(id, locale);
			expect(bytes).toHaveLength(PUSH_MESSAGE_BYTES);
			const message = pushMessageSchema.parse(JSON.parse(new TextDecoder().decode(bytes)));
			expect(message.id).toBe(id);
		}
	});

	it('maps statuses: 404/410 gone, 429/5xx retry with Retry-After, others rejected', () => {
		const now = Date.UTC(2025, 0, 1);
		expect(outcomeOfStatus(201, undefined, now)).toEqual({ type: 'delivered' });
		expect(outcomeOfStatus(410, undefined, now)).toEqual({ type: 'gone', status: 410 });
		expect(outcomeOfStatus(404, undefined, now)).toEqual({ type: 'gone', status: 404 });
		expect(outcomeOfStatus(429, '30', now)).toEqual({
			type: 'retry',
			status: 429,
			retryAfterMs: 30_000
		});
		expect(outcomeOfStatus(503, undefined, now)).toEqual({
			type: 'retry',
			status: 503,
			retryAfterMs: null
		});
		expect(outcomeOfStatus(413, undefined, now)).toEqual({ type: 'rejected', status: 413 });
		expect(parseRetryAfter(new Date(now + 90_000).toUTCString(), now)).toBe(90_000);
		expect(parseRetryAfter('soon', now)).toBeNull();
	});

	it('backs off exponentially up to a cap', () => {
		expect([1, 2, 3, 4, 10].map((a) => backoffMs(a, 30_000, 3_600_000))).toEqual([
			30_000, 60_000, 120_000, 240_000, 3_600_000
		]);
	});
});

describe('push contracts', () => {
	it('accepts a browser subscription and refuses non-https endpoints', () => {
		const keys = { p256dh: 'B'.repeat(87), auth: 'a'.repeat(22) };
		const body = {
			endpoint: 'https://fcm.googleapis.com/fcm/send/abc',
			expirationTime: null,
			keys,
			locale: 'fr'
		};
		expect(pushSubscribeBodySchema.safeParse(body).success).toBe(true);
		expect(
			pushSubscribeBodySchema.safeParse({ ...body, endpoint: 'http://push.test/x' }).success
		).toBe(false);
		expect(
			pushSubscribeBodySchema.safeParse({ ...body, keys: { ...keys, auth: 'short' } }).success
		).toBe(false);
	});

	it('lets nothing but fireAt and opaqueId into a schedule upload', () => {
		const ok = { occurrences: [{ fireAt: 1, opaqueId: 'A'.repeat(22) }] };
		expect(pushScheduleUploadBodySchema.safeParse(ok).success).toBe(true);
		const leaky = { occurrences: [{ fireAt: 1, opaqueId: 'A'.repeat(22), title: 'Metformin' }] };
		expect(pushScheduleUploadBodySchema.safeParse(leaky).success).toBe(false);
		expect(
			pushScheduleUploadBodySchema.safeParse({
				occurrences: [{ fireAt: 1, opaqueId: 'metformin:2025' }]
			}).success
		).toBe(false);
		const tooMany = { occurrences: Array.from({ length: 2001 }, () => ok.occurrences[0]) };
		expect(pushScheduleUploadBodySchema.safeParse(tooMany).success).toBe(false);
	});
});
