// Invitations into the person's circle, by name (issue 5, issue 12, issue 13): the person creates,
// cancels and confirms; the invitee accepts. Each parses what the page gives (zod, domain/circle),
// then does its one sequence of key work (injected: ./circle-crypto.ts) and server calls, and
// answers a `CircleError` (domain/circle/errors.ts) as data.
// Invariants: the link's secret is minted here and kept only in the person's vault (a `settings`
// record) until the invitation is confirmed or cancelled, never sent to the server; the invitation
// carries the person's identity and sharing keys with their proof under the secret (checked by the
// invitee); confirming verifies the invitee's proof, which binds both parties' keys, BEFORE any key
// is wrapped, then pins the invitee's keys and sends wraps signed by the person's identity; a proof
// that does not verify cancels the invitation. Accepting carries a proof binding both parties'
// keys, then pins the owner's keys.
import * as z from 'zod';
import {
	circleLabelSchema,
	DEFAULT_INVITATION_HOURS,
	MAX_INVITATION_HOURS,
	type Invitation,
	type InvitationPreview
} from '$lib/contracts/circle';
import {
	careRoleSchema,
	grantListSchema,
	memberLabelSchema,
	type CareRole,
	type Grant,
	type ShareableCategory
} from '$lib/domain/circle';
import { fail, ok, type CircleResult } from '$lib/domain/circle/errors';
import type { CircleHttp } from '$lib/sync/circle-http';
import { pinKeys } from '$lib/vault/pins';
import {
	extractableCategoryKey,
	sharingIdentity,
	signingIdentity,
	type CategoryKey
} from '$lib/vault/sharing-keys';
import type { Vault } from '$lib/vault/vault';
import type { CircleCrypto } from './circle-crypto';

export interface NewInvitation {
	readonly role: CareRole;
	readonly label: string;
	readonly grants: readonly Grant[];
	readonly expiresInHours?: number;
}

const newInvitationSchema = z.object({
	role: careRoleSchema,
	label: memberLabelSchema,
	grants: grantListSchema,
	expiresInHours: z.number().int().min(1).max(MAX_INVITATION_HOURS).optional()
});

/** A preview the invitee's device checked (state/circle-commands.ts `previewInvitation`). */
export interface VerifiedPreview {
	readonly preview: InvitationPreview;
	readonly lookupId: string;
	/** Computed here from the owner's identity key (checked under the secret) and this account's. */
	readonly safetyCode: string;
}

export const INVITATION_SECRET_KIND = 'circle-invitation-secret';
const secretBodySchema = z.object({ invitationId: z.string(), secret: z.string() });

/** The secrets of the person's open invitations, as kept in her vault. */
export async function invitationSecrets(
	vault: Vault
): Promise<readonly { recordId: string; invitationId: string; secret: string }[]> {
	const rows = await vault.query({ category: 'settings', kinds: [INVITATION_SECRET_KIND] });
	return rows.flatMap((r) => {
		const body = secretBodySchema.safeParse(r.body);
		return body.success ? [{ recordId: r.id, ...body.data }] : [];
	});
}

/** The active key of each granted category, extractable for exactly one wrap each. */
export async function grantedKeys(
	vault: Vault,
	grants: readonly Grant[]
): Promise<CircleResult<readonly CategoryKey[]>> {
	const keys: CategoryKey[] = [];
	for (const g of grants) {
		const key = await extractableCategoryKey(vault, g.category);
		if (key === null) return fail({ type: 'key-missing', category: g.category });
		keys.push(key);
	}
	return ok(keys);
}

export interface InvitationCommandDeps {
	readonly vault: () => Vault;
	readonly now: () => number;
	readonly http: CircleHttp;
	readonly crypto: CircleCrypto;
}

export function createInvitationCommands(deps: InvitationCommandDeps) {
	const { call, send } = deps.http;
	const { crypto } = deps;

	async function forgetSecret(invitationId: string): Promise<void> {
		const gone = (await invitationSecrets(deps.vault())).filter(
			(s) => s.invitationId === invitationId
		);
		if (gone.length === 0) return;
		await deps
			.vault()
			.commit(gone.map((s) => ({ type: 'delete', id: s.recordId, category: 'settings' }) as const));
	}

	/** The person invites someone: a link whose secret never leaves her device but in the link. */
	async function createInvitation(
		circleId: string,
		input: NewInvitation,
		origin: string
	): Promise<CircleResult<{ readonly invitation: Invitation; readonly link: string }>> {
		const parsed = newInvitationSchema.safeParse(input);
		if (!parsed.success) return fail({ type: 'invalid-input' });
		const v = deps.vault();
		const sharing = await sharingIdentity(v);
		const signing = await signingIdentity(v);
		if (sharing === null || signing === null) return fail({ type: 'locked' });
		const secret = crypto.newInvitationSecret();
		const lookupId = await crypto.invitationLookupId(secret);
		const serverKey = await crypto.invitationServerKey(secret);
		const ownerProof = await crypto.proveOwnerKeys(secret, circleId, {
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
				role: parsed.data.role,
				label: parsed.data.label,
				grants: parsed.data.grants,
				expiresInHours: parsed.data.expiresInHours ?? DEFAULT_INVITATION_HOURS
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
		return ok({ invitation, link: crypto.invitationLink(origin, secret) });
	}

	/** The person withdraws an invitation; its secret leaves her vault. */
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
		const parsedGrants = grantListSchema.safeParse(grants);
		if (!parsedGrants.success) return fail({ type: 'invalid-input' });
		const acceptance = invitation.acceptance;
		if (acceptance === null || acceptance.identityKey === null)
			return fail({ type: 'proof-invalid' });
		const v = deps.vault();
		const sharing = await sharingIdentity(v);
		const signing = await signingIdentity(v);
		if (sharing === null || signing === null) return fail({ type: 'locked' });
		const secret = (await invitationSecrets(v)).find((s) => s.invitationId === invitation.id);
		if (secret === undefined) return fail({ type: 'secret-missing' });
		const keys = await grantedKeys(v, parsedGrants.data);
		if (!keys.ok) return keys;
		const createdAt = deps.now();
		const invitee = { identityKey: acceptance.identityKey, sharingKey: acceptance.publicKey };
		const owner = { identityKey: signing.identityKey, sharingKey: sharing.publicKey };
		const refuse = async (): Promise<CircleResult<null>> => {
			await cancelInvitation(circleId, invitation.id);
			return fail({ type: 'proof-invalid' });
		};
		// The proof first: nothing is wrapped for keys the invitee did not prove.
		if (
			!(await crypto.verifyInvitationProof(
				secret.secret,
				invitation.id,
				{ invitee, owner },
				acceptance.proof
			))
		)
			return refuse();
		const wraps: { category: ShareableCategory; keyId: string; wrapped: string }[] = [];
		for (const k of keys.value) {
			const wrapped = await crypto.wrapForMember(
				k.key,
				acceptance.publicKey,
				{ circleId, category: k.category, keyId: k.keyId, memberAccountId: acceptance.accountId },
				signing,
				createdAt
			);
			if (wrapped === null) return refuse();
			wraps.push({ category: k.category, keyId: k.keyId, wrapped });
		}
		const pinned = await pinKeys(v, {
			circleId,
			accountId: acceptance.accountId,
			role: 'member',
			...invitee,
			source: 'invitation',
			pinnedAt: createdAt
		});
		if (!pinned) return fail({ type: 'locked' });
		const confirmed = await send('confirmInvitation', {
			params: { circleId, invitationId: invitation.id },
			body: { grants: parsedGrants.data, wraps }
		});
		if (!confirmed.ok) return confirmed;
		await forgetSecret(invitation.id);
		return ok(null);
	}

	/** The invitee accepts with a proof binding both parties' keys, then pins the owner's keys. */
	async function acceptInvitation(
		secret: string,
		verified: VerifiedPreview,
		circleLabel: string
	): Promise<CircleResult<{ readonly safetyCode: string }>> {
		const label = circleLabelSchema.safeParse(circleLabel);
		if (!label.success) return fail({ type: 'invalid-input' });
		const v = deps.vault();
		const sharing = await sharingIdentity(v);
		const signing = await signingIdentity(v);
		if (sharing === null || signing === null) return fail({ type: 'locked' });
		const { preview } = verified;
		if (preview.ownerIdentityKey === null) return fail({ type: 'owner-unverified' });
		const owner = { identityKey: preview.ownerIdentityKey, sharingKey: preview.ownerPublicKey };
		const proofs = await crypto.proveInvitation(secret, preview.invitationId, {
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
				circleLabel: label.data
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

	return { createInvitation, cancelInvitation, confirmInvitation, acceptInvitation };
}
