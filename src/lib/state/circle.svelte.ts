// The circle of care as the UI sees it (issue 5, issue 12): the person's members, grants,
// invitations and access log, and the invitee's side of a link. The commands themselves live in
// `circle-commands.ts` (dependencies injected, so tests drive the real ones); this module binds
// them to the app's vault, account and `fetch`, so components import one name per command.
import { account } from './account.svelte';
import { createCircleCommands } from './circle-commands';
import { vault } from './vault.svelte';

export {
	INVITATION_SECRET_KIND,
	type AccessLog,
	type CircleError,
	type CircleResult,
	type CircleSnapshot,
	type NewInvitation,
	type RosterStatus,
	type UnverifiedMember,
	type VerifiedPreview
} from './circle-commands';
export type { PinCheck } from '$lib/vault/pins';

const commands = createCircleCommands({
	vault: () => vault.vault(),
	fetch: (input, init) => fetch(input, init),
	publishNewKeys: () => account.publishNewKeys(),
	now: () => Date.now()
});

export const {
	linkOfInvitation,
	loadCircle,
	createInvitation,
	cancelInvitation,
	confirmInvitation,
	updateGrants,
	removeMember,
	rotate,
	safetyCodeWith,
	confirmMemberKeys,
	confirmOwnerKeys,
	loadAccessLog,
	logSharedExport,
	myCircles,
	publishRoster,
	refreshRoster,
	rosterKeys,
	previewInvitation,
	acceptInvitation
} = commands;
