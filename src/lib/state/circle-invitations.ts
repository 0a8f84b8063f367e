// The person's invitations (issue 5, issue 12): the link's secret is minted here and kept only in
// the person's vault (a `settings` record) until the invitation is confirmed or cancelled, never
// sent to the server; the invitation carries the person's identity and sharing keys with their
// proof under the secret (checked by the invitee); confirming verifies the invitee's proof, which
// binds both parties' keys, BEFORE any key is wrapped, then pins the invitee's keys and sends
// wraps signed by the person's identity. A proof that does not verify cancels the invitation.
import * as z from 'zod';
import { DEFAULT_INVITATION_HOURS, type Invitation } from '$lib/contracts/circle';
import {
	invitationLink,
	invitationLookupId,
	invitationServerKey,
	newInvitationSecret,
	proveOwnerKeys,
	wrapKeysForVerifiedInvitee,
	type GrantedKey
} from '$lib/crypto/invitation';
import { wrapAndSignForMember } from '$lib/crypto/signed-wrap';
import type { CareRole, Grant, ShareableCategory } from '$lib/domain/circle';
import { pinKeys } from '$lib/vault/pins';
import { extractableCategoryKey, sharingIdentity, signingIdentity } from '$lib/vault/sharing-keys';
import type { Vault } from '$lib/vault/vault';
import { fail, ok, type CircleHttp, type CircleResult } from './circle-http';

export interface NewInvitation {
	readonly role: CareRole;
	readonly label: string;
	readonly grants: readonly Grant[];
	readonly expiresInHours?: number;
}

export const INVITATION_SECRET_KIND = 'circle-invitation-secret';
const secretBodySchema = z.object({ invitationId: z.string(), secret: z.string() });
/** The active key of each granted category, extractable for exactly one wrap each. */
export async function grantedKeys(
	vault: Vault,
	grants: readonly Grant[]
): Promise<CircleResult<readonly GrantedKey<ShareableCategory>[]>> {
	const keys: GrantedKey<ShareableCategory>[] = [];
	for (const g of grants) {
		const key = await extractableCategoryKey(vault, g.category);
		if (key === null) return fail({ type: 'key-missing', category: g.category });
		keys.push(key);
	}
	return ok(keys);
}

export function createInvitationCommands(deps: {
	readonly vault: () => Vault;
	readonly now: () => number;
	readonly http: CircleHttp;
}) {
	const { call, send } = deps.http;
	const keysFor = (grants: readonly Grant[]) => grantedKeys(deps.vault(), grants);

	async function storedSecrets(): Promise<
		readonly { recordId: string; invitationId: string; secret: string }[]
	> {
		const rows = await deps
			.vault()
			.query({ category: 'settings', kinds: [INVITATION_SECRET_KIND] });
		return rows.flatMap((r) => {
			const body = secretBodySchema.safeParse(r.body);
			return body.success ? [{ recordId: r.id, ...body.data }] : [];
		});
	}

	async function forgetSecret(invitationId: string): Promise<void> {
		const gone = (await storedSecrets()).filter((s) => s.invitationId === invitationId);
		if (gone.length === 0) return;
		await deps
			.vault()
			.commit(gone.map((s) => ({ type: 'delete', id: s.recordId, category: 'settings' }) as const));
	}

	async function linkOfInvitation(invitationId: string, origin: string): Promise<string | null> {
		const found = (await storedSecrets()).find((s) => s.invitationId === invitationId);
		return found === undefined ? null : invitationLink(origin, found.secret);
	}

	async function createInvitation(
		circleId: string,
		input: NewInvitation,
		origin: string
	): Promise<CircleResult<{ readonly invitation: Invitation; readonly link: string }>> {
		const v = deps.vault();
		const sharing = await sharingIdentity(v);
		const signing = await signingIdentity(v);
		if (sharing === null || signing === null) return fail({ type: 'locked' });
		const secret = newInvitationSecret();
		const lookupId = await invitationLookupId(secret);
		const serverKey = await invitationServerKey(secret);
		const ownerProof = await proveOwnerKeys(secret, circleId, {
			identityKey: signing.identityKey,
			sharingKey: sharing.publicKey
		});
		if (lookupId === null || serverKey === null || ownerProof === null)
			return fail({ type: 'secret-missing' });
		const created = await call('createInvitation', {
			params: { circleId },
			body: {
				lookupId,
				serverKey,
				ownerPublicKey: sharing.publicKey,
				ownerIdentityKey: signing.identityKey,
				ownerProof,
				role: input.role,
				label: input.label,
				grants: input.grants,
				expiresInHours: input.expiresInHours ?? DEFAULT_INVITATION_HOURS
			}
		});
		if (!created.ok) return created;
		const invitation = created.value.invitation;
		const saved = await v.commit([
			{
				type: 'put',
				kind: INVITATION_SECRET_KIND,
				category: 'settings',
				at: deps.now(),
				body: { invitationId: invitation.id, secret }
			}
		]);
		if (!saved.ok) {
			await send('revokeInvitation', { params: { circleId, invitationId: invitation.id } });
			return fail({ type: 'locked' });
		}
		return ok({ invitation, link: invitationLink(origin, secret) });
	}

	async function cancelInvitation(
		circleId: string,
		invitationId: string
	): Promise<CircleResult<null>> {
		const result = await send('revokeInvitation', { params: { circleId, invitationId } });
		if (result.ok) await forgetSecret(invitationId);
		return result.ok ? ok(null) : result;
	}

	/**
	 * Confirms an accepted invitation: the invitee's proof (both parties' keys) is verified under
	 * the secret kept in the vault BEFORE any key is wrapped; then the invitee's keys are pinned and
	 * the wraps signed. A proof that does not verify cancels the invitation.
	 */
	async function confirmInvitation(
		circleId: string,
		invitation: Invitation,
		grants: readonly Grant[]
	): Promise<CircleResult<null>> {
		const acceptance = invitation.acceptance;
		if (acceptance === null || acceptance.identityKey === null)
			return fail({ type: 'proof-invalid' });
		const v = deps.vault();
		const sharing = await sharingIdentity(v);
		const signing = await signingIdentity(v);
		if (sharing === null || signing === null) return fail({ type: 'locked' });
		const secret = (await storedSecrets()).find((s) => s.invitationId === invitation.id);
		if (secret === undefined) return fail({ type: 'secret-missing' });
		const keys = await keysFor(grants);
		if (!keys.ok) return keys;
		const createdAt = deps.now();
		const wrapped = await wrapKeysForVerifiedInvitee(
			secret.secret,
			circleId,
			{
				invitationId: invitation.id,
				accountId: acceptance.accountId,
				publicKey: acceptance.publicKey,
				identityKey: acceptance.identityKey,
				proof: acceptance.proof
			},
			{ identityKey: signing.identityKey, sharingKey: sharing.publicKey },
			keys.value,
			(key, publicKey, binding) => wrapAndSignForMember(key, publicKey, binding, signing, createdAt)
		);
		if (!wrapped.ok) {
			await cancelInvitation(circleId, invitation.id);
			return fail({ type: 'proof-invalid' });
		}
		const pinned = await pinKeys(v, {
			circleId,
			accountId: acceptance.accountId,
			role: 'member',
			identityKey: acceptance.identityKey,
			sharingKey: acceptance.publicKey,
			source: 'invitation',
			pinnedAt: createdAt
		});
		if (!pinned) return fail({ type: 'locked' });
		const confirmed = await send('confirmInvitation', {
			params: { circleId, invitationId: invitation.id },
			body: { grants, wraps: wrapped.value }
		});
		if (!confirmed.ok) return confirmed;
		await forgetSecret(invitation.id);
		return ok(null);
	}
	return {
		linkOfInvitation,
		createInvitation,
		cancelInvitation,
		confirmInvitation
	};
}
