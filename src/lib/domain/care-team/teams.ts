// Care teams as pure values (issue 14 §1): a team (a GP practice, a home-nursing service, a
// coordination network) has a name, a kind and members with roles. Roles inside a team say who may
// invite and remove (admins), never what a member may read: what the team reads in a circle is the
// person's grant to the team, the same for every member. A team has a stable id and its own key
// pair (`keyVersion` counts rotations); surveys published by a team link to that id.
import * as z from 'zod';

export const TEAM_KINDS = ['practice', 'home-nursing', 'coordination-network', 'other'] as const;
export const teamKindSchema = z.enum(TEAM_KINDS);
export type TeamKind = z.infer<typeof teamKindSchema>;

export const TEAM_ROLES = ['admin', 'member'] as const;
export const teamRoleSchema = z.enum(TEAM_ROLES);
export type TeamRole = z.infer<typeof teamRoleSchema>;

export const teamNameSchema = z.string().trim().min(1).max(100);

/** Only an admin invites, confirms and removes others; anyone may leave. */
export const canManageTeam = (role: TeamRole): boolean => role === 'admin';

/**
 * A team keeps at least one admin: the last admin cannot leave while others remain (they would be
 * left with nobody able to invite, confirm or rotate the key).
 */
export function canLeave(
	members: readonly { readonly accountId: string; readonly role: TeamRole }[],
	leaving: string
): boolean {
	const me = members.find((m) => m.accountId === leaving);
	if (me === undefined) return false;
	if (me.role !== 'admin' || members.length === 1) return true;
	return members.some((m) => m.accountId !== leaving && m.role === 'admin');
}
