// Care teams as the UI sees them: binds the team commands (`team-commands.ts`, dependencies
// injected so tests drive the real ones) to the app's vault, account and `fetch`, so pages import
// one name per command.
import { account } from './account.svelte';
import { createTeamCommands } from './team-commands';
import { createTeamHttp } from './team-http';
import { vault } from './vault.svelte';

const commands = createTeamCommands({
	vault: () => vault.vault(),
	now: () => Date.now(),
	http: createTeamHttp((input, init) => fetch(input, init)),
	accountId: () => account.account?.id ?? null
});

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
	removeFromTeam,
	addTeamToCircle
} = commands;
