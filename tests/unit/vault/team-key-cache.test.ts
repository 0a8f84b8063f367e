// The sealed team-key cache (vault/team-key-cache.ts, issue 14 §1): a team member's device keeps
// the team private key and the team's circles so the people the team serves open offline. Nothing
// of it is in clear in IndexedDB; it opens only in this vault, unlocked, for exactly the team and
// key version it was sealed for; it can be listed, updated and forgotten.
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { toBase64Url } from '$lib/crypto/bytes';
import { generateTeamKeyPair, exportTeamPrivateKey } from '$lib/crypto/team-key';
import { exportPublicKey } from '$lib/crypto/sharing';
import {
	cachedTeamIds,
	forgetTeamKey,
	readTeamKey,
	saveTeamCircles,
	saveTeamKey,
	type CachedTeamCircles
} from '$lib/vault/team-key-cache';
import { vaultTables } from '$lib/vault/testing';
import type { Vault } from '$lib/vault/vault';
import { makeVault, PASSPHRASE } from '../../fixtures/vault';

const TEAM = '0190a0b0-0000-7000-8000-000000000001';
const WRAP = 'V1JBUF9PRl9BX0NBVEVHT1JZX0tFWV9UT19USEVfVEVBTQ';

const circles: CachedTeamCircles = [
	{
		circleId: '0190a0b0-0000-7000-8000-0000000000c1',
		label: 'Infirmières du Port',
		personLabel: 'Maman Dupont',
		grants: [{ category: 'symptoms', access: 'read', until: null }],
		keyVersion: 2,
		wraps: [{ category: 'symptoms', keyId: 'symptoms:abc', wrapped: WRAP }],
		attestation: {
			ownerIdentityKey: 'IDENTITY_KEY_OF_MARIE',
			signerAccountId: 'anne',
			signature: 'SIGNATURE_OF_ANNE'
		}
	}
];

async function openVault(): Promise<Vault> {
	const vault = makeVault();
	await vault.create(PASSPHRASE);
	return vault;
}

async function teamKey() {
	const pair = await generateTeamKeyPair();
	const pkcs8 = await exportTeamPrivateKey(pair.privateKey);
	if (pkcs8 === null) throw new Error('not extractable');
	return { pair, pkcs8, publicKey: await exportPublicKey(pair.publicKey) };
}

/** The same ECDH secret from the cached key as from the original: it is the team key. */
async function agree(privateKey: CryptoKey, publicKey: CryptoKey): Promise<string> {
	const bits = await crypto.subtle.deriveBits({ name: 'ECDH', public: publicKey }, privateKey, 256);
	return toBase64Url(new Uint8Array(bits));
}

const rowsJson = async (vault: Vault): Promise<string> =>
	JSON.stringify(await vaultTables(vault).meta.toArray());

describe('team key cache', () => {
	it('gives back the team key (non-extractable) and its circles, for that version', async () => {
		const vault = await openVault();
		const { pair, pkcs8, publicKey } = await teamKey();
		const peer = await generateTeamKeyPair();
		expect(
			await saveTeamKey(vault, {
				teamId: TEAM,
				keyVersion: 2,
				name: 'SSIAD du Port',
				publicKey,
				privateKey: pkcs8,
				circles
			})
		).toBe(true);
		const cached = await readTeamKey(vault, TEAM);
		expect(cached?.keyVersion).toBe(2);
		expect(cached?.name).toBe('SSIAD du Port');
		expect(cached?.publicKey).toBe(publicKey);
		expect(cached?.circles).toEqual(circles);
		if (cached === null) return;
		expect(cached.privateKey.extractable).toBe(false);
		expect(await agree(cached.privateKey, peer.publicKey)).toBe(
			await agree(pair.privateKey, peer.publicKey)
		);
		expect(await cachedTeamIds(vault)).toEqual([TEAM]);
	});

	it('keeps nothing in clear in the vault database', async () => {
		const vault = await openVault();
		const { pkcs8, publicKey } = await teamKey();
		await saveTeamKey(vault, {
			teamId: TEAM,
			keyVersion: 2,
			name: 'SSIAD du Port',
			publicKey,
			privateKey: pkcs8,
			circles
		});
		const rows = await rowsJson(vault);
		expect(rows).toContain(`team-key:${TEAM}`);
		for (const secret of [
			toBase64Url(pkcs8),
			publicKey,
			WRAP,
			'SSIAD du Port',
			'Maman Dupont',
			'symptoms',
			'IDENTITY_KEY_OF_MARIE',
			'SIGNATURE_OF_ANNE'
		])
			expect(rows).not.toContain(secret);
		// Nor as raw bytes anywhere in the row (the PKCS#8's tail is the private scalar).
		const tail = [...pkcs8.slice(-32)].join(',');
		expect(rows).not.toContain(tail);
	});

	it('opens only in this vault, unlocked, for exactly its team and version', async () => {
		const vault = await openVault();
		const { pkcs8, publicKey } = await teamKey();
		await saveTeamKey(vault, {
			teamId: TEAM,
			keyVersion: 2,
			name: 'SSIAD du Port',
			publicKey,
			privateKey: pkcs8,
			circles
		});
		const row = await vaultTables(vault).meta.get(`team-key:${TEAM}`);
		if (row === undefined) throw new Error('no row');

		// Another device's vault (another settings key) holding the same row: nothing opens.
		const other = await openVault();
		await vaultTables(other).meta.put(row);
		expect(await readTeamKey(other, TEAM)).toBeNull();

		// The plain key version changed (passed off as the current one), or moved to another team.
		const value = z.record(z.string(), z.unknown()).parse(row.value);
		await vaultTables(vault).meta.put({ key: row.key, value: { ...value, keyVersion: 3 } });
		expect(await readTeamKey(vault, TEAM)).toBeNull();
		const elsewhere = '0190a0b0-0000-7000-8000-000000000002';
		await vaultTables(vault).meta.put({ key: `team-key:${elsewhere}`, value });
		expect(await readTeamKey(vault, elsewhere)).toBeNull();
		await vaultTables(vault).meta.put(row);
		expect((await readTeamKey(vault, TEAM))?.keyVersion).toBe(2);

		// Locked: nothing.
		vault.lock();
		expect(await readTeamKey(vault, TEAM)).toBeNull();
	});

	it('updates the circles of a kept key only, and forgets a team', async () => {
		const vault = await openVault();
		const { pkcs8, publicKey } = await teamKey();
		// No key kept: the circles alone are not kept either.
		await saveTeamCircles(vault, TEAM, 'SSIAD du Port', circles);
		expect(await cachedTeamIds(vault)).toEqual([]);

		await saveTeamKey(vault, {
			teamId: TEAM,
			keyVersion: 2,
			name: 'SSIAD',
			publicKey,
			privateKey: pkcs8,
			circles: []
		});
		await saveTeamCircles(vault, TEAM, 'SSIAD du Port', circles);
		const cached = await readTeamKey(vault, TEAM);
		expect(cached?.circles).toEqual(circles);
		expect(cached?.name).toBe('SSIAD du Port');

		await forgetTeamKey(vault, TEAM);
		expect(await readTeamKey(vault, TEAM)).toBeNull();
		expect(await cachedTeamIds(vault)).toEqual([]);
	});
});
