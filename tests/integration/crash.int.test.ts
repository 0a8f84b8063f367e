// Crash test: a real server process is SIGKILLed at random moments while a client pushes (two
// batches in flight). After each restart the client retries what was never acknowledged and a
// sample of what was; at the end it retries everything once more. Every write acknowledged before
// a kill must still be there with the same seq, and no retry may store anything twice.
// CRASH_RUNS sets the kills per database (default 50, the target). A restart costs a
// database open: the server is bundled once and a warm spare process waits while the previous one
// runs (tests/fixtures/server/process.ts), and kills come after 5-250 ms of pushing.
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { authResponseSchema } from '../../src/lib/contracts/auth';
import {
	pullResponseSchema,
	pushResponseSchema,
	type EnvelopeIn
} from '../../src/lib/contracts/sync';
import { forEachDatabase } from '../fixtures/server/databases';
import { envelope, hlc, marie } from '../fixtures/server/people';
import { bundleServer, spawnSpare, type ServerBundle } from '../fixtures/server/process';

const RUNS = Number(process.env['CRASH_RUNS'] ?? 50);
/** Acknowledged envelopes re-sent after each restart (all unacknowledged ones are re-sent). */
const ACKED_SAMPLE = 100;
/** Server processes kept loaded ahead of the kills. */
const SPARES = 3;

let bundle: ServerBundle | undefined;
beforeAll(async () => {
	bundle = await bundleServer();
}, 120_000);
afterAll(() => {
	bundle?.remove();
});

const keyOf = (e: { readonly id: string; readonly hlc: string }): string => `${e.id}/${e.hlc}`;

interface Client {
	readonly cookie: string;
	readonly circleId: string;
	readonly deviceId: string;
}

/** Pushes a batch; null when the connection died (the server was killed mid-request). */
async function tryPush(base: string, client: Client, envelopes: readonly EnvelopeIn[]) {
	let response: Response;
	try {
		response = await fetch(`${base}/api/sync/push`, {
			method: 'POST',
			headers: { Origin: base, Cookie: client.cookie, 'Content-Type': 'application/json' },
			body: JSON.stringify({ circleId: client.circleId, deviceId: client.deviceId, envelopes })
		});
	} catch {
		return null;
	}
	expect(response.status).toBe(200);
	let body: unknown;
	try {
		body = await response.json();
	} catch {
		return null;
	}
	return pushResponseSchema.parse(body).acks;
}

async function push(base: string, client: Client, envelopes: readonly EnvelopeIn[]) {
	const acks = await tryPush(base, client, envelopes);
	if (acks === null) throw new Error('push failed on a running server');
	return acks;
}

forEachDatabase('crash', (get) => {
	it(`loses no acknowledged write and applies no retry twice across ${RUNS} SIGKILLs`, async () => {
		const sent = new Map<string, EnvelopeIn>();
		const acked = new Map<string, number>();
		const record = (acks: Awaited<ReturnType<typeof push>>): void => {
			for (const ack of acks) {
				if (!('seq' in ack)) throw new Error(`unexpected ack error ${ack.error}`);
				const before = acked.get(keyOf(ack));
				if (before !== undefined) expect(ack.seq).toBe(before);
				acked.set(keyOf(ack), ack.seq);
			}
		};
		const rng = fc.sample(
			fc.tuple(
				fc.integer({ min: 5, max: 250 }),
				fc.integer({ min: 1, max: 60 }),
				fc.nat({ max: 1_000_000 })
			),
			{ numRuns: RUNS, seed: 42 }
		);
		if (bundle === undefined) throw new Error('no server bundle');
		const serverBundle = bundle;
		const options = get().options;
		const retry = async (base: string, c: Client, envelopes: readonly EnvelopeIn[]) => {
			for (let i = 0; i < envelopes.length; i += 500)
				record(await push(base, c, envelopes.slice(i, i + 500)));
		};

		let client: Client | undefined;
		// Spares load while earlier processes run; each restart takes the oldest.
		const spares = Array.from({ length: SPARES }, () => spawnSpare(serverBundle, options));
		const nextSpare = () => {
			const next = spares.shift();
			if (next === undefined) throw new Error('no spare server');
			spares.push(spawnSpare(serverBundle, options));
			return next;
		};
		try {
			for (const [killAfterMs, batchSize, offset] of rng) {
				const server = await nextSpare().start();
				if (client === undefined) {
					const person = marie();
					const signUp = await fetch(`${server.base}/api/auth/signup`, {
						method: 'POST',
						headers: { Origin: server.base, 'Content-Type': 'application/json' },
						body: JSON.stringify(person)
					});
					expect(signUp.status).toBe(201);
					const body = authResponseSchema.parse(await signUp.json());
					const cookie = (signUp.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
					client = { cookie, circleId: body.account.circleId, deviceId: crypto.randomUUID() };
				}
				const c = client;

				// Retry what the kill left unacknowledged, and a sample of acknowledged ones: those
				// must come back with the seq they were acknowledged with.
				const unacked = [...sent.values()].filter((e) => !acked.has(keyOf(e)));
				const ackedList = [...sent.values()].filter((e) => acked.has(keyOf(e)));
				const from = ackedList.length === 0 ? 0 : offset % ackedList.length;
				await retry(server.base, c, [...unacked, ...ackedList.slice(from, from + ACKED_SAMPLE)]);

				// Push new batches (two in flight) until the kill.
				let killed = false;
				const pusher = async (): Promise<void> => {
					while (!killed) {
						const batch = Array.from({ length: batchSize }, (_, i) =>
							envelope({ hlc: hlc(Date.now(), i), deleted: i % 7 === 0 })
						);
						for (const e of batch) sent.set(keyOf(e), e);
						const acks = await tryPush(server.base, c, batch);
						if (acks === null) return;
						record(acks);
					}
				};
				const pushers = [pusher(), pusher()];
				await new Promise((done) => setTimeout(done, killAfterMs));
				await server.kill();
				killed = true;
				await Promise.all(pushers);
			}
		} catch (error) {
			await Promise.all(spares.map((s) => s.kill()));
			throw error;
		}

		expect(acked.size).toBeGreaterThan(0);

		// Final recovery and check: every acknowledged write survived with its seq, nothing twice.
		const last = nextSpare();
		await Promise.all(spares.map((s) => s.kill()));
		const server = await last.start();
		try {
			if (client === undefined) throw new Error('no client');
			const c = client;
			await retry(server.base, c, [...sent.values()]);
			const seen = new Map<string, number>();
			let since = 0;
			for (;;) {
				const response = await fetch(
					`${server.base}/api/sync/pull?circle=${c.circleId}&since=${since}&limit=1000`,
					{ headers: { Cookie: c.cookie } }
				);
				const page = pullResponseSchema.parse(await response.json());
				for (const e of page.envelopes) {
					expect(seen.has(keyOf(e))).toBe(false);
					seen.set(keyOf(e), e.seq);
				}
				since = page.checkpoint;
				if (!page.hasMore) break;
			}
			expect(seen.size).toBe(sent.size);
			for (const [key, seq] of acked) expect(seen.get(key)).toBe(seq);
			expect(sent.size).toBeGreaterThan(RUNS);
		} finally {
			await server.kill();
		}
	}, 600_000);
});
