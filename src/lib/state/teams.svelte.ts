// Care teams as the UI sees them: binds the team commands (`team-commands.ts`, dependencies
// injected so tests drive the real ones) to the app's vault, account and `fetch`, so pages import
// one name per command.
import { account } from './account.svelte';
import { loadCircle, rotate } from './circle.svelte';
import { createTeamCircleCommands } from './team-circle-commands';
import { createTeamCommands } from './team-commands';
import { createTeamHttp } from './team-http';
import { vault } from './vault.svelte';

const http = createTeamHttp((input, init) => fetch(input, init));
const base = { vault: () => vault.vault(), now: () => Date.now(), http };
export const teamCommands = createTeamCommands({
	...base,
	accountId: () => account.account?.id ?? null
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
	rotateTeamKey,
	teamCircleKeys,
	removeFromTeam
} = teamCommands;
