// The circle of care's commands (issue 5, issue 12), with the vault, `fetch`, the clock and the
// account's key publication injected so integration tests drive the REAL commands against the real
// server (and a lying one); `circle.svelte.ts` wires them to the app's singletons. Invariants:
// - an invitation secret lives only in the link fragment and in the person's vault (`settings`
//   record) until the invitation is confirmed or cancelled; it is never sent to the server;
// - before any category key is wrapped for an invitee, their proof (which binds both parties'
//   identity and sharing keys) is verified under that secret; then the invitee's keys are PINNED;
// - every later wrap (grant change, rotation) goes only to a member whose listed keys equal the
//   pin; a member with no pin or another key gets nothing and is reported as `key-changed`;
// - every wrap is signed by this account's identity key (`signed-wrap.ts`);
// - the invitee checks the owner's keys under the secret, pins them, and computes the safety code
//   on the device (never the server's);
// - removing a member or a category rotates the category key: a new active key locally, wrapped to
//   exactly the remaining pinned holders.
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
import { safetyCode } from '$lib/crypto/identity';
import {
	invitationLink,
	invitationLookupId,
	invitationServerKey,
	newInvitationSecret,
	proveInvitation,
	proveOwnerKeys,
	verifyOwnerKeys,
	wrapKeysForVerifiedInvitee,
	type GrantedKey
} from '$lib/crypto/invitation';
import { wrapAndSignForMember, wrapAndSignForMembers } from '$lib/crypto/signed-wrap';
import { verifyChain, type ChainCheck } from '$lib/domain/audit';
import {
	isGrantActive,
	type CareRole,
	type Grant,
	type ShareableCategory
} from '$lib/domain/circle';
import { checkPin, pinKeys, pinsOf, type Pin, type PinCheck } from '$lib/vault/pins';
import {
	extractableCategoryKey,
	rotateCategoryKey,
	sharingIdentity,
	signingIdentity
} from '$lib/vault/sharing-keys';
import type { Vault } from '$lib/vault/vault';

/** A member whose keys, as the server lists them, are not the ones this device pinned. */
export interface UnverifiedMember {
	readonly accountId: string;
	readonly label: string;
}

export type CircleError =
	| { readonly type: 'http'; readonly code: string }
	| { readonly type: 'offline' }
	| { readonly type: 'invalid-response' }
	| { readonly type: 'locked' }
	| { readonly type: 'secret-missing' }
	| { readonly type: 'proof-invalid' }
	/** The owner's keys in an invitation preview are not the ones the person proved. */
	| { readonly type: 'owner-unverified' }
	| { readonly type: 'key-missing'; readonly category: ShareableCategory }
	| { readonly type: 'rotation-incomplete'; readonly categories: readonly ShareableCategory[] }
	/** Nothing was wrapped to these members: their keys changed (or were never pinned). */
	| { readonly type: 'key-changed'; readonly members: readonly UnverifiedMember[] };

export type CircleResult<T> =
	{ readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: CircleError };

const ok = <T>(value: T): CircleResult<T> => ({ ok: true, value });
const fail = <T>(error: CircleError): CircleResult<T> => ({ ok: false, error });

const errorBodySchema = z.object({ error: z.object({ code: z.string() }) });

export interface CircleDeps {
	/** The open vault (the person's, or the invitee's). */
	readonly vault: () => Vault;
	readonly fetch: (input: string, init?: RequestInit) => Promise<Response>;
	/** After a rotation: the person's other devices read the new keys from the account's blob. */
	readonly publishNewKeys: () => Promise<void>;
	readonly now: () => number;
}

export interface CircleSnapshot {
	readonly members: readonly Member[];
	readonly invitations: readonly Invitation[];
	/** How each listed member compares with this device's pins (by account id). */
	readonly checks: ReadonlyMap<string, PinCheck>;
}

export interface NewInvitation {
	readonly role: CareRole;
	readonly label: string;
	readonly grants: readonly Grant[];
	readonly expiresInHours?: number;
}

export interface AccessLog {
	readonly log: AuditLogResponse;
	/** The client's own check of the hash chain against the server's head. */
	readonly check: ChainCheck;
}

export interface VerifiedPreview {
	readonly preview: InvitationPreview;
	readonly lookupId: string;
	/** Computed here from the owner's identity key (checked under the secret) and this account's. */
	readonly safetyCode: string;
}

export const INVITATION_SECRET_KIND = 'circle-invitation-secret';
const secretBodySchema = z.object({ invitationId: z.string(), secret: z.string() });

const circlePath = (circleId: string) => `/api/circles/${encodeURIComponent(circleId)}`;

const isHolder = (m: Member, category: ShareableCategory, now: number): boolean =>
	m.role !== 'owner' &&
	m.status === 'active' &&
	(m.grants ?? []).some((g) => g.category === category && isGrantActive(g, now));

export function createCircleCommands(deps: CircleDeps) {
	async function request<S extends z.ZodType>(
		method: 'GET' | 'POST' | 'PUT' | 'DELETE',
		path: string,
		body: unknown,
		schema: S | null
	): Promise<CircleResult<z.infer<S> | null>> {
		let response: Response;
		try {
			response = await deps.fetch(path, {
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

	// ---- invitation secrets kept in the person's vault until confirmed ------------------------

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

	// ---- the person's commands ----------------------------------------------------------------

	async function loadCircle(circleId: string): Promise<CircleResult<CircleSnapshot>> {
		const [members, invitations] = await Promise.all([
			call('GET', `${circlePath(circleId)}/members`, undefined, memberListResponseSchema),
			call('GET', `${circlePath(circleId)}/invitations`, undefined, invitationListResponseSchema)
		]);
		if (!members.ok) return members;
		if (!invitations.ok) return invitations;
		const pins = await pinsOf(deps.vault(), circleId);
		const checks = new Map(
			members.value.members
				.filter((m) => m.role !== 'owner')
				.map((m) => [m.accountId, checkPin(pins, m)] as const)
		);
		return ok({
			members: members.value.members,
			invitations: invitations.value.invitations,
			checks
		});
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
		const created = await call(
			'POST',
			`${circlePath(circleId)}/invitations`,
			{
				lookupId,
				serverKey,
				ownerPublicKey: sharing.publicKey,
				ownerIdentityKey: signing.identityKey,
				ownerProof,
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
				at: deps.now(),
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

	async function cancelInvitation(
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
			const key = await extractableCategoryKey(deps.vault(), g.category);
			if (key === null) return fail({ type: 'key-missing', category: g.category });
			keys.push(key);
		}
		return ok(keys);
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

	/**
	 * Who still holds an active grant on `category` (what a rotation wraps to), split into those
	 * whose listed keys equal the pin (they get the PINNED key) and everyone else (nothing).
	 */
	function holders(
		members: readonly Member[],
		pins: readonly Pin[],
		category: ShareableCategory,
		now: number
	): {
		readonly pinned: readonly { accountId: string; publicKey: string }[];
		readonly unverified: readonly UnverifiedMember[];
	} {
		const pinned: { accountId: string; publicKey: string }[] = [];
		const unverified: UnverifiedMember[] = [];
		for (const m of members) {
			if (!isHolder(m, category, now)) continue;
			const pin = pins.find((p) => p.role === 'member' && p.accountId === m.accountId);
			if (pin !== undefined && checkPin(pins, m) === 'pinned')
				pinned.push({ accountId: m.accountId, publicKey: pin.sharingKey });
			else unverified.push({ accountId: m.accountId, label: m.label });
		}
		return { pinned, unverified };
	}

	/** New active keys for `categories`, wrapped to the remaining pinned holders and uploaded. */
	async function rotate(
		circleId: string,
		categories: readonly ShareableCategory[],
		remaining: readonly Member[]
	): Promise<CircleResult<null>> {
		const v = deps.vault();
		const signing = await signingIdentity(v);
		if (signing === null) return fail({ type: 'locked' });
		const pins = await pinsOf(v, circleId);
		const failed: ShareableCategory[] = [];
		const skipped = new Map<string, UnverifiedMember>();
		const now = deps.now();
		for (const category of categories) {
			const fresh = await rotateCategoryKey(v, category);
			if (fresh === null) {
				failed.push(category);
				continue;
			}
			const { pinned, unverified } = holders(remaining, pins, category, now);
			for (const u of unverified) skipped.set(u.accountId, u);
			const wraps = await wrapAndSignForMembers(
				fresh.key,
				circleId,
				category,
				fresh.keyId,
				pinned,
				signing,
				now
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
		if (failed.length < categories.length) await deps.publishNewKeys();
		if (skipped.size > 0) return fail({ type: 'key-changed', members: [...skipped.values()] });
		return failed.length === 0
			? ok(null)
			: fail({ type: 'rotation-incomplete', categories: failed });
	}

	/**
	 * Changes a member's grants. Newly granted categories are wrapped (and signed) to the member's
	 * PINNED key, only if the listed keys still equal the pin; removed categories are rotated.
	 */
	async function updateGrants(
		circleId: string,
		member: Member,
		grants: readonly Grant[],
		members: readonly Member[]
	): Promise<CircleResult<null>> {
		const v = deps.vault();
		const before: readonly ShareableCategory[] = (member.grants ?? []).map((g) => g.category);
		const after: readonly ShareableCategory[] = grants.map((g) => g.category);
		const added = grants.filter((g) => !before.includes(g.category));
		const wraps: { category: ShareableCategory; keyId: string; wrapped: string }[] = [];
		if (added.length > 0) {
			const pins = await pinsOf(v, circleId);
			const pin = pins.find((p) => p.role === 'member' && p.accountId === member.accountId);
			if (pin === undefined || checkPin(pins, member) !== 'pinned')
				return fail({
					type: 'key-changed',
					members: [{ accountId: member.accountId, label: member.label }]
				});
			const signing = await signingIdentity(v);
			if (signing === null) return fail({ type: 'locked' });
			const keys = await keysFor(added);
			if (!keys.ok) return keys;
			const createdAt = deps.now();
			for (const k of keys.value) {
				const category = added.find((g) => g.category === k.category)?.category;
				if (category === undefined) continue;
				const wrapped = await wrapAndSignForMember(
					k.key,
					pin.sharingKey,
					{ circleId, category, keyId: k.keyId, memberAccountId: member.accountId },
					signing,
					createdAt
				);
				if (wrapped === null) return fail({ type: 'proof-invalid' });
				wraps.push({ category, keyId: k.keyId, wrapped });
			}
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
	async function removeMember(
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

	/**
	 * The safety code of this account and another identity key, computed here (for a listed member,
	 * the key as the server lists it now: comparing the codes in person is what checks it).
	 */
	async function safetyCodeWith(identityKey: string | null): Promise<CircleResult<string>> {
		const signing = await signingIdentity(deps.vault());
		if (signing === null) return fail({ type: 'locked' });
		if (identityKey === null) return fail({ type: 'proof-invalid' });
		const code = await safetyCode(signing.identityKey, identityKey);
		return code === null ? fail({ type: 'proof-invalid' }) : ok(code);
	}

	/**
	 * Re-verify: the two people compared the safety code of `member` in person and it matched, so
	 * the member's listed keys become the pin; then the active key of every category the member is
	 * granted is wrapped (signed) to the newly pinned key, so sharing resumes as the person set it.
	 */
	async function confirmMemberKeys(circleId: string, member: Member): Promise<CircleResult<null>> {
		const identityKey = member.identityKey;
		const sharingKey = member.publicKey;
		if (identityKey === null || sharingKey === null) return fail({ type: 'proof-invalid' });
		const v = deps.vault();
		const signing = await signingIdentity(v);
		if (signing === null) return fail({ type: 'locked' });
		const now = deps.now();
		const pinned = await pinKeys(v, {
			circleId,
			accountId: member.accountId,
			role: 'member',
			identityKey,
			sharingKey,
			source: 'in-person',
			pinnedAt: now
		});
		if (!pinned) return fail({ type: 'locked' });
		const grants = member.grants ?? [];
		if (grants.length === 0) return ok(null);
		const keys = await keysFor(grants);
		if (!keys.ok) return keys;
		const wraps: { category: string; keyId: string; wrapped: string }[] = [];
		for (const k of keys.value) {
			const wrapped = await wrapAndSignForMember(
				k.key,
				sharingKey,
				{ circleId, category: k.category, keyId: k.keyId, memberAccountId: member.accountId },
				signing,
				now
			);
			if (wrapped === null) return fail({ type: 'proof-invalid' });
			wraps.push({ category: k.category, keyId: k.keyId, wrapped });
		}
		const shared = await request(
			'PUT',
			`${circlePath(circleId)}/members/${encodeURIComponent(member.accountId)}/grants`,
			{ grants, wraps },
			null
		);
		return shared.ok ? ok(null) : shared;
	}

	async function loadAccessLog(circleId: string): Promise<CircleResult<AccessLog>> {
		const result = await call(
			'GET',
			`${circlePath(circleId)}/audit`,
			undefined,
			auditLogResponseSchema
		);
		if (!result.ok) return result;
		return ok({ log: result.value, check: verifyChain(result.value.entries, result.value.head) });
	}

	const myCircles = (): Promise<CircleResult<MyCirclesResponse>> =>
		call('GET', '/api/circles', undefined, myCirclesResponseSchema);

	// ---- the invitee's side -----------------------------------------------------------------

	/** The preview, only once the owner's keys in it check out under the link's secret. */
	async function previewInvitation(secret: string): Promise<CircleResult<VerifiedPreview>> {
		const lookupId = await invitationLookupId(secret);
		if (lookupId === null) return fail({ type: 'secret-missing' });
		const signing = await signingIdentity(deps.vault());
		if (signing === null) return fail({ type: 'locked' });
		const result = await call(
			'GET',
			`/api/invitations/${encodeURIComponent(lookupId)}`,
			undefined,
			invitationPreviewSchema
		);
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
		const result = await call(
			'POST',
			`/api/invitations/${encodeURIComponent(verified.lookupId)}/accept`,
			{
				publicKey: sharing.publicKey,
				identityKey: signing.identityKey,
				...proofs,
				circleLabel
			},
			acceptInvitationResponseSchema
		);
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

	return {
		linkOfInvitation,
		loadCircle,
		createInvitation,
		cancelInvitation,
		confirmInvitation,
		updateGrants,
		removeMember,
		rotate,
		safetyCodeWith,
		confirmMemberKeys,
		loadAccessLog,
		myCircles,
		previewInvitation,
		acceptInvitation
	};
}

export type CircleCommands = ReturnType<typeof createCircleCommands>;
