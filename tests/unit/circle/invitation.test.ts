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
	secretFromLink,
	verifyInvitationProof,
	verifyServerProof
} from '$lib/crypto/invitation';
import { errorResponse } from '../../../server/http/errors';

const PUBLIC_KEY = `B${'A'.repeat(86)}`;

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

	it('binds both proofs to the invitation id and the public key', async () => {
		const secret = newInvitationSecret();
		const proofs = await proveInvitation(secret, 'inv-1', PUBLIC_KEY);
		const serverKey = await invitationServerKey(secret);
		if (proofs === null || serverKey === null) throw new Error('proofs');
		expect(await verifyInvitationProof(secret, 'inv-1', PUBLIC_KEY, proofs.proof)).toBe(true);
		expect(await verifyInvitationProof(secret, 'inv-2', PUBLIC_KEY, proofs.proof)).toBe(false);
		expect(
			await verifyInvitationProof(secret, 'inv-1', `C${PUBLIC_KEY.slice(1)}`, proofs.proof)
		).toBe(false);
		expect(
			await verifyInvitationProof(newInvitationSecret(), 'inv-1', PUBLIC_KEY, proofs.proof)
		).toBe(false);
		// The server's tag is not the person's: one cannot stand in for the other.
		expect(await verifyInvitationProof(secret, 'inv-1', PUBLIC_KEY, proofs.serverProof)).toBe(
			false
		);
		expect(await verifyServerProof(serverKey, 'inv-1', PUBLIC_KEY, proofs.serverProof)).toBe(true);
		expect(await verifyServerProof(serverKey, 'inv-1', PUBLIC_KEY, proofs.proof)).toBe(false);
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
