// Care teams as the UI sees them: binds the team commands (`team-commands.ts`, dependencies
// injected so tests drive the real ones) to the app's vault, account and `fetch`, so pages import
// one name per command.
import { account } from './account.svelte';
import { createTeamCircleCommands } from './team-circle-commands';
import { createTeamCommands } from './team-commands';
import { createTeamHttp } from './team-http';
import { vault } from './vault.svelte';

const http = createTeamHttp((input, init) => fetch(input, init));
const base = { vault: () => vault.vault(), now: () => Date.now(), http };
const commands = createTeamCommands({ ...base, accountId: () => account.account?.id ?? null });

export const { addTeamToCircle, rewrapTeams, vouchForOwner } = createTeamCircleCommands(base);

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
} = commands;
