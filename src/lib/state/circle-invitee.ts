// The invitee's side of an invitation link, before she accepts (issue 5, issue 12): the preview is
// kept only when the person's keys in it check out under the link's secret (the server cannot swap
// them), and the safety code is computed here from the person's identity key and this account's.
// Accepting is a command (commands/circle-invitations.ts `acceptInvitation`).
import type { VerifiedPreview } from '$lib/commands/circle-invitations';
import { fail, ok, type CircleResult } from '$lib/domain/circle/errors';
import { safetyCode } from '$lib/crypto/identity';
import { invitationLookupId, verifyOwnerKeys } from '$lib/crypto/invitation';
import type { CircleHttp } from '$lib/sync/circle-http';
import { signingIdentity } from '$lib/vault/sharing-keys';
import type { Vault } from '$lib/vault/vault';

export function createInviteeReads(deps: {
	readonly vault: () => Vault;
	readonly http: CircleHttp;
}) {
	const { call } = deps.http;

	/** The preview, only once the owner's keys in it check out under the link's secret. */
	async function previewInvitation(secret: string): Promise<CircleResult<VerifiedPreview>> {
		const lookupId = await invitationLookupId(secret);
		if (lookupId === null) return fail({ type: 'secret-missing' });
		const signing = await signingIdentity(deps.vault());
		if (signing === null) return fail({ type: 'locked' });
		const result = await call('previewInvitation', { params: { lookupId } });
		if (!result.ok) return result;
		const preview = result.value;
		if (preview.ownerIdentityKey === null || preview.ownerProof === null)
			return fail({ type: 'owner-unverified' });
		const proved = await verifyOwnerKeys(
			secret,
			preview.circleId,
			{ identityKey: preview.ownerIdentityKey, sharingKey: preview.ownerPublicKey },
			preview.ownerProof
		);
		if (!proved) return fail({ type: 'owner-unverified' });
		const code = await safetyCode(signing.identityKey, preview.ownerIdentityKey);
		if (code === null) return fail({ type: 'owner-unverified' });
		return ok({ preview, lookupId, safetyCode: code });
	}

	return { previewInvitation };
}
