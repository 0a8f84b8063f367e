// Properties of the sharing crypto: a wrapped category key opens only for its member and binding;
// a server substituting the invitee's public key is caught before any key is wrapped, in every
// run; after rotation, records sealed with the new key never open with the removed member's keys.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { open, seal } from '$lib/crypto/aead';
import { randomBytes, toBase64Url, utf8 } from '$lib/crypto/bytes';
import {
	invitationServerKey,
	newInvitationSecret,
	proveInvitation,
	verifyServerProof,
	wrapKeysForVerifiedInvitee,
	type WrapToMember
} from '$lib/crypto/invitation';
import { generateCategoryKey, generateVaultKey } from '$lib/crypto/keys';
import {
	exportPublicKey,
	generateSharingKeyPair,
	publicKeyFingerprint,
	unwrapCategoryKeyAsMember,
	unwrapSharingPrivateKey,
	wrapCategoryKeyForMember,
	wrapKeyForMembers,
	wrapSharingPrivateKey
} from '$lib/crypto/sharing';

const RUNS = 25;
const idArb = fc.uuid();
const categoryArb = fc.constantFrom('symptoms', 'medications', 'plan', 'notes');

async function member() {
	const pair = await generateSharingKeyPair();
	return { pair, publicKey: await exportPublicKey(pair.publicKey) };
}

describe('category key wrap', () => {
	it('round-trips for the member and fails for any other member, circle, category or key id', async () => {
		await fc.assert(
			fc.asyncProperty(
				idArb,
				idArb,
				idArb,
				categoryArb,
				fc.string({ minLength: 1 }),
				async (circleId, otherCircleId, accountId, category, keyId) => {
					fc.pre(otherCircleId !== circleId);
					const categoryKey = await generateCategoryKey();
					const m = await member();
					const other = await member();
					const binding = { circleId, category, keyId, memberAccountId: accountId };
					const wrapped = await wrapCategoryKeyForMember(categoryKey, m.publicKey, binding);
					expect(wrapped).not.toBeNull();
					if (wrapped === null) return;
					const own = { privateKey: m.pair.privateKey, publicKey: m.publicKey };
					const key = await unwrapCategoryKeyAsMember(wrapped, own, binding);
					expect(key).not.toBeNull();
					if (key === null) return;
					const bound = { id: accountId, circleId, category, keyId, schemaVersion: 1 };
					const sealed = await seal(categoryKey, bound, utf8('note'));
					expect((await open(key, bound, sealed))?.bytes).toEqual(utf8('note'));

					const otherOwn = { privateKey: other.pair.privateKey, publicKey: other.publicKey };
					expect(await unwrapCategoryKeyAsMember(wrapped, otherOwn, binding)).toBeNull();
					expect(
						await unwrapCategoryKeyAsMember(wrapped, own, { ...binding, category: `${category}x` })
					).toBeNull();
					expect(
						await unwrapCategoryKeyAsMember(wrapped, own, { ...binding, keyId: `${keyId}x` })
					).toBeNull();
					expect(
						await unwrapCategoryKeyAsMember(wrapped, own, {
							...binding,
							memberAccountId: `${accountId}x`
						})
					).toBeNull();
					// A wrap made for one circle does not open as the same member's key in another circle.
					expect(
						await unwrapCategoryKeyAsMember(wrapped, own, { ...binding, circleId: otherCircleId })
					).toBeNull();
				}
			),
			{ numRuns: RUNS }
		);
	});

	it('refuses a public key that is not a P-256 point', async () => {
		const key = await generateCategoryKey();
		const binding = { circleId: 'c', category: 'notes', keyId: 'k', memberAccountId: 'm' };
		expect(await wrapCategoryKeyForMember(key, toBase64Url(randomBytes(65)), binding)).toBeNull();
		expect(await wrapCategoryKeyForMember(key, 'not-a-key', binding)).toBeNull();
	});

	it('wraps the sharing private key under the vault key and only that vault key', async () => {
		const m = await member();
		const vaultKey = await generateVaultKey();
		const wrapped = await wrapSharingPrivateKey(m.pair.privateKey, vaultKey);
		const privateKey = await unwrapSharingPrivateKey(wrapped, vaultKey);
		expect(privateKey?.extractable).toBe(false);
		expect(await unwrapSharingPrivateKey(wrapped, await generateVaultKey())).toBeNull();
		if (privateKey === null) return;
		const binding = { circleId: 'c', category: 'notes', keyId: 'k', memberAccountId: 'm' };
		const wrap = await wrapCategoryKeyForMember(await generateCategoryKey(), m.publicKey, binding);
		expect(wrap).not.toBeNull();
		if (wrap === null) return;
		expect(
			await unwrapCategoryKeyAsMember(wrap, { privateKey, publicKey: m.publicKey }, binding)
		).not.toBeNull();
	});

	it('gives a stable 4×4 fingerprint that differs between keys', async () => {
		const a = await member();
		const b = await member();
		const fa = await publicKeyFingerprint(a.publicKey);
		expect(fa).toMatch(/^[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$/);
		expect(await publicKeyFingerprint(a.publicKey)).toBe(fa);
		expect(await publicKeyFingerprint(b.publicKey)).not.toBe(fa);
	});
});

describe('key substitution by the server', () => {
	it('is detected in every run before any category key is wrapped', async () => {
		const attacks = fc.constantFrom(
			'swap-key',
			'swap-key-and-server-proof',
			'forge-proof',
			'replay-other-invitation'
		);
		await fc.assert(
			fc.asyncProperty(
				idArb,
				idArb,
				idArb,
				attacks,
				async (circleId, invitationId, accountId, attack) => {
					const secret = newInvitationSecret();
					const invitee = await member();
					const attacker = await member();
					const proofs = await proveInvitation(secret, invitationId, invitee.publicKey);
					expect(proofs).not.toBeNull();
					if (proofs === null) return;
					// The server knows serverKey, so it can make a server proof for any key it likes.
					const serverKey = await invitationServerKey(secret);
					if (serverKey === null) throw new Error('bad secret');
					expect(
						await verifyServerProof(serverKey, invitationId, invitee.publicKey, proofs.serverProof)
					).toBe(true);
					let proof = proofs.proof;
					if (attack === 'forge-proof') proof = toBase64Url(randomBytes(32));
					if (attack === 'replay-other-invitation') {
						const other = await proveInvitation(
							secret,
							`${invitationId}-other`,
							attacker.publicKey
						);
						proof = other?.proof ?? proof;
					}
					const delivered = { invitationId, accountId, publicKey: attacker.publicKey, proof };
					let wrapCalls = 0;
					const wrap: WrapToMember = async (...args) => {
						wrapCalls++;
						return wrapCategoryKeyForMember(...args);
					};
					const keys = [{ category: 'medications', keyId: 'k1', key: await generateCategoryKey() }];
					const result = await wrapKeysForVerifiedInvitee(secret, circleId, delivered, keys, wrap);
					expect(result).toEqual({ ok: false, error: { type: 'proof-invalid' } });
					expect(wrapCalls).toBe(0);

					const honest = await wrapKeysForVerifiedInvitee(
						secret,
						circleId,
						{ invitationId, accountId, publicKey: invitee.publicKey, proof: proofs.proof },
						keys,
						wrap
					);
					expect(honest.ok).toBe(true);
					expect(wrapCalls).toBe(1);
				}
			),
			{ numRuns: 100 }
		);
	});
});

describe('rotation after removing a member', () => {
	it('records sealed with the new key never open with the removed member key material', async () => {
		await fc.assert(
			fc.asyncProperty(
				idArb,
				fc.array(fc.string(), { minLength: 1, maxLength: 5 }),
				async (circleId, notes) => {
					const stays = await member();
					const removed = await member();
					const oldKey = await generateCategoryKey();
					const members = [
						{ accountId: 'stays', publicKey: stays.publicKey },
						{ accountId: 'removed', publicKey: removed.publicKey }
					];
					const oldWraps = await wrapKeyForMembers(oldKey, circleId, 'medications', 'k1', members);
					const newKey = await generateCategoryKey();
					const newWraps = await wrapKeyForMembers(
						newKey,
						circleId,
						'medications',
						'k2',
						members.slice(0, 1)
					);
					expect(newWraps?.map((w) => w.accountId)).toEqual(['stays']);
					const removedOld = oldWraps?.find((w) => w.accountId === 'removed');
					if (removedOld === undefined || newWraps === null) throw new Error('wrap failed');
					const removedKey = await unwrapCategoryKeyAsMember(
						removedOld.wrapped,
						{ privateKey: removed.pair.privateKey, publicKey: removed.publicKey },
						{ circleId, category: 'medications', keyId: 'k1', memberAccountId: 'removed' }
					);
					if (removedKey === null) throw new Error('old wrap must open');
					// Everything the removed member holds: the old key, and any wrap in the circle.
					for (const w of newWraps) {
						expect(
							await unwrapCategoryKeyAsMember(
								w.wrapped,
								{ privateKey: removed.pair.privateKey, publicKey: removed.publicKey },
								{ circleId, category: 'medications', keyId: 'k2', memberAccountId: 'removed' }
							)
						).toBeNull();
					}
					let opened = 0;
					for (const [i, note] of notes.entries()) {
						const bound = {
							id: `r${i}`,
							circleId,
							category: 'medications',
							keyId: 'k2',
							schemaVersion: 1
						};
						const sealed = await seal(newKey, bound, utf8(note));
						if ((await open(removedKey, bound, sealed)) !== null) opened++;
						if ((await open(removedKey, { ...bound, keyId: 'k1' }, sealed)) !== null) opened++;
					}
					expect(opened).toBe(0);
				}
			),
			{ numRuns: RUNS }
		);
	});
});
