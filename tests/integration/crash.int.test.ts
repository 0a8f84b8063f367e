// Crash test: a real server process is SIGKILLed at random moments while a client pushes. After
// each restart the client retries everything it ever sent. Every write acknowledged before the
// kill must still be there with the same seq, and no retry may store anything twice.
// CRASH_RUNS sets the kills per database (the target is 50; CI default is lower to keep
// the integration suite short, as each restart costs ~1.5 s on this machine).
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { authResponseSchema } from '../../src/lib/contracts/auth';
import {
	pullResponseSchema,
	pushResponseSchema,
	type EnvelopeIn
} from '../../src/lib/contracts/sync';
import { forEachDatabase } from '../fixtures/server/databases';
import { envelope, hlc, marie } from '../fixtures/server/people';

const RUNS = Number(process.env['CRASH_RUNS'] ?? 5);
const ROOT = resolve(import.meta.dirname, '../..');

interface Running {
	readonly child: ChildProcess;
	readonly base: string;
	readonly exited: Promise<void>;
}

async function startServer(dbOptions: object): Promise<Running> {
	const child = spawn(
		process.execPath,
		[
			resolve(ROOT, 'node_modules/jiti/lib/jiti-cli.mjs'),
			resolve(ROOT, 'tests/fixtures/server/serve.ts')
		],
		{
			cwd: ROOT,
			env: {
				...process.env,
				CERCLE_TEST_DB: JSON.stringify(dbOptions),
				JITI_ALIAS: JSON.stringify({ $lib: resolve(ROOT, 'src/lib') })
			},
			stdio: ['ignore', 'pipe', 'pipe']
		}
	);
	const exited = new Promise<void>((done) =>
		child.once('exit', () => {
			done();
		})
	);
	const port = await new Promise<number>((done, fail) => {
		let out = '';
		const timer = setTimeout(() => {
			fail(new Error('server did not start'));
		}, 30_000);
		child.stdout.on('data', (chunk: Buffer) => {
			out += chunk.toString();
			const match = /listening (\d+)/.exec(out);
			if (match?.[1] !== undefined) {
				clearTimeout(timer);
				done(Number(match[1]));
			}
		});
		child.once('exit', () => {
			fail(new Error('server exited before listening'));
		});
	});
	return { child, base: `http://127.0.0.1:${port}`, exited };
}

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
			fc.tuple(fc.integer({ min: 30, max: 400 }), fc.integer({ min: 1, max: 60 })),
			{
				numRuns: RUNS,
				seed: 42
			}
		);

		let client: Client | undefined;
		for (const [killAfterMs, batchSize] of rng) {
			const server = await startServer(get().options);
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

			// Retry everything sent so far: acknowledged ones must keep their seq.
			const backlog = [...sent.values()];
			for (let i = 0; i < backlog.length; i += 500)
				record(await push(server.base, c, backlog.slice(i, i + 500)));

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
			server.child.kill('SIGKILL');
			await server.exited;
			killed = true;
			await Promise.all(pushers);
		}

		expect(acked.size).toBeGreaterThan(0);

		// Final recovery and check: every acknowledged write survived with its seq, nothing twice.
		const server = await startServer(get().options);
		try {
			if (client === undefined) throw new Error('no client');
			const c = client;
			const backlog = [...sent.values()];
			for (let i = 0; i < backlog.length; i += 500)
				record(await push(server.base, c, backlog.slice(i, i + 500)));
			const seen = new Map<string, number>();
			let since = 0;
			for (;;) {
				const response = await fetch(
					`${server.base}/api/sync/pull?circle=${c.circleId}&since=${since}&limit=1000`,
					{
						headers: { Cookie: c.cookie }
					}
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
			server.child.kill('SIGKILL');
			await server.exited;
		}
	}, 600_000);
});
