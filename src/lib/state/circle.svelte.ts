// The circle of care as the UI sees it (issue 5): the person's members, grants, invitations and
// access log, and the invitee's side of a link. Components call these commands; the HTTP calls are
// parsed with the shared contracts (src/lib/contracts/circle.ts) and the key work is the crypto
// module's. Invariants kept here:
// - an invitation secret lives only in the link fragment and in the person's vault (`settings`
//   record) until the invitation is confirmed or cancelled; it is never sent to the server;
// - before any category key is wrapped for an invitee, their proof is verified under that secret
//   (`wrapKeysForVerifiedInvitee`); a failed proof cancels the invitation and wraps nothing;
// - a category is only wrapped to a member's PINNED public key (the one the server returned from
//   the verified acceptance);
// - removing a member or a category rotates the category key: a new active key locally, wrapped to
//   exactly the remaining holders.
import * as z from 'zod';
import {
	acceptInvitationResponseSchema,
	auditLogResponseSchema,
	DEFAULT_INVITATION_HOURS,
	invitationListResponseSchema,
	invitationPreviewSchema,
	invitationResponseSchema,
	memberListResponseSchema,
	myCirclesResponseSchema,
	type AuditLogResponse,
	type Invitation,
	type InvitationPreview,
	type Member,
	type MyCirclesResponse
} from '$lib/contracts/circle';
import {
	invitationLink,
	invitationLookupId,
	invitationServerKey,
	newInvitationSecret,
	proveInvitation,
	wrapKeysForVerifiedInvitee,
	type GrantedKey
} from '$lib/crypto/invitation';
import {
	publicKeyFingerprint,
	wrapCategoryKeyForMember,
	wrapKeyForMembers
} from '$lib/crypto/sharing';
import { verifyChain, type ChainCheck } from '$lib/domain/audit';
import {
	isGrantActive,
	type CareRole,
	type Grant,
	type ShareableCategory
} from '$lib/domain/circle';
import {
	extractableCategoryKey,
	rotateCategoryKey,
	sharingIdentity
} from '$lib/vault/sharing-keys';
import { account } from './account.svelte';
import { vault } from './vault.svelte';

export type CircleError =
	| { readonly type: 'http'; readonly code: string }
	| { readonly type: 'offline' }
	| { readonly type: 'invalid-response' }
	| { readonly type: 'locked' }
	| { readonly type: 'secret-missing' }
	| { readonly type: 'proof-invalid' }
	| { readonly type: 'key-missing'; readonly category: ShareableCategory }
	| { readonly type: 'rotation-incomplete'; readonly categories: readonly ShareableCategory[] };

export type CircleResult<T> =
	{ readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: CircleError };

const ok = <T>(value: T): CircleResult<T> => ({ ok: true, value });
const fail = <T>(error: CircleError): CircleResult<T> => ({ ok: false, error });

const errorBodySchema = z.object({ error: z.object({ code: z.string() }) });

async function request<S extends z.ZodType>(
	method: 'GET' | 'POST' | 'PUT' | 'DELETE',
	path: string,
	body: unknown,
	schema: S | null
): Promise<CircleResult<z.infer<S> | null>> {
	let response: Response;
	try {
		response = await fetch(path, {
			method,
			credentials: 'same-origin',
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			...(body === undefined ? {} : { body: JSON.stringify(body) })
		});
	} catch {
		return fail({ type: 'offline' });
	}
	const json: unknown = response.status === 204 ? null : await response.json().catch(() => null);
	if (!response.ok) {
		const parsed = errorBodySchema.safeParse(json);
		return fail({ type: 'http', code: parsed.success ? parsed.data.error.code : 'internal' });
	}
	if (schema === null) return ok(null);
	const parsed = schema.safeParse(json);
	return parsed.success ? ok(parsed.data) : fail({ type: 'invalid-response' });
}

/** Same as `request` for calls whose 2xx body has a schema (never null on success). */
async function call<S extends z.ZodType>(
	method: 'GET' | 'POST' | 'PUT' | 'DELETE',
	path: string,
	body: unknown,
	schema: S
): Promise<CircleResult<z.infer<S>>> {
	const result = await request(method, path, body, schema);
	if (!result.ok) return result;
	return result.value === null ? fail({ type: 'invalid-response' }) : ok(result.value);
}

const circlePath = (circleId: string) => `/api/circles/${encodeURIComponent(circleId)}`;

// ---- Invitation secrets kept in the person's vault until confirmed -------------------------

export const INVITATION_SECRET_KIND = 'circle-invitation-secret';
const secretBodySchema = z.object({ invitationId: z.string(), secret: z.string() });

async function storedSecrets(): Promise<
	readonly { recordId: string; invitationId: string; secret: string }[]
> {
	const rows = await vault.vault().query({ category: 'settings', kinds: [INVITATION_SECRET_KIND] });
	return rows.flatMap((r) => {
		const body = secretBodySchema.safeParse(r.body);
		return body.success ? [{ recordId: r.id, ...body.data }] : [];
	});
}

async function forgetSecret(invitationId: string): Promise<void> {
	const gone = (await storedSecrets()).filter((s) => s.invitationId === invitationId);
	if (gone.length === 0) return;
	await vault
		.vault()
		.commit(gone.map((s) => ({ type: 'delete', id: s.recordId, category: 'settings' }) as const));
}

/** The link of an open invitation, rebuilt from the secret kept in the vault (null if gone). */
export async function linkOfInvitation(
	invitationId: string,
	origin: string
): Promise<string | null> {
	const found = (await storedSecrets()).find((s) => s.invitationId === invitationId);
	return found === undefined ? null : invitationLink(origin, found.secret);
}

// ---- The person's commands ------------------------------------------------------------------

export interface CircleSnapshot {
	readonly members: readonly Member[];
	readonly invitations: readonly Invitation[];
	/** Owner's public key fingerprint (what an invitee compares), null before the first invite. */
	readonly ownerFingerprint: string | null;
}

export async function loadCircle(circleId: string): Promise<CircleResult<CircleSnapshot>> {
	const [members, invitations] = await Promise.all([
		call('GET', `${circlePath(circleId)}/members`, undefined, memberListResponseSchema),
		call('GET', `${circlePath(circleId)}/invitations`, undefined, invitationListResponseSchema)
	]);
	if (!members.ok) return members;
	if (!invitations.ok) return invitations;
	const ownerKey = members.value.members.find((m) => m.role === 'owner')?.publicKey ?? null;
	return ok({
		members: members.value.members,
		invitations: invitations.value.invitations,
		ownerFingerprint: ownerKey === null ? null : await publicKeyFingerprint(ownerKey)
	});
}

export interface NewInvitation {
	readonly role: CareRole;
	readonly label: string;
	readonly grants: readonly Grant[];
	readonly expiresInHours?: number;
}

export async function createInvitation(
	circleId: string,
	input: NewInvitation,
	origin: string
): Promise<CircleResult<{ readonly invitation: Invitation; readonly link: string }>> {
	const v = vault.vault();
	const identity = await sharingIdentity(v);
	if (identity === null) return fail({ type: 'locked' });
	const secret = newInvitationSecret();
	const lookupId = await invitationLookupId(secret);
	const serverKey = await invitationServerKey(secret);
	if (lookupId === null || serverKey === null) return fail({ type: 'secret-missing' });
	const created = await call(
		'POST',
		`${circlePath(circleId)}/invitations`,
		{
			lookupId,
			serverKey,
			ownerPublicKey: identity.publicKey,
			role: input.role,
			label: input.label,
			grants: input.grants,
			expiresInHours: input.expiresInHours ?? DEFAULT_INVITATION_HOURS
		},
		invitationResponseSchema
	);
	if (!created.ok) return created;
	const invitation = created.value.invitation;
	const saved = await v.commit([
		{
			type: 'put',
			kind: INVITATION_SECRET_KIND,
			category: 'settings',
			at: Date.now(),
			body: { invitationId: invitation.id, secret }
		}
	]);
	if (!saved.ok) {
		await request(
			'DELETE',
			`${circlePath(circleId)}/invitations/${invitation.id}`,
			undefined,
			null
		);
		return fail({ type: 'locked' });
	}
	return ok({ invitation, link: invitationLink(origin, secret) });
}

export async function cancelInvitation(
	circleId: string,
	invitationId: string
): Promise<CircleResult<null>> {
	const result = await request(
		'DELETE',
		`${circlePath(circleId)}/invitations/${encodeURIComponent(invitationId)}`,
		undefined,
		null
	);
	if (result.ok) await forgetSecret(invitationId);
	return result.ok ? ok(null) : result;
}

async function keysFor(grants: readonly Grant[]): Promise<CircleResult<readonly GrantedKey[]>> {
	const keys: GrantedKey[] = [];
	for (const g of grants) {
		const key = await extractableCategoryKey(vault.vault(), g.category);
		if (key === null) return fail({ type: 'key-missing', category: g.category });
		keys.push(key);
	}
	return ok(keys);
}

/**
 * Confirms an accepted invitation: the invitee's proof is verified under the secret kept in the
 * vault BEFORE any key is wrapped; a proof that does not verify cancels the invitation.
 */
export async function confirmInvitation(
	circleId: string,
	invitation: Invitation,
	grants: readonly Grant[]
): Promise<CircleResult<null>> {
	const acceptance = invitation.acceptance;
	if (acceptance === null) return fail({ type: 'proof-invalid' });
	const secret = (await storedSecrets()).find((s) => s.invitationId === invitation.id);
	if (secret === undefined) return fail({ type: 'secret-missing' });
	const keys = await keysFor(grants);
	if (!keys.ok) return keys;
	const wrapped = await wrapKeysForVerifiedInvitee(
		secret.secret,
		circleId,
		{
			invitationId: invitation.id,
			accountId: acceptance.accountId,
			publicKey: acceptance.publicKey,
			proof: acceptance.proof
		},
		keys.value,
		wrapCategoryKeyForMember
	);
	if (!wrapped.ok) {
		await cancelInvitation(circleId, invitation.id);
		return fail({ type: 'proof-invalid' });
	}
	const confirmed = await request(
		'POST',
		`${circlePath(circleId)}/invitations/${encodeURIComponent(invitation.id)}/confirm`,
		{ grants, wraps: wrapped.wraps },
		null
	);
	if (!confirmed.ok) return confirmed;
	await forgetSecret(invitation.id);
	return ok(null);
}

/** Who still holds an active grant on `category` after a change (what a rotation wraps to). */
function holders(
	members: readonly Member[],
	category: ShareableCategory,
	now: number
): readonly { accountId: string; publicKey: string }[] {
	return members.flatMap((m) =>
		m.role !== 'owner' &&
		m.status === 'active' &&
		m.publicKey !== null &&
		(m.grants ?? []).some((g) => g.category === category && isGrantActive(g, now))
			? [{ accountId: m.accountId, publicKey: m.publicKey }]
			: []
	);
}

/** New active keys for `categories`, wrapped to the remaining holders and uploaded. */
async function rotate(
	circleId: string,
	categories: readonly ShareableCategory[],
	remaining: readonly Member[]
): Promise<CircleResult<null>> {
	const failed: ShareableCategory[] = [];
	const now = Date.now();
	for (const category of categories) {
		const fresh = await rotateCategoryKey(vault.vault(), category);
		if (fresh === null) {
			failed.push(category);
			continue;
		}
		const wraps = await wrapKeyForMembers(
			fresh.key,
			circleId,
			category,
			fresh.keyId,
			holders(remaining, category, now)
		);
		if (wraps === null) {
			failed.push(category);
			continue;
		}
		const posted = await request(
			'POST',
			`${circlePath(circleId)}/keys`,
			{ category, keyId: fresh.keyId, wraps },
			null
		);
		if (!posted.ok) failed.push(category);
	}
	// The person's other devices read the new keys from the account's blob (retried if offline).
	if (failed.length < categories.length) await account.publishNewKeys();
	return failed.length === 0 ? ok(null) : fail({ type: 'rotation-incomplete', categories: failed });
}

/**
 * Changes a member's grants. Newly granted categories are wrapped to the member's pinned key;
 * removed categories are rotated so records written afterwards are unreadable to them.
 */
export async function updateGrants(
	circleId: string,
	member: Member,
	grants: readonly Grant[],
	members: readonly Member[]
): Promise<CircleResult<null>> {
	if (member.publicKey === null) return fail({ type: 'proof-invalid' });
	const before: readonly ShareableCategory[] = (member.grants ?? []).map((g) => g.category);
	const after: readonly ShareableCategory[] = grants.map((g) => g.category);
	const added = grants.filter((g) => !before.includes(g.category));
	const keys = await keysFor(added);
	if (!keys.ok) return keys;
	const wraps: { category: ShareableCategory; keyId: string; wrapped: string }[] = [];
	for (const k of keys.value) {
		const category = added.find((g) => g.category === k.category)?.category;
		if (category === undefined) continue;
		const wrapped = await wrapCategoryKeyForMember(k.key, member.publicKey, {
			circleId,
			category,
			keyId: k.keyId,
			memberAccountId: member.accountId
		});
		if (wrapped === null) return fail({ type: 'proof-invalid' });
		wraps.push({ category, keyId: k.keyId, wrapped });
	}
	const updated = await request(
		'PUT',
		`${circlePath(circleId)}/members/${encodeURIComponent(member.accountId)}/grants`,
		{ grants, wraps },
		null
	);
	if (!updated.ok) return updated;
	const removed = before.filter((c) => !after.includes(c));
	if (removed.length === 0) return ok(null);
	const remaining = members.map((m) =>
		m.accountId === member.accountId ? { ...m, grants: [...grants] } : m
	);
	return rotate(circleId, removed, remaining);
}

/** Removes a member, then rotates every category they held (reported if incomplete). */
export async function removeMember(
	circleId: string,
	member: Member,
	members: readonly Member[]
): Promise<CircleResult<null>> {
	const removed = await request(
		'DELETE',
		`${circlePath(circleId)}/members/${encodeURIComponent(member.accountId)}`,
		undefined,
		null
	);
	if (!removed.ok) return removed;
	const categories = (member.grants ?? []).map((g) => g.category);
	return rotate(
		circleId,
		categories,
		members.filter((m) => m.accountId !== member.accountId)
	);
}

export interface AccessLog {
	readonly log: AuditLogResponse;
	/** The client's own check of the hash chain against the server's head. */
	readonly check: ChainCheck;
}

export async function loadAccessLog(circleId: string): Promise<CircleResult<AccessLog>> {
	const result = await call(
		'GET',
		`${circlePath(circleId)}/audit`,
		undefined,
		auditLogResponseSchema
	);
	if (!result.ok) return result;
	return ok({ log: result.value, check: verifyChain(result.value.entries, result.value.head) });
}

export const myCircles = (): Promise<CircleResult<MyCirclesResponse>> =>
	call('GET', '/api/circles', undefined, myCirclesResponseSchema);

// ---- The invitee's side -------------------------------------------------------------------

export async function previewInvitation(
	secret: string
): Promise<CircleResult<{ readonly preview: InvitationPreview; readonly lookupId: string }>> {
	const lookupId = await invitationLookupId(secret);
	if (lookupId === null) return fail({ type: 'secret-missing' });
	const result = await call(
		'GET',
		`/api/invitations/${encodeURIComponent(lookupId)}`,
		undefined,
		invitationPreviewSchema
	);
	return result.ok ? ok({ preview: result.value, lookupId }) : result;
}

export async function acceptInvitation(
	secret: string,
	lookupId: string,
	invitationId: string,
	circleLabel: string
): Promise<CircleResult<{ readonly fingerprint: string }>> {
	const identity = await sharingIdentity(vault.vault());
	if (identity === null) return fail({ type: 'locked' });
	const proofs = await proveInvitation(secret, invitationId, identity.publicKey);
	if (proofs === null) return fail({ type: 'secret-missing' });
	const result = await call(
		'POST',
		`/api/invitations/${encodeURIComponent(lookupId)}/accept`,
		{ publicKey: identity.publicKey, ...proofs, circleLabel },
		acceptInvitationResponseSchema
	);
	if (!result.ok) return result;
	return ok({ fingerprint: await publicKeyFingerprint(identity.publicKey) });
}

/** The fingerprint of a public key, for out-of-band comparison. */
export const fingerprintOf = (publicKey: string): Promise<string> =>
	publicKeyFingerprint(publicKey);
