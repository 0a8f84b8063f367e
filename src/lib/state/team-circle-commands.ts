// A care team and a person's circle (issue 14 §1), the two sides that meet there:
// - the person adds a whole team to her circle only when the team key is signed by an identity she
//   pinned in this circle (a professional she invited herself); category keys are wrapped to the
//   team key and signed by her identity; after a team key rotation her device re-wraps
//   (`rewrapTeams`, run when she opens her circle);
// - a team member who is herself in the person's circle (she pinned the person after a verified
//   invitation) vouches for the person's identity key to her colleagues, who check it against
//   their pin of her (src/lib/state/team-commands.ts `teamCircleKeys`).
import { attestOwner, verifyTeamKey } from '$lib/crypto/team-key';
import { wrapAndSignForMember } from '$lib/crypto/signed-wrap';
import type { TeamPublic } from '$lib/contracts/teams';
import type { Grant } from '$lib/domain/circle';
import { ownerPin, pinsOf } from '$lib/vault/pins';
import { extractableCategoryKey, signingIdentity } from '$lib/vault/sharing-keys';
import type { Vault } from '$lib/vault/vault';
import { fail, ok, type CircleResult } from './circle-http';
import type { CategoryWrap, TeamHttp } from './team-http';

export function createTeamCircleCommands(deps: {
	readonly vault: () => Vault;
	readonly now: () => number;
	readonly http: TeamHttp;
}) {
	const { http } = deps;

	/** The granted categories' active keys wrapped to the team key, once a pinned signer checks. */
	async function verifiedWraps(
		circleId: string,
		t: TeamPublic,
		grants: readonly Grant[]
	): Promise<CircleResult<CategoryWrap[]>> {
		const v = deps.vault();
		const signing = await signingIdentity(v);
		if (signing === null) return fail({ type: 'locked' });
		const pins = await pinsOf(v, circleId);
		const signer = pins.find((p) => p.role === 'member' && p.accountId === t.keySignerAccountId);
		const verified =
			signer !== undefined &&
			(await verifyTeamKey(
				signer.identityKey,
				{ teamId: t.teamId, keyVersion: t.keyVersion, publicKey: t.publicKey },
				t.keySignature
			));
		if (!verified)
			return fail({
				type: 'key-changed',
				members: [{ accountId: t.keySignerAccountId, label: t.name }]
			});
		const wraps: CategoryWrap[] = [];
		for (const g of grants) {
			const key = await extractableCategoryKey(v, g.category);
			if (key === null) return fail({ type: 'key-missing', category: g.category });
			const wrapped = await wrapAndSignForMember(
				key.key,
				t.publicKey,
				{ circleId, category: g.category, keyId: key.keyId, memberAccountId: t.teamId },
				signing,
				deps.now()
			);
			if (wrapped === null) return fail({ type: 'invalid-response' });
			wraps.push({ category: g.category, keyId: key.keyId, wrapped });
		}
		return ok(wraps);
	}

	return {
		/**
		 * A team member who is herself in the person's circle (she pinned the person after a
		 * verified invitation) vouches for the person's identity key to her colleagues.
		 */
		vouchForOwner: async (teamId: string, circleId: string): Promise<CircleResult<null>> => {
			const signing = await signingIdentity(deps.vault());
			const pin = await ownerPin(deps.vault(), circleId);
			if (signing === null) return fail({ type: 'locked' });
			if (pin === null) return fail({ type: 'owner-unverified' });
			const signature = await attestOwner(signing.privateKey, {
				teamId,
				circleId,
				ownerIdentityKey: pin.identityKey
			});
			return http.attest(teamId, circleId, { ownerIdentityKey: pin.identityKey, signature });
		},

		/**
		 * The person's side: adds a whole team to her circle. The team key must be signed by an
		 * identity she pinned in this circle; category keys are wrapped to it and signed by her.
		 */
		addTeamToCircle: async (
			circleId: string,
			teamId: string,
			label: string,
			grants: readonly Grant[]
		): Promise<CircleResult<null>> => {
			const team = await http.publicOf(teamId);
			if (!team.ok) return team;
			const wraps = await verifiedWraps(circleId, team.value, grants);
			if (!wraps.ok) return wraps;
			return http.addCircleTeam(circleId, {
				teamId,
				label,
				keyVersion: team.value.keyVersion,
				grants: [...grants],
				wraps: wraps.value
			});
		},

		/**
		 * The person's device at her next visit: for every team whose key moved on (a member left),
		 * the new key is checked against her pins and the granted categories' active keys are
		 * wrapped to it. Answers how many teams were re-wrapped; a team whose new key nobody she
		 * pinned signed keeps nothing new (its members read nothing written with newer keys).
		 */
		rewrapTeams: async (circleId: string): Promise<CircleResult<number>> => {
			const teams = await http.circleTeams(circleId);
			if (!teams.ok) return teams;
			let done = 0;
			for (const entry of teams.value.teams) {
				if (entry.wrappedForVersion >= entry.team.keyVersion) continue;
				const wraps = await verifiedWraps(circleId, entry.team, entry.grants);
				if (!wraps.ok) return wraps;
				const put = await http.putCircleTeamKeys(circleId, entry.teamId, {
					keyVersion: entry.team.keyVersion,
					wraps: wraps.value
				});
				if (!put.ok) return put;
				done += 1;
			}
			return ok(done);
		}
	};
}

export type TeamCircleCommands = ReturnType<typeof createTeamCircleCommands>;
