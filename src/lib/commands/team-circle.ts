// A care team and a person's circle (issue 14 §1, issue 13: writes by name, key work injected
// through ./circle-crypto.ts), the two sides that meet there:
// - the person adds a whole team to her circle only when the team key is signed by an identity she
//   pinned in this circle (a professional she invited herself); category keys are wrapped to the
//   team key and signed by her identity (every key of a granted category, so older records read
//   too); after a team key rotation her device checks the new key, rotates the categories the team
//   could read (her circle's own rotation) and re-wraps (`rewrapTeams`, run by her device's
//   background sync, ./team-rewrap.ts, its refusal shown in words on her circle page);
// - after any rotation of her own (a direct member removed), the teams granted the rotated
//   categories get the new keys too (`wrapForTeams`, called by commands/circle.ts `rotate`),
//   or they could not read what she writes next; when the teams' list is out of reach the rotated
//   categories wait sealed in her vault (`team-wraps-pending:<circle>`, a local secret) and go
//   with her next background re-wrap;
// - a team member who is herself in the person's circle (she pinned the person after a verified
//   invitation) vouches for the person's identity key to her colleagues, who check it against
//   their pin of her (src/lib/state/team-commands.ts `teamCircleKeys`).
// Every command answers a `CircleError` (domain/circle/errors.ts) as data; labels and grants are
// parsed (zod, domain/circle) before anything is wrapped or sent.
import * as z from 'zod';
import type { TeamPublic } from '$lib/contracts/teams';
import {
	grantListSchema,
	memberLabelSchema,
	shareableCategorySchema,
	type Grant,
	type ShareableCategory
} from '$lib/domain/circle';
import { readLocalSecret, removeLocalSecret, saveLocalSecret } from '$lib/vault/local-secret';
import { ownerPin, pinsOf } from '$lib/vault/pins';
import { extractableCategoryKey, signingIdentity } from '$lib/vault/sharing-keys';
import type { Vault } from '$lib/vault/vault';
import { fail, ok, type CircleResult, type UnverifiedMember } from '$lib/domain/circle/errors';
import type { CategoryWrap, TeamHttp } from '$lib/sync/team-http';
import type { CircleCrypto } from './circle-crypto';

/** Categories rotated while the teams' list was out of reach: wrapped to the teams next time. */
const pendingName = (circleId: string): string => `team-wraps-pending:${circleId}`;
const pendingSchema = z.array(shareableCategorySchema);

async function pendingTeamWraps(vault: Vault, circleId: string): Promise<ShareableCategory[]> {
	const bytes = await readLocalSecret(vault, pendingName(circleId));
	if (bytes === null) return [];
	try {
		const parsed = pendingSchema.safeParse(JSON.parse(new TextDecoder().decode(bytes)));
		return parsed.success ? parsed.data : [];
	} catch {
		return [];
	}
}

export function createTeamCircleCommands(deps: {
	readonly vault: () => Vault;
	readonly now: () => number;
	readonly http: TeamHttp;
	readonly crypto: CircleCrypto;
	/**
	 * The person's circle rotation after a member left (commands/circle.ts `rotate`, with the
	 * circle's members): new active keys for `categories`, wrapped to her remaining members.
	 */
	readonly rotateCategories?: (
		circleId: string,
		categories: readonly ShareableCategory[]
	) => Promise<CircleResult<null>>;
}) {
	const { http, crypto } = deps;

	/** The team key is signed by an identity she pinned in this circle (a professional she invited). */
	async function teamKeyVerified(circleId: string, t: TeamPublic): Promise<boolean> {
		const pins = await pinsOf(deps.vault(), circleId);
		const signer = pins.find((p) => p.role === 'member' && p.accountId === t.keySignerAccountId);
		return (
			signer !== undefined &&
			(await crypto.verifyTeamKey(
				signer.identityKey,
				{ teamId: t.teamId, keyVersion: t.keyVersion, publicKey: t.publicKey },
				t.keySignature
			))
		);
	}

	/**
	 * Every key of the granted categories (the active one and the older ones, so the team reads the
	 * records written before too) wrapped to the team key and signed by her, once the key checks.
	 */
	async function verifiedWraps(
		circleId: string,
		t: TeamPublic,
		label: string,
		grants: readonly Grant[]
	): Promise<CircleResult<CategoryWrap[]>> {
		const v = deps.vault();
		const signing = await signingIdentity(v);
		if (signing === null) return fail({ type: 'locked' });
		if (!(await teamKeyVerified(circleId, t)))
			return fail({
				type: 'key-changed',
				members: [{ accountId: t.keySignerAccountId, label }]
			});
		const rows = await v.keyRows();
		const wraps: CategoryWrap[] = [];
		for (const g of grants) {
			const active = await extractableCategoryKey(v, g.category);
			if (active === null) return fail({ type: 'key-missing', category: g.category });
			const keyIds = new Set([
				...rows.filter((r) => r.category === g.category).map((r) => r.keyId),
				active.keyId
			]);
			for (const keyId of keyIds) {
				const key = keyId === active.keyId ? active.key : await v.categoryKey(keyId, true);
				if (key === null) continue;
				const wrapped = await crypto.wrapForMember(
					key,
					t.publicKey,
					{ circleId, category: g.category, keyId, memberAccountId: t.teamId },
					signing,
					deps.now()
				);
				if (wrapped === null) return fail({ type: 'invalid-response' });
				wraps.push({ category: g.category, keyId, wrapped });
			}
		}
		return ok(wraps);
	}

	async function wrapNow(
		circleId: string,
		categories: readonly ShareableCategory[]
	): Promise<CircleResult<UnverifiedMember[]>> {
		if (categories.length === 0) return ok([]);
		const teams = await http.circleTeams(circleId);
		if (!teams.ok) return teams;
		const now = deps.now();
		const unverified: UnverifiedMember[] = [];
		for (const entry of teams.value.teams) {
			if (entry.wrappedForVersion < entry.team.keyVersion) continue;
			const grants = entry.grants.filter(
				(g) => categories.includes(g.category) && (g.until === null || g.until > now)
			);
			if (grants.length === 0) continue;
			const wraps = await verifiedWraps(circleId, entry.team, entry.label, grants);
			if (!wraps.ok) {
				if (wraps.error.type !== 'key-changed') return wraps;
				unverified.push(...wraps.error.members);
				continue;
			}
			const put = await http.putCircleTeamKeys(circleId, entry.teamId, {
				keyVersion: entry.team.keyVersion,
				wraps: wraps.value
			});
			if (!put.ok) return put;
		}
		return ok(unverified);
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
			const signature = await crypto.attestOwner(signing.privateKey, {
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
			const parsedLabel = memberLabelSchema.safeParse(label);
			const parsedGrants = grantListSchema.safeParse(grants);
			if (!parsedLabel.success || !parsedGrants.success) return fail({ type: 'invalid-input' });
			const team = await http.publicOf(teamId);
			if (!team.ok) return team;
			const wraps = await verifiedWraps(circleId, team.value, team.value.name, parsedGrants.data);
			if (!wraps.ok) return wraps;
			return http.addCircleTeam(circleId, {
				teamId,
				label: parsedLabel.data,
				keyVersion: team.value.keyVersion,
				grants: parsedGrants.data,
				wraps: wraps.value
			});
		},

		/**
		 * After the person's own rotation of `categories` (a direct member removed, a grant taken
		 * back, or a team's key moved on): every team of her circle granted one of them, whose
		 * wraps follow its current key, gets the new keys too (every key of those categories, to
		 * the team key, checked against her pins first). A team behind its key version waits for
		 * `rewrapTeams`, which wraps everything. Answers the teams whose key did not check: they
		 * got nothing new (said in words, as for a member whose keys changed). When the server
		 * cannot be reached, the categories wait (sealed in this vault) and go with the next call,
		 * which her background sync makes (`rewrapTeams`).
		 */
		wrapForTeams: async (
			circleId: string,
			categories: readonly ShareableCategory[]
		): Promise<CircleResult<UnverifiedMember[]>> => {
			const v = deps.vault();
			const toWrap = [...new Set([...(await pendingTeamWraps(v, circleId)), ...categories])];
			if (toWrap.length === 0) return ok([]);
			const done = await wrapNow(circleId, toWrap);
			if (done.ok) await removeLocalSecret(v, pendingName(circleId));
			else
				await saveLocalSecret(
					v,
					pendingName(circleId),
					new TextEncoder().encode(JSON.stringify(toWrap))
				);
			return done;
		},

		/**
		 * The person's device at its next sync (./team-rewrap.ts) or visit of her circle page: for every team whose key moved on (a member left or
		 * was removed), the new key is checked against her pins FIRST (a key nobody she pinned signed
		 * gets nothing new: `key-changed` names the team); then the categories the team could read
		 * are rotated for future records (her circle's own rotation, `rotateCategories`) and every
		 * key of them is wrapped to the new team key. Answers how many teams were re-wrapped.
		 */
		rewrapTeams: async (circleId: string): Promise<CircleResult<number>> => {
			const teams = await http.circleTeams(circleId);
			if (!teams.ok) return teams;
			let done = 0;
			const rotated = new Set<ShareableCategory>();
			for (const entry of teams.value.teams) {
				if (entry.wrappedForVersion >= entry.team.keyVersion) continue;
				if (!(await teamKeyVerified(circleId, entry.team)))
					return fail({
						type: 'key-changed',
						members: [{ accountId: entry.team.keySignerAccountId, label: entry.label }]
					});
				const now = deps.now();
				const toRotate = [
					...new Set(
						entry.grants
							.filter((g) => g.until === null || g.until > now)
							.map((g) => g.category)
							.filter((c) => !rotated.has(c))
					)
				];
				if (toRotate.length > 0 && deps.rotateCategories !== undefined) {
					const turned = await deps.rotateCategories(circleId, toRotate);
					// A member whose keys changed got nothing new; the team still gets the new keys.
					if (!turned.ok && turned.error.type !== 'key-changed') return turned;
					for (const c of toRotate) rotated.add(c);
				}
				const wraps = await verifiedWraps(circleId, entry.team, entry.label, entry.grants);
				if (!wraps.ok) return wraps;
				const put = await http.putCircleTeamKeys(circleId, entry.teamId, {
					keyVersion: entry.team.keyVersion,
					wraps: wraps.value
				});
				if (!put.ok) return put;
				done += 1;
			}
			// New keys of her own rotations that could not reach the teams yet.
			const pending = await pendingTeamWraps(deps.vault(), circleId);
			if (pending.length > 0) {
				const v = deps.vault();
				const sent = await wrapNow(circleId, pending);
				if (!sent.ok) return sent;
				await removeLocalSecret(v, pendingName(circleId));
			}
			return ok(done);
		}
	};
}
