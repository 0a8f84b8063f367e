// Care teams on the professional's device, by name (issue 14 §1, issue 13): creating a team,
// inviting a colleague, accepting an invitation, confirming a colleague, rotating the team key,
// removing a colleague or leaving. Each parses what the page gives (zod, domain/care-team/teams),
// then makes its one sequence of key work (injected: ./circle-crypto.ts) and server calls, and
// answers a `CircleError` (domain/circle/errors.ts) as data, put into words once by
// `teamErrorText` (ui/teams/labels.ts). state/team-commands.ts binds them (and holds the reads);
// the person's side of a team in her circle is ./team-circle.ts. Invariants:
// - creating a team makes its ECDH key pair, signs the public key with this account's identity and
//   seals the private key to this account's own sharing key;
// - an invitation link's secret is minted here and kept in the vault (a `settings` record) until
//   the colleague is confirmed; the colleague accepts with a proof binding both parties' keys and
//   pins the inviter; the admin checks that proof BEFORE sealing the team private key to the
//   colleague's proved sharing key, then pins them;
// - removing a member (or leaving) ends access on the server at once; an admin's device then
//   rotates: a new key pair sealed to every remaining member whose keys match their pin, or
//   nothing at all when one does not (`key-changed`).
// Pins of colleagues live under `team:<teamId>` in the same pin records as circle members.
import * as z from 'zod';
import type { TeamDetail, TeamInvitationPreview } from '$lib/contracts/teams';
import { memberLabelSchema } from '$lib/domain/circle';
import {
	teamKindSchema,
	teamNameSchema,
	teamRoleSchema,
	type TeamKind,
	type TeamRole
} from '$lib/domain/care-team/teams';
import { fail, ok, type CircleResult } from '$lib/domain/circle/errors';
import type { TeamHttp } from '$lib/sync/team-http';
import { checkPin, pinKeys, pinsOf } from '$lib/vault/pins';
import { sharingIdentity, signingIdentity } from '$lib/vault/sharing-keys';
import type { Vault } from '$lib/vault/vault';
import type { CircleCrypto } from './circle-crypto';

export const TEAM_INVITATION_SECRET_KIND = 'team-invitation-secret';
const secretBodySchema = z.object({
	teamId: z.string(),
	invitationId: z.string(),
	secret: z.string()
});

/** Where colleagues of a team are pinned (the pin records are shared with circles). */
export const teamPinScope = (teamId: string): string => `team:${teamId}`;

/** `${origin}/teams/join#${secret}`: the fragment never reaches the server. */
export const teamInvitationLink = (crypto: CircleCrypto, origin: string, secret: string): string =>
	crypto.invitationLink(origin, secret).replace('/join#', '/teams/join#');

export interface VerifiedTeamPreview {
	readonly preview: TeamInvitationPreview;
	readonly lookupId: string;
}

const newTeamSchema = z.object({
	name: teamNameSchema,
	kind: teamKindSchema,
	label: memberLabelSchema
});

export interface TeamCommandDeps {
	readonly vault: () => Vault;
	readonly now: () => number;
	readonly http: TeamHttp;
	readonly crypto: CircleCrypto;
	/** This device's account id (what the server names it by), or null without an account. */
	readonly accountId: () => string | null;
}

/** This account's sharing and identity keys, or null when the vault is locked. */
export async function myTeamKeys(vault: Vault) {
	const sharing = await sharingIdentity(vault);
	const signing = await signingIdentity(vault);
	return sharing === null || signing === null ? null : { sharing, signing };
}

/** The secrets of this account's open team invitations, as kept in its vault. */
export async function teamInvitationSecrets(vault: Vault) {
	const rows = await vault.query({ category: 'settings', kinds: [TEAM_INVITATION_SECRET_KIND] });
	return rows.flatMap((r) => {
		const body = secretBodySchema.safeParse(r.body);
		return body.success ? [{ recordId: r.id, ...body.data }] : [];
	});
}

/** The team private key of the current version, opened only under a pinned sealer (or me). */
export async function openTeamKey(
	deps: Pick<TeamCommandDeps, 'vault' | 'crypto' | 'accountId'>,
	detail: TeamDetail,
	extractable: boolean
): Promise<CryptoKey | null> {
	const keys = await myTeamKeys(deps.vault());
	const me = deps.accountId();
	if (keys === null || me === null || detail.myWrap === null) return null;
	const pins = await pinsOf(deps.vault(), teamPinScope(detail.teamId));
	const signer =
		detail.myWrapSignerAccountId === me
			? keys.signing.identityKey
			: pins.find((p) => p.accountId === detail.myWrapSignerAccountId)?.identityKey;
	if (signer === undefined) return null;
	return deps.crypto.openTeamPrivateKey(
		detail.myWrap,
		{ privateKey: keys.sharing.privateKey, publicKey: keys.sharing.publicKey },
		{ teamId: detail.teamId, keyVersion: detail.keyVersion, memberAccountId: me },
		signer,
		extractable
	);
}

export function createTeamCommands(deps: TeamCommandDeps) {
	const { http, crypto } = deps;

	/** A new key version sealed to every remaining member whose keys match their pin. */
	async function rotateTeamKey(teamId: string): Promise<CircleResult<null>> {
		const keys = await myTeamKeys(deps.vault());
		if (keys === null) return fail({ type: 'locked' });
		const detail = await http.detail(teamId);
		if (!detail.ok) return detail;
		const pins = await pinsOf(deps.vault(), teamPinScope(teamId));
		const recipients: { accountId: string; sharingKey: string }[] = [];
		const unverified: { accountId: string; label: string }[] = [];
		for (const m of detail.value.members) {
			const mine =
				m.identityKey === keys.signing.identityKey && m.sharingKey === keys.sharing.publicKey;
			const check = checkPin(pins, {
				accountId: m.accountId,
				identityKey: m.identityKey,
				publicKey: m.sharingKey
			});
			if (mine || check === 'pinned')
				recipients.push({ accountId: m.accountId, sharingKey: m.sharingKey });
			else unverified.push({ accountId: m.accountId, label: m.label });
		}
		if (unverified.length > 0) return fail({ type: 'key-changed', members: unverified });
		const keyVersion = detail.value.keyVersion + 1;
		const pair = await crypto.generateTeamKeyPair();
		const publicKey = await crypto.exportPublicKey(pair.publicKey);
		const keySignature = await crypto.signTeamKey(keys.signing.privateKey, {
			teamId,
			keyVersion,
			publicKey
		});
		const wraps: { accountId: string; wrapped: string }[] = [];
		for (const r of recipients) {
			const wrapped = await crypto.sealTeamPrivateKey(
				pair.privateKey,
				r.sharingKey,
				{ teamId, keyVersion, memberAccountId: r.accountId },
				keys.signing.privateKey,
				deps.now()
			);
			if (wrapped === null) return fail({ type: 'invalid-response' });
			wraps.push({ accountId: r.accountId, wrapped });
		}
		const rotated = await http.rotate(teamId, { keyVersion, publicKey, keySignature, wraps });
		return rotated.ok ? ok(null) : rotated;
	}

	return {
		createTeam: async (input: {
			readonly name: string;
			readonly kind: TeamKind;
			readonly label: string;
		}): Promise<CircleResult<string>> => {
			const parsed = newTeamSchema.safeParse(input);
			if (!parsed.success) return fail({ type: 'invalid-input' });
			const keys = await myTeamKeys(deps.vault());
			const me = deps.accountId();
			if (keys === null || me === null) return fail({ type: 'locked' });
			const teamId = crypto.randomId();
			const pair = await crypto.generateTeamKeyPair();
			const publicKey = await crypto.exportPublicKey(pair.publicKey);
			const keySignature = await crypto.signTeamKey(keys.signing.privateKey, {
				teamId,
				keyVersion: 1,
				publicKey
			});
			const ownWrap = await crypto.sealTeamPrivateKey(
				pair.privateKey,
				keys.sharing.publicKey,
				{ teamId, keyVersion: 1, memberAccountId: me },
				keys.signing.privateKey,
				deps.now()
			);
			if (ownWrap === null) return fail({ type: 'invalid-response' });
			const created = await http.create({
				teamId,
				...parsed.data,
				publicKey,
				keySignature,
				identityKey: keys.signing.identityKey,
				sharingKey: keys.sharing.publicKey,
				ownWrap
			});
			return created.ok ? ok(teamId) : created;
		},

		/** A single-use link for a colleague; its secret stays in this vault until confirmed. */
		inviteColleague: async (
			teamId: string,
			role: TeamRole,
			origin: string
		): Promise<CircleResult<string>> => {
			const parsedRole = teamRoleSchema.safeParse(role);
			if (!parsedRole.success) return fail({ type: 'invalid-input' });
			const keys = await myTeamKeys(deps.vault());
			if (keys === null) return fail({ type: 'locked' });
			const secret = crypto.newInvitationSecret();
			const lookupId = await crypto.invitationLookupId(secret);
			const serverKey = await crypto.invitationServerKey(secret);
			const inviterProof = await crypto.proveOwnerKeys(secret, teamId, {
				identityKey: keys.signing.identityKey,
				sharingKey: keys.sharing.publicKey
			});
			if (lookupId === null || serverKey === null || inviterProof === null)
				return fail({ type: 'secret-missing' });
			const created = await http.invite(teamId, {
				lookupId,
				serverKey,
				inviterProof,
				role: parsedRole.data
			});
			if (!created.ok) return created;
			await deps.vault().commit([
				{
					type: 'put',
					kind: TEAM_INVITATION_SECRET_KIND,
					category: 'settings',
					at: deps.now(),
					body: { teamId, invitationId: created.value.invitationId, secret }
				}
			]);
			return ok(teamInvitationLink(crypto, origin, secret));
		},

		/** Accepts with a proof binding both parties' keys, then pins the inviter. */
		acceptTeamInvite: async (
			secret: string,
			verified: VerifiedTeamPreview,
			label: string
		): Promise<CircleResult<string>> => {
			const parsedLabel = memberLabelSchema.safeParse(label);
			if (!parsedLabel.success) return fail({ type: 'invalid-input' });
			const keys = await myTeamKeys(deps.vault());
			if (keys === null) return fail({ type: 'locked' });
			const p = verified.preview;
			const mine = { identityKey: keys.signing.identityKey, sharingKey: keys.sharing.publicKey };
			const inviter = { identityKey: p.inviterIdentityKey, sharingKey: p.inviterSharingKey };
			const proofs = await crypto.proveInvitation(secret, p.invitationId, {
				invitee: mine,
				owner: inviter
			});
			if (proofs === null) return fail({ type: 'secret-missing' });
			const accepted = await http.accept(verified.lookupId, {
				...mine,
				...proofs,
				label: parsedLabel.data
			});
			if (!accepted.ok) return accepted;
			await pinKeys(deps.vault(), {
				circleId: teamPinScope(p.team.teamId),
				accountId: p.inviterAccountId,
				role: 'member',
				...inviter,
				source: 'invitation',
				pinnedAt: deps.now()
			});
			return ok(p.team.teamId);
		},

		/** The admin's side: the colleague's proof first, then the team key sealed to them. */
		confirmColleague: async (teamId: string, invitationId: string): Promise<CircleResult<null>> => {
			const stored = (await teamInvitationSecrets(deps.vault())).find(
				(s) => s.invitationId === invitationId
			);
			if (stored === undefined) return fail({ type: 'secret-missing' });
			const keys = await myTeamKeys(deps.vault());
			if (keys === null) return fail({ type: 'locked' });
			const detail = await http.detail(teamId);
			if (!detail.ok) return detail;
			const acceptance = detail.value.invitations.find((i) => i.id === invitationId)?.acceptance;
			if (acceptance == null) return fail({ type: 'http', code: 'invitation-not-accepted' });
			const proved = await crypto.verifyInvitationProof(
				stored.secret,
				invitationId,
				{
					invitee: { identityKey: acceptance.identityKey, sharingKey: acceptance.sharingKey },
					owner: { identityKey: keys.signing.identityKey, sharingKey: keys.sharing.publicKey }
				},
				acceptance.proof
			);
			if (!proved) return fail({ type: 'proof-invalid' });
			const teamKey = await openTeamKey(deps, detail.value, true);
			if (teamKey === null) return fail({ type: 'locked' });
			const wrap = await crypto.sealTeamPrivateKey(
				teamKey,
				acceptance.sharingKey,
				{
					teamId,
					keyVersion: detail.value.keyVersion,
					memberAccountId: acceptance.accountId
				},
				keys.signing.privateKey,
				deps.now()
			);
			if (wrap === null) return fail({ type: 'invalid-response' });
			const confirmed = await http.confirm(teamId, invitationId, {
				keyVersion: detail.value.keyVersion,
				wrap
			});
			if (!confirmed.ok) return confirmed;
			await pinKeys(deps.vault(), {
				circleId: teamPinScope(teamId),
				accountId: acceptance.accountId,
				role: 'member',
				identityKey: acceptance.identityKey,
				sharingKey: acceptance.sharingKey,
				source: 'invitation',
				pinnedAt: deps.now()
			});
			await deps.vault().commit([{ type: 'delete', id: stored.recordId, category: 'settings' }]);
			return ok(null);
		},

		rotateTeamKey,

		/** Removes a colleague (admin) or leaves (self); an admin's device rotates at once. */
		removeFromTeam: async (
			teamId: string,
			accountId: string,
			rotateAfter: boolean
		): Promise<CircleResult<null>> => {
			const removed = await http.remove(teamId, accountId);
			if (!removed.ok || !rotateAfter) return removed;
			return rotateTeamKey(teamId);
		}
	};
}
