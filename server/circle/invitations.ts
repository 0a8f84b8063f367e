// Invitations (DESIGN: Sharing). The server holds SHA-256(lookup id) and the one-way server key,
// never the link secret. Invariants: single use (the accept is a conditional update on
// `used_at is null`); expired, used or revoked invitations are refused; a wrong server proof
// counts a failure and the invitation dies at MAX_FAILURES; every refusal that concerns the
// person's circle is appended to the access log in the same transaction as its effect.
import { lookupIdHash, verifyServerProof } from '$lib/crypto/invitation';
import type {
	acceptInvitationRequestSchema,
	confirmInvitationRequestSchema,
	createInvitationRequestSchema,
	Invitation,
	InvitationPreview
} from '$lib/contracts/circle';
import { careRoleSchema, grantSchema, type Grant } from '$lib/domain/circle';
import * as z from 'zod';
import { appendAudit, appendRefusal } from '../audit/log';
import type { DbHandle } from '../db';
import { isUniqueViolation } from '../db/errors';
import type { CircleInvitationsTable } from './schema';
import { err, ok, type Result } from '$lib/domain/result';
import { circleOwner, grantsAreValid, insertGrants, insertWraps, type Executor } from './common';

export const MAX_FAILURES = 5;
const HOUR_MS = 3_600_000;

export type InvitationError =
	| { readonly type: 'forbidden' }
	| { readonly type: 'not-found' }
	| { readonly type: 'invitation-expired' }
	| { readonly type: 'invitation-used' }
	| { readonly type: 'invitation-revoked' }
	| { readonly type: 'invitation-proof-invalid' }
	| { readonly type: 'invitation-not-accepted' }
	| { readonly type: 'invitation-withdrawn' }
	| { readonly type: 'already-member' }
	| { readonly type: 'invalid-grant' };

type Row = CircleInvitationsTable;

const storedGrants = (row: Row): Grant[] => {
	const parsed = z.array(grantSchema).safeParse(JSON.parse(row.proposed_grants));
	return parsed.success ? parsed.data : [];
};

function status(row: Row, now: number): Invitation['status'] {
	if (row.revoked_at !== null) return 'revoked';
	if (row.confirmed_at !== null) return 'confirmed';
	if (row.used_at !== null) return 'accepted';
	return now >= row.expires_at ? 'expired' : 'open';
}

function toInvitation(row: Row, now: number): Invitation {
	return {
		id: row.id,
		circleId: row.circle_id,
		role: careRoleSchema.parse(row.care_role),
		label: row.label,
		grants: storedGrants(row),
		createdAt: row.created_at,
		expiresAt: row.expires_at,
		status: status(row, now),
		acceptance:
			row.accepted_by !== null && row.accepted_public_key !== null && row.accepted_proof !== null
				? {
						accountId: row.accepted_by,
						publicKey: row.accepted_public_key,
						identityKey: row.accepted_identity_key,
						proof: row.accepted_proof,
						at: row.used_at ?? 0
					}
				: null
	};
}

export function createInvitations(deps: {
	readonly db: DbHandle;
	readonly now: () => number;
	readonly newId: () => string;
}) {
	const { db } = deps.db;

	/** `target`: the invitee an owner's refusal is about (an accepted invitation cancelled). */
	const refuse = async (trx: Executor, row: Row, actor: string, target?: string): Promise<void> => {
		const owner = await circleOwner(trx, row.circle_id);
		if (owner === null) return;
		await appendRefusal(trx, {
			circleId: row.circle_id,
			actor,
			subject: owner,
			target,
			category: null,
			at: deps.now()
		});
	};

	const byLookup = async (lookupId: string): Promise<Row | undefined> =>
		db
			.selectFrom('circle_invitations')
			.selectAll()
			.where('lookup_hash', '=', await lookupIdHash(lookupId))
			.executeTakeFirst();

	/** Why an invitation cannot be used now, if it cannot. */
	const unusable = (row: Row, now: number): InvitationError | null => {
		if (row.revoked_at !== null) return { type: 'invitation-revoked' };
		if (row.used_at !== null) return { type: 'invitation-used' };
		if (now >= row.expires_at) return { type: 'invitation-expired' };
		return null;
	};

	return {
		async create(
			ownerId: string,
			circleId: string,
			input: z.output<typeof createInvitationRequestSchema>
		): Promise<Result<Invitation, InvitationError>> {
			if ((await circleOwner(db, circleId)) !== ownerId) return err({ type: 'forbidden' });
			const now = deps.now();
			if (!grantsAreValid(input.grants, [], now)) return err({ type: 'invalid-grant' });
			const row: Row = {
				id: deps.newId(),
				circle_id: circleId,
				lookup_hash: await lookupIdHash(input.lookupId),
				server_key: input.serverKey,
				care_role: input.role,
				label: input.label,
				proposed_grants: JSON.stringify(input.grants),
				created_at: now,
				expires_at: now + input.expiresInHours * HOUR_MS,
				failure_count: 0,
				used_at: null,
				accepted_by: null,
				accepted_public_key: null,
				accepted_identity_key: null,
				owner_identity_key: input.ownerIdentityKey,
				owner_proof: input.ownerProof,
				accepted_proof: null,
				confirmed_at: null,
				revoked_at: null
			};
			// A replayed request (same lookup id) is refused as used, never a 500.
			const created = await db
				.transaction()
				.execute(async (trx) => {
					await trx
						.insertInto('account_sharing_keys')
						.values({
							account_id: ownerId,
							public_key: input.ownerPublicKey,
							identity_key: input.ownerIdentityKey,
							updated_at: now
						})
						.onConflict((oc) =>
							oc.column('account_id').doUpdateSet({
								public_key: input.ownerPublicKey,
								identity_key: input.ownerIdentityKey,
								updated_at: now
							})
						)
						.execute();
					await trx.insertInto('circle_invitations').values(row).execute();
					await appendAudit(trx, {
						circleId,
						actor: ownerId,
						subject: ownerId,
						category: null,
						action: 'invited',
						at: now
					});
					return true;
				})
				.catch((error: unknown) => {
					if (isUniqueViolation(error)) return false;
					throw error;
				});
			if (!created) return err({ type: 'invitation-used' });
			return ok(toInvitation(row, now));
		},

		async list(ownerId: string, circleId: string): Promise<Result<Invitation[], InvitationError>> {
			if ((await circleOwner(db, circleId)) !== ownerId) return err({ type: 'forbidden' });
			const rows = await db
				.selectFrom('circle_invitations')
				.selectAll()
				.where('circle_id', '=', circleId)
				.orderBy('created_at')
				.execute();
			const now = deps.now();
			return ok(rows.map((r) => toInvitation(r, now)));
		},

		async preview(lookupId: string): Promise<Result<InvitationPreview, InvitationError>> {
			const row = await byLookup(lookupId);
			if (row === undefined) return err({ type: 'not-found' });
			const refusal = unusable(row, deps.now());
			if (refusal !== null) return err(refusal);
			const owner = await circleOwner(db, row.circle_id);
			const key =
				owner === null
					? undefined
					: await db
							.selectFrom('account_sharing_keys')
							.select('public_key')
							.where('account_id', '=', owner)
							.executeTakeFirst();
			if (key === undefined) return err({ type: 'not-found' });
			return ok({
				invitationId: row.id,
				circleId: row.circle_id,
				role: careRoleSchema.parse(row.care_role),
				label: row.label,
				grants: storedGrants(row),
				expiresAt: row.expires_at,
				ownerPublicKey: key.public_key,
				ownerIdentityKey: row.owner_identity_key,
				ownerProof: row.owner_proof
			});
		},

		async accept(
			accountId: string,
			lookupId: string,
			input: z.output<typeof acceptInvitationRequestSchema>
		): Promise<Result<{ circleId: string; invitationId: string }, InvitationError>> {
			const row = await byLookup(lookupId);
			if (row === undefined) return err({ type: 'not-found' });
			const now = deps.now();
			const refusal = unusable(row, now);
			if (refusal !== null) {
				await db.transaction().execute((trx) => refuse(trx, row, accountId));
				return err(refusal);
			}
			const member = await db
				.selectFrom('circle_members')
				.select('account_id')
				.where('circle_id', '=', row.circle_id)
				.where('account_id', '=', accountId)
				.executeTakeFirst();
			if (member !== undefined) return err({ type: 'already-member' });
			if (!(await verifyServerProof(row.server_key, row.id, input.publicKey, input.serverProof))) {
				await db.transaction().execute(async (trx) => {
					await trx
						.updateTable('circle_invitations')
						.set((eb) => ({ failure_count: eb('failure_count', '+', 1) }))
						.where('id', '=', row.id)
						.execute();
					await trx
						.updateTable('circle_invitations')
						.set({ revoked_at: now })
						.where('id', '=', row.id)
						.where('failure_count', '>=', MAX_FAILURES)
						.where('revoked_at', 'is', null)
						.execute();
					await refuse(trx, row, accountId);
				});
				return err({ type: 'invitation-proof-invalid' });
			}
			const owner = await circleOwner(db, row.circle_id);
			if (owner === null) return err({ type: 'not-found' });
			const used = await db.transaction().execute(async (trx) => {
				const claimed = await trx
					.updateTable('circle_invitations')
					.set({
						used_at: now,
						accepted_by: accountId,
						accepted_public_key: input.publicKey,
						accepted_identity_key: input.identityKey,
						accepted_proof: input.proof
					})
					.where('id', '=', row.id)
					.where('used_at', 'is', null)
					.where('revoked_at', 'is', null)
					.executeTakeFirst();
				if (Number(claimed.numUpdatedRows) !== 1) return false;
				await trx
					.insertInto('circle_members')
					.values({
						circle_id: row.circle_id,
						account_id: accountId,
						role: 'member',
						created_at: now
					})
					.execute();
				await trx
					.insertInto('circle_member_details')
					.values({
						circle_id: row.circle_id,
						account_id: accountId,
						care_role: row.care_role,
						label: row.label,
						circle_label: input.circleLabel,
						public_key: input.publicKey,
						identity_key: input.identityKey,
						status: 'pending',
						invitation_id: row.id,
						joined_at: now
					})
					.execute();
				await appendAudit(trx, {
					circleId: row.circle_id,
					actor: accountId,
					subject: owner,
					target: accountId,
					category: null,
					action: 'invitation-accepted',
					at: now
				});
				return true;
			});
			if (!used) return err({ type: 'invitation-used' });
			return ok({ circleId: row.circle_id, invitationId: row.id });
		},

		/** After the person's client verified the proof: activate the member, grants and wraps. */
		async confirm(
			ownerId: string,
			circleId: string,
			invitationId: string,
			input: z.output<typeof confirmInvitationRequestSchema>
		): Promise<Result<{ accountId: string }, InvitationError>> {
			if ((await circleOwner(db, circleId)) !== ownerId) return err({ type: 'forbidden' });
			const row = await db
				.selectFrom('circle_invitations')
				.selectAll()
				.where('id', '=', invitationId)
				.where('circle_id', '=', circleId)
				.executeTakeFirst();
			if (row === undefined) return err({ type: 'not-found' });
			// Ended after an acceptance (the invitee left or was removed): a clear 409, not a 410.
			if (row.revoked_at !== null)
				return err({
					type: row.accepted_by === null ? 'invitation-revoked' : 'invitation-withdrawn'
				});
			if (row.confirmed_at !== null) return err({ type: 'invitation-used' });
			const memberId = row.accepted_by;
			if (memberId === null) return err({ type: 'invitation-not-accepted' });
			const now = deps.now();
			if (!grantsAreValid(input.grants, input.wraps, now)) return err({ type: 'invalid-grant' });
			// The state machine, checked inside the transaction: the invitation is still open for
			// confirmation and its invitee is still a pending member through this very invitation.
			// An invitee who left (or was removed) in between leaves nothing to confirm: 409.
			const confirmed = await db.transaction().execute(async (trx) => {
				const pending = await trx
					.selectFrom('circle_member_details')
					.innerJoin('circle_members', (j) =>
						j
							.onRef('circle_members.circle_id', '=', 'circle_member_details.circle_id')
							.onRef('circle_members.account_id', '=', 'circle_member_details.account_id')
					)
					.select('circle_member_details.status')
					.where('circle_member_details.circle_id', '=', circleId)
					.where('circle_member_details.account_id', '=', memberId)
					.where('circle_member_details.invitation_id', '=', row.id)
					.where('circle_member_details.status', '=', 'pending')
					.executeTakeFirst();
				if (pending === undefined) return false;
				const claimed = await trx
					.updateTable('circle_invitations')
					.set({ confirmed_at: now })
					.where('id', '=', row.id)
					.where('confirmed_at', 'is', null)
					.where('revoked_at', 'is', null)
					.where('accepted_by', '=', memberId)
					.executeTakeFirst();
				if (Number(claimed.numUpdatedRows) !== 1) return false;
				await trx
					.updateTable('circle_member_details')
					.set({ status: 'active' })
					.where('circle_id', '=', circleId)
					.where('account_id', '=', memberId)
					.execute();
				// Nothing from an earlier membership may come back with this one.
				for (const table of ['circle_grants', 'circle_key_wraps'] as const) {
					await trx
						.deleteFrom(table)
						.where('circle_id', '=', circleId)
						.where('account_id', '=', memberId)
						.execute();
				}
				await insertGrants(trx, circleId, memberId, input.grants, now);
				await insertWraps(trx, circleId, memberId, input.wraps, now);
				for (const g of input.grants) {
					await appendAudit(trx, {
						circleId,
						actor: ownerId,
						subject: ownerId,
						target: memberId,
						category: g.category,
						action: 'granted',
						at: now
					});
				}
				return true;
			});
			if (!confirmed) return err({ type: 'invitation-withdrawn' });
			return ok({ accountId: memberId });
		},

		/** The person cancels an invitation, or refuses an acceptance whose proof did not verify. */
		async revoke(
			ownerId: string,
			circleId: string,
			invitationId: string
		): Promise<Result<null, InvitationError>> {
			if ((await circleOwner(db, circleId)) !== ownerId) return err({ type: 'forbidden' });
			const row = await db
				.selectFrom('circle_invitations')
				.selectAll()
				.where('id', '=', invitationId)
				.where('circle_id', '=', circleId)
				.executeTakeFirst();
			if (row === undefined) return err({ type: 'not-found' });
			if (row.confirmed_at !== null) return err({ type: 'invitation-used' });
			await db.transaction().execute(async (trx) => {
				await trx
					.updateTable('circle_invitations')
					.set({ revoked_at: deps.now() })
					.where('id', '=', row.id)
					.execute();
				if (row.accepted_by !== null) {
					for (const table of ['circle_member_details', 'circle_members'] as const) {
						await trx
							.deleteFrom(table)
							.where('circle_id', '=', circleId)
							.where('account_id', '=', row.accepted_by)
							.execute();
					}
				}
				await refuse(trx, row, ownerId, row.accepted_by ?? undefined);
			});
			return ok(null);
		}
	};
}

export type Invitations = ReturnType<typeof createInvitations>;
