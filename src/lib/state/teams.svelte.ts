// Care teams as the UI sees them: binds the team commands (`team-commands.ts`, dependencies
// injected so tests drive the real ones) to the app's vault, account and `fetch`, so pages import
// one name per command (a team key rotation only with the team's survey campaigns carried over:
// ./team-surveys-app.ts; whenever this device sees the key moved on from a version it keeps, the
// campaigns sealed to that version are carried too, loading the survey code only then); and the person's re-wrap to a rotated team key (`team-rewrap.ts`), run by
// her background sync (sync.svelte.ts) and by her circle page, whose last answer the page shows.
import { account } from './account.svelte';
import { loadCircle, rotate } from './circle.svelte';
import { createTeamCircleCommands, createTeamCommands } from './team-commands';
import { createTeamHttp } from '$lib/sync/team-http';
import { createTeamRewrap } from './team-rewrap';
import type { CircleResult } from '$lib/domain/circle/errors';
import { vault } from './vault.svelte';

const http = createTeamHttp((input, init) => fetch(input, init));
const base = { vault: () => vault.vault(), now: () => Date.now(), http };
export const teamCommands = createTeamCommands({
	...base,
	accountId: () => account.account?.id ?? null,
	onTeamKeyMoved: async (teamId, from, to) =>
		(await import('./team-surveys-app')).teamSurveys.carryCampaigns(teamId, from, to)
});

export const { addTeamToCircle, rewrapTeams, vouchForOwner } = createTeamCircleCommands({
	...base,
	// A team member left: the person's own rotation, to her circle's members as listed now.
	rotateCategories: async (circleId, categories) => {
		const circle = await loadCircle(circleId);
		if (!circle.ok) return circle;
		if (circle.value.cached) return { ok: false, error: { type: 'offline' } };
		return rotate(circleId, categories, circle.value.members);
	}
});

/** What reading through a team needs on this device (state/team-reading.ts). */
export const teamReading = { ...teamCommands, vouchForOwner };

export const {
	listTeams,
	loadTeam,
	createTeam,
	inviteColleague,
	linkOfInvitation,
	previewTeamInvite,
	acceptTeamInvite,
	confirmColleague,
	teamCircleKeys
} = teamCommands;

let rewrapAnswer = $state.raw<CircleResult<number> | null>(null);
const rewrapper = createTeamRewrap({
	rewrap: rewrapTeams,
	circleId: () =>
		Promise.resolve(
			vault.status === 'unlocked' && !vault.isDemo ? (account.account?.circleId ?? null) : null
		),
	now: () => Date.now(),
	onResult: (result) => {
		rewrapAnswer = result;
	}
});

/** The person's re-wrap to her teams' rotated keys: the last answer, and a run (forced or due). */
export const teamRewrap = {
	get last(): CircleResult<number> | null {
		return rewrapAnswer;
	},
	run: rewrapper.run
};
