// Care teams for the UI (issue 14 §1, issue 13): the reads (my teams, a team's detail, the
// people my teams serve, an invitation's preview, the team key and the category keys a person
// granted a team) and the app's binding of the team commands (commands/teams.ts: every write) to
// the key work (`state/circle-crypto.ts`). Dependencies are injected so tests drive the real ones.
// Invariants of the reads:
// - a member opens the category keys a person granted the team (`teamCircleKeys`): the team private
//   key only under a pinned colleague's (or my own) seal, the person's identity only as vouched for
//   by a pinned colleague, each wrap only with her signature;
// - the team key and the team's circles are kept sealed on this device (vault/team-key-cache.ts) so
//   the people the team serves open offline; every signature is checked again on each use, the
//   cache is dropped when the server says the member is out (403, team no longer listed) and
//   replaced when the key version moves on; the person's side and the vouching live in
//   commands/team-circle.ts;
// - when this device sees the team key moved on (a rotation by any admin, on any device) while it
//   still keeps the previous version, it hands both keys to `onTeamKeyMoved` BEFORE the cache
//   forgets the old one (the team's survey campaigns sealed to it are carried over:
//   ./team-surveys.ts `carryCampaigns`).
import { createTeamCircleCommands as createTeamCircleWrites } from '$lib/commands/team-circle';
import {
	createTeamCommands as createTeamWrites,
	myTeamKeys,
	openTeamKey as openTeamKeyWith,
	teamInvitationLink,
	teamInvitationSecrets,
	teamPinScope,
	type VerifiedTeamPreview
} from '$lib/commands/teams';
import { invitationLookupId, verifyOwnerKeys } from '$lib/crypto/invitation';
import { openSignedWrap, signedWrapCreatedAt } from '$lib/crypto/signed-wrap';
import {
	exportTeamPrivateKey,
	importTeamPrivateKey,
	verifyOwnerAttestation
} from '$lib/crypto/team-key';
import type { TeamDetail } from '$lib/contracts/teams';
import { shareableCategorySchema, type Grant, type ShareableCategory } from '$lib/domain/circle';
import { pinsOf } from '$lib/vault/pins';
import {
	cachedTeamIds,
	forgetTeamKey,
	readTeamKey,
	saveTeamCircles,
	saveTeamKey,
	type CachedTeamCircles
} from '$lib/vault/team-key-cache';
import type { Vault } from '$lib/vault/vault';
import { fail, ok, type CircleError, type CircleResult } from '$lib/domain/circle/errors';
import type { TeamHttp } from '$lib/sync/team-http';
import { circleCrypto } from './circle-crypto';

export { teamPinScope, type VerifiedTeamPreview } from '$lib/commands/teams';

/**
 * The person's side of a team in her circle (commands/team-circle.ts), bound to the key work; the
 * app wires `rotateCategories` to her circle's rotation (teams.svelte.ts).
 */
export const createTeamCircleCommands = (
	deps: Omit<Parameters<typeof createTeamCircleWrites>[0], 'crypto'>
) => createTeamCircleWrites({ ...deps, crypto: circleCrypto });
export type TeamCircleCommands = ReturnType<typeof createTeamCircleCommands>;

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

/** A team private key with the version and public key it belongs to. */
export interface TeamKeyAt {
	readonly keyVersion: number;
	readonly publicKey: string;
	readonly privateKey: CryptoKey;
}

export function createTeamCommands(deps: {
	readonly vault: () => Vault;
	readonly now: () => number;
	readonly http: TeamHttp;
	/** This device's account id (what the server names it by), or null without an account. */
	readonly accountId: () => string | null;
	/**
	 * The team key moved on while this device still keeps the previous version (both opened under
	 * pinned seals): whatever is sealed to the old key is carried to the new one here. Best effort:
	 * a failure never stops the opening of the key.
	 */
	readonly onTeamKeyMoved?: (teamId: string, from: TeamKeyAt, to: TeamKeyAt) => Promise<unknown>;
}) {
	const { http } = deps;
	const bound = { ...deps, crypto: circleCrypto };
	const writes = createTeamWrites(bound);
	const myKeys = () => myTeamKeys(deps.vault());
	const openTeamKey = (detail: TeamDetail, extractable: boolean) =>
		openTeamKeyWith(bound, detail, extractable);

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
		if (cached !== null && cached.keyVersion < detail.keyVersion && deps.onTeamKeyMoved) {
			const from = {
				keyVersion: cached.keyVersion,
				publicKey: cached.publicKey,
				privateKey: cached.privateKey
			};
			const to = { keyVersion: detail.keyVersion, publicKey: detail.publicKey, privateKey: key };
			await deps.onTeamKeyMoved(detail.teamId, from, to).catch(() => null);
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
		...writes,
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

		linkOfInvitation: async (invitationId: string, origin: string): Promise<string | null> => {
			const found = (await teamInvitationSecrets(deps.vault())).find(
				(s) => s.invitationId === invitationId
			);
			return found === undefined ? null : teamInvitationLink(circleCrypto, origin, found.secret);
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

		/**
		 * The team's current key on this device: the private key opened under a pinned colleague's
		 * (or my own) seal, with the detail it was opened from (team surveys seal to and open with
		 * it: state/team-surveys.ts). Kept in the sealed cache like the key `teamCircleAccess` opens,
		 * so a later version is noticed (`onTeamKeyMoved`); `extractable` opens it from the seal
		 * only, without the cache, to seal something again at once.
		 */
		teamKey: async (
			teamId: string,
			extractable = false
		): Promise<CircleResult<{ readonly detail: TeamDetail; readonly privateKey: CryptoKey }>> => {
			const detail = await http.detail(teamId);
			if (!detail.ok) {
				if (isOut(detail.error)) await forgetTeamKey(deps.vault(), teamId);
				return detail;
			}
			const privateKey = extractable
				? await openTeamKey(detail.value, true)
				: await currentTeamKey(detail.value);
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
		}
	};
}

export type TeamCommands = ReturnType<typeof createTeamCommands>;
