// Care teams on the professional's device and the person's "invite a team" (issue 14 §1). Every
// key step happens here, never on the server:
// - creating a team makes its ECDH key pair, signs the public key with this account's identity and
//   seals the private key to this account's own sharing key;
// - an invitation link's secret is minted here and kept in the vault (a `settings` record) until
//   the colleague is confirmed; the colleague checks the inviter's keys under the secret, accepts
//   with a proof binding both parties' keys and pins the inviter; the admin checks that proof
//   BEFORE sealing the team private key to the colleague's proved sharing key, then pins them;
// - removing a member (or leaving) ends access on the server at once; an admin's device then
//   rotates: a new key pair sealed to every remaining member whose keys match their pin;
// - a member opens the category keys a person granted the team (`teamCircleKeys`); the team key
//   and the team's circles are kept sealed on this device (vault/team-key-cache.ts) so the people
//   the team serves open offline; every signature is checked again on each use, the cache is
//   dropped when the server says the member is out (403, team no longer listed) and replaced when
//   the key version moves on; the person's side and the vouching live in
//   ./team-circle-commands.ts.
// Pins of colleagues live under `team:<teamId>` in the same pin records as circle members.
import * as z from 'zod';
import {
	invitationLink,
	invitationLookupId,
	invitationServerKey,
	newInvitationSecret,
	proveInvitation,
	proveOwnerKeys,
	verifyInvitationProof,
	verifyOwnerKeys
} from '$lib/crypto/invitation';
import { exportPublicKey } from '$lib/crypto/sharing';
import { openSignedWrap, signedWrapCreatedAt } from '$lib/crypto/signed-wrap';
import {
	exportTeamPrivateKey,
	generateTeamKeyPair,
	importTeamPrivateKey,
	verifyOwnerAttestation,
	openTeamPrivateKey,
	sealTeamPrivateKey,
	signTeamKey
} from '$lib/crypto/team-key';
import type { TeamDetail, TeamInvitationPreview } from '$lib/contracts/teams';
import type { TeamKind, TeamRole } from '$lib/domain/care-team/teams';
import { shareableCategorySchema, type Grant, type ShareableCategory } from '$lib/domain/circle';
import { checkPin, pinKeys, pinsOf } from '$lib/vault/pins';
import { sharingIdentity, signingIdentity } from '$lib/vault/sharing-keys';
import {
	cachedTeamIds,
	forgetTeamKey,
	readTeamKey,
	saveTeamCircles,
	saveTeamKey,
	type CachedTeamCircles
} from '$lib/vault/team-key-cache';
import type { Vault } from '$lib/vault/vault';
import { fail, ok, type CircleError, type CircleResult } from './circle-http';
import type { TeamHttp } from './team-http';

export const TEAM_INVITATION_SECRET_KIND = 'team-invitation-secret';
const secretBodySchema = z.object({
	teamId: z.string(),
	invitationId: z.string(),
	secret: z.string()
});

/** Where colleagues of a team are pinned (the pin records are shared with circles). */
export const teamPinScope = (teamId: string): string => `team:${teamId}`;

/** `${origin}/teams/join#${secret}`: the fragment never reaches the server. */
export const teamInvitationLink = (origin: string, secret: string): string =>
	invitationLink(origin, secret).replace('/join#', '/teams/join#');

/** A category key a person granted a team, opened on a member's device. */
export interface TeamCircleKey {
	readonly keyId: string;
	readonly category: ShareableCategory;
	readonly key: CryptoKey;
	/** The person's signed wrap time (the newest names the key writes use). */
	readonly createdAt: number;
}

/** A person's circle one of my teams was invited into. */
export interface TeamCircleEntry {
	readonly circleId: string;
	/** How the person named herself to the colleague who vouched for her ('' before that). */
	readonly personLabel: string;
	readonly teamId: string;
	readonly teamName: string;
	/** Someone in the team vouched for the person's identity key (colleagues can open keys). */
	readonly vouched: boolean;
}

/** What a team member reaches in one person's circle through one team. */
export interface TeamCircleAccess {
	readonly teamId: string;
	readonly teamName: string;
	readonly keys: readonly TeamCircleKey[];
	readonly grants: readonly Grant[];
	/** The person's identity key as vouched for by a pinned colleague (or by me). */
	readonly ownerIdentityKey: string;
}

export interface VerifiedTeamPreview {
	readonly preview: TeamInvitationPreview;
	readonly lookupId: string;
}

export function createTeamCommands(deps: {
	readonly vault: () => Vault;
	readonly now: () => number;
	readonly http: TeamHttp;
	/** This device's account id (what the server names it by), or null without an account. */
	readonly accountId: () => string | null;
}) {
	const { http } = deps;

	async function myKeys() {
		const v = deps.vault();
		const sharing = await sharingIdentity(v);
		const signing = await signingIdentity(v);
		return sharing === null || signing === null ? null : { sharing, signing };
	}

	async function storedSecrets() {
		const rows = await deps
			.vault()
			.query({ category: 'settings', kinds: [TEAM_INVITATION_SECRET_KIND] });
		return rows.flatMap((r) => {
			const body = secretBodySchema.safeParse(r.body);
			return body.success ? [{ recordId: r.id, ...body.data }] : [];
		});
	}

	/** The team private key of the current version, opened only under a pinned sealer (or me). */
	async function openTeamKey(detail: TeamDetail, extractable: boolean): Promise<CryptoKey | null> {
		const keys = await myKeys();
		const me = deps.accountId();
		if (keys === null || me === null || detail.myWrap === null) return null;
		const pins = await pinsOf(deps.vault(), teamPinScope(detail.teamId));
		const signer =
			detail.myWrapSignerAccountId === me
				? keys.signing.identityKey
				: pins.find((p) => p.accountId === detail.myWrapSignerAccountId)?.identityKey;
		if (signer === undefined) return null;
		return openTeamPrivateKey(
			detail.myWrap,
			{ privateKey: keys.sharing.privateKey, publicKey: keys.sharing.publicKey },
			{ teamId: detail.teamId, keyVersion: detail.keyVersion, memberAccountId: me },
			signer,
			extractable
		);
	}

	/** A new key version sealed to every remaining member whose keys match their pin. */
	async function rotate(teamId: string): Promise<CircleResult<null>> {
		const keys = await myKeys();
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
		const pair = await generateTeamKeyPair();
		const publicKey = await exportPublicKey(pair.publicKey);
		const keySignature = await signTeamKey(keys.signing.privateKey, {
			teamId,
			keyVersion,
			publicKey
		});
		const wraps: { accountId: string; wrapped: string }[] = [];
		for (const r of recipients) {
			const wrapped = await sealTeamPrivateKey(
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

	/** The server says this account is out of the team (removed, left, team gone). */
	const isOut = (error: CircleError): boolean =>
		error.type === 'http' && (error.code === 'forbidden' || error.code === 'not-found');

	/**
	 * The team private key of the version the server names now, from this device's sealed cache
	 * when it holds that very version, else opened under a pinned colleague's seal and cached
	 * (replacing an older version). A key that does not open drops the cache: the member reads
	 * nothing through an old version once the server moved on.
	 */
	async function currentTeamKey(detail: TeamDetail): Promise<CryptoKey | null> {
		const v = deps.vault();
		const cached = await readTeamKey(v, detail.teamId);
		if (
			cached !== null &&
			cached.keyVersion === detail.keyVersion &&
			cached.publicKey === detail.publicKey
		)
			return cached.privateKey;
		const opened = await openTeamKey(detail, true);
		const pkcs8 = opened === null ? null : await exportTeamPrivateKey(opened);
		const key = pkcs8 === null ? null : await importTeamPrivateKey(pkcs8);
		if (pkcs8 === null || key === null) {
			await forgetTeamKey(v, detail.teamId);
			return null;
		}
		await saveTeamKey(v, {
			teamId: detail.teamId,
			keyVersion: detail.keyVersion,
			name: detail.name,
			publicKey: detail.publicKey,
			privateKey: pkcs8,
			circles: cached?.keyVersion === detail.keyVersion ? cached.circles : []
		});
		pkcs8.fill(0);
		return key;
	}

	/** The team as the server has it now, or (offline only) as this device last opened it. */
	async function teamNow(teamId: string): Promise<
		CircleResult<{
			readonly team: {
				readonly keyVersion: number;
				readonly publicKey: string;
				readonly name: string;
			};
			readonly key: CryptoKey | null;
			readonly circles: CachedTeamCircles;
		}>
	> {
		const v = deps.vault();
		const detail = await http.detail(teamId);
		if (!detail.ok) {
			if (isOut(detail.error)) await forgetTeamKey(v, teamId);
			if (detail.error.type !== 'offline') return detail;
			const cached = await readTeamKey(v, teamId);
			if (cached === null) return detail;
			return ok({ team: cached, key: cached.privateKey, circles: cached.circles });
		}
		const key = await currentTeamKey(detail.value);
		const circles = await http.circles(teamId);
		if (!circles.ok) {
			if (isOut(circles.error)) await forgetTeamKey(v, teamId);
			return circles;
		}
		if (key !== null) await saveTeamCircles(v, teamId, detail.value.name, circles.value.circles);
		return ok({ team: detail.value, key, circles: circles.value.circles });
	}

	async function teamCircleAccess(
		teamId: string,
		circleId: string
	): Promise<CircleResult<TeamCircleAccess>> {
		const now = await teamNow(teamId);
		if (!now.ok) return now;
		const { team, key: teamKey } = now.value;
		if (teamKey === null) return fail({ type: 'owner-unverified' });
		const circle = now.value.circles.find((c) => c.circleId === circleId);
		if (circle === undefined) return fail({ type: 'http', code: 'not-found' });
		if (circle.keyVersion !== team.keyVersion)
			return fail({ type: 'http', code: 'team-key-stale' });
		const keys = await myKeys();
		const me = deps.accountId();
		const att = circle.attestation;
		if (keys === null || me === null) return fail({ type: 'locked' });
		if (att === null) return fail({ type: 'owner-unverified' });
		const pins = await pinsOf(deps.vault(), teamPinScope(teamId));
		const voucher =
			att.signerAccountId === me
				? keys.signing.identityKey
				: pins.find((p) => p.accountId === att.signerAccountId)?.identityKey;
		const vouched =
			voucher !== undefined &&
			(await verifyOwnerAttestation(
				voucher,
				{ teamId, circleId, ownerIdentityKey: att.ownerIdentityKey },
				att.signature
			));
		if (!vouched) return fail({ type: 'owner-unverified' });
		const out: TeamCircleKey[] = [];
		for (const w of circle.wraps) {
			const category = shareableCategorySchema.safeParse(w.category);
			if (!category.success) continue;
			const key = await openSignedWrap(
				w.wrapped,
				{ privateKey: teamKey, publicKey: team.publicKey },
				{ circleId, category: category.data, keyId: w.keyId, memberAccountId: teamId },
				att.ownerIdentityKey
			);
			if (key !== null)
				out.push({
					keyId: w.keyId,
					category: category.data,
					key,
					createdAt: signedWrapCreatedAt(w.wrapped) ?? 0
				});
		}
		return ok({
			teamId,
			teamName: team.name,
			keys: out,
			grants: circle.grants,
			ownerIdentityKey: att.ownerIdentityKey
		});
	}

	/** Offline: the circles of every team this device keeps a key of. */
	async function cachedTeamCircles(): Promise<TeamCircleEntry[]> {
		const v = deps.vault();
		const out: TeamCircleEntry[] = [];
		for (const teamId of await cachedTeamIds(v)) {
			const cached = await readTeamKey(v, teamId);
			if (cached === null) continue;
			for (const c of cached.circles)
				out.push({
					circleId: c.circleId,
					personLabel: c.personLabel,
					teamId,
					teamName: cached.name,
					vouched: c.attestation !== null
				});
		}
		return out;
	}

	return {
		listTeams: () => http.list(),

		/**
		 * The people whose circles my teams were invited into (one entry per circle and team), for
		 * "My people"; the keys are opened only when a circle is (`teamCircleAccess`).
		 */
		myTeamCircles: async (): Promise<CircleResult<TeamCircleEntry[]>> => {
			const v = deps.vault();
			const teams = await http.list();
			if (!teams.ok) return teams.error.type === 'offline' ? ok(await cachedTeamCircles()) : teams;
			// A team that no longer lists me (left, removed): what this device kept of it goes.
			const listed = new Set(teams.value.teams.map((t) => t.teamId));
			for (const teamId of await cachedTeamIds(v))
				if (!listed.has(teamId)) await forgetTeamKey(v, teamId);
			const out: TeamCircleEntry[] = [];
			for (const t of teams.value.teams) {
				const circles = await http.circles(t.teamId);
				if (!circles.ok) {
					if (isOut(circles.error)) await forgetTeamKey(v, t.teamId);
					return circles;
				}
				await saveTeamCircles(v, t.teamId, t.name, circles.value.circles);
				for (const c of circles.value.circles)
					out.push({
						circleId: c.circleId,
						personLabel: c.personLabel,
						teamId: t.teamId,
						teamName: t.name,
						vouched: c.attestation !== null
					});
			}
			return ok(out);
		},
		loadTeam: (teamId: string) => http.detail(teamId),

		createTeam: async (input: {
			readonly name: string;
			readonly kind: TeamKind;
			readonly label: string;
		}): Promise<CircleResult<string>> => {
			const keys = await myKeys();
			const me = deps.accountId();
			if (keys === null || me === null) return fail({ type: 'locked' });
			const teamId = crypto.randomUUID();
			const pair = await generateTeamKeyPair();
			const publicKey = await exportPublicKey(pair.publicKey);
			const keySignature = await signTeamKey(keys.signing.privateKey, {
				teamId,
				keyVersion: 1,
				publicKey
			});
			const ownWrap = await sealTeamPrivateKey(
				pair.privateKey,
				keys.sharing.publicKey,
				{ teamId, keyVersion: 1, memberAccountId: me },
				keys.signing.privateKey,
				deps.now()
			);
			if (ownWrap === null) return fail({ type: 'invalid-response' });
			const created = await http.create({
				teamId,
				name: input.name,
				kind: input.kind,
				publicKey,
				keySignature,
				identityKey: keys.signing.identityKey,
				sharingKey: keys.sharing.publicKey,
				label: input.label,
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
			const keys = await myKeys();
			if (keys === null) return fail({ type: 'locked' });
			const secret = newInvitationSecret();
			const lookupId = await invitationLookupId(secret);
			const serverKey = await invitationServerKey(secret);
			const inviterProof = await proveOwnerKeys(secret, teamId, {
				identityKey: keys.signing.identityKey,
				sharingKey: keys.sharing.publicKey
			});
			if (lookupId === null || serverKey === null || inviterProof === null)
				return fail({ type: 'secret-missing' });
			const created = await http.invite(teamId, { lookupId, serverKey, inviterProof, role });
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
			return ok(teamInvitationLink(origin, secret));
		},

		linkOfInvitation: async (invitationId: string, origin: string): Promise<string | null> => {
			const found = (await storedSecrets()).find((s) => s.invitationId === invitationId);
			return found === undefined ? null : teamInvitationLink(origin, found.secret);
		},

		/** The preview, only once the inviter's keys in it check out under the link's secret. */
		previewTeamInvite: async (secret: string): Promise<CircleResult<VerifiedTeamPreview>> => {
			const lookupId = await invitationLookupId(secret);
			if (lookupId === null) return fail({ type: 'secret-missing' });
			const preview = await http.preview(lookupId);
			if (!preview.ok) return preview;
			const p = preview.value;
			const inviter = { identityKey: p.inviterIdentityKey, sharingKey: p.inviterSharingKey };
			if (!(await verifyOwnerKeys(secret, p.team.teamId, inviter, p.inviterProof)))
				return fail({ type: 'owner-unverified' });
			return ok({ preview: p, lookupId });
		},

		/** Accepts with a proof binding both parties' keys, then pins the inviter. */
		acceptTeamInvite: async (
			secret: string,
			verified: VerifiedTeamPreview,
			label: string
		): Promise<CircleResult<string>> => {
			const keys = await myKeys();
			if (keys === null) return fail({ type: 'locked' });
			const p = verified.preview;
			const mine = { identityKey: keys.signing.identityKey, sharingKey: keys.sharing.publicKey };
			const inviter = { identityKey: p.inviterIdentityKey, sharingKey: p.inviterSharingKey };
			const proofs = await proveInvitation(secret, p.invitationId, {
				invitee: mine,
				owner: inviter
			});
			if (proofs === null) return fail({ type: 'secret-missing' });
			const accepted = await http.accept(verified.lookupId, {
				...mine,
				...proofs,
				label
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
			const stored = (await storedSecrets()).find((s) => s.invitationId === invitationId);
			if (stored === undefined) return fail({ type: 'secret-missing' });
			const keys = await myKeys();
			if (keys === null) return fail({ type: 'locked' });
			const detail = await http.detail(teamId);
			if (!detail.ok) return detail;
			const acceptance = detail.value.invitations.find((i) => i.id === invitationId)?.acceptance;
			if (acceptance == null) return fail({ type: 'http', code: 'invitation-not-accepted' });
			const proved = await verifyInvitationProof(
				stored.secret,
				invitationId,
				{
					invitee: { identityKey: acceptance.identityKey, sharingKey: acceptance.sharingKey },
					owner: { identityKey: keys.signing.identityKey, sharingKey: keys.sharing.publicKey }
				},
				acceptance.proof
			);
			if (!proved) return fail({ type: 'proof-invalid' });
			const teamKey = await openTeamKey(detail.value, true);
			if (teamKey === null) return fail({ type: 'locked' });
			const wrap = await sealTeamPrivateKey(
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

		rotateTeamKey: rotate,

		/**
		 * The team's current key on this device: the private key opened under a pinned colleague's
		 * (or my own) seal, with the detail it was opened from (team surveys seal to and open with
		 * it: state/team-surveys.ts). `extractable` only to seal something again at once.
		 */
		teamKey: async (
			teamId: string,
			extractable = false
		): Promise<CircleResult<{ readonly detail: TeamDetail; readonly privateKey: CryptoKey }>> => {
			const detail = await http.detail(teamId);
			if (!detail.ok) return detail;
			const privateKey = await openTeamKey(detail.value, extractable);
			return privateKey === null
				? fail({ type: 'owner-unverified' })
				: ok({ detail: detail.value, privateKey });
		},

		/**
		 * The category keys a person granted the team, opened on this member's device: the team
		 * private key only under a pinned colleague's (or my own) seal, the person's identity only as
		 * vouched for by a pinned colleague (or pinned by me), each wrap only with her signature.
		 * Also what the team was granted and the vouched identity (what the member circle needs).
		 */
		teamCircleAccess,

		/** Only the opened keys by key id (see `teamCircleAccess`). */
		teamCircleKeys: async (
			teamId: string,
			circleId: string
		): Promise<CircleResult<ReadonlyMap<string, CryptoKey>>> => {
			const opened = await teamCircleAccess(teamId, circleId);
			return opened.ok ? ok(new Map(opened.value.keys.map((k) => [k.keyId, k.key]))) : opened;
		},

		/** Removes a colleague (admin) or leaves (self); an admin's device rotates at once. */
		removeFromTeam: async (teamId: string, accountId: string, rotateAfter: boolean) => {
			const removed = await http.remove(teamId, accountId);
			if (!removed.ok || !rotateAfter) return removed;
			return rotate(teamId);
		}
	};
}

export type TeamCommands = ReturnType<typeof createTeamCommands>;
