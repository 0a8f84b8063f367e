// The push scheduler against a loopback push service that checks VAPID and decrypts RFC 8291, on
// SQLite and PostgreSQL: generic payloads only, dead subscriptions removed, retries with backoff,
// slow services isolated, and two instances sending 1,000 due reminders exactly once.
import { randomUUID } from 'node:crypto';
import webpush from 'web-push';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pushMessageSchema, PUSH_MESSAGE_BYTES } from '../../src/lib/contracts/push';
import {
	createOpaqueIdMinter,
	DEFAULT_REMINDER_SETTINGS,
	expandReminders,
	toPushSchedule
} from '../../src/lib/domain/reminders';
import { createScheduler, type SchedulerDeps } from '../../server/push/scheduler';
import { createWebPushSender } from '../../server/push/sender';
import { createPushStore, type PushStore } from '../../server/push/store';
import type { VapidKeys } from '../../server/push/vapid';
import { createPushTestDatabase, type PushTestDatabase } from '../fixtures/push/database';
import {
	startFakePushService,
	type FakePushService,
	type FakeSubscription
} from '../fixtures/push/fake-push-service';
import { DIALECTS } from '../fixtures/server/databases';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const generated = webpush.generateVAPIDKeys();
const vapid: VapidKeys = { ...generated, subject: 'mailto:ops@cercle.test' };
const mint = createOpaqueIdMinter(new Uint8Array(32).fill(3));

/** Everything Marie wrote that must never reach a push service. */
const MARIE = {
	medications: [
		{ medicationId: 'metformin', label: 'Metformin 500 mg' },
		{ medicationId: 'furosemide', label: 'Furosemide' }
	],
	symptoms: ['breathlessness', 'swollen ankles', 'nausea'],
	tasks: [{ taskId: 'pharmacy-pickup', label: 'Pick up prescription at the pharmacy' }],
	goals: [{ goalId: 'walk-to-market', label: 'Walk to the market on Saturday' }]
};
const forbiddenWords = [
	...MARIE.medications.flatMap((m) => [m.medicationId, ...m.label.split(' ')]),
	...MARIE.symptoms.flatMap((s) => s.split(' ')),
	...MARIE.tasks.flatMap((t) => [t.taskId, ...t.label.split(' ')]),
	...MARIE.goals.flatMap((g) => [g.goalId, ...g.label.split(' ')])
]
	.map((word) => word.toLowerCase())
	.filter((word) => word.length > 3 && !['cercle', 'have', 'reminder'].includes(word));

for (const dialect of DIALECTS) {
	describe(`push scheduler [${dialect}]`, () => {
		let database: PushTestDatabase;
		let service: FakePushService;
		const cleanups: (() => Promise<void>)[] = [];
		let store: PushStore;
		let now = Date.UTC(2025, 2, 29, 6);

		const scheduler = (overrides: Partial<SchedulerDeps> = {}) =>
			createScheduler({
				db: database.db,
				dialect,
				send: createWebPushSender({
					vapid,
					now: () => now,
					timeoutMs: 2000,
					agent: service.agent,
					extraOrigins: [new URL(service.origin).host]
				}),
				now: () => now,
				instanceId: randomUUID(),
				...overrides
			});

		const subscribe = async (
			accountId: string,
			locale: 'en' | 'fr' = 'en'
		): Promise<FakeSubscription> => {
			const subscription = service.createSubscription();
			await store.subscribe(accountId, {
				endpoint: subscription.endpoint,
				keys: subscription.keys,
				locale
			});
			return subscription;
		};

		const jobState = async (opaqueId: string) =>
			database.db
				.selectFrom('push_jobs')
				.select(['state', 'attempts', 'next_attempt_at'])
				.where('opaque_id', '=', opaqueId)
				.executeTakeFirstOrThrow();

		beforeAll(async () => {
			database = await createPushTestDatabase(dialect);
			cleanups.push(database.cleanup);
			service = await startFakePushService({ vapidPublicKey: vapid.publicKey });
			cleanups.push(service.close);
			store = createPushStore({ db: database.db, now: () => now, newId: randomUUID });
		});
		afterAll(async () => {
			for (const cleanup of cleanups.reverse()) await cleanup();
		});
		beforeEach(async () => {
			service.reset();
			now += 24 * HOUR;
			await database.db.deleteFrom('push_jobs').execute();
			await database.db.deleteFrom('push_subscriptions').execute();
		});

		it('sends a verified, encrypted, generic and padded reminder that names nothing', async () => {
			const english = await subscribe('marie');
			const french = await subscribe('marie', 'fr');
			const occurrences = expandReminders(
				{
					medications: MARIE.medications.map((m) => ({
						medicationId: m.medicationId,
						schedule: { type: 'daily' as const, times: ['08:00', '20:00'] },
						startAt: 0,
						stopAt: null
					})),
					goals: [],
					appointments: [],
					tasks: [{ taskId: 'pharmacy-pickup', dueAt: now + 3 * HOUR, leadMinutes: 30 }]
				},
				{ timeZone: 'Europe/Paris', settings: DEFAULT_REMINDER_SETTINGS },
				now,
				now + 24 * HOUR,
				mint
			);
			const uploaded = await store.uploadSchedule('marie', toPushSchedule(occurrences));
			expect(uploaded).toEqual({
				ok: true,
				value: { scheduled: occurrences.length, skippedPast: 0 }
			});

			const first = occurrences[0];
			if (first === undefined) throw new Error('no occurrence');
			now = first.fireAt;
			const stats = await scheduler().tick();
			const due = occurrences.filter((o) => o.fireAt <= now);
			expect(stats).toMatchObject({ claimed: due.length, sent: due.length, failed: 0 });

			const received = service.received();
			expect(received.map((r) => r.error)).toEqual(received.map(() => undefined));
			expect(received).toHaveLength(due.length * 2);
			for (const push of received) {
				expect(push.status).toBe(201);
				expect(push.jwt?.aud).toBe(service.origin);
				expect(push.jwt?.sub).toBe(vapid.subject);
				expect(push.headers).toMatchObject({
					ttl: '14400',
					urgency: 'high',
					contentEncoding: 'aes128gcm'
				});
				expect(push.plaintext).toHaveLength(PUSH_MESSAGE_BYTES);
				const text = new TextDecoder().decode(push.plaintext);
				const message = pushMessageSchema.parse(JSON.parse(text));
				expect(due.map((o) => o.opaqueId)).toContain(message.id);
				expect(push.headers.topic).toBe(message.id);
				expect(message.title).toBe(
					push.subscriptionId === french.id
						? 'Cercle\u202f: vous avez un rappel'
						: 'Cercle: you have a reminder'
				);
				expect(push.subscriptionId === english.id || push.subscriptionId === french.id).toBe(true);
				const lower = text.toLowerCase();
				expect(forbiddenWords.filter((word) => lower.includes(word))).toEqual([]);
				for (const o of occurrences) expect(text).not.toContain(o.sourceRef);
				expect(Object.keys(message).sort()).toEqual(['id', 'title', 'v']);
			}
			expect((await jobState(first.opaqueId)).state).toBe('sent');
			expect((await store.listSubscriptions('marie')).every((s) => s.lastSuccessAt === now)).toBe(
				true
			);
		});

		it('removes subscriptions answered 404 or 410 and still delivers to the others', async () => {
			const gone = await subscribe('marie');
			const notFound = await subscribe('marie');
			const alive = await subscribe('marie');
			service.queue(gone.id, [{ type: 'status', status: 410 }]);
			service.queue(notFound.id, [{ type: 'status', status: 404 }]);
			const opaqueId = mint({ kind: 'medication', sourceRef: 'metformin:x', fireAt: now });
			await store.uploadSchedule('marie', [{ fireAt: now, opaqueId }]);
			const stats = await scheduler().tick();
			expect(stats).toMatchObject({ claimed: 1, sent: 1, removedSubscriptions: 2 });
			expect((await store.listSubscriptions('marie')).map((s) => s.endpoint)).toEqual([
				alive.endpoint
			]);

			service.queue(alive.id, [{ type: 'status', status: 410 }]);
			const next = mint({ kind: 'medication', sourceRef: 'metformin:y', fireAt: now });
			await store.uploadSchedule('marie', [{ fireAt: now, opaqueId: next }]);
			expect(await scheduler().tick()).toMatchObject({
				claimed: 1,
				failed: 1,
				removedSubscriptions: 1
			});
			expect(await store.listSubscriptions('marie')).toEqual([]);
			expect((await jobState(next)).state).toBe('failed');
		});

		it('retries 429 (honouring Retry-After) and 5xx with exponential backoff', async () => {
			const phone = await subscribe('marie');
			service.queue(phone.id, [
				{ type: 'status', status: 429, retryAfter: '120' },
				{ type: 'status', status: 500 },
				{ type: 'status', status: 503 }
			]);
			const opaqueId = mint({ kind: 'appointment', sourceRef: 'cardio', fireAt: now });
			await store.uploadSchedule('marie', [{ fireAt: now, opaqueId }]);
			const instance = scheduler({ baseBackoffMs: 30_000 });
			const start = now;

			expect(await instance.tick()).toMatchObject({ claimed: 1, retried: 1 });
			expect(await jobState(opaqueId)).toMatchObject({
				state: 'pending',
				attempts: 1,
				next_attempt_at: start + 120_000
			});
			now = start + 119_000;
			expect((await instance.tick()).claimed).toBe(0);
			now = start + 120_000;
			expect(await instance.tick()).toMatchObject({ claimed: 1, retried: 1 });
			expect((await jobState(opaqueId)).next_attempt_at).toBe(now + 60_000);
			now += 60_000;
			expect(await instance.tick()).toMatchObject({ claimed: 1, retried: 1 });
			expect((await jobState(opaqueId)).next_attempt_at).toBe(now + 120_000);
			expect((await store.listSubscriptions('marie'))[0]?.failureCount).toBe(3);
			now += 120_000;
			expect(await instance.tick()).toMatchObject({ claimed: 1, sent: 1 });
			expect(await jobState(opaqueId)).toMatchObject({ state: 'sent', attempts: 4 });
			expect((await store.listSubscriptions('marie'))[0]?.failureCount).toBe(0);
			expect(service.received().map((r) => r.status)).toEqual([429, 500, 503, 201]);
		});

		it('gives up after the last attempt', async () => {
			await subscribe('marie');
			service.queue('*', [
				{ type: 'status', status: 500 },
				{ type: 'status', status: 500 }
			]);
			const opaqueId = mint({ kind: 'task', sourceRef: 't', fireAt: now });
			await store.uploadSchedule('marie', [{ fireAt: now, opaqueId }]);
			const instance = scheduler({ maxAttempts: 2, baseBackoffMs: 1000 });
			expect((await instance.tick()).retried).toBe(1);
			now += 1000;
			expect((await instance.tick()).failed).toBe(1);
			expect((await jobState(opaqueId)).state).toBe('failed');
		});

		it('lets a slow push service time out without holding up other reminders', async () => {
			const slow = await subscribe('slow-account');
			await subscribe('marie');
			service.queue(slow.id, [{ type: 'slow', delayMs: 3000 }]);
			const slowId = mint({ kind: 'medication', sourceRef: 'slow', fireAt: now });
			const fastId = mint({ kind: 'medication', sourceRef: 'fast', fireAt: now });
			await store.uploadSchedule('slow-account', [{ fireAt: now, opaqueId: slowId }]);
			await store.uploadSchedule('marie', [{ fireAt: now, opaqueId: fastId }]);
			const instance = createScheduler({
				db: database.db,
				dialect,
				send: createWebPushSender({
					vapid,
					now: () => now,
					timeoutMs: 300,
					agent: service.agent,
					extraOrigins: [new URL(service.origin).host]
				}),
				now: () => now,
				instanceId: 'one'
			});
			const started = Date.now();
			const stats = await instance.tick();
			expect(Date.now() - started).toBeLessThan(2000);
			expect(stats).toMatchObject({ claimed: 2, sent: 1, retried: 1 });
			expect((await jobState(fastId)).state).toBe('sent');
			expect((await jobState(slowId)).state).toBe('pending');
		});

		it('replaces future jobs on upload, skips the past and never re-sends a sent reminder', async () => {
			await subscribe('marie');
			const at = (minutes: number) => now + minutes * MINUTE;
			const ids = [0, 10, 20].map((m) =>
				mint({ kind: 'medication', sourceRef: `m${m}`, fireAt: at(m) })
			);
			const [id0 = '', id10 = '', id20 = ''] = ids;
			await store.uploadSchedule('marie', [
				{ fireAt: at(0), opaqueId: id0 },
				{ fireAt: at(10), opaqueId: id10 },
				{ fireAt: at(20), opaqueId: id20 }
			]);
			expect((await scheduler().tick()).sent).toBe(1);
			const replacement = await store.uploadSchedule('marie', [
				{ fireAt: at(0), opaqueId: id0 },
				{ fireAt: at(20), opaqueId: id20 },
				{ fireAt: at(-5), opaqueId: id10 }
			]);
			expect(replacement).toEqual({ ok: true, value: { scheduled: 2, skippedPast: 1 } });
			const jobs = await database.db
				.selectFrom('push_jobs')
				.select(['opaque_id', 'state'])
				.orderBy('fire_at')
				.execute();
			expect(jobs).toEqual([
				{ opaque_id: id0, state: 'sent' },
				{ opaque_id: id20, state: 'pending' }
			]);
			now = at(30);
			expect((await scheduler().drain()).sent).toBe(1);
			expect(service.deliveredTexts()).toHaveLength(2);
		});

		it('has two instances send 1,000 due reminders exactly once', async () => {
			const accounts = Array.from({ length: 50 }, (_, i) => `account-${i}`);
			for (const account of accounts) await subscribe(account);
			const expected: string[] = [];
			for (const [index, account] of accounts.entries()) {
				const occurrences = Array.from({ length: 20 }, (_, j) => {
					const fireAt = now - (index * 20 + j) * 1000;
					const opaqueId = mint({ kind: 'medication', sourceRef: `${account}:${j}`, fireAt });
					expected.push(opaqueId);
					return { fireAt, opaqueId };
				});
				await database.db
					.insertInto('push_jobs')
					.values(
						occurrences.map((o) => ({
							id: randomUUID(),
							account_id: account,
							opaque_id: o.opaqueId,
							fire_at: o.fireAt,
							state: 'pending' as const,
							attempts: 0,
							next_attempt_at: o.fireAt,
							locked_by: null,
							locked_until: null,
							created_at: o.fireAt,
							sent_at: null
						}))
					)
					.execute();
			}
			const instance = (id: string) =>
				createScheduler({
					db: database.open(),
					dialect,
					send: createWebPushSender({
						vapid,
						now: () => now,
						timeoutMs: 5000,
						agent: service.agent,
						extraOrigins: [new URL(service.origin).host]
					}),
					now: () => now,
					instanceId: id,
					batchSize: 50,
					concurrency: 32
				});
			const [a, b] = await Promise.all([instance('a').drain(), instance('b').drain()]);
			expect(a.claimed + b.claimed).toBe(1000);
			expect(a.claimed).toBeGreaterThan(0);
			expect(b.claimed).toBeGreaterThan(0);
			const ids = service
				.deliveredTexts()
				.map((text) => pushMessageSchema.parse(JSON.parse(text)).id);
			expect(ids).toHaveLength(1000);
			expect(new Set(ids)).toEqual(new Set(expected));
			const states = await database.db.selectFrom('push_jobs').select('state').distinct().execute();
			expect(states).toEqual([{ state: 'sent' }]);
		});
	});
}
