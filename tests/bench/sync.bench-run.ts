// Sync figures on loopback, on SQLite and PostgreSQL: push throughput, initial sync of 10,000
// records to a new device (pull + decrypt + store, the vault on fake-indexeddb in Node), and the
// pull endpoint's requests/s under autocannon. The server is the real HTTP process used by the
// crash test (tests/fixtures/server/serve.ts). Figures only: nothing here asserts a time.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { expect, it } from 'vitest';
import { argon2HashWasm } from '$lib/crypto/argon2-hash-wasm';
import type { Category } from '$lib/domain/categories';
import { createHttpTransport } from '$lib/sync/transport-http';
import { exportBackup, importBackup } from '$lib/vault/backup';
import { uuidv7 } from '$lib/vault/ids';
import { makeVault, PASSPHRASE } from '../fixtures/vault';
import { marie } from '../fixtures/server/people';

const ROOT = resolve(import.meta.dirname, '../..');
const COUNT = Number(process.env['SYNC_BENCH_RECORDS'] ?? 10_000);
const DAY = 86_400_000;
const figures: Record<string, Record<string, number>> = {};
const CATEGORIES: readonly Category[] = ['symptoms', 'measurements', 'medications', 'goals'];

async function startServer(
	env: Record<string, string>
): Promise<{ child: ChildProcess; origin: string }> {
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
				...env,
				JITI_ALIAS: JSON.stringify({ $lib: resolve(ROOT, 'src/lib') })
			},
			stdio: ['ignore', 'pipe', 'inherit']
		}
	);
	const port = await new Promise<number>((ok, fail) => {
		child.stdout.on('data', (chunk: Buffer) => {
			const match = /listening (\d+)/.exec(chunk.toString());
			if (match?.[1]) ok(Number(match[1]));
		});
		child.on('exit', () => {
			fail(new Error('server exited'));
		});
	});
	return { child, origin: `http://127.0.0.1:${port}` };
}

function authedFetch(origin: string, cookie: string): typeof fetch {
	return (input, init) => {
		const headers = new Headers(init?.headers);
		headers.set('cookie', cookie);
		headers.set('origin', origin);
		const url = typeof input === 'string' ? new URL(input, origin) : input;
		return fetch(url, { ...init, headers });
	};
}

async function run(label: string, env: Record<string, string>): Promise<void> {
	const { child, origin } = await startServer(env);
	try {
		const phone = makeVault();
		await phone.create(PASSPHRASE);
		const header = await phone.header();
		if (!header) throw new Error('no header');
		const signUp = await fetch(`${origin}/api/auth/signup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin },
			body: JSON.stringify(marie({ circleId: header.circleId }))
		});
		if (!signUp.ok) throw new Error(`signup ${signUp.status}`);
		const cookie = (signUp.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
		const transport = createHttpTransport({
			fetch: authedFetch(origin, cookie),
			deviceId: randomUUID(),
			baseUrl: origin
		});

		const now = Date.now();
		const ops = Array.from({ length: COUNT }, (_, i) => {
			const at = now - Math.floor((i / COUNT) * 540 * DAY) - 60_000;
			return {
				type: 'put' as const,
				id: uuidv7(at),
				kind: 'bench',
				category: CATEGORIES[i % CATEGORIES.length] ?? 'notes',
				at,
				body: { severity: i % 11, note: 'walked to the market, knee a little sore '.repeat(6) }
			};
		});
		const committed = await phone.commit(ops);
		if (!committed.ok) throw new Error('commit');

		let pushed = 0;
		let pushMs = 0;
		for (;;) {
			const batch = await phone.sync.outbox.pending(500);
			if (batch.length === 0) break;
			const start = performance.now();
			const result = await transport.push({ circleId: header.circleId, envelopes: batch });
			pushMs += performance.now() - start;
			if (!result.ok) throw new Error(`push ${result.error.type}`);
			await phone.sync.outbox.ack(result.value.acks.filter((a) => 'seq' in a));
			pushed += batch.length;
		}

		const file = await exportBackup(phone, Date.now());
		if (!file.ok) throw new Error('export');
		const tablet = makeVault();
		await importBackup(tablet, argon2HashWasm, file.value, PASSPHRASE);
		await tablet.unlock(PASSPHRASE);
		const tabletTransport = createHttpTransport({
			fetch: authedFetch(origin, cookie),
			deviceId: randomUUID(),
			baseUrl: origin
		});
		const start = performance.now();
		let since = 0;
		for (;;) {
			const page = await tabletTransport.pull({ circleId: header.circleId, since, limit: 1000 });
			if (!page.ok) throw new Error(`pull ${page.error.type}`);
			await tablet.sync.applyRemote(page.value.envelopes);
			since = page.value.checkpoint;
			if (!page.value.hasMore) break;
		}
		const initialSyncMs = performance.now() - start;
		let received = 0;
		for (const category of ['symptoms', 'measurements', 'medications', 'goals'] as const) {
			received += (await tablet.query({ category })).length;
		}
		expect(received).toBe(COUNT);

		const cannon = await autocannon({
			url: `${origin}/api/sync/pull?circle=${header.circleId}&since=0&limit=100`,
			headers: { cookie },
			connections: 10,
			duration: 10
		});
		figures[label] = {
			records: COUNT,
			pushRecordsPerSecond: Math.round(pushed / (pushMs / 1000)),
			initialSyncNewDeviceMs: Math.round(initialSyncMs),
			pullRequestsPerSecond: Math.round(cannon.requests.average),
			pullLatencyP99Ms: cannon.latency.p99,
			pullNon2xx: cannon.non2xx
		};
	} finally {
		child.kill('SIGTERM');
	}
}

it('measures sync on SQLite and PostgreSQL', async () => {
	await run('sqlite', {
		CERCLE_TEST_DB: JSON.stringify({ dataDir: mkdtempSync(join(tmpdir(), 'cercle-bench-')) })
	});
	const url = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
	const schema = `bench_${randomBytes(6).toString('hex')}`;
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	await client.query(`create schema ${schema}`);
	try {
		await run('postgres', { CERCLE_TEST_DB: JSON.stringify({ url, schema }) });
	} finally {
		await client.query(`drop schema ${schema} cascade`);
		await client.end();
	}
	writeFileSync(
		process.env['BENCH_OUT'] ?? join(tmpdir(), 'cercle-sync-bench.json'),
		JSON.stringify(figures)
	);
	expect(Object.keys(figures)).toEqual(['sqlite', 'postgres']);
});
