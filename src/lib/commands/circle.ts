// The person's circle of care, by name (issue 5, issue 12, issue 13): every write of membership
// goes through one of these commands: invitations (./circle-invitations.ts), changing a member's
// grants, removing a member, rotating category keys, re-verifying a member's keys in person (and, on a member's device, the
// person's: `confirmOwnerKeys`), and
// publishing the signed member list (the roster). Each parses what the page gives (zod,
// domain/circle), then makes its one sequence of key work (injected: ./circle-crypto.ts) and server
// calls, and answers a `CircleError` (domain/circle/errors.ts) as data, put into words once by
// `circleErrorText` (ui/circle/labels.ts). state/circle-commands.ts binds them to the app (and
// holds the reads); integration tests drive these REAL commands against the real server.
// Invariants:
// - every wrap (grant change, rotation, re-verification) goes only to a member whose listed keys
//   equal the pin; a member with no pin or another key gets nothing and is reported as
//   `key-changed`; every wrap is signed by this account's identity key;
// - removing a member or a category rotates the category key: a new active key locally, wrapped to
//   exactly the remaining pinned holders, and to every care team granted it whose key checks
//   (./team-circle.ts `wrapForTeams`);
// - after a confirmation, a removal and a re-verification the person's device re-signs the circle
//   roster when its members changed (`publishRoster`); it lists the active members whose keys it
//   PINNED, with the pinned identity key, never a key the server lists, with a version above both
//   the one this device kept and the one the server holds. A member who leaves keeps her
//   commitment (`seen`): the digests of her signed records this device holds, verified under the
//   key the roster listed for her (domain/circle/record-signature.ts), so readers refuse what she
//   signs afterwards. The list also carries the HLC from which the person's own writes are
//   signed (`vault/own-signatures.ts`), so members refuse an unsigned unauthored version after it.
import * as z from 'zod';
import type { KeyWrap, Member } from '$lib/contracts/circle';
import {
	grantListSchema,
	isGrantActive,
	careRoleSchema,
	type Grant,
	type ShareableCategory
} from '$lib/domain/circle';
import { categorySchema } from '$lib/domain/categories';
import { fail, ok, type CircleResult, type UnverifiedMember } from '$lib/domain/circle/errors';
import { committedStatements } from '$lib/domain/circle/record-signature';
import type { VaultRecord } from '$lib/domain/records';
import {
	checkRoster,
	nextRoster,
	rosterFields,
	type SignedRoster
} from '$lib/domain/circle/roster';
import type { CircleHttp } from '$lib/sync/circle-http';
import { checkPin, pinKeys, pinsOf, type Pin } from '$lib/vault/pins';
import { keepRoster, keptRoster } from '$lib/vault/roster-pin';
import { ownSignaturesSinceIn } from '$lib/vault/own-signatures';
import { rotateCategoryKey, signingIdentity } from '$lib/vault/sharing-keys';
import type { Vault } from '$lib/vault/vault';
import type { CircleCrypto, PartyKeys } from './circle-crypto';
import { createInvitationCommands, grantedKeys } from './circle-invitations';

const ownerKeysSchema = z.object({
	circleId: z.string().min(1),
	identityKey: z.string().min(1),
	sharingKey: z.string().min(1)
});

export interface CircleCommandDeps {
	/** The open vault (the person's, or the invitee's). */
	readonly vault: () => Vault;
	readonly http: CircleHttp;
	readonly crypto: CircleCrypto;
	/** After a rotation: the person's other devices read the new keys from the account's blob. */
	readonly publishNewKeys: () => Promise<void>;
	/**
	 * After a rotation: the teams granted a rotated category get the new keys too
	 * (./team-circle.ts `wrapForTeams`); answers the teams whose key did not check.
	 */
	readonly wrapForTeams: (
		circleId: string,
		categories: readonly ShareableCategory[]
	) => Promise<CircleResult<readonly UnverifiedMember[]>>;
	readonly now: () => number;
}

const isHolder = (m: Member, category: ShareableCategory, now: number): boolean =>
	m.role !== 'owner' &&
	m.status === 'active' &&
	(m.grants ?? []).some((g) => g.category === category && isGrantActive(g, now));

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

export function createCircleCommands(deps: CircleCommandDeps) {
	const { call, send } = deps.http;
	const { crypto } = deps;
	const invitations = createInvitationCommands(deps);
	const keysFor = (grants: readonly Grant[]) => grantedKeys(deps.vault(), grants);

	/** `key` wrapped and signed to each pinned holder, or null when one wrap fails. */
	async function wrapForHolders(
		key: CryptoKey,
		binding: { circleId: string; category: ShareableCategory; keyId: string },
		members: readonly { accountId: string; publicKey: string }[],
		signer: { readonly privateKey: CryptoKey },
		createdAt: number
	): Promise<{ accountId: string; wrapped: string }[] | null> {
		const out: { accountId: string; wrapped: string }[] = [];
		for (const m of members) {
			const wrapped = await crypto.wrapForMember(
				key,
				m.publicKey,
				{ ...binding, memberAccountId: m.accountId },
				signer,
				createdAt
			);
			if (wrapped === null) return null;
			out.push({ accountId: m.accountId, wrapped });
		}
		return out;
	}

	/**
	 * The digests of the signed records by a member who is leaving that this device holds (verified
	 * under the key the roster listed for her): her commitment in the next list.
	 */
	async function statementsBy(
		circleId: string,
		member: { readonly accountId: string; readonly identityKey: string }
	): Promise<readonly string[]> {
		const v = deps.vault();
		const records: VaultRecord[] = [];
		for (const category of categorySchema.options) {
			if (category === 'settings') continue;
			for (const r of await v.query({ category, includeDeleted: true })) {
				if (r.circleId === circleId && r.author === member.accountId) records.push(r);
			}
		}
		return committedStatements(records, member.accountId, {
			circleId,
			identityKey: member.identityKey,
			crypto: { hash: crypto.hashText, verify: crypto.verifyFields }
		});
	}

	/**
	 * The person signs and uploads the list of members whose keys this device pinned, if it
	 * differs from the last one; the new version is above both the kept one and the server's.
	 * `members`: the list just received (else it is asked for). ok(version published) or ok(null)
	 * when nothing changed.
	 */
	async function publishRoster(
		circleId: string,
		members?: readonly Member[]
	): Promise<CircleResult<number | null>> {
		const v = deps.vault();
		const signing = await signingIdentity(v);
		if (signing === null) return fail({ type: 'locked' });
		let listed = members;
		if (listed === undefined) {
			const answer = await call('listMembers', { params: { circleId } });
			if (!answer.ok) return answer;
			listed = answer.value.members;
		}
		const pins = await pinsOf(v, circleId);
		const current = listed.flatMap((m) => {
			const role = careRoleSchema.safeParse(m.role);
			const pin = pins.find((p) => p.role === 'member' && p.accountId === m.accountId);
			// The PINNED key, whatever the server lists now (a swapped key changes nothing here).
			if (!role.success || m.status !== 'active' || pin === undefined) return [];
			return [
				{
					accountId: m.accountId,
					role: role.data,
					label: m.label,
					identityKey: pin.identityKey
				}
			];
		});
		// The base: the higher of what this account kept and what the server holds signed by it.
		let previous = (await keptRoster(v, circleId))?.roster ?? null;
		const served = await call('roster', { params: { circleId } });
		if (served.ok && served.value.signed !== null) {
			const own = await checkRoster(served.value.signed, {
				circleId,
				ownerKey: signing.identityKey,
				kept: null,
				verify: crypto.verifyFields
			});
			if (own.ok && (previous === null || own.value.roster.version > previous.version))
				previous = own.value.roster;
		}
		const leaving = (previous?.members ?? []).filter(
			(m) => m.until === null && !current.some((c) => c.accountId === m.accountId)
		);
		const seen = new Map<string, readonly string[]>();
		for (const m of leaving) seen.set(m.accountId, await statementsBy(circleId, m));
		const next = nextRoster({
			circleId,
			previous,
			current,
			now: deps.now(),
			seenOf: (accountId) => seen.get(accountId) ?? [],
			ownSignedSince: await ownSignaturesSinceIn((q) => v.query(q))
		});
		if (next === null) return ok(null);
		const signed: SignedRoster = {
			roster: next,
			signature: await crypto.signFields(signing.privateKey, rosterFields(next))
		};
		const put = await send('putRoster', { params: { circleId }, body: { signed } });
		if (!put.ok) return put;
		await keepRoster(v, signed, deps.now());
		return ok(next.version);
	}

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
			await publishRoster(circleId);
		return result;
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
			const wraps = await wrapForHolders(
				fresh.key,
				{ circleId, category, keyId: fresh.keyId },
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
		const teams = await deps.wrapForTeams(circleId, turned);
		if (teams.ok) for (const t of teams.value) skipped.set(t.accountId, t);
		if (skipped.size > 0) return fail({ type: 'key-changed', members: [...skipped.values()] });
		return failed.length === 0
			? ok(null)
			: fail({ type: 'rotation-incomplete', categories: failed });
	}

	/** The active key of each grant wrapped (and signed) to a member's PINNED sharing key. */
	async function wrapsFor(
		circleId: string,
		memberAccountId: string,
		sharingKey: string,
		grants: readonly Grant[],
		signing: { readonly privateKey: CryptoKey },
		createdAt: number
	): Promise<CircleResult<KeyWrap[]>> {
		const keys = await keysFor(grants);
		if (!keys.ok) return keys;
		const wraps: KeyWrap[] = [];
		for (const k of keys.value) {
			const wrapped = await crypto.wrapForMember(
				k.key,
				sharingKey,
				{ circleId, category: k.category, keyId: k.keyId, memberAccountId },
				signing,
				createdAt
			);
			if (wrapped === null) return fail({ type: 'proof-invalid' });
			wraps.push({ category: k.category, keyId: k.keyId, wrapped });
		}
		return ok(wraps);
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
		const parsed = grantListSchema.safeParse(grants);
		if (!parsed.success) return fail({ type: 'invalid-input' });
		const v = deps.vault();
		const before: readonly ShareableCategory[] = (member.grants ?? []).map((g) => g.category);
		const after: readonly ShareableCategory[] = parsed.data.map((g) => g.category);
		const added = parsed.data.filter((g) => !before.includes(g.category));
		let wraps: KeyWrap[] = [];
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
			const made = await wrapsFor(
				circleId,
				member.accountId,
				pin.sharingKey,
				added,
				signing,
				deps.now()
			);
			if (!made.ok) return made;
			wraps = made.value;
		}
		const updated = await send('updateGrants', {
			params: { circleId, accountId: member.accountId },
			body: { grants: parsed.data, wraps }
		});
		if (!updated.ok) return updated;
		const removed = before.filter((c) => !after.includes(c));
		if (removed.length === 0) return ok(null);
		const remaining = members.map((m) =>
			m.accountId === member.accountId ? { ...m, grants: parsed.data } : m
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
		const wraps = await wrapsFor(circleId, member.accountId, sharingKey, grants, signing, now);
		if (!wraps.ok) return wraps;
		const shared = await send('updateGrants', {
			params: { circleId, accountId: member.accountId },
			body: { grants, wraps: wraps.value }
		});
		return shared.ok ? ok(null) : shared;
	}

	/**
	 * Re-verify: the two people compared the safety code of `member` in person and it matched, so
	 * the member's listed keys become the pin; then the active key of every category the member is
	 * granted is wrapped (signed) to the newly pinned key, so sharing resumes as the person set it.
	 */
	async function confirmMemberKeys(circleId: string, member: Member): Promise<CircleResult<null>> {
		return afterMembershipChange(circleId, await repinMember(circleId, member));
	}

	/**
	 * The member's side of a re-verification (no pin of the person on this device, e.g. an
	 * invitation accepted before identity keys): the two compared the safety code of the owner keys
	 * the server lists in person and it matched, so exactly those keys become the owner's pin, in
	 * one commit (an earlier owner pin goes in the same commit). Nothing is sent.
	 */
	async function confirmOwnerKeys(circleId: string, keys: PartyKeys): Promise<CircleResult<null>> {
		const parsed = ownerKeysSchema.safeParse({ circleId, ...keys });
		if (!parsed.success) return fail({ type: 'invalid-input' });
		const v = deps.vault();
		if (!v.isUnlocked()) return fail({ type: 'locked' });
		const pinned = await pinKeys(v, {
			circleId: parsed.data.circleId,
			accountId: null,
			role: 'owner',
			identityKey: parsed.data.identityKey,
			sharingKey: parsed.data.sharingKey,
			source: 'in-person',
			pinnedAt: deps.now()
		});
		return pinned ? ok(null) : fail({ type: 'locked' });
	}

	/** Confirms an accepted invitation (./circle-invitations.ts), then re-signs the member list. */
	async function confirmInvitation(
		...args: Parameters<typeof invitations.confirmInvitation>
	): Promise<CircleResult<null>> {
		return afterMembershipChange(args[0], await invitations.confirmInvitation(...args));
	}

	return {
		createInvitation: invitations.createInvitation,
		cancelInvitation: invitations.cancelInvitation,
		acceptInvitation: invitations.acceptInvitation,
		confirmInvitation,
		updateGrants,
		removeMember,
		rotate,
		confirmMemberKeys,
		confirmOwnerKeys,
		publishRoster
	};
}

export type CircleCommands = ReturnType<typeof createCircleCommands>;
