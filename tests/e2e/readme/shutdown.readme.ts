// Graceful shutdown of the production server, started through the build's own entry
// (build/index.js, which is server/start.js): SIGTERM while 1,000 records are being pushed (two
// batches of 500 in flight) → each push in flight completes, or fails and is retried on the
// restarted server; the process exits 0 within the shutdown bound; every acknowledged record is
// there afterwards with its seq, nothing twice. Also: static files and API responses carry the
// baseline security headers on that entry. Runs after readme-start built the app.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { authResponseSchema } from '../../../src/lib/contracts/auth';
import { pullResponseSchema, pushResponseSchema } from '../../../src/lib/contracts/sync';
import { envelope, hlc, marie } from '../../fixtures/server/people';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const PORT = 3107;
const base = `http://127.0.0.1:${PORT}`;

interface Running {
	readonly child: ChildProcess;
	readonly exit: Promise<number | null>;
}

async function startServer(dataDir: string): Promise<Running> {
	const environment: Record<string, string> = {};
	for (const [name, value] of Object.entries(process.env)) {
		if (value !== undefined && !['ORIGIN', 'HOST', 'DATABASE_URL'].includes(name)) {
			environment[name] = value;
		}
	}
	const child = spawn(process.execPath, ['build/index.js'], {
		cwd: root,
		env: { ...environment, PORT: String(PORT), DATA_DIR: dataDir, SHUTDOWN_TIMEOUT: '5' },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const exit = new Promise<number | null>((done) => {
		child.once('exit', (code) => {
			done(code);
		});
	});
	await new Promise<void>((ready, fail) => {
		let out = '';
		child.stdout.on('data', (chunk: Buffer) => {
			out += chunk.toString();
			if (out.includes('Cercle listening')) ready();
		});
		void exit.then(() => {
			fail(new Error(`server exited before listening: ${out}`));
		});
	});
	return { child, exit };
}

test('SIGTERM during a push of 1,000 records: nothing acknowledged is lost, exit 0', async () => {
	const dataDir = mkdtempSync(join(tmpdir(), 'cercle-shutdown-'));
	let server = await startServer(dataDir);
	try {
		const staticFile = await fetch(`${base}/manifest.webmanifest`);
		expect(staticFile.headers.get('x-content-type-options')).toBe('nosniff');
		expect(staticFile.headers.get('referrer-policy')).toBe('no-referrer');

		const signUp = await fetch(`${base}/api/auth/signup`, {
			method: 'POST',
			headers: { Origin: base, 'Content-Type': 'application/json' },
			body: JSON.stringify(marie())
		});
		expect(signUp.status).toBe(201);
		expect(signUp.headers.get('cache-control')).toBe('no-store');
		const account = authResponseSchema.parse(await signUp.json()).account;
		const cookie = (signUp.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
		const deviceId = crypto.randomUUID();
		const now = Date.now();
		const records = Array.from({ length: 1000 }, (_, i) => envelope({ hlc: hlc(now, i) }));
		const batches = [records.slice(0, 500), records.slice(500)];
		const push = async (batch: typeof records) => {
			try {
				const response = await fetch(`${base}/api/sync/push`, {
					method: 'POST',
					headers: { Origin: base, Cookie: cookie, 'Content-Type': 'application/json' },
					body: JSON.stringify({ circleId: account.circleId, deviceId, envelopes: batch })
				});
				if (response.status !== 200) return null;
				return pushResponseSchema.parse(await response.json()).acks;
			} catch {
				return null;
			}
		};

		const inFlight = batches.map((batch) => push(batch));
		await new Promise((wait) => setTimeout(wait, 20));
		server.child.kill('SIGTERM');
		const results = await Promise.all(inFlight);
		expect(await server.exit).toBe(0);

		const acked = new Map<string, number>();
		for (const acks of results) {
			for (const ack of acks ?? []) if ('seq' in ack) acked.set(`${ack.id}/${ack.hlc}`, ack.seq);
		}
		// After SIGTERM no new connection is accepted: the port is closed.
		await expect(fetch(`${base}/api/health`)).rejects.toThrow();

		// The client retries what was not acknowledged on the restarted server.
		server = await startServer(dataDir);
		for (const [i, acks] of results.entries()) {
			if (acks !== null) continue;
			const retried = await push(batches[i] ?? []);
			expect(retried).not.toBeNull();
			for (const ack of retried ?? []) if ('seq' in ack) acked.set(`${ack.id}/${ack.hlc}`, ack.seq);
		}
		expect(acked.size).toBe(1000);

		const seen = new Map<string, number>();
		let since = 0;
		for (;;) {
			const response = await fetch(
				`${base}/api/sync/pull?circle=${account.circleId}&since=${since}&limit=500`,
				{ headers: { Cookie: cookie } }
			);
			const page = pullResponseSchema.parse(await response.json());
			for (const e of page.envelopes) {
				const key = `${e.id}/${e.hlc}`;
				expect(seen.has(key)).toBe(false);
				seen.set(key, e.seq);
			}
			if (!page.hasMore) break;
			since = page.checkpoint;
		}
		for (const [key, seq] of acked) expect(seen.get(key)).toBe(seq);
		expect(seen.size).toBe(1000);
	} finally {
		server.child.kill('SIGTERM');
		await server.exit;
		rmSync(dataDir, { recursive: true, force: true });
	}
});
