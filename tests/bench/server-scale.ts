// The server at a network's scale (issue 18 §6), opt-in (`BENCH_ONLY=serverScale`: it is long):
// a PostgreSQL database of its own seeded with 10,000 accounts (each with a session, a device and
// their own circle), 1,000,000 envelopes (100 per circle) and 5,000 circles with a second, active
// member holding a read grant; then the production build as one instance, and as two instances (two
// processes on the same database) behind a small round-robin proxy on one port, each loaded by 200
// concurrent clients doing the real mix: pull a page, push a small batch, check the session.
// Reports requests/s and p50/p99 per endpoint, and EXPLAIN ANALYZE of the pull and push queries;
// then the same seed and load on SQLite (one instance), for a single small deployment.
// The database is dropped afterwards. BENCH_SCALE (default 1) scales the seed down for a try run.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, request, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { benchPort } from './app.ts';

const root = resolve(import.meta.dirname, '../..');
const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const CLIENTS = 200;
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 20);
type Figures = Record<string, number | string>;

/** A v4-shaped uuid from a seed, in SQL (md5 hex with the version and variant nibbles set). */
const uuidSql = (seed: string) =>
	`overlay(overlay(md5(${seed}) placing '4' from 13) placing '8' from 17)::uuid::text`;
/** A 32-character session token of the cookie's alphabet ([a-z2-7]), in SQL. */
const tokenSql = (seed: string) => `translate(md5(${seed}), '0189', 'wxyz')`;

const md5 = (value: string) => createHash('md5').update(value).digest('hex');
/** `uuidSql` in JavaScript, for SQLite (same ids for the same seeds). */
function uuidOf(seed: string): string {
	const h = md5(seed);
	const v = `${h.slice(0, 12)}4${h.slice(13, 16)}8${h.slice(17)}`;
	return `${v.slice(0, 8)}-${v.slice(8, 12)}-${v.slice(12, 16)}-${v.slice(16, 20)}-${v.slice(20)}`;
}
const tokenOf = (seed: string) =>
	md5(seed).replace(/[0189]/gu, (c) => 'wxyz'['0189'.indexOf(c)] ?? c);

/** The same seed in the SQLite file of a single small deployment (one transaction). */
function seedSqlite(file: string, accounts: number, perCircle: number): number {
	const start = performance.now();
	const db = new Database(file);
	const now = Date.now();
	const insert = (sql: string) => db.prepare(sql);
	const account = insert(
		'insert into accounts (id, login, auth_hash, wrapped_keys, created_at) values (?, ?, ?, ?, ?)'
	);
	const session = insert(
		'insert into sessions (id, account_id, created_at, expires_at, last_seen_at, user_agent) values (?, ?, ?, ?, ?, ?)'
	);
	const device = insert('insert into devices (id, account_id, created_at) values (?, ?, ?)');
	const circle = insert(
		'insert into circles (id, owner_account_id, seq, created_at) values (?, ?, ?, ?)'
	);
	const member = insert(
		'insert into circle_members (circle_id, account_id, role, created_at) values (?, ?, ?, ?)'
	);
	const details =
		insert(`insert into circle_member_details (circle_id, account_id, care_role, label,
		circle_label, public_key, status, invitation_id, joined_at) values (?, ?, 'carer', 'm', 'c', 'k', 'active', ?, ?)`);
	const grant = insert(`insert into circle_grants (circle_id, account_id, category, access, until,
		created_at) values (?, ?, 'measurements', 'read', null, ?)`);
	const envelope = insert(`insert into envelopes (circle_id, seq, record_id, hlc, category, key_id,
		device_id, iv, ciphertext, deleted, received_at) values (?, ?, ?, ?, ?, 'k1', ?, 'AAAAAAAAAAAAAAAA', ?, 0, ?)`);
	const categories = ['medications', 'symptoms', 'measurements'];
	db.transaction(() => {
		for (let i = 1; i <= accounts; i++) {
			const id = uuidOf(`a${String(i)}`);
			const circleId = uuidOf(`c${String(i)}`);
			const deviceId = uuidOf(`d${String(i)}`);
			const token = tokenOf(`t${String(i)}`);
			account.run(id, `user${String(i)}`, 'x', '{}', now);
			session.run(
				createHash('sha256').update(token).digest('hex'),
				id,
				now,
				now + 30 * 86_400_000,
				now,
				'bench'
			);
			device.run(deviceId, id, now);
			circle.run(circleId, id, perCircle, now);
			member.run(circleId, id, 'owner', now);
		}
		// Members and envelopes once every account exists (the next account is a member).
		for (let i = 1; i <= accounts; i++) {
			const circleId = uuidOf(`c${String(i)}`);
			const deviceId = uuidOf(`d${String(i)}`);
			if (i <= Math.floor(accounts / 2)) {
				const next = uuidOf(`a${String(i + 1)}`);
				member.run(circleId, next, 'member', now);
				details.run(circleId, next, `inv${String(i)}`, now);
				grant.run(circleId, next, now);
			}
			const node = md5(`n${String(i)}`).slice(0, 16);
			for (let seq = 1; seq <= perCircle; seq++) {
				const hlc = `${String(now - 86_400_000 + seq).padStart(15, '0')}-0000-${node}`;
				envelope.run(
					circleId,
					seq,
					uuidOf(`r${String(i)}-${String(seq)}`),
					hlc,
					categories[seq % 3],
					deviceId,
					md5(`${String(i)}-${String(seq)}`).repeat(8),
					now
				);
			}
		}
	})();
	db.exec('analyze');
	db.close();
	return Math.round((performance.now() - start) / 100) / 10;
}

async function seed(url: string, accounts: number, perCircle: number): Promise<number> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	const now = Date.now();
	const start = performance.now();
	try {
		const account = uuidSql(`'a' || i`);
		await client.query(`insert into accounts (id, login, auth_hash, wrapped_keys, created_at)
			select ${account}, 'user' || i, 'x', '{}', ${now} from generate_series(1, ${accounts}) i`);
		await client.query(`insert into sessions (id, account_id, created_at, expires_at, last_seen_at, user_agent)
			select encode(sha256(convert_to(${tokenSql(`'t' || i`)}, 'UTF8')), 'hex'), ${account},
				${now}, ${now + 30 * 86_400_000}, ${now}, 'bench' from generate_series(1, ${accounts}) i`);
		await client.query(`insert into devices (id, account_id, created_at)
			select ${uuidSql(`'d' || i`)}, ${account}, ${now} from generate_series(1, ${accounts}) i`);
		await client.query(`insert into circles (id, owner_account_id, seq, created_at)
			select ${uuidSql(`'c' || i`)}, ${account}, ${perCircle}, ${now} from generate_series(1, ${accounts}) i`);
		await client.query(`insert into circle_members (circle_id, account_id, role, created_at)
			select ${uuidSql(`'c' || i`)}, ${account}, 'owner', ${now} from generate_series(1, ${accounts}) i`);
		// Half the circles have a second member (the next account), active, reading measurements.
		const half = Math.floor(accounts / 2);
		const next = uuidSql(`'a' || (i + 1)`);
		await client.query(`insert into circle_members (circle_id, account_id, role, created_at)
			select ${uuidSql(`'c' || i`)}, ${next}, 'member', ${now} from generate_series(1, ${half}) i`);
		await client.query(`insert into circle_member_details (circle_id, account_id, care_role, label,
				circle_label, public_key, status, invitation_id, joined_at)
			select ${uuidSql(`'c' || i`)}, ${next}, 'carer', 'm', 'c', 'k', 'active', 'inv' || i, ${now}
			from generate_series(1, ${half}) i`);
		await client.query(`insert into circle_grants (circle_id, account_id, category, access, until, created_at)
			select ${uuidSql(`'c' || i`)}, ${next}, 'measurements', 'read', null, ${now}
			from generate_series(1, ${half}) i`);
		// 100 envelopes per circle, in batches of circles (one statement would hold ~1 GB of WAL).
		const hlc = `lpad((${now - 86_400_000} + s)::text, 15, '0') || '-0000-' || substr(md5('n' || i), 1, 16)`;
		const step = 1000;
		for (let from = 1; from <= accounts; from += step) {
			const to = Math.min(accounts, from + step - 1);
			await client.query(`insert into envelopes (circle_id, seq, record_id, hlc, category, key_id,
					device_id, iv, ciphertext, deleted, received_at)
				select ${uuidSql(`'c' || i`)}, s, ${uuidSql(`'r' || i || '-' || s`)}, ${hlc},
					(array['symptoms','measurements','medications'])[1 + s % 3], 'k1',
					${uuidSql(`'d' || i`)}, 'AAAAAAAAAAAAAAAA', repeat(md5(i || '-' || s), 8), 0, ${now}
				from generate_series(${from}, ${to}) i, generate_series(1, ${perCircle}) s`);
		}
		await client.query('analyze');
	} finally {
		await client.end();
	}
	return Math.round((performance.now() - start) / 100) / 10;
}

async function explain(url: string): Promise<Figures> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		const circle = await client.query<{ id: string }>(
			'select id from circles order by id offset (select count(*) / 2 from circles) limit 1'
		);
		const id = circle.rows[0]?.id ?? '';
		const records = await client.query<{ record_id: string }>(
			'select record_id from envelopes where circle_id = $1 limit 5',
			[id]
		);
		const plan = async (query: string, values: unknown[]) => {
			const result = await client.query<{ 'QUERY PLAN': string }>(
				`explain (analyze, buffers) ${query}`,
				values
			);
			return result.rows.map((row) => row['QUERY PLAN']).join(' | ');
		};
		const pull = await plan(
			`select * from envelopes where circle_id = $1 and seq > $2 and category in ('symptoms', 'measurements') order by seq limit 101`,
			[id, 40]
		);
		const push = await plan(
			'select circle_id, record_id, hlc, seq, category from envelopes where record_id = any($1)',
			[records.rows.map((row) => row.record_id)]
		);
		const seqScan = /Seq Scan on envelopes/u.test(pull + push);
		return { pullPlan: pull, pushLookupPlan: push, seqScanOnEnvelopes: seqScan ? 'yes' : 'no' };
	} finally {
		await client.end();
	}
}

function startInstance(
	port: number,
	origin: string,
	url: string | undefined,
	dataDir: string = mkdtempSync(join(tmpdir(), 'cercle-scale-'))
): Promise<ChildProcess> {
	const env: NodeJS.ProcessEnv = {
		...process.env,
		PORT: String(port),
		HOST: '127.0.0.1',
		DATA_DIR: dataDir,
		ORIGIN: origin
	};
	delete env.DATABASE_URL;
	if (url !== undefined) env.DATABASE_URL = url;
	const child = spawn(process.execPath, [join(root, 'server/start.js')], {
		env,
		stdio: 'ignore'
	});
	return (async () => {
		for (let i = 0; i < 300; i++) {
			try {
				if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return child;
			} catch {
				// not listening yet
			}
			await new Promise((r) => setTimeout(r, 100));
		}
		child.kill();
		throw new Error('a server instance did not start');
	})();
}

/** One port in front of several instances, one request each in turn. */
function roundRobin(port: number, targets: readonly number[]): Promise<Server> {
	let next = 0;
	const server = createServer((req, res) => {
		const target = targets[next % targets.length] ?? 0;
		next += 1;
		const upstream = request(
			{ host: '127.0.0.1', port: target, path: req.url, method: req.method, headers: req.headers },
			(answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
			}
		);
		upstream.on('error', () => {
			res.statusCode = 502;
			res.end();
		});
		req.pipe(upstream);
	});
	return new Promise((done) => {
		server.listen(port, '127.0.0.1', () => {
			done(server);
		});
	});
}

interface Account {
	readonly token: string;
	readonly circle: string;
	readonly device: string;
}

async function accountsOf(url: string, count: number): Promise<Account[]> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		const rows = await client.query<Account>(
			`select ${tokenSql(`'t' || i`)} as token, ${uuidSql(`'c' || i`)} as circle,
				${uuidSql(`'d' || i`)} as device from generate_series(1, ${count}) i`
		);
		return rows.rows;
	} finally {
		await client.end();
	}
}

const b64url = (bytes: number) => randomBytes(bytes).toString('base64url');
const percentile = (sorted: readonly number[], p: number) =>
	Math.round((sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0) * 10) / 10;

/** 200 clients for LOAD_SECONDS: 60 % pulls, 20 % pushes of 5 envelopes, 20 % session checks. */
async function load(base: string, origin: string, accounts: readonly Account[]): Promise<Figures> {
	const times: Record<string, number[]> = { pull: [], push: [], session: [] };
	let errors = 0;
	const end = performance.now() + LOAD_SECONDS * 1000;
	async function client(n: number): Promise<void> {
		while (performance.now() < end) {
			const account = accounts[Math.floor(Math.random() * accounts.length)];
			if (account === undefined) return;
			const headers = { cookie: `__Host-cercle_session=${account.token}`, origin };
			const roll = (n + Math.random()) % 1;
			const op = roll < 0.6 ? 'pull' : roll < 0.8 ? 'push' : 'session';
			const start = performance.now();
			let response: Response;
			if (op === 'pull') {
				const since = Math.floor(Math.random() * 90);
				response = await fetch(
					`${base}/api/sync/pull?circle=${account.circle}&since=${since}&limit=100`,
					{ headers }
				);
			} else if (op === 'push') {
				const at = String(Date.now()).padStart(15, '0');
				const envelopes = Array.from({ length: 5 }, (_, i) => ({
					id: randomUUID(),
					hlc: `${at}-${i.toString(16).padStart(4, '0')}-${randomBytes(8).toString('hex')}`,
					category: 'measurements',
					keyId: 'k1',
					iv: b64url(12),
					ciphertext: b64url(200),
					deleted: false
				}));
				response = await fetch(`${base}/api/sync/push`, {
					method: 'POST',
					headers: { ...headers, 'content-type': 'application/json' },
					body: JSON.stringify({ circleId: account.circle, deviceId: account.device, envelopes })
				});
			} else {
				response = await fetch(`${base}/api/auth/session`, { headers });
			}
			await response.arrayBuffer();
			if (!response.ok) errors += 1;
			times[op]?.push(performance.now() - start);
		}
	}
	const started = performance.now();
	await Promise.all(Array.from({ length: CLIENTS }, (_, n) => client(n / CLIENTS)));
	const seconds = (performance.now() - started) / 1000;
	const figures: Figures = { errors };
	let total = 0;
	for (const [op, list] of Object.entries(times)) {
		const sorted = [...list].sort((a, b) => a - b);
		total += sorted.length;
		figures[`${op}PerSecond`] = Math.round(sorted.length / seconds);
		figures[`${op}P50Ms`] = percentile(sorted, 0.5);
		figures[`${op}P99Ms`] = percentile(sorted, 0.99);
	}
	figures.requestsPerSecond = Math.round(total / seconds);
	return figures;
}

/** The same seed and load on SQLite: one instance (one writer), as a small deployment runs it. */
async function onSqlite(
	accounts: number,
	clients: readonly Account[]
): Promise<Record<string, Figures>> {
	const dataDir = mkdtempSync(join(tmpdir(), 'cercle-scale-sqlite-'));
	const port = benchPort() + 1500;
	const origin = `http://127.0.0.1:${String(port)}`;
	// Started once to migrate the empty file, stopped, seeded, started again.
	const first = await startInstance(port, origin, undefined, dataDir);
	first.kill();
	await new Promise((r) => setTimeout(r, 1500));
	const seedSeconds = seedSqlite(join(dataDir, 'cercle.sqlite'), accounts, 100);
	const instance = await startInstance(port, origin, undefined, dataDir);
	try {
		const figures = await load(origin, origin, clients);
		return { 'serverScale.sqliteOneInstance': { seedSeconds, ...figures } };
	} finally {
		instance.kill();
		await new Promise((r) => setTimeout(r, 1000));
		// ~700 MB of SQLite file: not left in the temporary directory.
		rmSync(dataDir, { recursive: true, force: true });
	}
}

export async function benchServerScale(): Promise<Record<string, Figures>> {
	const scale = Math.min(1, Math.max(0.001, Number(process.env.BENCH_SCALE ?? 1)));
	const accounts = Math.max(10, Math.round(10_000 * scale));
	const database = `cercle_scale_${String(process.pid)}`;
	const admin = new pg.Client({ connectionString: ADMIN_URL });
	await admin.connect();
	await admin.query(`create database ${database}`);
	const url = new URL(ADMIN_URL);
	url.pathname = `/${database}`;
	const dbUrl = url.toString();
	const instances: ChildProcess[] = [];
	let proxy: Server | null = null;
	try {
		const [portA, portB, portProxy] = [benchPort(), benchPort() + 500, benchPort() + 1000];
		const proxyOrigin = `http://127.0.0.1:${String(portProxy)}`;
		// The first instance migrates the empty database; then the seed.
		instances.push(await startInstance(portA, proxyOrigin, dbUrl));
		const seedSeconds = await seed(dbUrl, accounts, 100);
		const plans = await explain(dbUrl);
		const clients = await accountsOf(dbUrl, accounts);
		// One instance, addressed as the proxy's origin (the Origin check) but on its own port.
		const one = await load(`http://127.0.0.1:${String(portA)}`, proxyOrigin, clients);
		instances.push(await startInstance(portB, proxyOrigin, dbUrl));
		proxy = await roundRobin(portProxy, [portA, portB]);
		const two = await load(proxyOrigin, proxyOrigin, clients);
		for (const instance of instances.splice(0)) instance.kill();
		proxy.close();
		proxy = null;
		const sqlite = await onSqlite(accounts, clients);
		return {
			...sqlite,
			'serverScale.seed': {
				accounts,
				envelopes: accounts * 100,
				circlesWithMembers: Math.floor(accounts / 2),
				seedSeconds,
				clients: CLIENTS,
				loadSeconds: LOAD_SECONDS
			},
			'serverScale.oneInstance': one,
			'serverScale.twoInstances': two,
			'serverScale.postgres': plans
		};
	} finally {
		proxy?.close();
		for (const instance of instances) instance.kill();
		await new Promise((r) => setTimeout(r, 1000));
		await admin.query(`drop database if exists ${database} with (force)`);
		await admin.end();
	}
}
