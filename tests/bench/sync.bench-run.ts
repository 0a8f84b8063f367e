// Sync figures on loopback, on SQLite and PostgreSQL: push throughput, initial sync of 10,000
// records to a new device (pull + decrypt + store, the vault on fake-indexeddb in Node), a carer
// accepting an invitation and seeing the person's 10,000 shared records (accept, the person's
// device verifies and wraps the keys, the member's device unwraps, pulls, decrypts and can query
// them: issue 5's figure), and the pull endpoint's requests/s under autocannon. The server is the real HTTP process used by the
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
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { authResponseSchema } from '$lib/contracts/auth';
import { createCircleCommands } from '$lib/state/circle-commands';
import { uuidv7 } from '$lib/domain/ids';
import { openMemberCircleWith } from '$lib/vault/member-circle';
import { ownerPin } from '$lib/vault/pins';
import { sharingIdentity } from '$lib/vault/sharing-keys';
import type { Vault } from '$lib/vault/vault';
import { makeVault, PASSPHRASE } from '../fixtures/vault';
import { claire, marie } from '../fixtures/server/people';

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

async function signUp(
	origin: string,
	body: unknown
): Promise<{ readonly cookie: string; readonly accountId: string }> {
	const response = await fetch(`${origin}/api/auth/signup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin },
		body: JSON.stringify(body)
	});
	if (!response.ok) throw new Error(`signup ${String(response.status)}`);
	const cookie = (response.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
	return { cookie, accountId: authResponseSchema.parse(await response.json()).account.id };
}

/**
 * From the carer's "accept" to the person's 10,000 records decrypted and queryable on the carer's
 * device: preview (owner keys checked) and accept with a proof of both parties' keys, the person's
 * device verifies the proof, pins and wraps (signed) her category keys, then the member view opens
 * (signatures checked against the pin, keys unwrapped, every page pulled, decrypted, merged).
 */
async function memberOpens(
	origin: string,
	phone: Vault,
	ownerFetch: typeof fetch,
	circleId: string
): Promise<{ acceptToDataMs: number; openMs: number }> {
	const idb = new IDBFactory();
	const member = makeVault({ indexedDB: idb, IDBKeyRange });
	await member.create(PASSPHRASE);
	const memberHeader = await member.header();
	if (!memberHeader) throw new Error('no member header');
	const signed = await signUp(origin, claire({ circleId: memberHeader.circleId }));
	const memberFetch = authedFetch(origin, signed.cookie);
	const memberId = signed.accountId;
	const memberIdentity = await sharingIdentity(member);
	if (!memberIdentity) throw new Error('identity');
	const grants = CATEGORIES.flatMap((category) =>
		category === 'settings' ? [] : [{ category, access: 'read' as const, until: null }]
	);
	// The real commands of both devices: owner keys proved, proofs verified, pins, signed wraps.
	const commands = (vault: Vault, f: typeof fetch) =>
		createCircleCommands({
			vault: () => vault,
			fetch: (input, init) => f(input, init),
			publishNewKeys: () => Promise.resolve(),
			now: () => Date.now()
		});
	const person = commands(phone, ownerFetch);
	const daughter = commands(member, memberFetch);
	const created = await person.createInvitation(
		circleId,
		{ role: 'carer', label: 'Claire', grants },
		origin
	);
	if (!created.ok) throw new Error(`invite ${created.error.type}`);
	const secret = created.value.link.slice(created.value.link.indexOf('#') + 1);

	const start = performance.now();
	const preview = await daughter.previewInvitation(secret);
	if (!preview.ok) throw new Error(`preview ${preview.error.type}`);
	const accepted = await daughter.acceptInvitation(secret, preview.value, 'Maman');
	if (!accepted.ok) throw new Error(`accept ${accepted.error.type}`);
	const listed = await person.loadCircle(circleId);
	if (!listed.ok) throw new Error('load');
	const invitation = listed.value.invitations.find((i) => i.id === created.value.invitation.id);
	if (!invitation) throw new Error('acceptance');
	const confirmed = await person.confirmInvitation(circleId, invitation, grants);
	if (!confirmed.ok) throw new Error(`confirm ${confirmed.error.type}`);
	const openStart = performance.now();
	const opened = await openMemberCircleWith({
		circleId,
		accountId: memberId,
		ownerName: 'Maman',
		identity: memberIdentity,
		signingKey: null,
		ownerIdentityKey: (await ownerPin(member, circleId))?.identityKey ?? null,
		fetch: memberFetch,
		baseUrl: origin,
		deviceId: randomUUID(),
		indexedDB: idb,
		IDBKeyRange,
		autoSync: false
	});
	if (!opened.ok) throw new Error(`open ${opened.error.type}`);
	let seen = 0;
	for (const category of CATEGORIES)
		seen += (await opened.value.records.query({ category })).length;
	const end = performance.now();
	opened.value.close();
	expect(seen).toBe(COUNT);
	return { acceptToDataMs: end - start, openMs: end - openStart };
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

		const member = await memberOpens(origin, phone, authedFetch(origin, cookie), header.circleId);

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
			memberAcceptToSharedDataMs: Math.round(member.acceptToDataMs),
			memberOpenCircleMs: Math.round(member.openMs),
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
