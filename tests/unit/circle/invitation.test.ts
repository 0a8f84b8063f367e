// Invitation links and proofs as the two clients and the server see them, and the HTTP status of
// every invitation refusal (mapped in the one place, server/http/errors.ts).
import { describe, expect, it } from 'vitest';
import { apiErrorBodySchema } from '$lib/contracts/common';
import {
	invitationLink,
	invitationLookupId,
	invitationServerKey,
	newInvitationSecret,
	proveInvitation,
	proveOwnerKeys,
	secretFromLink,
	verifyInvitationProof,
	verifyOwnerKeys,
	verifyServerProof
} from '$lib/crypto/invitation';
import { errorResponse } from '../../../server/http/errors';

const PUBLIC_KEY = `B${'A'.repeat(86)}`;
const IDENTITY_KEY = `B${'I'.repeat(86)}`;
const OWNER_IDENTITY = `B${'O'.repeat(86)}`;
const OWNER_SHARING = `B${'S'.repeat(86)}`;

describe('invitation secrets', () => {
	it('puts a 256-bit secret in the fragment only, and reads it back', () => {
		const secret = newInvitationSecret();
		const link = invitationLink('https://cercle.test', secret);
		expect(new URL(link).hash).toBe(`#${secret}`);
		expect(new URL(link).pathname).toBe('/join');
		expect(secretFromLink(link)).toBe(secret);
		expect(secretFromLink('https://cercle.test/join#short')).toBeNull();
	});

	it('derives distinct lookup and server keys that reveal neither the secret nor each other', async () => {
		const secret = newInvitationSecret();
		const lookup = await invitationLookupId(secret);
		const serverKey = await invitationServerKey(secret);
		expect(lookup).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(new Set([lookup, serverKey, secret]).size).toBe(3);
		expect(await invitationLookupId('not a secret')).toBeNull();
	});

	it("binds the proof to the invitation id and both parties' identity and sharing keys", async () => {
		const secret = newInvitationSecret();
		const parties = {
			invitee: { identityKey: IDENTITY_KEY, sharingKey: PUBLIC_KEY },
			owner: { identityKey: OWNER_IDENTITY, sharingKey: OWNER_SHARING }
		};
		const swap = (k: string) => `C${k.slice(1)}`;
		const proofs = await proveInvitation(secret, 'inv-1', parties);
		const serverKey = await invitationServerKey(secret);
		if (proofs === null || serverKey === null) throw new Error('proofs');
		expect(await verifyInvitationProof(secret, 'inv-1', parties, proofs.proof)).toBe(true);
		expect(await verifyInvitationProof(secret, 'inv-2', parties, proofs.proof)).toBe(false);
		for (const changed of [
			{ ...parties, invitee: { ...parties.invitee, sharingKey: swap(PUBLIC_KEY) } },
			{ ...parties, invitee: { ...parties.invitee, identityKey: swap(IDENTITY_KEY) } },
			{ ...parties, owner: { ...parties.owner, sharingKey: swap(OWNER_SHARING) } },
			{ ...parties, owner: { ...parties.owner, identityKey: swap(OWNER_IDENTITY) } },
			{ invitee: parties.owner, owner: parties.invitee }
		])
			expect(await verifyInvitationProof(secret, 'inv-1', changed, proofs.proof)).toBe(false);
		expect(await verifyInvitationProof(newInvitationSecret(), 'inv-1', parties, proofs.proof)).toBe(
			false
		);
		// The server's tag is not the person's: one cannot stand in for the other.
		expect(await verifyInvitationProof(secret, 'inv-1', parties, proofs.serverProof)).toBe(false);
		expect(await verifyServerProof(serverKey, 'inv-1', PUBLIC_KEY, proofs.serverProof)).toBe(true);
		expect(await verifyServerProof(serverKey, 'inv-1', PUBLIC_KEY, proofs.proof)).toBe(false);
	});

	it('lets the invitee check the owner keys of the preview under the secret', async () => {
		const secret = newInvitationSecret();
		const owner = { identityKey: OWNER_IDENTITY, sharingKey: OWNER_SHARING };
		const proof = await proveOwnerKeys(secret, 'circle-1', owner);
		if (proof === null) throw new Error('proof');
		expect(await verifyOwnerKeys(secret, 'circle-1', owner, proof)).toBe(true);
		expect(await verifyOwnerKeys(secret, 'circle-2', owner, proof)).toBe(false);
		expect(
			await verifyOwnerKeys(secret, 'circle-1', { ...owner, identityKey: IDENTITY_KEY }, proof)
		).toBe(false);
		expect(
			await verifyOwnerKeys(secret, 'circle-1', { ...owner, sharingKey: PUBLIC_KEY }, proof)
		).toBe(false);
		expect(await verifyOwnerKeys(newInvitationSecret(), 'circle-1', owner, proof)).toBe(false);
	});
});

describe('invitation refusals over HTTP', () => {
	it('maps each refusal to its status and code', async () => {
		const cases = [
			['invitation-expired', 410],
			['invitation-revoked', 410],
			['invitation-used', 409],
			['invitation-not-accepted', 409],
			['already-member', 409],
			['rotation-incomplete', 409],
			['invitation-proof-invalid', 403],
			['invalid-grant', 400]
		] as const;
		for (const [type, status] of cases) {
			const response = errorResponse({ type });
			expect([type, response.status]).toEqual([type, status]);
			expect(apiErrorBodySchema.parse(await response.json()).error.code).toBe(type);
		}
	});
});
