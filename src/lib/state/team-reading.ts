// Reading a person's circle through a care team (issue 14 §1) on a team member's device: which
// people my teams were invited into ("My people" lists them with my direct circles), and what the
// member circle may open there (`teamReach`, given to `vault/member-circle.ts`). Every key is
// opened by the team commands (./team-commands.ts `teamCircleAccess`): the team private key only
// under a pinned colleague's seal, the person's identity only as vouched for by a pinned colleague,
// each category key only with her signature.
// A member who is herself in the person's circle vouches for her identity to colleagues as soon as
// her device lists the circle (`teamCircleRows`), so nobody has to find a button for it.
// Invariants: a team that no longer lists me (left, removed) reaches nothing; a team whose new key
// the person has not re-wrapped to yet says so (`team-key-waiting`), never an empty summary.
import { err, ok, type Result } from '$lib/domain/result';
import type { MemberCircleError, TeamReach } from '$lib/vault/member-types';
import type { CircleError } from '$lib/domain/circle/errors';
import type { TeamCircleCommands, TeamCommands } from './team-commands';

/** The member circle's words for a team command's failure. */
export function teamReadError(error: CircleError): MemberCircleError {
	switch (error.type) {
		case 'offline':
		case 'locked':
		case 'owner-unverified':
		case 'invalid-response':
			return { type: error.type };
		case 'http':
			if (error.code === 'team-key-stale') return { type: 'team-key-waiting' };
			if (error.code === 'forbidden' || error.code === 'not-found') return { type: 'removed' };
			if (error.code === 'unauthenticated') return { type: 'auth-required' };
			return { type: 'invalid-response' };
		case 'invalid-input':
			return { type: 'invalid-response' };
		case 'key-changed':
		case 'key-missing':
		case 'proof-invalid':
		case 'rotation-incomplete':
		case 'secret-missing':
			return { type: 'keys-invalid' };
	}
}

export interface TeamCircleRow {
	readonly circleId: string;
	/** How the person named herself to the colleague who vouched for her ('' before that). */
	readonly name: string;
	/** The teams through which I reach this circle (names, for "through …"). */
	readonly teams: readonly string[];
}

/**
 * The circles my teams were invited into, one row per circle; null when the server did not say.
 * Where nobody vouched for the person yet and I am in her circle myself (I pinned her after a
 * verified invitation), my device vouches for her to my colleagues on the way (a refusal, e.g.
 * I never met her, changes nothing).
 */
export async function teamCircleRows(
	commands: Pick<TeamCommands, 'myTeamCircles'> & Pick<TeamCircleCommands, 'vouchForOwner'>
): Promise<readonly TeamCircleRow[] | null> {
	const listed = await commands.myTeamCircles();
	if (!listed.ok) return listed.error.type === 'http' ? [] : null;
	const rows = new Map<string, TeamCircleRow>();
	for (const e of listed.value) {
		if (!e.vouched) await commands.vouchForOwner(e.teamId, e.circleId);
		const seen = rows.get(e.circleId);
		rows.set(e.circleId, {
			circleId: e.circleId,
			name: seen?.name || e.personLabel,
			teams: [...(seen?.teams ?? []), e.teamName]
		});
	}
	return [...rows.values()];
}

/**
 * What my teams reach in `circleId` now: the keys each team opens and each team's grants. A team
 * whose keys do not open is left out when another team reaches the circle; when none does, its
 * error is the answer (`removed` when no team of mine lists the circle any more).
 */
export async function teamReachOf(
	commands: Pick<TeamCommands, 'myTeamCircles' | 'teamCircleAccess'>,
	circleId: string
): Promise<Result<TeamReach, MemberCircleError>> {
	const listed = await commands.myTeamCircles();
	if (!listed.ok) return err(teamReadError(listed.error));
	const teams = listed.value.filter((e) => e.circleId === circleId);
	if (teams.length === 0) return err({ type: 'removed' });
	let first: MemberCircleError | null = null;
	let owner: string | null = null;
	const keys: TeamReach['keys'][number][] = [];
	const grants: TeamReach['grants'][number][] = [];
	for (const t of teams) {
		const opened = await commands.teamCircleAccess(t.teamId, circleId);
		if (!opened.ok) {
			first ??= teamReadError(opened.error);
			continue;
		}
		// Two teams vouching for different identities of the same person: only the first counts.
		owner ??= opened.value.ownerIdentityKey;
		if (opened.value.ownerIdentityKey !== owner) continue;
		keys.push(...opened.value.keys);
		grants.push(opened.value.grants);
	}
	if (owner === null) return err(first ?? { type: 'removed' });
	return ok({ keys, grants, ownerIdentityKey: owner });
}
