// Properties of the sharing crypto: a wrapped category key opens only for its member and binding;
// a server substituting either party's keys is caught before any key is wrapped, in every run;
// after the REAL removeMember() → rotate() on a real vault, the new key goes only to the pinned
// remaining holders and records the person writes afterwards never open with the removed
// member's key.
import { randomUUID } from 'node:crypto';
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
import { exportIdentityPublicKey, generateIdentityKeyPair } from '$lib/crypto/identity';
import {
	exportPublicKey,
	generateSharingKeyPair,
	unwrapCategoryKeyAsMember,
	unwrapSharingPrivateKey,
	wrapCategoryKeyForMember,
	wrapSharingPrivateKey
} from '$lib/crypto/sharing';
import { openSignedWrap } from '$lib/crypto/signed-wrap';
import { rotateKeyRequestSchema, type Member } from '$lib/contracts/circle';
import { createCircleCommands } from '$lib/state/circle-commands';
import { openEnvelope } from '$lib/vault/envelope';
import { pinKeys } from '$lib/vault/pins';
import { extractableCategoryKey, signingIdentity } from '$lib/vault/sharing-keys';
import { makeVault, PASSPHRASE } from '../../fixtures/vault';

const RUNS = 25;
const idArb = fc.uuid();
const categoryArb = fc.constantFrom('symptoms', 'medications', 'plan', 'notes');

const T = Date.UTC(2025, 0, 6, 9);

async function member() {
	const pair = await generateSharingKeyPair();
	return { pair, publicKey: await exportPublicKey(pair.publicKey) };
}

/** One party of a circle: sharing and identity key pairs. */
async function party() {
	const sharing = await generateSharingKeyPair();
	const identity = await generateIdentityKeyPair();
	const sharingKey = await exportPublicKey(sharing.publicKey);
	return {
		keys: { identityKey: await exportIdentityPublicKey(identity.publicKey), sharingKey },
		own: { privateKey: sharing.privateKey, publicKey: sharingKey }
	};
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
});

describe('key substitution by the server', () => {
	it('is detected in every run before any category key is wrapped', async () => {
		const attacks = fc.constantFrom(
			'swap-key',
			'swap-identity',
			'swap-owner-keys',
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
					const invitee = await party();
					const owner = await party();
					const attacker = await party();
					const parties = { invitee: invitee.keys, owner: owner.keys };
					const proofs = await proveInvitation(secret, invitationId, parties);
					expect(proofs).not.toBeNull();
					if (proofs === null) return;
					// The server knows serverKey, so it can make a server proof for any key it likes.
					const serverKey = await invitationServerKey(secret);
					if (serverKey === null) throw new Error('bad secret');
					expect(
						await verifyServerProof(
							serverKey,
							invitationId,
							invitee.keys.sharingKey,
							proofs.serverProof
						)
					).toBe(true);
					let proof = proofs.proof;
					let delivered = { ...invitee.keys };
					let ownerSeen = owner.keys;
					if (attack === 'swap-key')
						delivered = { ...delivered, sharingKey: attacker.keys.sharingKey };
					if (attack === 'swap-identity')
						delivered = { ...delivered, identityKey: attacker.keys.identityKey };
					if (attack === 'swap-owner-keys') ownerSeen = attacker.keys;
					if (attack === 'forge-proof') proof = toBase64Url(randomBytes(32));
					if (attack === 'replay-other-invitation') {
						delivered = attacker.keys;
						const other = await proveInvitation(secret, `${invitationId}-other`, {
							invitee: attacker.keys,
							owner: owner.keys
						});
						proof = other?.proof ?? proof;
					}
					// The invitee proved keys of an owner the server swapped: the real owner refuses it.
					const ownerOwnKeys = attack === 'swap-owner-keys' ? owner.keys : ownerSeen;
					if (attack === 'swap-owner-keys') {
						const seen = await proveInvitation(secret, invitationId, {
							invitee: invitee.keys,
							owner: ownerSeen
						});
						proof = seen?.proof ?? proof;
					}
					const acceptance = {
						invitationId,
						accountId,
						publicKey: delivered.sharingKey,
						identityKey: delivered.identityKey,
						proof
					};
					let wrapCalls = 0;
					const wrap: WrapToMember = async (...args) => {
						wrapCalls++;
						return wrapCategoryKeyForMember(...args);
					};
					const keys = [{ category: 'medications', keyId: 'k1', key: await generateCategoryKey() }];
					const result = await wrapKeysForVerifiedInvitee(
						secret,
						circleId,
						acceptance,
						ownerOwnKeys,
						keys,
						wrap
					);
					expect(result).toEqual({ ok: false, error: { type: 'proof-invalid' } });
					expect(wrapCalls).toBe(0);

					const honest = await wrapKeysForVerifiedInvitee(
						secret,
						circleId,
						{
							invitationId,
							accountId,
							publicKey: invitee.keys.sharingKey,
							identityKey: invitee.keys.identityKey,
							proof: proofs.proof
						},
						owner.keys,
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

describe('rotation after removing a member, through the real removeMember() → rotate()', () => {
	it('wraps the new key only to pinned remaining holders; nothing sealed afterwards opens for the removed member', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(fc.string(), { minLength: 1, maxLength: 5 }),
				fc.integer({ min: 0, max: 3 }),
				async (notes, extraHolders) => {
					const owner = makeVault();
					await owner.create(PASSPHRASE);
					const header = await owner.header();
					if (header === null) throw new Error('no header');
					const circleId = header.circleId;
					const grant = [{ category: 'medications', access: 'read', until: null }] as const;
					const people = await Promise.all(
						Array.from({ length: 2 + extraHolders }, async (_, i) => {
							const p = await party();
							const m: Member = {
								accountId: randomUUID(),
								role: 'carer',
								label: `M${String(i)}`,
								status: 'active',
								joinedAt: 0,
								publicKey: p.keys.sharingKey,
								identityKey: p.keys.identityKey,
								grants: [...grant]
							};
							await pinKeys(owner, {
								circleId,
								accountId: m.accountId,
								role: 'member',
								...p.keys,
								source: 'invitation',
								pinnedAt: 0
							});
							return { ...p, member: m };
						})
					);
					const [removed, ...stays] = people;
					if (removed === undefined) throw new Error('nobody');
					const oldKey = await extractableCategoryKey(owner, 'medications');
					if (oldKey === null) throw new Error('no key');
					// What the removed member holds: the category key before the removal.
					const removedKey = oldKey.key;

					const posted: { method: string; path: string; body: unknown }[] = [];
					const fetchStub = (input: string, init?: RequestInit) => {
						posted.push({
							method: init?.method ?? 'GET',
							path: input,
							body: typeof init?.body === 'string' ? JSON.parse(init.body) : null
						});
						return Promise.resolve(new Response(null, { status: 204 }));
					};
					let published = 0;
					const commands = createCircleCommands({
						vault: () => owner,
						fetch: fetchStub,
						publishNewKeys: () => {
							published++;
							return Promise.resolve();
						},
						now: () => Date.now()
					});
					const result = await commands.removeMember(
						circleId,
						removed.member,
						people.map((p) => p.member)
					);
					expect(result).toEqual({ ok: true, value: null });
					expect(published).toBe(1);
					const rotation = rotateKeyRequestSchema.parse(
						posted.find((p) => p.method === 'POST' && p.path.endsWith('/keys'))?.body
					);
					expect(rotation.keyId).not.toBe(oldKey.keyId);
					expect(rotation.wraps.map((w) => w.accountId).sort()).toEqual(
						stays.map((p) => p.member.accountId).sort()
					);
					const ownerIdentity = await signingIdentity(owner);
					if (ownerIdentity === null) throw new Error('no identity');
					const bindingFor = (memberAccountId: string) => ({
						circleId,
						category: 'medications',
						keyId: rotation.keyId,
						memberAccountId
					});
					// Nothing the rotation posted opens for the removed member.
					for (const w of rotation.wraps)
						expect(
							await openSignedWrap(
								w.wrapped,
								removed.own,
								bindingFor(removed.member.accountId),
								ownerIdentity.identityKey
							)
						).toBeNull();
					const stay = stays[0];
					const stayWrap = rotation.wraps.find((w) => w.accountId === stay?.member.accountId);
					if (stay === undefined || stayWrap === undefined) throw new Error('no wrap');
					const newKey = await openSignedWrap(
						stayWrap.wrapped,
						stay.own,
						bindingFor(stay.member.accountId),
						ownerIdentity.identityKey
					);
					if (newKey === null) throw new Error('a remaining holder must open the new key');

					// Records the person writes afterwards, as her sync would push them.
					expect(
						(
							await owner.commit(
								notes.map((text, i) => ({
									type: 'put',
									kind: 'medication',
									category: 'medications',
									at: T + i,
									body: { kind: 'medication', name: text }
								}))
							)
						).ok
					).toBe(true);
					const envelopes = (await owner.sync.outbox.pending(100)).filter(
						(e) => e.category === 'medications'
					);
					expect(envelopes).toHaveLength(notes.length);
					let openedByRemoved = 0;
					let openedByStay = 0;
					for (const e of envelopes) {
						if ((await openEnvelope(removedKey, e)) !== null) openedByRemoved++;
						if ((await openEnvelope(newKey, e)) !== null) openedByStay++;
					}
					expect([openedByRemoved, openedByStay]).toEqual([0, notes.length]);
					owner.lock();
				}
			),
			{ numRuns: 6 }
		);
	}, 120_000);
});
