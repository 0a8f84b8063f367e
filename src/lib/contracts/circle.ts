// Wire contract of the circle of care (issue 5): invitations, members and grants, wrapped
// category keys, key rotation, the access log. Every value here is either public (ids, roles,
// labels chosen by people, public keys) or opaque (HMAC tags, wrapped keys); the invitation secret
// and category keys never appear. Flow:
//  1. person: POST /api/circles/:c/invitations {lookupId, serverKey, ownerPublicKey,
//     ownerIdentityKey, ownerProof, role, label, grants}
//  2. invitee: GET /api/invitations/:lookupId → role, grants, owner keys and ownerProof; the
//     invitee checks ownerProof under the link secret and computes the safety code itself
//  3. invitee: POST /api/invitations/:lookupId/accept {publicKey, identityKey, proof, serverProof,
//     circleLabel}; then pins the owner's keys
//  4. person: GET /api/circles/:c/invitations → acceptance {accountId, publicKey, identityKey,
//     proof}; verifies `proof` locally, pins, then POST …/invitations/:id/confirm {grants, wraps}
//  5. member: GET /api/circles/:c/keys → wrapped category keys, each signed by the owner's
//     identity (checked against the pin); then pull with circle=:c.
//  6. person: PUT /api/circles/:c/roster {signed}, the member list she signed; members GET it and
//     check it against the owner's pin (then trust the listed identity keys in this circle).
// Public keys listed by the server are never trusted: clients compare them with their pins.
import * as z from 'zod';
import { auditEntrySchema } from '$lib/domain/audit/entry';
import { categorySchema } from '$lib/domain/categories';
import {
	careRoleSchema,
	grantListSchema,
	grantSchema,
	memberLabelSchema,
	shareableCategorySchema
} from '$lib/domain/circle';
import { signedRosterSchema } from '$lib/domain/circle/roster';
import { base64UrlSchema, idSchema } from './common';

/** 32-byte HMAC outputs (lookup id, server key, proofs) as unpadded base64url. */
export const tagSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, '32-byte base64url');
/** Raw uncompressed P-256 point (65 bytes) as unpadded base64url. */
export const publicKeySchema = z.string().regex(/^[A-Za-z0-9_-]{87}$/, 'P-256 public key');
export const keyIdSchema = z
	.string()
	.min(1)
	.max(64)
	.regex(/^[A-Za-z0-9_.:-]+$/);
/** version ‖ ephemeral public key ‖ AES-KW wrap (106 bytes) — bounded generously. */
export const wrappedKeySchema = base64UrlSchema(512);
export const circleLabelSchema = z.string().trim().max(80);

export const MAX_INVITATION_HOURS = 24 * 14;
export const DEFAULT_INVITATION_HOURS = 72;

export const createInvitationRequestSchema = z.object({
	lookupId: tagSchema,
	serverKey: tagSchema,
	ownerPublicKey: publicKeySchema,
	/** The owner's ECDSA identity key, and its HMAC under the link secret for the invitee. */
	ownerIdentityKey: publicKeySchema,
	ownerProof: tagSchema,
	role: careRoleSchema,
	label: memberLabelSchema,
	grants: grantListSchema,
	expiresInHours: z
		.number()
		.int()
		.min(1)
		.max(MAX_INVITATION_HOURS)
		.default(DEFAULT_INVITATION_HOURS)
});
export type CreateInvitationRequest = z.input<typeof createInvitationRequestSchema>;

export const invitationStatusSchema = z.enum([
	'open',
	'accepted',
	'confirmed',
	'expired',
	'revoked'
]);

export const invitationSchema = z.object({
	id: z.string(),
	circleId: z.string(),
	role: careRoleSchema,
	label: z.string(),
	grants: z.array(grantSchema),
	createdAt: z.number(),
	expiresAt: z.number(),
	status: invitationStatusSchema,
	/** Set once the invitee accepted: verify `proof` with the link secret BEFORE wrapping keys. */
	acceptance: z
		.object({
			accountId: z.string(),
			publicKey: z.string(),
			/** null for an acceptance made before identity keys (cannot be verified). */
			identityKey: z.string().nullable(),
			proof: z.string(),
			at: z.number()
		})
		.nullable()
});
export type Invitation = z.infer<typeof invitationSchema>;
export const invitationResponseSchema = z.object({ invitation: invitationSchema });
export const invitationListResponseSchema = z.object({ invitations: z.array(invitationSchema) });

/** What the invitee sees before accepting: nothing personal about the person. */
export const invitationPreviewSchema = z.object({
	invitationId: z.string(),
	circleId: z.string(),
	role: careRoleSchema,
	label: z.string(),
	grants: z.array(grantSchema),
	expiresAt: z.number(),
	ownerPublicKey: z.string(),
	/** Checked by the invitee under the link secret (ownerProof) before anything is trusted. */
	ownerIdentityKey: z.string().nullable(),
	ownerProof: z.string().nullable()
});
export type InvitationPreview = z.infer<typeof invitationPreviewSchema>;

export const acceptInvitationRequestSchema = z.object({
	publicKey: publicKeySchema,
	identityKey: publicKeySchema,
	proof: tagSchema,
	serverProof: tagSchema,
	circleLabel: circleLabelSchema.default('')
});
export type AcceptInvitationRequest = z.input<typeof acceptInvitationRequestSchema>;
export const acceptInvitationResponseSchema = z.object({
	circleId: z.string(),
	invitationId: z.string(),
	status: z.literal('pending')
});

export const keyWrapSchema = z.object({
	category: shareableCategorySchema,
	keyId: keyIdSchema,
	wrapped: wrappedKeySchema
});
export type KeyWrap = z.infer<typeof keyWrapSchema>;

export const confirmInvitationRequestSchema = z.object({
	/** The grants actually given (the person may have changed the proposal). */
	grants: grantListSchema,
	wraps: z.array(keyWrapSchema).max(200)
});
export type ConfirmInvitationRequest = z.input<typeof confirmInvitationRequestSchema>;

export const memberSchema = z.object({
	accountId: z.string(),
	role: z.union([careRoleSchema, z.literal('owner')]),
	label: z.string(),
	status: z.enum(['pending', 'active']),
	joinedAt: z.number(),
	/** publicKey: owner view only. grants: the owner sees all, a member only their own (else null). */
	publicKey: z.string().nullable(),
	/** The member's identity key (owner view only); compared with the owner's pin, never trusted. */
	identityKey: z.string().nullable(),
	grants: z.array(grantSchema).nullable()
});
export type Member = z.infer<typeof memberSchema>;
export const memberListResponseSchema = z.object({ members: z.array(memberSchema) });
export const memberResponseSchema = z.object({ member: memberSchema });

export const updateGrantsRequestSchema = z.object({
	grants: grantListSchema,
	/** Wraps for newly granted categories (the member's key for each). */
	wraps: z.array(keyWrapSchema).max(200).default([])
});
export type UpdateGrantsRequest = z.input<typeof updateGrantsRequestSchema>;
export const grantsResponseSchema = z.object({ grants: z.array(grantSchema) });

export const rotateKeyRequestSchema = z.object({
	category: shareableCategorySchema,
	keyId: keyIdSchema,
	/** One wrap of the new key per member who still holds a grant on the category. */
	wraps: z.array(z.object({ accountId: idSchema, wrapped: wrappedKeySchema })).max(500)
});
export type RotateKeyRequest = z.input<typeof rotateKeyRequestSchema>;
export const rotateKeyResponseSchema = z.object({ category: categorySchema, keyId: z.string() });

export const myKeysResponseSchema = z.object({
	ownerAccountId: z.string(),
	ownerPublicKey: z.string().nullable(),
	ownerIdentityKey: z.string().nullable(),
	keys: z.array(
		z.object({
			category: categorySchema,
			keyId: z.string(),
			wrapped: z.string(),
			createdAt: z.number()
		})
	)
});
export type MyKeysResponse = z.infer<typeof myKeysResponseSchema>;

export const myCircleSchema = z.object({
	id: z.string(),
	role: z.enum(['owner', 'member']),
	careRole: careRoleSchema.nullable(),
	/** The member's own name for the circle ("Maman"); '' for the owner's own circle. */
	displayLabel: z.string(),
	ownerAccountId: z.string(),
	status: z.enum(['pending', 'active'])
});
export const myCirclesResponseSchema = z.object({ circles: z.array(myCircleSchema) });
export type MyCirclesResponse = z.infer<typeof myCirclesResponseSchema>;

/**
 * The circle roster (`domain/circle/roster.ts`): the person's device PUTs the list it signed; the
 * person and every member GET it. The server keeps it as given and only refuses a version that is
 * not above the one it holds; the signature is checked on each member's device against the pin.
 */
export const putRosterRequestSchema = z.object({ signed: signedRosterSchema });
export type PutRosterRequest = z.input<typeof putRosterRequestSchema>;
export const rosterResponseSchema = z.object({ signed: signedRosterSchema.nullable() });
export type RosterResponse = z.infer<typeof rosterResponseSchema>;

export const auditLogResponseSchema = z.object({
	entries: z.array(auditEntrySchema),
	head: z.object({ seq: z.number(), hash: z.string() }),
	/** The server's own verification of the chain; the client re-checks with `verifyChain`. */
	verified: z.boolean(),
	/** Members, former members, care teams (role `team`) and who read through them (`team`). */
	members: z.array(
		z.object({
			accountId: z.string(),
			label: z.string(),
			role: z.string(),
			/** The name the person gave the care team this professional read through. */
			team: z.string().optional()
		})
	)
});
export type AuditLogResponse = z.infer<typeof auditLogResponseSchema>;

/** Client-side acts the log must show (an export made on the device). */
export const recordAuditRequestSchema = z.object({
	action: z.literal('exported'),
	category: shareableCategorySchema
});
export type RecordAuditRequest = z.input<typeof recordAuditRequestSchema>;
