// Members, grants, wrapped keys and key rotation. Invariants: only the person (owner) changes
// grants or removes members (a member may remove themself: leaving); a removed member's rows are
// deleted in the same transaction as the audit entry, so the next request already sees no access,
// and every open invitation the member accepted in the circle ends with them (no late confirm);
// revoking a category deletes the member's wraps for it; a rotation must carry a wrap for exactly
// the members who still hold an active grant on the category (never one for anyone else).
import type {
	Member,
	MyCirclesResponse,
	MyKeysResponse,
	rotateKeyRequestSchema,
	updateGrantsRequestSchema
} from '$lib/contracts/circle';
import { careRoleSchema, isGrantActive, type Grant } from '$lib/domain/circle';
import type * as z from 'zod';
import { appendAudit, appendRefusal } from '../audit/log';
import type { DbHandle } from '../db';
import { err, ok, type Result } from '$lib/domain/result';
import type { Permissions } from '../sync/permissions';
import {
	circleOwner,
	grantsAreValid,
	grantsFromRows,
	insertGrants,
	insertWraps,
	memberGrants
} from './common';

export type MemberError =
	| { readonly type: 'forbidden' }
	| { readonly type: 'not-found' }
	| { readonly type: 'invalid-grant' }
	| { readonly type: 'rotation-incomplete' };

const sameGrant = (a: Grant, b: Grant): boolean => a.access === b.access && a.until === b.until;

export function createMembers(deps: {
	readonly db: DbHandle;
	readonly now: () => number;
	readonly permissions: Permissions;
}) {
	const { db } = deps.db;

	const refuse = async (circleId: string, actor: string, category: Grant['category'] | null) => {
		const owner = await circleOwner(db, circleId);
		if (owner === null) return;
		await db.transaction().execute((trx) =>
			appendRefusal(trx, {
				circleId,
				actor,
				subject: owner,
				category,
				at: deps.now()
			})
		);
	};

	return {
		async list(accountId: string, circleId: string): Promise<Result<Member[], MemberError>> {
			const access = await deps.permissions.loadAccess(accountId, circleId);
			if (access === null) return err({ type: 'forbidden' });
			const isOwner = access.role === 'owner';
			const owner = await db
				.selectFrom('circles')
				.select(['owner_account_id', 'created_at'])
				.where('id', '=', circleId)
				.executeTakeFirstOrThrow();
			const details = await db
				.selectFrom('circle_member_details')
				.selectAll()
				.where('circle_id', '=', circleId)
				.orderBy('joined_at')
				.execute();
			// The owner sees every member's grants; a member sees only their own.
			const grants = await db
				.selectFrom('circle_grants')
				.selectAll()
				.where('circle_id', '=', circleId)
				.$if(!isOwner, (q) => q.where('account_id', '=', accountId))
				.execute();
			const ownerKey = await db
				.selectFrom('account_sharing_keys')
				.select(['public_key', 'identity_key'])
				.where('account_id', '=', owner.owner_account_id)
				.executeTakeFirst();
			return ok([
				{
					accountId: owner.owner_account_id,
					role: 'owner',
					label: '',
					status: 'active',
					joinedAt: owner.created_at,
					publicKey: ownerKey?.public_key ?? null,
					identityKey: ownerKey?.identity_key ?? null,
					grants: null
				},
				...details
					.filter((d) => isOwner || d.status === 'active')
					.map((d): Member => ({
						accountId: d.account_id,
						role: careRoleSchema.parse(d.care_role),
						label: d.label,
						status: d.status,
						joinedAt: d.joined_at,
						publicKey: isOwner ? d.public_key : null,
						identityKey: isOwner ? d.identity_key : null,
						grants:
							isOwner || d.account_id === accountId
								? grantsFromRows(grants.filter((g) => g.account_id === d.account_id))
								: null
					}))
			]);
		},

		async updateGrants(
			ownerId: string,
			circleId: string,
			memberId: string,
			input: z.output<typeof updateGrantsRequestSchema>
		): Promise<Result<Grant[], MemberError>> {
			if ((await circleOwner(db, circleId)) !== ownerId) {
				await refuse(circleId, ownerId, null);
				return err({ type: 'forbidden' });
			}
			const member = await db
				.selectFrom('circle_member_details')
				.select('status')
				.where('circle_id', '=', circleId)
				.where('account_id', '=', memberId)
				.executeTakeFirst();
			if (member?.status !== 'active') return err({ type: 'not-found' });
			const now = deps.now();
			if (!grantsAreValid(input.grants, input.wraps, now)) return err({ type: 'invalid-grant' });
			await db.transaction().execute(async (trx) => {
				const before = await memberGrants(trx, circleId, memberId);
				await trx
					.deleteFrom('circle_grants')
					.where('circle_id', '=', circleId)
					.where('account_id', '=', memberId)
					.execute();
				await insertGrants(trx, circleId, memberId, input.grants, now);
				const kept = new Set(input.grants.map((g) => g.category));
				for (const old of before.filter((g) => !kept.has(g.category))) {
					await trx
						.deleteFrom('circle_key_wraps')
						.where('circle_id', '=', circleId)
						.where('account_id', '=', memberId)
						.where('category', '=', old.category)
						.execute();
					await appendAudit(trx, {
						circleId,
						actor: ownerId,
						subject: ownerId,
						target: memberId,
						category: old.category,
						action: 'revoked',
						at: now
					});
				}
				await insertWraps(trx, circleId, memberId, input.wraps, now);
				for (const g of input.grants) {
					const previous = before.find((b) => b.category === g.category);
					if (previous !== undefined && sameGrant(previous, g)) continue;
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
			});
			return ok(input.grants);
		},

		async remove(
			actorId: string,
			circleId: string,
			memberId: string
		): Promise<Result<null, MemberError>> {
			const owner = await circleOwner(db, circleId);
			if (owner === null) return err({ type: 'not-found' });
			if (actorId !== owner && actorId !== memberId) {
				await refuse(circleId, actorId, null);
				return err({ type: 'forbidden' });
			}
			if (memberId === owner) return err({ type: 'forbidden' });
			const removed = await db.transaction().execute(async (trx) => {
				const gone = await trx
					.deleteFrom('circle_members')
					.where('circle_id', '=', circleId)
					.where('account_id', '=', memberId)
					.executeTakeFirst();
				if (Number(gone.numDeletedRows) === 0) return false;
				for (const table of [
					'circle_member_details',
					'circle_grants',
					'circle_key_wraps'
				] as const) {
					await trx
						.deleteFrom(table)
						.where('circle_id', '=', circleId)
						.where('account_id', '=', memberId)
						.execute();
				}
				// Every open invitation this account accepted in the circle ends with the membership, so
				// a late confirmation finds nothing to confirm (invitations.confirm answers 409).
				await trx
					.updateTable('circle_invitations')
					.set({ revoked_at: deps.now() })
					.where('circle_id', '=', circleId)
					.where('accepted_by', '=', memberId)
					.where('confirmed_at', 'is', null)
					.where('revoked_at', 'is', null)
					.execute();
				await appendAudit(trx, {
					circleId,
					actor: actorId,
					subject: owner,
					target: memberId,
					category: null,
					action: 'member-removed',
					at: deps.now()
				});
				return true;
			});
			return removed ? ok(null) : err({ type: 'not-found' });
		},

		async rotateKey(
			ownerId: string,
			circleId: string,
			input: z.output<typeof rotateKeyRequestSchema>
		): Promise<Result<null, MemberError>> {
			if ((await circleOwner(db, circleId)) !== ownerId) {
				await refuse(circleId, ownerId, input.category);
				return err({ type: 'forbidden' });
			}
			const now = deps.now();
			const holders = await db
				.selectFrom('circle_grants')
				.innerJoin('circle_member_details', (j) =>
					j
						.onRef('circle_member_details.circle_id', '=', 'circle_grants.circle_id')
						.onRef('circle_member_details.account_id', '=', 'circle_grants.account_id')
				)
				.select([
					'circle_grants.account_id',
					'circle_grants.category',
					'circle_grants.access',
					'circle_grants.until'
				])
				.where('circle_grants.circle_id', '=', circleId)
				.where('circle_grants.category', '=', input.category)
				.where('circle_member_details.status', '=', 'active')
				.execute();
			const expected = new Set(
				holders
					.filter((h) => grantsFromRows([h]).some((g) => isGrantActive(g, now)))
					.map((h) => h.account_id)
			);
			const given = input.wraps.map((w) => w.accountId);
			if (given.length !== expected.size || !given.every((id) => expected.has(id)))
				return err({ type: 'rotation-incomplete' });
			await db.transaction().execute(async (trx) => {
				for (const w of input.wraps) {
					await insertWraps(
						trx,
						circleId,
						w.accountId,
						[{ category: input.category, keyId: input.keyId, wrapped: w.wrapped }],
						now
					);
				}
				await appendAudit(trx, {
					circleId,
					actor: ownerId,
					subject: ownerId,
					category: input.category,
					action: 'key-rotated',
					at: now
				});
			});
			return ok(null);
		},

		/** The wrapped keys the member may use now: only categories they can currently read. */
		async myKeys(
			accountId: string,
			circleId: string
		): Promise<Result<MyKeysResponse, MemberError>> {
			const access = await deps.permissions.loadAccess(accountId, circleId);
			if (access === null) return err({ type: 'forbidden' });
			const owner = await circleOwner(db, circleId);
			if (owner === null) return err({ type: 'not-found' });
			const ownerKey = await db
				.selectFrom('account_sharing_keys')
				.select(['public_key', 'identity_key'])
				.where('account_id', '=', owner)
				.executeTakeFirst();
			const rows =
				access.role === 'owner'
					? []
					: await db
							.selectFrom('circle_key_wraps')
							.selectAll()
							.where('circle_id', '=', circleId)
							.where('account_id', '=', accountId)
							.orderBy('created_at')
							.execute();
			return ok({
				ownerAccountId: owner,
				ownerPublicKey: ownerKey?.public_key ?? null,
				ownerIdentityKey: ownerKey?.identity_key ?? null,
				keys: rows.flatMap((r) => {
					const category = [...access.readable].find((c) => c === r.category);
					return category === undefined
						? []
						: [{ category, keyId: r.key_id, wrapped: r.wrapped, createdAt: r.created_at }];
				})
			});
		},

		async myCircles(accountId: string): Promise<MyCirclesResponse['circles']> {
			const rows = await db
				.selectFrom('circle_members')
				.innerJoin('circles', 'circles.id', 'circle_members.circle_id')
				.leftJoin('circle_member_details', (j) =>
					j
						.onRef('circle_member_details.circle_id', '=', 'circle_members.circle_id')
						.onRef('circle_member_details.account_id', '=', 'circle_members.account_id')
				)
				.select([
					'circle_members.circle_id',
					'circle_members.role',
					'circles.owner_account_id',
					'circle_member_details.care_role',
					'circle_member_details.circle_label',
					'circle_member_details.status'
				])
				.where('circle_members.account_id', '=', accountId)
				.orderBy('circle_members.circle_id')
				.execute();
			return rows.map((r) => ({
				id: r.circle_id,
				role: r.role,
				careRole: careRoleSchema.safeParse(r.care_role).data ?? null,
				displayLabel: r.circle_label ?? '',
				ownerAccountId: r.owner_account_id,
				status: r.status ?? 'active'
			}));
		},

		refuse
	};
}

export type Members = ReturnType<typeof createMembers>;
