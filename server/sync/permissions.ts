// Who may read and write which categories of a circle. Every sync path asks here, and only here.
// The owner holds every category; a member holds what their active (confirmed, unexpired) grants
// allow under the one rule in src/lib/domain/circle `authorize`. A removed member has no row, so
// removal and revocation take effect on the very next request. An account that is not a member may
// still reach a circle through a care team the person invited (`teamAccess`): the team's grants,
// only while the account is in that team.
import { CATEGORIES, type Category } from '$lib/domain/categories';
import { accessSets, careRoleSchema, grantSchema, type Grant } from '$lib/domain/circle';
import type { DbHandle } from '../db';
import type { CircleRole } from '../db/schema';

export interface CircleAccess {
	readonly circleId: string;
	readonly accountId: string;
	readonly role: CircleRole;
	readonly readable: ReadonlySet<Category>;
	readonly writable: ReadonlySet<Category>;
	/**
	 * The categories this account reads only through a care team, with that team's id (what the
	 * access log names beside the individual). Absent for direct access.
	 */
	readonly throughTeam?: ReadonlyMap<Category, string>;
}

export const canRead = (access: CircleAccess, category: Category): boolean =>
	access.readable.has(category);

export const canWrite = (access: CircleAccess, category: Category): boolean =>
	access.writable.has(category);

export interface Permissions {
	/** The account's access to the circle, or null when it is not a member (→ 403). */
	readonly loadAccess: (accountId: string, circleId: string) => Promise<CircleAccess | null>;
}

const ALL: ReadonlySet<Category> = new Set(CATEGORIES);
const NONE: ReadonlySet<Category> = new Set();

/** What an account may do in a circle through its care teams (server/teams/circle-teams.ts). */
export type TeamAccess = (
	accountId: string,
	circleId: string
) => Promise<{
	readonly readable: ReadonlySet<Category>;
	readonly writable: ReadonlySet<Category>;
	/** For each readable category, a team through which it is granted. */
	readonly teamOf: ReadonlyMap<Category, string>;
} | null>;

export function createPermissions(deps: {
	readonly db: DbHandle;
	readonly now: () => number;
	/** Access through a team the person invited (a professional in no other role in the circle). */
	readonly teamAccess?: TeamAccess | undefined;
}): Permissions {
	const { db } = deps.db;
	const memberSets = async (accountId: string, circleId: string) => {
		const details = await db
			.selectFrom('circle_member_details')
			.select(['care_role', 'status'])
			.where('circle_id', '=', circleId)
			.where('account_id', '=', accountId)
			.executeTakeFirst();
		const role = careRoleSchema.safeParse(details?.care_role);
		if (details?.status !== 'active' || !role.success) return { readable: NONE, writable: NONE };
		const rows = await db
			.selectFrom('circle_grants')
			.select(['category', 'access', 'until'])
			.where('circle_id', '=', circleId)
			.where('account_id', '=', accountId)
			.execute();
		const grants = rows.flatMap((r): Grant[] => {
			const parsed = grantSchema.safeParse(r);
			return parsed.success ? [parsed.data] : [];
		});
		return accessSets(grants, { kind: 'member', role: role.data }, deps.now());
	};
	return {
		async loadAccess(accountId, circleId) {
			const member = await db
				.selectFrom('circle_members')
				.select('role')
				.where('circle_id', '=', circleId)
				.where('account_id', '=', accountId)
				.executeTakeFirst();
			if (member === undefined) {
				const team = await deps.teamAccess?.(accountId, circleId);
				return team === undefined || team === null
					? null
					: {
							circleId,
							accountId,
							role: 'member',
							readable: team.readable,
							writable: team.writable,
							throughTeam: team.teamOf
						};
			}
			if (member.role === 'owner')
				return { circleId, accountId, role: member.role, readable: ALL, writable: ALL };
			const own = await memberSets(accountId, circleId);
			const team = await deps.teamAccess?.(accountId, circleId);
			if (team === undefined || team === null)
				return { circleId, accountId, role: member.role, ...own };
			return {
				circleId,
				accountId,
				role: member.role,
				readable: new Set([...own.readable, ...team.readable]),
				writable: new Set([...own.writable, ...team.writable]),
				throughTeam: new Map([...team.teamOf].filter(([c]) => !own.readable.has(c)))
			};
		}
	};
}
