// The account's key blob and this device's keys, kept in step (src/lib/sync/key-sync.ts), with
// the HTTP and the vault faked: a device publishes a key the server lacks, merges instead of
// overwriting, never replaces the server's passphrase wrap with its own, and puts nothing when
// both sides already agree.
import { describe, expect, it } from 'vitest';
import type { PublicKdf } from '$lib/contracts/auth';
import { decodeWrappedKeys, encodeWrappedKeys } from '$lib/sync/account-http';
import { syncAccountKeys } from '$lib/sync/key-sync';
import { ok } from '$lib/domain/result';
import type { KeyRow } from '$lib/vault/key-row';
import type { VaultHeader } from '$lib/vault/header';

const kdf = {
	alg: 'argon2id',
	memoryKiB: 19_456,
	iterations: 2,
	parallelism: 1,
	salt: 'c2FsdHNhbHRzYWx0c2FsdA'
} as const satisfies PublicKdf;

const header = (wrappedVaultKey: string): VaultHeader => ({
	version: 1,
	circleId: 'circle-1',
	nodeId: '0123456789abcdef',
	createdAt: 1,
	kdf,
	wrappedVaultKey,
	recoveryWrappedVaultKey: 'recovery',
	failures: 0,
	lastFailureAt: 0
});

const key = (keyId: string, createdAt: number, active: 0 | 1): KeyRow => ({
	keyId,
	category: 'symptoms',
	wrapped: new Uint8Array([1, 2, 3, createdAt]),
	createdAt,
	active
});

function world(server: { header: VaultHeader; keys: KeyRow[] }, local: KeyRow[]) {
	const puts: string[] = [];
	let serverBlob = encodeWrappedKeys(server.header, server.keys);
	if (!serverBlob.ok) throw new Error('blob');
	const deps = {
		http: {
			getWrappedKeys: () => Promise.resolve(ok(serverBlob.ok ? serverBlob.value : '')),
			putWrappedKeys: (blob: string) => {
				puts.push(blob);
				serverBlob = ok(blob);
				return Promise.resolve(ok(blob));
			}
		},
		header: () => Promise.resolve(header('wrapped-by-OLD-passphrase')),
		keys: () => Promise.resolve([...local]),
		installKeys: (rows: readonly KeyRow[]) => {
			let added = 0;
			for (const row of rows) {
				if (local.some((l) => l.keyId === row.keyId)) continue;
				local.push({ ...row, active: 0 });
				added++;
			}
			return Promise.resolve(added);
		}
	};
	return { deps, puts, local };
}

describe('account key sync', () => {
	it('publishes a rotated key, keeping the server’s passphrase wrap and its other keys', async () => {
		const { deps, puts } = world(
			{ header: header('wrapped-by-NEW-passphrase'), keys: [key('k1', 1, 0), key('t2', 2, 0)] },
			[key('k1', 1, 0), key('k2', 3, 1)]
		);
		const result = await syncAccountKeys(deps);
		expect(result).toEqual({ ok: true, value: { installed: 1, published: true } });
		expect(puts).toHaveLength(1);
		const blob = decodeWrappedKeys(puts[0] ?? '');
		expect(blob?.header.wrappedVaultKey).toBe('wrapped-by-NEW-passphrase');
		expect(blob?.keys.map((k) => [k.keyId, k.active]).sort()).toEqual([
			['k1', 0],
			['k2', 1],
			['t2', 0]
		]);
	});

	it('installs what the device lacks and puts nothing when both sides agree', async () => {
		const { deps, puts, local } = world(
			{ header: header('h'), keys: [key('k1', 1, 0), key('k2', 3, 0)] },
			[key('k1', 1, 0)]
		);
		expect(await syncAccountKeys(deps)).toEqual({
			ok: true,
			value: { installed: 1, published: false }
		});
		expect(local.map((k) => k.keyId)).toEqual(['k1', 'k2']);
		expect(puts).toEqual([]);
	});

	it('refuses a blob of another circle, and reports the network as it is', async () => {
		const other = world({ header: { ...header('h'), circleId: 'circle-2' }, keys: [] }, []);
		expect(await syncAccountKeys(other.deps)).toEqual({
			ok: false,
			error: { type: 'corrupt-keys' }
		});
		const offline = world({ header: header('h'), keys: [] }, []);
		const result = await syncAccountKeys({
			...offline.deps,
			http: {
				...offline.deps.http,
				getWrappedKeys: () => Promise.resolve({ ok: false, error: { type: 'offline' } } as const)
			}
		});
		expect(result).toEqual({ ok: false, error: { type: 'offline' } });
	});
});
