// The circle of care as pure rules (DESIGN: People and their jobs; Sharing). There is no hierarchy:
// every member has a care role (a label for people, never a permission) and per-category grants.
// `authorize` is the single rule for what a grant allows; the server's permission loader and the
// UI both derive from it. Invariants: a grant is active only while `now < until`; write implies
// read; granting and deleting members are the person's (owner's) alone; settings are never shared.
import * as z from 'zod';
import { SHAREABLE_CATEGORIES, type Category } from '../categories';

export const CARE_ROLES = [
	'carer',
	'nurse',
	'doctor',
	'pharmacist',
	'coordinator',
	'social-worker',
	'other'
] as const;
export const careRoleSchema = z.enum(CARE_ROLES);
export type CareRole = z.infer<typeof careRoleSchema>;

/** Who is acting: the person who owns the circle, or a member with a care role. */
export type Actor =
	{ readonly kind: 'owner' } | { readonly kind: 'member'; readonly role: CareRole };

/** A free label shown with the role ("Claire", "Infirmière du matin"). */
export const memberLabelSchema = z.string().trim().min(1).max(80);

export const shareableCategorySchema = z.enum(SHAREABLE_CATEGORIES);
export type ShareableCategory = z.infer<typeof shareableCategorySchema>;

export const ACCESS_LEVELS = ['read', 'write'] as const;
export const accessSchema = z.enum(ACCESS_LEVELS);
export type Access = z.infer<typeof accessSchema>;

export const grantSchema = z.object({
	category: shareableCategorySchema,
	access: accessSchema,
	/** Epoch ms after which the grant no longer applies; null = until revoked. */
	until: z.number().int().positive().nullable()
});
export type Grant = z.infer<typeof grantSchema>;

/** At most one grant per category (the later one wins when a list has duplicates). */
export const grantListSchema = z
	.array(grantSchema)
	.max(SHAREABLE_CATEGORIES.length * 2)
	.transform((grants) => [...new Map(grants.map((g) => [g.category, g])).values()]);

export const ACTIONS = ['read', 'list', 'write', 'grant', 'export', 'delete'] as const;
export type Action = (typeof ACTIONS)[number];

export type Refusal =
	'not-granted' | 'expired' | 'read-only' | 'owner-only' | 'category-not-shareable';

export type Decision =
	{ readonly allowed: true } | { readonly allowed: false; readonly reason: Refusal };

export const isGrantActive = (grant: Grant, now: number): boolean =>
	grant.until === null || now < grant.until;

const allowed: Decision = { allowed: true };
const refuse = (reason: Refusal): Decision => ({ allowed: false, reason });

/**
 * The one authorization rule. read/list/export need an active read or write grant; write and
 * delete (a tombstone is a write) need an active write grant; grant is the owner's alone.
 */
export function authorize(
	grants: readonly Grant[],
	actor: Actor,
	category: Category,
	action: Action,
	now: number
): Decision {
	if (actor.kind === 'owner') return allowed;
	if (action === 'grant') return refuse('owner-only');
	if (category === 'settings') return refuse('category-not-shareable');
	const grant = grants.find((g) => g.category === category);
	if (grant === undefined) return refuse('not-granted');
	if (!isGrantActive(grant, now)) return refuse('expired');
	switch (action) {
		case 'read':
		case 'list':
		case 'export':
			return allowed;
		case 'write':
		case 'delete':
			return grant.access === 'write' ? allowed : refuse('read-only');
	}
}

/** The categories an actor may read and write now (what sync filters by). */
export function accessSets(
	grants: readonly Grant[],
	actor: Actor,
	now: number
): { readonly readable: ReadonlySet<Category>; readonly writable: ReadonlySet<Category> } {
	const readable = new Set<Category>();
	const writable = new Set<Category>();
	for (const category of SHAREABLE_CATEGORIES) {
		if (authorize(grants, actor, category, 'read', now).allowed) readable.add(category);
		if (authorize(grants, actor, category, 'write', now).allowed) writable.add(category);
	}
	if (actor.kind === 'owner') {
		readable.add('settings');
		writable.add('settings');
	}
	return { readable, writable };
}

/** The earliest moment a grant list changes by itself (an `until`), for UI countdowns. */
export const nextExpiry = (grants: readonly Grant[], now: number): number | null =>
	grants.reduce<number | null>(
		(min, g) =>
			g.until !== null && g.until > now && (min === null || g.until < min) ? g.until : min,
		null
	);
