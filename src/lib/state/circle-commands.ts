// The circle of care's commands (issue 5, issue 12), with the vault, `fetch`, the clock and the
// account's key publication injected so integration tests drive the REAL commands against the real
// server (and a lying one); `circle.svelte.ts` wires them to the app's singletons. Invitations are
// `circle-invitations.ts`, the invitee's side `circle-invitee.ts`, the HTTP helper and error type
// `circle-http.ts`; this file keeps members, grants, rotation and re-verification. Invariants:
// - an invitation secret lives only in the link fragment and in the person's vault (`settings`
//   record) until the invitation is confirmed or cancelled; it is never sent to the server;
// - before any category key is wrapped for an invitee, their proof (which binds both parties'
//   identity and sharing keys) is verified under that secret; then the invitee's keys are PINNED;
// - every later wrap (grant change, rotation) goes only to a member whose listed keys equal the
//   pin; a member with no pin or another key gets nothing and is reported as `key-changed`;
// - every wrap is signed by this account's identity key (`signed-wrap.ts`);
// - the invitee checks the owner's keys under the secret, pins them, and computes the safety code
//   on the device (never the server's);
// - offline, the member list is the one this device last received (sealed in the vault's meta,
//   never synced), marked `cached` so the screen says it may be out of date;
// - removing a member or a category rotates the category key: a new active key locally, wrapped to
//   exactly the remaining pinned holders, and to every care team granted it whose key checks
//   (team-circle-commands.ts `wrapForTeams`);
// - after a confirmation, a removal, a re-verification, and on loading the circle, the person's
//   device re-signs the circle roster when its members changed (`circle-roster.ts`).
import * as z from 'zod';
import {
	invitationListResponseSchema,
	memberListResponseSchema,
	type AuditLogResponse,
	type Invitation,
	type KeyWrap,
	type Member,
	type MyCirclesResponse
} from '$lib/contracts/circle';
import { safetyCode } from '$lib/crypto/identity';
import { wrapAndSignForMember, wrapAndSignForMembers } from '$lib/crypto/signed-wrap';
import { verifyChain, type ChainCheck } from '$lib/domain/audit';
import { isGrantActive, type Grant, type ShareableCategory } from '$lib/domain/circle';
import { readLocalSecret, saveLocalSecret } from '$lib/vault/local-secret';
import { checkPin, pinKeys, pinsOf, type Pin, type PinCheck } from '$lib/vault/pins';
import { rotateCategoryKey, signingIdentity } from '$lib/vault/sharing-keys';
import type { Vault } from '$lib/vault/vault';
import {
	createCircleHttp,
	fail,
	ok,
	type CircleResult,
	type UnverifiedMember
} from './circle-http';
import { createInvitationCommands, grantedKeys } from './circle-invitations';
import { createRosterCommands } from './circle-roster';
import { createInviteeCommands } from './circle-invitee';
import { createTeamCircleCommands } from './team-circle-commands';
import { createTeamHttp } from './team-http';

export type { CircleError, CircleResult, UnverifiedMember } from './circle-http';
export type { VerifiedPreview } from './circle-invitee';
export type { RosterStatus } from './circle-roster';
export { INVITATION_SECRET_KIND, type NewInvitation } from './circle-invitations';

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
	/**
	 * The server could not be reached: this is the list this device last received (kept sealed in
	 * the vault, never synced), so it may be out of date.
	 */
	readonly cached: boolean;
}

/** The last member list and invitations this device received, sealed per circle in the vault. */
const cachedSnapshotSchema = z.object({
	members: memberListResponseSchema.shape.members,
	invitations: invitationListResponseSchema.shape.invitations
});
const snapshotCacheName = (circleId: string): string => `circle-snapshot:${circleId}`;

export interface AccessLog {
	readonly log: AuditLogResponse;
	/** The client's own check of the hash chain against the server's head. */
	readonly check: ChainCheck;
}

const isHolder = (m: Member, category: ShareableCategory, now: number): boolean =>
	m.role !== 'owner' &&
	m.status === 'active' &&
	(m.grants ?? []).some((g) => g.category === category && isGrantActive(g, now));

export function createCircleCommands(deps: CircleDeps) {
	const http = createCircleHttp(deps.fetch);
	const { call, send } = http;
	const invitee = createInviteeCommands({
		vault: deps.vault,
		now: deps.now,
		http
	});

	const invitationCommands = createInvitationCommands({
		vault: deps.vault,
		now: deps.now,
		http
	});
	const keysFor = (grants: readonly Grant[]) => grantedKeys(deps.vault(), grants);
	const teamWraps = createTeamCircleCommands({
		vault: deps.vault,
		now: deps.now,
		http: createTeamHttp(deps.fetch)
	});
	const roster = createRosterCommands(deps);

	/**
	 * After a change of membership: the person's device re-signs the member list (best effort; a
	 * failure is retried when the circle page next loads). The change itself already succeeded.
	 */
	async function afterMembershipChange<T>(
		circleId: string,
		result: CircleResult<T>
	): Promise<CircleResult<T>> {
		if (
			result.ok ||
			result.error.type === 'key-changed' ||
			result.error.type === 'rotation-incomplete'
		)
			await roster.publishRoster(circleId);
		return result;
	}

	async function snapshotOf(
		circleId: string,
		members: readonly Member[],
		invitations: readonly Invitation[],
		cached: boolean
	): Promise<CircleSnapshot> {
		const pins = await pinsOf(deps.vault(), circleId);
		const checks = new Map(
			members
				.filter((m) => m.role !== 'owner')
				.map((m) => [m.accountId, checkPin(pins, m)] as const)
		);
		return { members, invitations, checks, cached };
	}

	/** Offline: the list this device last received, or the offline error when it has none. */
	async function cachedCircle(circleId: string): Promise<CircleResult<CircleSnapshot>> {
		const bytes = await readLocalSecret(deps.vault(), snapshotCacheName(circleId));
		if (bytes === null) return fail({ type: 'offline' });
		let json: unknown;
		try {
			json = JSON.parse(new TextDecoder().decode(bytes));
		} catch {
			return fail({ type: 'offline' });
		}
		const parsed = cachedSnapshotSchema.safeParse(json);
		if (!parsed.success) return fail({ type: 'offline' });
		return ok(await snapshotOf(circleId, parsed.data.members, parsed.data.invitations, true));
	}

	async function loadCircle(circleId: string): Promise<CircleResult<CircleSnapshot>> {
		const [members, invitations] = await Promise.all([
			call('listMembers', { params: { circleId } }),
			call('listInvitations', { params: { circleId } })
		]);
		if (!members.ok) return members.error.type === 'offline' ? cachedCircle(circleId) : members;
		if (!invitations.ok)
			return invitations.error.type === 'offline' ? cachedCircle(circleId) : invitations;
		const fresh = {
			members: members.value.members,
			invitations: invitations.value.invitations
		};
		await saveLocalSecret(
			deps.vault(),
			snapshotCacheName(circleId),
			new TextEncoder().encode(JSON.stringify(fresh))
		);
		await roster.publishRoster(circleId, fresh.members);
		return ok(await snapshotOf(circleId, fresh.members, fresh.invitations, false));
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
			const posted = await send('rotateKey', {
				params: { circleId },
				body: { category, keyId: fresh.keyId, wraps }
			});
			if (!posted.ok) failed.push(category);
		}
		if (failed.length < categories.length) await deps.publishNewKeys();
		// The care teams granted a rotated category need the new key as much as the members do
		// (out of reach, the keys wait in the vault and go with the next background sync).
		const turned = categories.filter((c) => !failed.includes(c));
		const teams = await teamWraps.wrapForTeams(circleId, turned);
		if (teams.ok) for (const t of teams.value) skipped.set(t.accountId, t);
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
		const updated = await send('updateGrants', {
			params: { circleId, accountId: member.accountId },
			body: { grants, wraps }
		});
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
		const removed = await send('removeMember', {
			params: { circleId, accountId: member.accountId }
		});
		if (!removed.ok) return removed;
		const categories = (member.grants ?? []).map((g) => g.category);
		return afterMembershipChange(
			circleId,
			await rotate(
				circleId,
				categories,
				members.filter((m) => m.accountId !== member.accountId)
			)
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
		return afterMembershipChange(circleId, await repinMember(circleId, member));
	}

	async function repinMember(circleId: string, member: Member): Promise<CircleResult<null>> {
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
		const wraps: KeyWrap[] = [];
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
		const shared = await send('updateGrants', {
			params: { circleId, accountId: member.accountId },
			body: { grants, wraps }
		});
		return shared.ok ? ok(null) : shared;
	}

	async function loadAccessLog(circleId: string): Promise<CircleResult<AccessLog>> {
		const result = await call('auditLog', { params: { circleId } });
		if (!result.ok) return result;
		return ok({ log: result.value, check: verifyChain(result.value.entries, result.value.head) });
	}

	const myCircles = (): Promise<CircleResult<MyCirclesResponse>> => call('myCircles');

	/** Confirms an accepted invitation (`circle-invitations.ts`), then re-signs the member list. */
	async function confirmInvitation(
		...args: Parameters<typeof invitationCommands.confirmInvitation>
	): Promise<CircleResult<null>> {
		return afterMembershipChange(args[0], await invitationCommands.confirmInvitation(...args));
	}

	return {
		...invitationCommands,
		confirmInvitation,
		publishRoster: roster.publishRoster,
		refreshRoster: roster.refreshRoster,
		rosterKeys: roster.rosterKeys,
		loadCircle,
		updateGrants,
		removeMember,
		rotate,
		safetyCodeWith,
		confirmMemberKeys,
		loadAccessLog,
		myCircles,
		...invitee
	};
}

export type CircleCommands = ReturnType<typeof createCircleCommands>;
