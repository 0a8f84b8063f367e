// Properties of identity keys (issue 12): the safety code computed on each device from both
// identity keys is the same on both devices, and differs after any key change; a signed wrap opens
// only under the pinned owner's identity key and for its exact binding, so a server that makes its
// own ECDH wrap (it knows the member's public key) or re-signs with another key is refused.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from '$lib/crypto/bytes';
import {
	exportIdentityPublicKey,
	generateIdentityKeyPair,
	importIdentityPrivateJwk,
	safetyCode
} from '$lib/crypto/identity';
import { generateCategoryKey } from '$lib/crypto/keys';
import {
	exportPublicKey,
	generateSharingKeyPair,
	wrapCategoryKeyForMember
} from '$lib/crypto/sharing';
import {
	openSignedWrap,
	signedWrapCreatedAt,
	wrapAndSignForMember,
	SIGNED_WRAP_BYTES
} from '$lib/crypto/signed-wrap';

const RUNS = 25;

async function identity() {
	const pair = await generateIdentityKeyPair();
	return { pair, key: await exportIdentityPublicKey(pair.publicKey) };
}

async function sharing() {
	const pair = await generateSharingKeyPair();
	const publicKey = await exportPublicKey(pair.publicKey);
	return { privateKey: pair.privateKey, publicKey };
}

describe('safety code', () => {
	it('is equal on both devices, and differs after any change of either key', async () => {
		await fc.assert(
			fc.asyncProperty(fc.boolean(), async (changeOwner) => {
				const owner = await identity();
				const member = await identity();
				// Each device computes it with its own key first.
				const onOwnerDevice = await safetyCode(owner.key, member.key);
				const onMemberDevice = await safetyCode(member.key, owner.key);
				expect(onOwnerDevice).not.toBeNull();
				expect(onOwnerDevice).toBe(onMemberDevice);
				expect(onOwnerDevice).toMatch(/^\d{5}( \d{5}){11}$/);
				const changed = await identity();
				const after = changeOwner
					? await safetyCode(changed.key, member.key)
					: await safetyCode(owner.key, changed.key);
				expect(after).not.toBe(onOwnerDevice);
			}),
			{ numRuns: RUNS }
		);
	});

	it('refuses what is not a P-256 identity key', async () => {
		const a = await identity();
		expect(await safetyCode(a.key, toBase64Url(new Uint8Array(65)))).toBeNull();
		expect(await safetyCode('not-a-key', a.key)).toBeNull();
	});
});

describe('signed category-key wraps', () => {
	it('open only with the pinned owner identity and the exact binding', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.uuid(),
				fc.uuid(),
				fc.constantFrom('symptoms', 'medications', 'notes'),
				fc.string({ minLength: 1, maxLength: 20 }),
				fc.integer({ min: 0, max: 2 ** 45 }),
				async (circleId, memberAccountId, category, keyId, createdAt) => {
					const owner = await identity();
					const server = await identity();
					const member = await sharing();
					const signer = {
						privateKey:
							(await importIdentityPrivateJwk(
								await crypto.subtle.exportKey('jwk', owner.pair.privateKey)
							)) ?? owner.pair.privateKey
					};
					expect(signer.privateKey.extractable).toBe(false);
					const binding = { circleId, category, keyId, memberAccountId };
					const key = await generateCategoryKey();
					const wrapped = await wrapAndSignForMember(
						key,
						member.publicKey,
						binding,
						signer,
						createdAt
					);
					if (wrapped === null) throw new Error('wrap');
					expect(fromBase64Url(wrapped)).toHaveLength(SIGNED_WRAP_BYTES);
					expect(signedWrapCreatedAt(wrapped)).toBe(createdAt);
					expect(await openSignedWrap(wrapped, member, binding, owner.key)).not.toBeNull();
					// Any other identity (the server's), binding or byte: refused.
					expect(await openSignedWrap(wrapped, member, binding, server.key)).toBeNull();
					for (const other of [
						{ ...binding, circleId: `${circleId}x` },
						{ ...binding, category: `${category}x` },
						{ ...binding, keyId: `${keyId}x` },
						{ ...binding, memberAccountId: `${memberAccountId}x` }
					])
						expect(await openSignedWrap(wrapped, member, other, owner.key)).toBeNull();
					const bytes = fromBase64Url(wrapped);
					for (const at of [1, 40, 70, 110, SIGNED_WRAP_BYTES - 1]) {
						const flipped = bytes.slice();
						flipped[at] = (flipped[at] ?? 0) ^ 1;
						expect(
							await openSignedWrap(toBase64Url(flipped), member, binding, owner.key)
						).toBeNull();
					}
					// The server's own wraps: unsigned (v1), or signed by its key.
					const unsigned = await wrapCategoryKeyForMember(key, member.publicKey, binding);
					expect(await openSignedWrap(unsigned ?? '', member, binding, owner.key)).toBeNull();
					const forged = await wrapAndSignForMember(
						key,
						member.publicKey,
						binding,
						{ privateKey: server.pair.privateKey },
						createdAt
					);
					expect(await openSignedWrap(forged ?? '', member, binding, owner.key)).toBeNull();
				}
			),
			{ numRuns: RUNS }
		);
	});
});
