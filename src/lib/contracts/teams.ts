// Wire contract of care teams (issue 14 §1). Every value is public (ids, names, kinds, roles,
// public keys, signatures) or opaque (HMAC tags, wrapped keys); the team's private key, invitation
// secrets and category keys never appear. Flow:
//  1. professional: POST /api/teams {teamId, name, kind, publicKey, keySignature, ownWrap}: the
//     team key pair is made on her device, its public key signed by her identity, its private key
//     wrapped (and signed) to her own sharing key;
//  2. admin: POST /api/teams/:t/invitations {lookupId, serverKey, inviterProof, role}; the link
//     carries the secret in its fragment; colleague: GET /api/team-invitations/:lookupId (checks
//     inviterProof), POST …/accept {identityKey, sharingKey, proof, serverProof, label};
//  3. admin: GET /api/teams/:t → the acceptance; verifies `proof` under the secret, then
//     POST /api/teams/:t/invitations/:id/confirm {wrap}: the team private key wrapped to the
//     colleague's proved sharing key, signed by the admin's identity;
//  4. person: GET /api/teams/:t/public (key signed by a team member's identity she pinned), then
//     POST /api/circles/:c/teams {teamId, keyVersion, grants, wraps}: category keys wrapped to the
//     team key and signed by her identity;
//  5. a team member who also knows the person vouches for her identity key:
//     PUT /api/teams/:t/circles/:c/attestation; every member then reads GET /api/teams/:t/circles
//     and pulls the circle; the access log names the member who pulled;
//  6. removal or leaving: DELETE /api/teams/:t/members/:a (access ends at once), then an admin
//     rotates: POST /api/teams/:t/key {keyVersion, publicKey, keySignature, wraps for every
//     remaining member}; the person's device re-wraps to the new version:
//     PUT /api/circles/:c/teams/:t/keys.
import * as z from 'zod';
import { grantListSchema, grantSchema, memberLabelSchema } from '$lib/domain/circle';
import { teamKindSchema, teamNameSchema, teamRoleSchema } from '$lib/domain/care-team/teams';
import { idSchema } from './common';
import { keyIdSchema, publicKeySchema, tagSchema, wrappedKeySchema } from './circle';
import { shareableCategorySchema } from '$lib/domain/circle';

/** ECDSA P-256 signature (r ‖ s, 64 bytes) as unpadded base64url. */
export const signatureSchema = z.string().regex(/^[A-Za-z0-9_-]{86}$/, '64-byte signature');
/** The team private key sealed to one member (signed): bounded generously. */
export const teamWrapSchema = z
	.string()
	.min(1)
	.max(1024)
	.regex(/^[A-Za-z0-9_-]+$/, 'base64url');

export const createTeamRequestSchema = z.object({
	teamId: idSchema,
	name: teamNameSchema,
	kind: teamKindSchema,
	publicKey: publicKeySchema,
	keySignature: signatureSchema,
	/** The creator's own keys (what her colleagues and the people she serves pin). */
	identityKey: publicKeySchema,
	sharingKey: publicKeySchema,
	label: memberLabelSchema,
	ownWrap: teamWrapSchema
});
export type CreateTeamRequest = z.input<typeof createTeamRequestSchema>;

export const teamPublicSchema = z.object({
	teamId: z.string(),
	name: z.string(),
	kind: teamKindSchema,
	keyVersion: z.number().int().positive(),
	publicKey: z.string(),
	keySignature: z.string(),
	/** Who signed this key version, and the identity key the server says they have. */
	keySignerAccountId: z.string(),
	keySignerIdentityKey: z.string()
});
export type TeamPublic = z.infer<typeof teamPublicSchema>;

export const teamMemberSchema = z.object({
	accountId: z.string(),
	role: teamRoleSchema,
	label: z.string(),
	identityKey: z.string(),
	sharingKey: z.string(),
	joinedAt: z.number()
});
export type TeamMember = z.infer<typeof teamMemberSchema>;

export const teamInvitationSchema = z.object({
	id: z.string(),
	role: teamRoleSchema,
	createdAt: z.number(),
	expiresAt: z.number(),
	status: z.enum(['open', 'accepted', 'confirmed', 'expired']),
	acceptance: z
		.object({
			accountId: z.string(),
			label: z.string(),
			identityKey: z.string(),
			sharingKey: z.string(),
			proof: z.string()
		})
		.nullable()
});

export const teamDetailSchema = teamPublicSchema.extend({
	myRole: teamRoleSchema,
	/** The team private key of the current version, sealed to my sharing key (null: not yet). */
	myWrap: z.string().nullable(),
	/** Who sealed my wrap (checked against my pin of their identity). */
	myWrapSignerAccountId: z.string().nullable(),
	members: z.array(teamMemberSchema),
	invitations: z.array(teamInvitationSchema),
	/** A member left or was removed since the last rotation: an admin must rotate the key. */
	rotationPending: z.boolean()
});
export type TeamDetail = z.infer<typeof teamDetailSchema>;

export const teamListResponseSchema = z.object({
	teams: z.array(
		z.object({
			teamId: z.string(),
			name: z.string(),
			kind: teamKindSchema,
			myRole: teamRoleSchema
		})
	)
});
export type TeamListResponse = z.infer<typeof teamListResponseSchema>;

export const createTeamInvitationRequestSchema = z.object({
	lookupId: tagSchema,
	serverKey: tagSchema,
	/** HMAC under the link secret of {team, key version, public key, inviter's keys}. */
	inviterProof: tagSchema,
	role: teamRoleSchema.default('member'),
	expiresInHours: z
		.number()
		.int()
		.min(1)
		.max(24 * 14)
		.default(72)
});
export type CreateTeamInvitationRequest = z.input<typeof createTeamInvitationRequestSchema>;

export const teamInvitationCreatedSchema = z.object({
	invitationId: z.string(),
	expiresAt: z.number()
});

export const teamInvitationPreviewSchema = z.object({
	invitationId: z.string(),
	team: teamPublicSchema,
	role: teamRoleSchema,
	expiresAt: z.number(),
	inviterAccountId: z.string(),
	inviterIdentityKey: z.string(),
	inviterSharingKey: z.string(),
	inviterProof: z.string()
});
export type TeamInvitationPreview = z.infer<typeof teamInvitationPreviewSchema>;

export const acceptTeamInvitationRequestSchema = z.object({
	identityKey: publicKeySchema,
	sharingKey: publicKeySchema,
	proof: tagSchema,
	serverProof: tagSchema,
	label: memberLabelSchema
});
export type AcceptTeamInvitationRequest = z.input<typeof acceptTeamInvitationRequestSchema>;

/** POST /api/team-invitations/[lookupId]/accept: the team joined. */
export const acceptTeamInvitationResponseSchema = z.object({ teamId: z.string() });

export const confirmTeamInvitationRequestSchema = z.object({
	keyVersion: z.number().int().positive(),
	wrap: teamWrapSchema
});

export const rotateTeamKeyRequestSchema = z.object({
	keyVersion: z.number().int().positive(),
	publicKey: publicKeySchema,
	keySignature: signatureSchema,
	wraps: z
		.array(z.object({ accountId: idSchema, wrapped: teamWrapSchema }))
		.min(1)
		.max(500)
});
export type RotateTeamKeyRequest = z.input<typeof rotateTeamKeyRequestSchema>;

export const categoryWrapSchema = z.object({
	category: shareableCategorySchema,
	keyId: keyIdSchema,
	wrapped: wrappedKeySchema
});

export const addCircleTeamRequestSchema = z.object({
	teamId: idSchema,
	label: memberLabelSchema,
	keyVersion: z.number().int().positive(),
	grants: grantListSchema,
	wraps: z.array(categoryWrapSchema).max(200)
});
export type AddCircleTeamRequest = z.input<typeof addCircleTeamRequestSchema>;

export const circleTeamKeysRequestSchema = z.object({
	keyVersion: z.number().int().positive(),
	wraps: z.array(categoryWrapSchema).max(200)
});
export type CircleTeamKeysRequest = z.input<typeof circleTeamKeysRequestSchema>;

export const circleTeamListSchema = z.object({
	teams: z.array(
		z.object({
			teamId: z.string(),
			label: z.string(),
			grants: z.array(grantSchema),
			/** The team key version the person's wraps target; behind the team's: re-wrap. */
			wrappedForVersion: z.number().int(),
			team: teamPublicSchema
		})
	)
});
export type CircleTeamList = z.infer<typeof circleTeamListSchema>;

export const attestationRequestSchema = z.object({
	ownerIdentityKey: publicKeySchema,
	signature: signatureSchema
});
export type AttestationRequest = z.input<typeof attestationRequestSchema>;

export const teamCirclesResponseSchema = z.object({
	circles: z.array(
		z.object({
			circleId: z.string(),
			label: z.string(),
			/**
			 * How the person named herself to the colleague who vouched for her (the label of that
			 * colleague's own invitation into her circle); '' until someone vouched.
			 */
			personLabel: z.string(),
			grants: z.array(grantSchema),
			keyVersion: z.number().int(),
			wraps: z.array(categoryWrapSchema.extend({ category: z.string() })),
			/** The person's identity key, vouched for by a team member (null: nobody yet). */
			attestation: z
				.object({
					ownerIdentityKey: z.string(),
					signerAccountId: z.string(),
					signature: z.string()
				})
				.nullable()
		})
	)
});
export type TeamCirclesResponse = z.infer<typeof teamCirclesResponseSchema>;
