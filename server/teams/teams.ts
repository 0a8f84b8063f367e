// Teams on the server (issue 14 §1): creation, membership, invitations by single-use link, removal
// and key rotation. Only professional accounts (second factor on) take part. The server keeps
// public keys, signatures and sealed copies of the team private key; it checks who may do what
// and that a rotation covers exactly the remaining members, never any key material.
// Invariants: an invitation is accepted by one account once (another account: `invitation-other-
// account`; after confirmation: `invitation-used`; past its expiry: `invitation-expired`); a wrong
// server proof counts as a failure (five kill the invitation); only an admin invites, confirms,
// removes others and rotates; anyone may leave, except the last admin of a team with others;
// removal deletes the member's sealed copies in the same transaction and marks the team for
// rotation, so the member's next request through the team is refused at once.
import { lookupIdHash, verifyServerProof } from '$lib/crypto/invitation';
import type {
	AcceptTeamInvitationRequest,
	CreateTeamRequest,
	CreateTeamInvitationRequest,
	RotateTeamKeyRequest,
	TeamDetail,
	TeamInvitationPreview,
	TeamListResponse,
	TeamPublic
} from '$lib/contracts/teams';
import { canLeave, teamKindSchema, teamRoleSchema } from '$lib/domain/care-team/teams';
import type { DbHandle } from '../db';
import { isUniqueViolation } from '../db/errors';
import { err, ok, type Result } from '$lib/domain/result';
import type { TeamDatabase } from './schema';

export type TeamError =
	| { readonly type: 'forbidden' }
	| { readonly type: 'not-found' }
	| { readonly type: 'professional-needs-second-factor' }
	| { readonly type: 'already-member' }
	| { readonly type: 'invitation-expired' }
	| { readonly type: 'invitation-used' }
	| { readonly type: 'invitation-other-account' }
	| { readonly type: 'invitation-revoked' }
	| { readonly type: 'invitation-proof-invalid' }
	| { readonly type: 'invitation-not-accepted' }
	| { readonly type: 'rotation-incomplete' }
	| { readonly type: 'team-key-stale' }
	| { readonly type: 'last-admin' };

const MAX_ACCEPT_FAILURES = 5;
const HOUR = 60 * 60 * 1000;

export interface TeamsDeps {
	readonly db: DbHandle;
	readonly now: () => number;
	readonly newId: () => string;
	readonly isProfessional: (accountId: string) => Promise<boolean>;
}

export function createTeams(deps: TeamsDeps) {
	const db = deps.db.db.$extendTables<TeamDatabase>();

	const membership = (teamId: string, accountId: string) =>
		db
			.selectFrom('team_members')
			.select(['role'])
			.where('team_id', '=', teamId)
			.where('account_id', '=', accountId)
			.executeTakeFirst();

	const publicOf = async (teamId: string): Promise<TeamPublic | null> => {
		const row = await db
			.selectFrom('teams')
			.selectAll()
			.where('id', '=', teamId)
			.executeTakeFirst();
		if (row === undefined) return null;
		const signer = await db
			.selectFrom('team_members')
			.select('identity_key')
			.where('team_id', '=', teamId)
			.where('account_id', '=', row.key_signer)
			.executeTakeFirst();
		return {
			teamId: row.id,
			name: row.name,
			kind: teamKindSchema.catch('other').parse(row.kind),
			keyVersion: row.key_version,
			publicKey: row.public_key,
			keySignature: row.key_signature,
			keySignerAccountId: row.key_signer,
			keySignerIdentityKey: signer?.identity_key ?? ''
		};
	};

	/** A professional member of the team (null: not a member; the error says why). */
	async function member(
		accountId: string,
		teamId: string
	): Promise<Result<{ readonly role: 'admin' | 'member' }, TeamError>> {
		if (!(await deps.isProfessional(accountId)))
			return err({ type: 'professional-needs-second-factor' });
		const row = await membership(teamId, accountId);
		if (row === undefined) return err({ type: 'forbidden' });
		return ok({ role: teamRoleSchema.catch('member').parse(row.role) });
	}

	async function admin(accountId: string, teamId: string): Promise<Result<void, TeamError>> {
		const me = await member(accountId, teamId);
		if (!me.ok) return me;
		return me.value.role === 'admin' ? ok(undefined) : err({ type: 'forbidden' });
	}

	/** A professional member's role and the team key now (null: not a member, or not professional). */
	async function standing(
		accountId: string,
		teamId: string
	): Promise<{
		readonly role: 'admin' | 'member';
		readonly keyVersion: number;
		readonly rotationPending: boolean;
	} | null> {
		const me = await member(accountId, teamId);
		if (!me.ok) return null;
		const team = await db
			.selectFrom('teams')
			.select(['key_version', 'rotation_pending'])
			.where('id', '=', teamId)
			.executeTakeFirst();
		if (team === undefined) return null;
		return {
			role: me.value.role,
			keyVersion: team.key_version,
			rotationPending: team.rotation_pending === 1
		};
	}

	return {
		publicOf,
		member,
		standing,

		async create(
			accountId: string,
			input: CreateTeamRequest
		): Promise<Result<TeamPublic, TeamError>> {
			if (!(await deps.isProfessional(accountId)))
				return err({ type: 'professional-needs-second-factor' });
			const now = deps.now();
			try {
				await db.transaction().execute(async (trx) => {
					await trx
						.insertInto('teams')
						.values({
							id: input.teamId,
							name: input.name,
							kind: input.kind,
							created_by: accountId,
							key_version: 1,
							public_key: input.publicKey,
							key_signature: input.keySignature,
							key_signer: accountId,
							rotation_pending: 0,
							created_at: now
						})
						.execute();
					await trx
						.insertInto('team_members')
						.values({
							team_id: input.teamId,
							account_id: accountId,
							role: 'admin',
							label: input.label,
							identity_key: input.identityKey,
							sharing_key: input.sharingKey,
							joined_at: now
						})
						.execute();
					await trx
						.insertInto('team_key_wraps')
						.values({
							team_id: input.teamId,
							account_id: accountId,
							key_version: 1,
							wrapped: input.ownWrap,
							sealed_by: accountId,
							created_at: now
						})
						.execute();
				});
			} catch (error) {
				if (isUniqueViolation(error)) return err({ type: 'already-member' });
				throw error;
			}
			const created = await publicOf(input.teamId);
			if (created === null) throw new Error('team vanished after creation');
			return ok(created);
		},

		async list(accountId: string): Promise<TeamListResponse> {
			const rows = await db
				.selectFrom('team_members')
				.innerJoin('teams', 'teams.id', 'team_members.team_id')
				.select(['teams.id', 'teams.name', 'teams.kind', 'team_members.role'])
				.where('team_members.account_id', '=', accountId)
				.orderBy('teams.name')
				.execute();
			return {
				teams: rows.map((r) => ({
					teamId: r.id,
					name: r.name,
					kind: teamKindSchema.catch('other').parse(r.kind),
					myRole: teamRoleSchema.catch('member').parse(r.role)
				}))
			};
		},

		async detail(accountId: string, teamId: string): Promise<Result<TeamDetail, TeamError>> {
			const me = await member(accountId, teamId);
			if (!me.ok) return me;
			const team = await publicOf(teamId);
			if (team === null) return err({ type: 'not-found' });
			const members = await db
				.selectFrom('team_members')
				.selectAll()
				.where('team_id', '=', teamId)
				.orderBy('joined_at')
				.orderBy('account_id')
				.execute();
			const wrap = await db
				.selectFrom('team_key_wraps')
				.select(['wrapped', 'sealed_by'])
				.where('team_id', '=', teamId)
				.where('account_id', '=', accountId)
				.where('key_version', '=', team.keyVersion)
				.executeTakeFirst();
			const invitations =
				me.value.role === 'admin'
					? await db
							.selectFrom('team_invitations')
							.selectAll()
							.where('team_id', '=', teamId)
							.where('confirmed_at', 'is', null)
							.orderBy('created_at')
							.execute()
					: [];
			const flags = await db
				.selectFrom('teams')
				.select('rotation_pending')
				.where('id', '=', teamId)
				.executeTakeFirstOrThrow();
			const now = deps.now();
			return ok({
				...team,
				myRole: me.value.role,
				myWrap: wrap?.wrapped ?? null,
				myWrapSignerAccountId: wrap?.sealed_by ?? null,
				rotationPending: flags.rotation_pending === 1,
				members: members.map((m) => ({
					accountId: m.account_id,
					role: teamRoleSchema.catch('member').parse(m.role),
					label: m.label,
					identityKey: m.identity_key,
					sharingKey: m.sharing_key,
					joinedAt: m.joined_at
				})),
				invitations: invitations.map((i) => ({
					id: i.id,
					role: teamRoleSchema.catch('member').parse(i.role),
					createdAt: i.created_at,
					expiresAt: i.expires_at,
					status:
						i.accepted_by !== null
							? ('accepted' as const)
							: i.expires_at <= now
								? ('expired' as const)
								: ('open' as const),
					acceptance:
						i.accepted_by === null ||
						i.accepted_identity_key === null ||
						i.accepted_sharing_key === null ||
						i.accepted_proof === null
							? null
							: {
									accountId: i.accepted_by,
									label: i.accepted_label ?? '',
									identityKey: i.accepted_identity_key,
									sharingKey: i.accepted_sharing_key,
									proof: i.accepted_proof
								}
				}))
			});
		},

		async invite(
			accountId: string,
			teamId: string,
			input: CreateTeamInvitationRequest & {
				readonly role: 'admin' | 'member';
				readonly expiresInHours: number;
			}
		): Promise<Result<{ readonly invitationId: string; readonly expiresAt: number }, TeamError>> {
			const allowed = await admin(accountId, teamId);
			if (!allowed.ok) return allowed;
			const now = deps.now();
			const id = deps.newId();
			const expiresAt = now + input.expiresInHours * HOUR;
			try {
				await db
					.insertInto('team_invitations')
					.values({
						id,
						team_id: teamId,
						lookup_hash: await lookupIdHash(input.lookupId),
						server_key: input.serverKey,
						role: input.role,
						invited_by: accountId,
						inviter_proof: input.inviterProof,
						created_at: now,
						expires_at: expiresAt,
						failure_count: 0,
						accepted_by: null,
						accepted_label: null,
						accepted_identity_key: null,
						accepted_sharing_key: null,
						accepted_proof: null,
						confirmed_at: null
					})
					.execute();
			} catch (error) {
				if (isUniqueViolation(error)) return err({ type: 'invitation-used' });
				throw error;
			}
			return ok({ invitationId: id, expiresAt });
		},

		async preview(
			accountId: string,
			lookupId: string
		): Promise<Result<TeamInvitationPreview, TeamError>> {
			if (!(await deps.isProfessional(accountId)))
				return err({ type: 'professional-needs-second-factor' });
			const row = await db
				.selectFrom('team_invitations')
				.selectAll()
				.where('lookup_hash', '=', await lookupIdHash(lookupId))
				.executeTakeFirst();
			if (row === undefined) return err({ type: 'not-found' });
			const usable = invitationUsable(row, accountId, deps.now());
			if (!usable.ok) return usable;
			const team = await publicOf(row.team_id);
			const inviter = await db
				.selectFrom('team_members')
				.select(['identity_key', 'sharing_key'])
				.where('team_id', '=', row.team_id)
				.where('account_id', '=', row.invited_by)
				.executeTakeFirst();
			if (team === null || inviter === undefined) return err({ type: 'invitation-revoked' });
			return ok({
				invitationId: row.id,
				team,
				role: teamRoleSchema.catch('member').parse(row.role),
				expiresAt: row.expires_at,
				inviterAccountId: row.invited_by,
				inviterIdentityKey: inviter.identity_key,
				inviterSharingKey: inviter.sharing_key,
				inviterProof: row.inviter_proof
			});
		},

		async accept(
			accountId: string,
			lookupId: string,
			input: AcceptTeamInvitationRequest
		): Promise<Result<{ readonly teamId: string }, TeamError>> {
			if (!(await deps.isProfessional(accountId)))
				return err({ type: 'professional-needs-second-factor' });
			const hash = await lookupIdHash(lookupId);
			const row = await db
				.selectFrom('team_invitations')
				.selectAll()
				.where('lookup_hash', '=', hash)
				.executeTakeFirst();
			if (row === undefined) return err({ type: 'not-found' });
			const usable = invitationUsable(row, accountId, deps.now());
			if (!usable.ok) return usable;
			if ((await membership(row.team_id, accountId)) !== undefined)
				return err({ type: 'already-member' });
			if (!(await verifyServerProof(row.server_key, row.id, input.sharingKey, input.serverProof))) {
				await db
					.updateTable('team_invitations')
					.set((eb) => ({ failure_count: eb('failure_count', '+', 1) }))
					.where('id', '=', row.id)
					.execute();
				return err({ type: 'invitation-proof-invalid' });
			}
			// One statement decides who accepted: a parallel accept by another account loses.
			const taken = await db
				.updateTable('team_invitations')
				.set({
					accepted_by: accountId,
					accepted_label: input.label,
					accepted_identity_key: input.identityKey,
					accepted_sharing_key: input.sharingKey,
					accepted_proof: input.proof
				})
				.where('id', '=', row.id)
				.where((eb) => eb.or([eb('accepted_by', 'is', null), eb('accepted_by', '=', accountId)]))
				.where('confirmed_at', 'is', null)
				.executeTakeFirst();
			if (Number(taken.numUpdatedRows) !== 1) return err({ type: 'invitation-other-account' });
			return ok({ teamId: row.team_id });
		},

		async confirm(
			accountId: string,
			teamId: string,
			invitationId: string,
			input: { readonly keyVersion: number; readonly wrap: string }
		): Promise<Result<void, TeamError>> {
			const allowed = await admin(accountId, teamId);
			if (!allowed.ok) return allowed;
			const now = deps.now();
			return db.transaction().execute(async (trx): Promise<Result<void, TeamError>> => {
				const row = await trx
					.selectFrom('team_invitations')
					.selectAll()
					.where('id', '=', invitationId)
					.where('team_id', '=', teamId)
					.executeTakeFirst();
				if (row === undefined) return err({ type: 'not-found' });
				if (row.confirmed_at !== null) return err({ type: 'invitation-used' });
				if (
					row.accepted_by === null ||
					row.accepted_identity_key === null ||
					row.accepted_sharing_key === null
				)
					return err({ type: 'invitation-not-accepted' });
				const team = await trx
					.selectFrom('teams')
					.select('key_version')
					.where('id', '=', teamId)
					.executeTakeFirstOrThrow();
				if (team.key_version !== input.keyVersion) return err({ type: 'team-key-stale' });
				await trx
					.updateTable('team_invitations')
					.set({ confirmed_at: now })
					.where('id', '=', row.id)
					.execute();
				await trx
					.insertInto('team_members')
					.values({
						team_id: teamId,
						account_id: row.accepted_by,
						role: row.role,
						label: row.accepted_label ?? '',
						identity_key: row.accepted_identity_key,
						sharing_key: row.accepted_sharing_key,
						joined_at: now
					})
					.onConflict((oc) => oc.columns(['team_id', 'account_id']).doNothing())
					.execute();
				await trx
					.insertInto('team_key_wraps')
					.values({
						team_id: teamId,
						account_id: row.accepted_by,
						key_version: input.keyVersion,
						wrapped: input.wrap,
						sealed_by: accountId,
						created_at: now
					})
					.onConflict((oc) =>
						oc
							.columns(['team_id', 'account_id', 'key_version'])
							.doUpdateSet({ wrapped: input.wrap, sealed_by: accountId, created_at: now })
					)
					.execute();
				return ok(undefined);
			});
		},

		/** Removal by an admin, or leaving (target = self). Access through the team ends at once. */
		async remove(
			accountId: string,
			teamId: string,
			target: string
		): Promise<Result<void, TeamError>> {
			const me = await member(accountId, teamId);
			if (!me.ok) return me;
			if (target !== accountId && me.value.role !== 'admin') return err({ type: 'forbidden' });
			return db.transaction().execute(async (trx): Promise<Result<void, TeamError>> => {
				const members = (
					await trx
						.selectFrom('team_members')
						.select(['account_id', 'role'])
						.where('team_id', '=', teamId)
						.execute()
				).map((m) => ({
					accountId: m.account_id,
					role: teamRoleSchema.catch('member').parse(m.role)
				}));
				if (!members.some((m) => m.accountId === target)) return err({ type: 'not-found' });
				if (!canLeave(members, target)) return err({ type: 'last-admin' });
				await trx
					.deleteFrom('team_members')
					.where('team_id', '=', teamId)
					.where('account_id', '=', target)
					.execute();
				await trx
					.deleteFrom('team_key_wraps')
					.where('team_id', '=', teamId)
					.where('account_id', '=', target)
					.execute();
				await trx
					.updateTable('teams')
					.set({ rotation_pending: members.length > 1 ? 1 : 0 })
					.where('id', '=', teamId)
					.execute();
				return ok(undefined);
			});
		},

		/** A new team key version, sealed to exactly the current members (an admin's device). */
		async rotate(
			accountId: string,
			teamId: string,
			input: RotateTeamKeyRequest
		): Promise<Result<TeamPublic, TeamError>> {
			const allowed = await admin(accountId, teamId);
			if (!allowed.ok) return allowed;
			const now = deps.now();
			const done = await db.transaction().execute(async (trx): Promise<Result<void, TeamError>> => {
				const team = await trx
					.selectFrom('teams')
					.select('key_version')
					.where('id', '=', teamId)
					.executeTakeFirstOrThrow();
				if (input.keyVersion !== team.key_version + 1) return err({ type: 'team-key-stale' });
				const current = new Set(
					(
						await trx
							.selectFrom('team_members')
							.select('account_id')
							.where('team_id', '=', teamId)
							.execute()
					).map((m) => m.account_id)
				);
				const covered = new Set(input.wraps.map((w) => w.accountId));
				if (covered.size !== input.wraps.length || covered.size !== current.size)
					return err({ type: 'rotation-incomplete' });
				for (const id of covered) if (!current.has(id)) return err({ type: 'rotation-incomplete' });
				await trx
					.updateTable('teams')
					.set({
						key_version: input.keyVersion,
						public_key: input.publicKey,
						key_signature: input.keySignature,
						key_signer: accountId,
						rotation_pending: 0
					})
					.where('id', '=', teamId)
					.execute();
				await trx
					.insertInto('team_key_wraps')
					.values(
						input.wraps.map((w) => ({
							team_id: teamId,
							account_id: w.accountId,
							key_version: input.keyVersion,
							wrapped: w.wrapped,
							sealed_by: accountId,
							created_at: now
						}))
					)
					.execute();
				return ok(undefined);
			});
			if (!done.ok) return done;
			const team = await publicOf(teamId);
			return team === null ? err({ type: 'not-found' }) : ok(team);
		}
	};
}

function invitationUsable(
	row: {
		readonly expires_at: number;
		readonly confirmed_at: number | null;
		readonly accepted_by: string | null;
		readonly failure_count: number;
	},
	accountId: string,
	now: number
): Result<void, TeamError> {
	if (row.confirmed_at !== null) return err({ type: 'invitation-used' });
	if (row.failure_count >= MAX_ACCEPT_FAILURES) return err({ type: 'invitation-revoked' });
	if (row.accepted_by !== null && row.accepted_by !== accountId)
		return err({ type: 'invitation-other-account' });
	if (row.expires_at <= now) return err({ type: 'invitation-expired' });
	return ok(undefined);
}

export type Teams = ReturnType<typeof createTeams>;
