// Who may read and write which categories of a circle. Every sync path asks here, and only here.
// Today the owner holds every category and other members hold none; the circle feature extends
// `loadAccess` with per-member grants (read / write per category) without touching the callers.
import { CATEGORIES, type Category } from '$lib/domain/categories';
import type { DbHandle } from '../db';
import type { CircleRole } from '../db/schema';

export interface CircleAccess {
	readonly circleId: string;
	readonly accountId: string;
	readonly role: CircleRole;
	readonly readable: ReadonlySet<Category>;
	readonly writable: ReadonlySet<Category>;
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

export function createPermissions(deps: { readonly db: DbHandle }): Permissions {
	const { db } = deps.db;
	return {
		async loadAccess(accountId, circleId) {
			const member = await db
				.selectFrom('circle_members')
				.select('role')
				.where('circle_id', '=', circleId)
				.where('account_id', '=', accountId)
				.executeTakeFirst();
			if (member === undefined) return null;
			const isOwner = member.role === 'owner';
			return {
				circleId,
				accountId,
				role: member.role,
				readable: isOwner ? ALL : NONE,
				writable: isOwner ? ALL : NONE
			};
		}
	};
}
