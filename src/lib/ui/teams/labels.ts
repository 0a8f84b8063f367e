// Words for care teams (FR/EN): kinds, roles, and every failure of a team command, the team codes
// first, then the circle commands' words.
import { m } from '$lib/paraglide/messages.js';
import type { TeamKind, TeamRole } from '$lib/domain/care-team/teams';
import type { CircleError } from '$lib/domain/circle/errors';
import { circleErrorText } from '$lib/ui/circle/labels';

const KIND_TEXT: Record<TeamKind, () => string> = {
	practice: m.teams_kind_practice,
	'home-nursing': m.teams_kind_home_nursing,
	'coordination-network': m.teams_kind_coordination_network,
	other: m.teams_kind_other
};

export const teamKindText = (kind: TeamKind): string => KIND_TEXT[kind]();

export const teamRoleText = (role: TeamRole): string =>
	role === 'admin' ? m.teams_role_admin() : m.teams_role_member();

const TEAM_HTTP_TEXT: Readonly<Record<string, () => string>> = {
	'invitation-other-account': m.teams_error_other_account,
	'invitation-used': m.teams_error_used,
	'invitation-expired': m.teams_error_expired,
	'last-admin': m.teams_error_last_admin,
	'team-key-stale': m.teams_error_stale,
	'professional-needs-second-factor': m.teams_error_professional
};

export function teamErrorText(error: CircleError): string {
	if (error.type === 'http') {
		const text = TEAM_HTTP_TEXT[error.code];
		if (text !== undefined) return text();
	}
	return circleErrorText(error);
}
