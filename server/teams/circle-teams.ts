// A whole team in a person's circle (issue 14 §1): the person (owner) adds a team with grants and
// the category keys wrapped to the team's public key, re-wraps after the team key rotates, and
// removes the team; team members list the circles their team was invited into, a member who knows
// the person vouches for her identity key, and `teamAccess` tells the permission loader what an
// account may read or write in a circle through its teams.
// Invariants: only the circle's owner changes a circle's teams; wraps must name the team's current
// key version and only granted categories; access through a team needs the account to be, right
// now, a professional member of that team (removal from the team ends it on the next request);
// the access log names the individual who pulled, since the server knows which account asked.
import type { Category } from '$lib/domain/categories';
import { accessSets, type Grant } from '$lib/domain/circle';
import type {
	AddCircleTeamRequest,
	AttestationRequest,
	CircleTeamKeysRequest,
	CircleTeamList,
	TeamCirclesResponse
} from '$lib/contracts/teams';
import { appendAudit } from '../audit/log';
import { circleOwner, grantsAreValid, grantsFromRows } from '../circle/common';
import type { DbHandle } from '../db';
import { err, ok, type Result } from '$lib/domain/result';
import type { TeamDatabase } from './schema';
import type { TeamError, Teams } from './teams';

export type CircleTeamError =
	TeamError | { readonly type: 'invalid-grant' } | { readonly type: 'team-key-stale' };

export function createCircleTeams(deps: {
	readonly db: DbHandle;
	readonly now: () => number;
	readonly teams: Teams;
	readonly isProfessional: (accountId: string) => Promise<boolean>;
}) {
	const base = deps.db.db;
	const db = base.$extendTables<TeamDatabase>();

	const ownerOnly = async (
		accountId: string,
		circleId: string
	): Promise<Result<void, CircleTeamError>> => {
		const owner = await circleOwner(base, circleId);
		if (owner === null) return err({ type: 'not-found' });
		return owner === accountId ? ok(undefined) : err({ type: 'forbidden' });
	};

	const teamVersion = async (teamId: string): Promise<number | null> =>
		(await db.selectFrom('teams').select('key_version').where('id', '=', teamId).executeTakeFirst())
			?.key_version ?? null;

	async function putWraps(
		trx: typeof db,
		circleId: string,
		teamId: string,
		keyVersion: number,
		wraps: readonly { category: string; keyId: string; wrapped: string }[],
		now: number
	): Promise<void> {
		for (const w of wraps) {
			await trx
				.insertInto('circle_team_key_wraps')
				.values({
					circle_id: circleId,
					team_id: teamId,
					category: w.category,
					key_id: w.keyId,
					key_version: keyVersion,
					wrapped: w.wrapped,
					created_at: now
				})
				.onConflict((oc) =>
					oc
						.columns(['circle_id', 'team_id', 'category', 'key_id', 'key_version'])
						.doUpdateSet({ wrapped: w.wrapped, created_at: now })
				)
				.execute();
		}
	}

	const grantsOf = async (circleId: string, teamId: string): Promise<Grant[]> =>
		grantsFromRows(
			await db
				.selectFrom('circle_team_grants')
				.select(['category', 'access', 'until'])
				.where('circle_id', '=', circleId)
				.where('team_id', '=', teamId)
				.execute()
		);

	return {
		async add(
			accountId: string,
			circleId: string,
			input: AddCircleTeamRequest & { readonly grants: readonly Grant[] }
		): Promise<Result<void, CircleTeamError>> {
			const allowed = await ownerOnly(accountId, circleId);
			if (!allowed.ok) return allowed;
			const version = await teamVersion(input.teamId);
			if (version === null) return err({ type: 'not-found' });
			if (version !== input.keyVersion) return err({ type: 'team-key-stale' });
			const now = deps.now();
			if (!grantsAreValid(input.grants, input.wraps, now)) return err({ type: 'invalid-grant' });
			await db.transaction().execute(async (trx) => {
				await trx
					.deleteFrom('circle_team_grants')
					.where('circle_id', '=', circleId)
					.where('team_id', '=', input.teamId)
					.execute();
				await trx
					.insertInto('circle_teams')
					.values({
						circle_id: circleId,
						team_id: input.teamId,
						label: input.label,
						key_version: input.keyVersion,
						owner_identity_key: null,
						attested_by: null,
						attestation: null,
						joined_at: now
					})
					.onConflict((oc) =>
						oc
							.columns(['circle_id', 'team_id'])
							.doUpdateSet({ label: input.label, key_version: input.keyVersion })
					)
					.execute();
				if (input.grants.length > 0) {
					await trx
						.insertInto('circle_team_grants')
						.values(
							input.grants.map((g) => ({
								circle_id: circleId,
								team_id: input.teamId,
								category: g.category,
								access: g.access,
								until: g.until,
								created_at: now
							}))
						)
						.execute();
				}
				await putWraps(trx, circleId, input.teamId, input.keyVersion, input.wraps, now);
				for (const g of input.grants) {
					await appendAudit(trx, {
						circleId,
						actor: accountId,
						subject: accountId,
						target: input.teamId,
						category: g.category,
						action: 'granted',
						at: now
					});
				}
			});
			return ok(undefined);
		},

		async list(
			accountId: string,
			circleId: string
		): Promise<Result<CircleTeamList, CircleTeamError>> {
			const allowed = await ownerOnly(accountId, circleId);
			if (!allowed.ok) return allowed;
			const rows = await db
				.selectFrom('circle_teams')
				.selectAll()
				.where('circle_id', '=', circleId)
				.orderBy('joined_at')
				.execute();
			const teams: CircleTeamList['teams'][number][] = [];
			for (const r of rows) {
				const team = await deps.teams.publicOf(r.team_id);
				if (team === null) continue;
				teams.push({
					teamId: r.team_id,
					label: r.label,
					grants: await grantsOf(circleId, r.team_id),
					wrappedForVersion: r.key_version,
					team
				});
			}
			return ok({ teams });
		},

		/** The person's device re-wraps (after a team key rotation or a category key rotation). */
		async putKeys(
			accountId: string,
			circleId: string,
			teamId: string,
			input: CircleTeamKeysRequest
		): Promise<Result<void, CircleTeamError>> {
			const allowed = await ownerOnly(accountId, circleId);
			if (!allowed.ok) return allowed;
			const version = await teamVersion(teamId);
			if (version === null) return err({ type: 'not-found' });
			if (version !== input.keyVersion) return err({ type: 'team-key-stale' });
			const grants = await grantsOf(circleId, teamId);
			if (!grantsAreValid(grants, input.wraps, deps.now())) return err({ type: 'invalid-grant' });
			const now = deps.now();
			await db.transaction().execute(async (trx) => {
				const moved = await trx
					.updateTable('circle_teams')
					.set({ key_version: input.keyVersion })
					.where('circle_id', '=', circleId)
					.where('team_id', '=', teamId)
					.executeTakeFirst();
				if (Number(moved.numUpdatedRows) !== 1) return;
				await putWraps(trx, circleId, teamId, input.keyVersion, input.wraps, now);
				// Wraps to older team key versions are of no use any more; drop them.
				await trx
					.deleteFrom('circle_team_key_wraps')
					.where('circle_id', '=', circleId)
					.where('team_id', '=', teamId)
					.where('key_version', '<', input.keyVersion)
					.execute();
			});
			return ok(undefined);
		},

		async remove(
			accountId: string,
			circleId: string,
			teamId: string
		): Promise<Result<void, CircleTeamError>> {
			const allowed = await ownerOnly(accountId, circleId);
			if (!allowed.ok) return allowed;
			const now = deps.now();
			const removed = await db.transaction().execute(async (trx) => {
				const gone = await trx
					.deleteFrom('circle_teams')
					.where('circle_id', '=', circleId)
					.where('team_id', '=', teamId)
					.executeTakeFirst();
				for (const table of ['circle_team_grants', 'circle_team_key_wraps'] as const) {
					await trx
						.deleteFrom(table)
						.where('circle_id', '=', circleId)
						.where('team_id', '=', teamId)
						.execute();
				}
				if (Number(gone.numDeletedRows) === 1) {
					await appendAudit(trx, {
						circleId,
						actor: accountId,
						subject: accountId,
						target: teamId,
						category: null,
						action: 'member-removed',
						at: now
					});
				}
				return Number(gone.numDeletedRows) === 1;
			});
			return removed ? ok(undefined) : err({ type: 'not-found' });
		},

		/** The circles a team was invited into, with what the person granted and the wraps. */
		async circlesOf(
			accountId: string,
			teamId: string
		): Promise<Result<TeamCirclesResponse, CircleTeamError>> {
			const me = await deps.teams.member(accountId, teamId);
			if (!me.ok) return me;
			const rows = await db
				.selectFrom('circle_teams')
				.selectAll()
				.where('team_id', '=', teamId)
				.orderBy('joined_at')
				.execute();
			const circles: TeamCirclesResponse['circles'][number][] = [];
			for (const r of rows) {
				const wraps = await db
					.selectFrom('circle_team_key_wraps')
					.select(['category', 'key_id', 'wrapped'])
					.where('circle_id', '=', r.circle_id)
					.where('team_id', '=', teamId)
					.where('key_version', '=', r.key_version)
					.execute();
				const voucher =
					r.attested_by === null
						? undefined
						: await base
								.selectFrom('circle_member_details')
								.select('circle_label')
								.where('circle_id', '=', r.circle_id)
								.where('account_id', '=', r.attested_by)
								.executeTakeFirst();
				circles.push({
					circleId: r.circle_id,
					label: r.label,
					personLabel: voucher?.circle_label ?? '',
					grants: await grantsOf(r.circle_id, teamId),
					keyVersion: r.key_version,
					wraps: wraps.map((w) => ({ category: w.category, keyId: w.key_id, wrapped: w.wrapped })),
					attestation:
						r.owner_identity_key === null || r.attested_by === null || r.attestation === null
							? null
							: {
									ownerIdentityKey: r.owner_identity_key,
									signerAccountId: r.attested_by,
									signature: r.attestation
								}
				});
			}
			return ok({ circles });
		},

		/**
		 * A team member who is herself an active member of the circle (she pinned the person after a
		 * verified invitation) vouches for the person's identity key to her colleagues.
		 */
		async attest(
			accountId: string,
			teamId: string,
			circleId: string,
			input: AttestationRequest
		): Promise<Result<void, CircleTeamError>> {
			const me = await deps.teams.member(accountId, teamId);
			if (!me.ok) return me;
			const individual = await base
				.selectFrom('circle_member_details')
				.select('status')
				.where('circle_id', '=', circleId)
				.where('account_id', '=', accountId)
				.executeTakeFirst();
			if (individual?.status !== 'active') return err({ type: 'forbidden' });
			const set = await db
				.updateTable('circle_teams')
				.set({
					owner_identity_key: input.ownerIdentityKey,
					attested_by: accountId,
					attestation: input.signature
				})
				.where('circle_id', '=', circleId)
				.where('team_id', '=', teamId)
				.executeTakeFirst();
			return Number(set.numUpdatedRows) === 1 ? ok(undefined) : err({ type: 'not-found' });
		},

		/**
		 * How the person's access log names the teams in her circle and the people who read through
		 * them: each team under the name she gave it (role `team`), each member, current or former
		 * (the label of the team invitation they accepted), with that team's name beside them.
		 */
		async logNames(
			circleId: string
		): Promise<{ accountId: string; label: string; role: string; team?: string }[]> {
			const rows = await db
				.selectFrom('circle_teams')
				.select(['team_id', 'label'])
				.where('circle_id', '=', circleId)
				.orderBy('joined_at')
				.execute();
			const out: { accountId: string; label: string; role: string; team?: string }[] = [];
			const seen = new Set<string>();
			for (const r of rows) {
				out.push({ accountId: r.team_id, label: r.label, role: 'team' });
				const current = await db
					.selectFrom('team_members')
					.select(['account_id', 'label'])
					.where('team_id', '=', r.team_id)
					.orderBy('joined_at')
					.execute();
				const former = await db
					.selectFrom('team_invitations')
					.select(['accepted_by', 'accepted_label'])
					.where('team_id', '=', r.team_id)
					.where('accepted_by', 'is not', null)
					.orderBy('created_at')
					.execute();
				const people = [
					...current.map((m) => ({ accountId: m.account_id, label: m.label })),
					...former.flatMap((f) =>
						f.accepted_by === null
							? []
							: [{ accountId: f.accepted_by, label: f.accepted_label ?? '' }]
					)
				];
				for (const p of people) {
					if (seen.has(p.accountId)) continue;
					seen.add(p.accountId);
					out.push({ accountId: p.accountId, label: p.label, role: 'other', team: r.label });
				}
			}
			return out;
		},

		/**
		 * What `accountId` may read and write in `circleId` through its teams right now: the union of
		 * the grants to every team it is a member of; null when none (not a professional, or in no
		 * team of this circle).
		 */
		async teamAccess(
			accountId: string,
			circleId: string
		): Promise<{
			readonly readable: ReadonlySet<Category>;
			readonly writable: ReadonlySet<Category>;
			readonly teamOf: ReadonlyMap<Category, string>;
		} | null> {
			const rows = await db
				.selectFrom('circle_team_grants')
				.innerJoin('team_members', 'team_members.team_id', 'circle_team_grants.team_id')
				.innerJoin('circle_teams', (join) =>
					join
						.onRef('circle_teams.team_id', '=', 'circle_team_grants.team_id')
						.onRef('circle_teams.circle_id', '=', 'circle_team_grants.circle_id')
				)
				.select([
					'circle_team_grants.team_id',
					'circle_team_grants.category',
					'circle_team_grants.access',
					'circle_team_grants.until'
				])
				.where('circle_team_grants.circle_id', '=', circleId)
				.where('team_members.account_id', '=', accountId)
				.execute();
			if (rows.length === 0) return null;
			if (!(await deps.isProfessional(accountId))) return null;
			// Several teams may grant in one circle: the union of what each team's grants allow now.
			const readable = new Set<Category>();
			const writable = new Set<Category>();
			const teamOf = new Map<Category, string>();
			const now = deps.now();
			for (const teamId of new Set(rows.map((r) => r.team_id))) {
				const sets = accessSets(
					grantsFromRows(rows.filter((r) => r.team_id === teamId)),
					{ kind: 'member', role: 'other' },
					now
				);
				for (const c of sets.readable) {
					readable.add(c);
					if (!teamOf.has(c)) teamOf.set(c, teamId);
				}
				for (const c of sets.writable) writable.add(c);
			}
			return { readable, writable, teamOf };
		}
	};
}

export type CircleTeams = ReturnType<typeof createCircleTeams>;
