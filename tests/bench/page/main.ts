// Vault benchmarks run inside headless Chromium (real IndexedDB, real WebCrypto, Argon2id in a Web
// Worker). Every encrypted figure is measured next to plain per-record Dexie in the same run.
import { Dexie, type Table } from 'dexie';
import { createWorkerArgon2 } from '$lib/crypto/argon2-worker-client';
import { uuidv7 } from '$lib/domain/ids';
import { createVault, type Vault } from '$lib/vault/vault';
import type { RecordOp } from '$lib/domain/records';
import { signingIdentity } from '$lib/vault/sharing-keys';

const DAY = 86_400_000;
const PASSPHRASE = 'benchmark passphrase for cercle';
const CATEGORIES = ['symptoms', 'measurements', 'medications', 'goals'] as const;

interface PlainRow {
	id: string;
	category: string;
	at: number;
	kind: string;
	body: unknown;
}

class PlainDb extends Dexie {
	records!: Table<PlainRow, string>;
	constructor(name: string) {
		super(name);
		this.version(1).stores({ records: '&id, category, at, [category+at]' });
	}
}

function note(i: number): string {
	const words = ['tired', 'walked', 'knee', 'sleep', 'market', 'pressure', 'sugar', 'headache'];
	let text = '';
	while (text.length < 300) text += `${words[(i + text.length) % words.length] ?? ''} `;
	return text;
}

function makeOps(count: number, now: number, spanDays: number): RecordOp[] {
	return Array.from({ length: count }, (_, i) => {
		const at = now - Math.floor((i / count) * spanDays * DAY) - 60_000;
		const category = CATEGORIES[i % CATEGORIES.length] ?? 'symptoms';
		return {
			type: 'put',
			id: uuidv7(at),
			kind: 'bench',
			category,
			at,
			body: { severity: i % 11, value: i * 1.5, note: note(i) }
		};
	});
}

function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
	const start = performance.now();
	const value = await fn();
	return [performance.now() - start, value];
}

/** The longest gap between heartbeats while `fn` runs: how long the main thread was blocked. */
async function longestBlock<T>(fn: () => Promise<T>): Promise<[number, number, T]> {
	let last = performance.now();
	let longest = 0;
	const timer = setInterval(() => {
		const t = performance.now();
		longest = Math.max(longest, t - last);
		last = t;
	}, 4);
	const start = performance.now();
	const value = await fn();
	const total = performance.now() - start;
	clearInterval(timer);
	longest = Math.max(longest, performance.now() - last);
	return [total, longest, value];
}

const argon2 = createWorkerArgon2();
let unlockVault: Vault | null = null;

async function prepareUnlock(): Promise<void> {
	unlockVault = createVault({ dbName: `bench-unlock-${Date.now()}`, argon2 });
	await unlockVault.create(PASSPHRASE);
	unlockVault.lock();
}

async function measureUnlock(runs: number): Promise<{ medianMs: number; longestBlockMs: number }> {
	const vault = unlockVault;
	if (!vault) throw new Error('prepareUnlock first');
	const times: number[] = [];
	let block = 0;
	for (let i = 0; i < runs; i++) {
		const [total, longest, result] = await longestBlock(() => vault.unlock(PASSPHRASE));
		if (!result.ok) throw new Error('unlock failed');
		vault.lock();
		times.push(total);
		block = Math.max(block, longest);
	}
	return { medianMs: percentile(times, 50), longestBlockMs: block };
}

async function measureVault(count: number) {
	const now = Date.now();
	const ops = makeOps(count, now, 540);
	const plainRows: PlainRow[] = ops.map((op) =>
		op.type === 'put'
			? { id: op.id ?? '', category: op.category, at: op.at, kind: op.kind, body: op.body }
			: { id: '', category: '', at: 0, kind: '', body: null }
	);

	const plain = new PlainDb(`bench-plain-${now}`);
	await plain.open();
	const vault = createVault({ dbName: `bench-vault-${now}`, argon2 });
	await vault.create(PASSPHRASE);

	const [plainWriteMs] = await timed(() => plain.records.bulkPut(plainRows));
	const [vaultWriteMs, committed] = await timed(() => vault.commit(ops));
	if (!committed.ok) throw new Error('commit failed');

	vault.lock();
	await vault.unlock(PASSPHRASE);
	const [plainReadMs, plainAll] = await timed(() => plain.records.toArray());
	let vaultAll = 0;
	const [vaultReadMs] = await timed(async () => {
		for (const category of CATEGORIES) vaultAll += (await vault.query({ category })).length;
	});
	if (vaultAll !== count || plainAll.length !== count) throw new Error('read count mismatch');

	vault.lock();
	await vault.unlock(PASSPHRASE);
	const from = now - 90 * DAY;
	const [plainRangeMs, plainRange] = await timed(() =>
		plain.records
			.where('[category+at]')
			.between(['measurements', from], ['measurements', Infinity])
			.toArray()
	);
	const [vaultRangeMs, vaultRange] = await timed(() =>
		vault.query({ category: 'measurements', from })
	);
	if (plainRange.length !== vaultRange.length) throw new Error('range mismatch');

	const latencies: number[] = [];
	for (let i = 0; i < 200; i++) {
		const op = makeOps(1, Date.now(), 0)[0];
		if (!op || op.type !== 'put') continue;
		const { id: _id, ...rest } = op;
		const [ms, result] = await timed(() => vault.commit([rest]));
		if (!result.ok) throw new Error('single commit failed');
		latencies.push(ms);
	}

	// The same commits once the vault has an identity: each version is signed (issue 14, the
	// person's own writes), measured in the same run so the load is the same for both figures.
	if ((await signingIdentity(vault)) === null) throw new Error('no identity');
	const signed: number[] = [];
	for (let i = 0; i < 200; i++) {
		const op = makeOps(1, Date.now(), 0)[0];
		if (!op || op.type !== 'put') continue;
		const { id: _id, ...rest } = op;
		const [ms, result] = await timed(() => vault.commit([rest]));
		if (!result.ok || result.value[0]?.signature === undefined) throw new Error('not signed');
		signed.push(ms);
	}

	plain.close();
	await plain.delete();
	await vault.forget();
	return {
		records: count,
		plainWriteMs,
		vaultWriteMs,
		writeRatio: vaultWriteMs / plainWriteMs,
		plainReadMs,
		vaultReadMs,
		readRatio: vaultReadMs / plainReadMs,
		rangeRecords: vaultRange.length,
		plainRangeMs,
		vaultRangeMs,
		rangeRatio: vaultRangeMs / plainRangeMs,
		singleCommitP50Ms: percentile(latencies, 50),
		singleCommitP95Ms: percentile(latencies, 95),
		singleCommitSignedP50Ms: percentile(signed, 50),
		singleCommitSignedP95Ms: percentile(signed, 95)
	};
}

Object.assign(globalThis, { cercleBench: { prepareUnlock, measureUnlock, measureVault } });
document.body.dataset.ready = 'true';
