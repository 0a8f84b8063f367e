// The team key (src/lib/crypto/team-key.ts): the public key statement verifies only under the
// signer's identity and only for its own team, version and key; the sealed private key opens only
// for exactly its binding, under the sealer's identity, with the member's own sharing key, and a
// flipped byte opens nothing; the opened key derives the same ECDH secret as the original.
import { describe, expect, it } from 'vitest';
import { exportIdentityPublicKey, generateIdentityKeyPair } from '$lib/crypto/identity';
import { ecdhSharedBits, exportPublicKey, generateSharingKeyPair } from '$lib/crypto/sharing';
import { fromBase64Url, toBase64Url } from '$lib/crypto/bytes';
import {
	attestOwner,
	generateTeamKeyPair,
	openTeamPrivateKey,
	sealTeamPrivateKey,
	signTeamKey,
	verifyOwnerAttestation,
	verifyTeamKey
} from '$lib/crypto/team-key';

async function party() {
	const identity = await generateIdentityKeyPair();
	const sharing = await generateSharingKeyPair();
	return {
		identity,
		identityKey: await exportIdentityPublicKey(identity.publicKey),
		sharing,
		sharingKey: await exportPublicKey(sharing.publicKey)
	};
}

describe('team key', () => {
	it('signs the team public key for its team, version and key only', async () => {
		const anne = await party();
		const other = await party();
		const team = await generateTeamKeyPair();
		const statement = {
			teamId: 't1',
			keyVersion: 1,
			publicKey: await exportPublicKey(team.publicKey)
		};
		const signature = await signTeamKey(anne.identity.privateKey, statement);
		expect(await verifyTeamKey(anne.identityKey, statement, signature)).toBe(true);
		expect(await verifyTeamKey(other.identityKey, statement, signature)).toBe(false);
		expect(await verifyTeamKey(anne.identityKey, { ...statement, keyVersion: 2 }, signature)).toBe(
			false
		);
		expect(await verifyTeamKey(anne.identityKey, { ...statement, teamId: 't2' }, signature)).toBe(
			false
		);
		expect(await verifyTeamKey(anne.identityKey, statement, 'garbage')).toBe(false);
	});

	it('opens a sealed team key only for its binding, sealer and recipient', async () => {
		const anne = await party();
		const bruno = await party();
		const team = await generateTeamKeyPair();
		const binding = { teamId: 't1', keyVersion: 3, memberAccountId: 'bruno' };
		const sealed = await sealTeamPrivateKey(
			team.privateKey,
			bruno.sharingKey,
			binding,
			anne.identity.privateKey,
			1_700_000_000_000
		);
		if (sealed === null) throw new Error('seal');
		const own = { privateKey: bruno.sharing.privateKey, publicKey: bruno.sharingKey };
		const opened = await openTeamPrivateKey(sealed, own, binding, anne.identityKey);
		expect(opened).not.toBeNull();
		if (opened === null) return;
		expect(opened.extractable).toBe(false);
		// Same key: both halves agree on an ECDH secret with a third key.
		const probe = await generateSharingKeyPair();
		const a = await ecdhSharedBits(opened, probe.publicKey);
		const b = await ecdhSharedBits(team.privateKey, probe.publicKey);
		expect(a).toEqual(b);

		expect(
			await openTeamPrivateKey(sealed, own, { ...binding, keyVersion: 4 }, anne.identityKey)
		).toBeNull();
		expect(
			await openTeamPrivateKey(
				sealed,
				own,
				{ ...binding, memberAccountId: 'eve' },
				anne.identityKey
			)
		).toBeNull();
		expect(await openTeamPrivateKey(sealed, own, binding, bruno.identityKey)).toBeNull();
		const anneOwn = { privateKey: anne.sharing.privateKey, publicKey: anne.sharingKey };
		expect(await openTeamPrivateKey(sealed, anneOwn, binding, anne.identityKey)).toBeNull();
		const bytes = fromBase64Url(sealed);
		for (const at of [0, 10, 90, 150, bytes.length - 1]) {
			const flipped = bytes.slice();
			flipped[at] = (flipped[at] ?? 0) ^ 1;
			expect(
				await openTeamPrivateKey(toBase64Url(flipped), own, binding, anne.identityKey)
			).toBeNull();
		}
	});

	it("vouches for a person's identity key for one team and circle", async () => {
		const anne = await party();
		const marie = await party();
		const a = { teamId: 't1', circleId: 'c1', ownerIdentityKey: marie.identityKey };
		const signature = await attestOwner(anne.identity.privateKey, a);
		expect(await verifyOwnerAttestation(anne.identityKey, a, signature)).toBe(true);
		expect(
			await verifyOwnerAttestation(anne.identityKey, { ...a, circleId: 'c2' }, signature)
		).toBe(false);
		expect(
			await verifyOwnerAttestation(
				anne.identityKey,
				{ ...a, ownerIdentityKey: anne.identityKey },
				signature
			)
		).toBe(false);
		expect(await verifyOwnerAttestation(marie.identityKey, a, signature)).toBe(false);
	});
});
