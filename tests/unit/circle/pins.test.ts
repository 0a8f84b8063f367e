// Pins and the signing identity in a real vault (fake-indexeddb): the identity is made once, kept
// sealed and non-extractable, and survives a lock/unlock; a pin is per (circle, party), re-pinning
// replaces it, and a listed member compares as pinned only when both keys are the pinned ones.
import { describe, expect, it } from 'vitest';
import { checkPin, ownerPin, pinKeys, pinsOf, type Pin } from '$lib/vault/pins';
import { signingIdentity } from '$lib/vault/sharing-keys';
import { makeVault, PASSPHRASE } from '../../fixtures/vault';
import { vaultTables } from '$lib/vault/testing';

const key = (c: string) => `B${c.repeat(86)}`;

const pin = (overrides: Partial<Pin> = {}): Pin => ({
	circleId: 'circle-1',
	accountId: 'acc-claire',
	role: 'member',
	identityKey: key('I'),
	sharingKey: key('S'),
	source: 'invitation',
	pinnedAt: 1,
	...overrides
});

describe('signing identity', () => {
	it('is made once, non-extractable, and the same after a lock and unlock', async () => {
		const vault = makeVault();
		await vault.create(PASSPHRASE);
		const first = await signingIdentity(vault);
		if (first === null) throw new Error('no identity');
		expect(first.privateKey.extractable).toBe(false);
		expect(first.privateKey.usages).toEqual(['sign']);
		expect((await signingIdentity(vault))?.identityKey).toBe(first.identityKey);
		vault.lock();
		expect(await signingIdentity(vault)).toBeNull();
		expect((await vault.unlock(PASSPHRASE)).ok).toBe(true);
		expect((await signingIdentity(vault))?.identityKey).toBe(first.identityKey);
		// Sealed: the public key is nowhere in the database in the clear.
		const rows = JSON.stringify(await vaultTables(vault).buckets.toArray());
		expect(rows).not.toContain(first.identityKey);
	});
});

describe('pins', () => {
	it('keeps one pin per party; re-pinning replaces it', async () => {
		const vault = makeVault();
		await vault.create(PASSPHRASE);
		expect(await pinKeys(vault, pin())).toBe(true);
		expect(await pinKeys(vault, pin({ accountId: 'acc-paul', identityKey: key('P') }))).toBe(true);
		expect(
			await pinKeys(vault, pin({ circleId: 'circle-2', role: 'owner', accountId: null }))
		).toBe(true);
		expect(
			await pinKeys(vault, pin({ identityKey: key('N'), source: 'in-person', pinnedAt: 2 }))
		).toBe(true);
		const pins = await pinsOf(vault, 'circle-1');
		expect(pins.map((p) => [p.accountId, p.identityKey, p.source]).sort()).toEqual([
			['acc-claire', key('N'), 'in-person'],
			['acc-paul', key('P'), 'invitation']
		]);
		expect(await ownerPin(vault, 'circle-1')).toBeNull();
		expect((await ownerPin(vault, 'circle-2'))?.role).toBe('owner');
	});

	it('compares a listed member with the pin: both keys must match', () => {
		const pins = [pin()];
		const listed = { accountId: 'acc-claire', identityKey: key('I'), publicKey: key('S') };
		expect(checkPin(pins, listed)).toBe('pinned');
		expect(checkPin(pins, { ...listed, publicKey: key('X') })).toBe('changed');
		expect(checkPin(pins, { ...listed, identityKey: key('X') })).toBe('changed');
		expect(checkPin(pins, { ...listed, identityKey: null })).toBe('changed');
		expect(checkPin(pins, { ...listed, accountId: 'acc-mallory' })).toBe('unpinned');
		expect(checkPin([pin({ role: 'owner' })], listed)).toBe('unpinned');
	});
});
