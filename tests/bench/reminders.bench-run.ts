// Reminder and circle figures (issue 7, issue 5's key rotation). Figures only: nothing here asserts
// a time.
// - reminders.<dialect>: 10,000 jobs, all due at the same instant, sent by two instances of the
//   real scheduler (server/push) on the real clock to the loopback fake push service, which checks
//   each VAPID JWT and decrypts each RFC 8291 payload (as tests/integration/push.int.test.ts does
//   for 1,000). Sends per second = jobs sent / (last send − start); delay = the push service's
//   receipt time − the job's due time, so it measures the queue under a burst of 10,000.
// - circle: the person's device creates a new category key (rotateCategoryKey on a vault on
//   fake-indexeddb) and wraps it for 10 pinned members, each wrap signed by the person's identity
//   (wrapAndSignForMembers, what the real rotate() does), 50 runs.
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import webpush from 'web-push';
import { expect, it } from 'vitest';
import { exportPublicKey, generateSharingKeyPair } from '$lib/crypto/sharing';
import { wrapAndSignForMembers } from '$lib/crypto/signed-wrap';
import { pushMessageSchema } from '$lib/contracts/push';
import { createOpaqueIdMinter } from '$lib/domain/reminders';
import { rotateCategoryKey, signingIdentity } from '$lib/vault/sharing-keys';
import { createScheduler } from '../../server/push/scheduler';
import { createWebPushSender } from '../../server/push/sender';
import { createPushStore } from '../../server/push/store';
import type { VapidKeys } from '../../server/push/vapid';
import { createPushTestDatabase } from '../fixtures/push/database';
import { startFakePushService } from '../fixtures/push/fake-push-service';
import { DIALECTS } from '../fixtures/server/databases';
import { makeVault, PASSPHRASE } from '../fixtures/vault';

const JOBS = Number(process.env['REMINDER_BENCH_JOBS'] ?? 10_000);
const ACCOUNTS = 500;
const ROTATIONS = 50;
const MEMBERS = 10;
const figures: Record<string, Record<string, number>> = {};
const generated = webpush.generateVAPIDKeys();
const vapid: VapidKeys = { ...generated, subject: 'mailto:ops@cercle.test' };
const mint = createOpaqueIdMinter(new Uint8Array(32).fill(7));

function percentile(sorted: readonly number[], p: number): number {
	if (sorted.length === 0) return Number.NaN;
	const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
	return sorted[Math.max(0, index)] ?? Number.NaN;
}

async function reminders(dialect: (typeof DIALECTS)[number]): Promise<Record<string, number>> {
	const database = await createPushTestDatabase(dialect);
	const service = await startFakePushService({ vapidPublicKey: vapid.publicKey });
	try {
		const store = createPushStore({ db: database.db, now: () => Date.now(), newId: randomUUID });
		const accounts = Array.from({ length: ACCOUNTS }, (_, i) => `account-${String(i)}`);
		for (const account of accounts) {
			const subscription = service.createSubscription();
			await store.subscribe(account, {
				endpoint: subscription.endpoint,
				keys: subscription.keys,
				locale: 'en'
			});
		}
		// Inserted due in an hour, then all made due at one instant just before the instances start.
		const later = Date.now() + 3_600_000;
		const rows = Array.from({ length: JOBS }, (_, i) => {
			const account = accounts[i % ACCOUNTS] ?? 'account-0';
			return {
				id: randomUUID(),
				account_id: account,
				opaque_id: mint({
					kind: 'medication',
					sourceRef: `${account}:${String(i)}`,
					fireAt: later
				}),
				fire_at: later,
				state: 'pending' as const,
				attempts: 0,
				next_attempt_at: later,
				locked_by: null,
				locked_until: null,
				created_at: later,
				sent_at: null
			};
		});
		for (let start = 0; start < rows.length; start += 500) {
			await database.db
				.insertInto('push_jobs')
				.values(rows.slice(start, start + 500))
				.execute();
		}
		const dueAt = Date.now();
		await database.db
			.updateTable('push_jobs')
			.set({ fire_at: dueAt, next_attempt_at: dueAt, created_at: dueAt })
			.execute();
		const instance = (id: string) =>
			createScheduler({
				db: database.open(),
				dialect,
				send: createWebPushSender({
					vapid,
					now: () => Date.now(),
					timeoutMs: 10_000,
					agent: service.agent,
					extraOrigins: [new URL(service.origin).host]
				}),
				now: () => Date.now(),
				instanceId: id,
				batchSize: 50,
				concurrency: 32
			});
		const a = instance('a');
		const b = instance('b');
		const start = Date.now();
		const [statsA, statsB] = await Promise.all([a.drain(100_000), b.drain(100_000)]);
		const received = service.received().filter((push) => push.status === 201);
		const counts = new Map<string, number>();
		for (const text of service.deliveredTexts()) {
			const id = pushMessageSchema.parse(JSON.parse(text)).id;
			counts.set(id, (counts.get(id) ?? 0) + 1);
		}
		const sentOnce = rows.filter((row) => counts.get(row.opaque_id) === 1).length;
		const delays = received.map((push) => push.at - dueAt).sort((x, y) => x - y);
		const lastSend = Math.max(...received.map((push) => push.at));
		const states = await database.db
			.selectFrom('push_jobs')
			.select(['state', (eb) => eb.fn.countAll<number | string>().as('n')])
			.groupBy('state')
			.execute();
		return {
			jobs: JOBS,
			instances: 2,
			claimedByA: statsA.claimed,
			claimedByB: statsB.claimed,
			deliveries: received.length,
			sentExactlyOnce: sentOnce,
			sentMoreThanOnce: [...counts.values()].filter((n) => n > 1).length,
			neverSent: rows.length - counts.size,
			jobsMarkedSent: Number(states.find((s) => s.state === 'sent')?.n ?? 0),
			sendsPerSecond: Math.round(received.length / ((lastSend - start) / 1000)),
			wallSeconds: Math.round((lastSend - start) / 100) / 10,
			delayP50Ms: percentile(delays, 50),
			delayP95Ms: percentile(delays, 95),
			delayMaxMs: delays.at(-1) ?? Number.NaN
		};
	} finally {
		await service.close();
		await database.cleanup();
	}
}

async function circle(): Promise<Record<string, number>> {
	const vault = makeVault();
	await vault.create(PASSPHRASE);
	const header = await vault.header();
	const signer = await signingIdentity(vault);
	if (!header || !signer) throw new Error('no vault header');
	const members = await Promise.all(
		Array.from({ length: MEMBERS }, async (_, i) => ({
			accountId: `member-${String(i)}`,
			publicKey: await exportPublicKey((await generateSharingKeyPair()).publicKey)
		}))
	);
	const times: number[] = [];
	let wrapped = 0;
	for (let run = 0; run < ROTATIONS; run += 1) {
		const start = performance.now();
		const rotated = await rotateCategoryKey(vault, 'symptoms');
		if (rotated === null) throw new Error('rotation failed');
		const wraps = await wrapAndSignForMembers(
			rotated.key,
			header.circleId,
			rotated.category,
			rotated.keyId,
			members,
			signer,
			Date.now()
		);
		times.push(performance.now() - start);
		if (wraps === null) throw new Error('wrap failed');
		wrapped += wraps.length;
	}
	times.sort((x, y) => x - y);
	const round = (ms: number) => Math.round(ms * 10) / 10;
	return {
		members: MEMBERS,
		runs: ROTATIONS,
		wrapsMade: wrapped,
		rotateAndWrapMedianMs: round(percentile(times, 50)),
		rotateAndWrapP95Ms: round(percentile(times, 95))
	};
}

it('measures the reminder scheduler and circle key rotation', async () => {
	for (const dialect of DIALECTS) figures[`reminders.${dialect}`] = await reminders(dialect);
	figures['circle'] = await circle();
	writeFileSync(
		process.env['BENCH_OUT'] ?? join(tmpdir(), 'cercle-reminders-bench.json'),
		JSON.stringify(figures)
	);
	expect(Object.keys(figures)).toEqual(['reminders.sqlite', 'reminders.postgres', 'circle']);
});
