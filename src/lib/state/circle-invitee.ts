// The invitee's side of an invitation link (issue 5, issue 12): the preview is accepted only when
// the person's keys in it check out under the link's secret (the server cannot swap them), the
// safety code is computed here from the person's identity key and this account's, the acceptance
// carries a proof binding both parties' keys, and the person's keys are then PINNED in this vault.
import type { InvitationPreview } from '$lib/contracts/circle';
import { safetyCode } from '$lib/crypto/identity';
import { invitationLookupId, proveInvitation, verifyOwnerKeys } from '$lib/crypto/invitation';
import { pinKeys } from '$lib/vault/pins';
import { sharingIdentity, signingIdentity } from '$lib/vault/sharing-keys';
import type { Vault } from '$lib/vault/vault';
import { fail, ok, type CircleHttp, type CircleResult } from './circle-http';

export interface VerifiedPreview {
	readonly preview: InvitationPreview;
	readonly lookupId: string;
	/** Computed here from the owner's identity key (checked under the secret) and this account's. */
	readonly safetyCode: string;
}

export function createInviteeCommands(deps: {
	readonly vault: () => Vault;
	readonly now: () => number;
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

	/** Accepts with a proof binding both parties' keys, then pins the owner's keys. */
	async function acceptInvitation(
		secret: string,
		verified: VerifiedPreview,
		circleLabel: string
	): Promise<CircleResult<{ readonly safetyCode: string }>> {
		const v = deps.vault();
		const sharing = await sharingIdentity(v);
		const signing = await signingIdentity(v);
		if (sharing === null || signing === null) return fail({ type: 'locked' });
		const { preview } = verified;
		if (preview.ownerIdentityKey === null) return fail({ type: 'owner-unverified' });
		const owner = { identityKey: preview.ownerIdentityKey, sharingKey: preview.ownerPublicKey };
		const proofs = await proveInvitation(secret, preview.invitationId, {
			invitee: { identityKey: signing.identityKey, sharingKey: sharing.publicKey },
			owner
		});
		if (proofs === null) return fail({ type: 'secret-missing' });
		const result = await call('acceptInvitation', {
			params: { lookupId: verified.lookupId },
			body: {
				publicKey: sharing.publicKey,
				identityKey: signing.identityKey,
				...proofs,
				circleLabel
			}
		});
		if (!result.ok) return result;
		const pinned = await pinKeys(v, {
			circleId: preview.circleId,
			accountId: null,
			role: 'owner',
			...owner,
			source: 'invitation',
			pinnedAt: deps.now()
		});
		if (!pinned) return fail({ type: 'locked' });
		return ok({ safetyCode: verified.safetyCode });
	}

	return { previewInvitation, acceptInvitation };
}
