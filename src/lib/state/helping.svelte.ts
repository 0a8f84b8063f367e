// "People I help" (issue 11 §3): whether this account belongs to other people's circles, so the
// main navigation can lead a carer straight to them. The list comes from the server
// (`GET /api/circles`); whether there is at least one is remembered in localStorage (a flag, no
// names, wiped with every `cercle.` key when the device is forgotten) so the entry is there at
// start-up and offline. The people one's care teams were invited into count too (issue 14 §1).
// Invariant: without an account, or for the demo journal, nobody is helped.
import type { MyCirclesResponse } from '$lib/contracts/circle';
import { account } from './account.svelte';
import { vault } from './vault.svelte';

const HELPING_KEY = 'cercle.helping';

export type HelpedCircle = MyCirclesResponse['circles'][number];

function createHelpingState() {
	let remembered = $state(
		typeof localStorage !== 'undefined' && localStorage.getItem(HELPING_KEY) === '1'
	);
	let circles = $state.raw<readonly HelpedCircle[] | null>(null);

	return {
		/** True when this account is a member of at least one other person's circle. */
		get helping(): boolean {
			if (account.account === null || vault.isDemo) return false;
			return remembered;
		},
		/** The circles this account is a member of (null until the server answered). */
		get circles() {
			return circles;
		},
		/** Asks the server again; keeps what is known when offline. */
		async refresh(): Promise<void> {
			if (account.account === null || vault.isDemo) return;
			// The circle module (invitations, key wrapping) stays out of the first load of every page.
			const { myCircles } = await import('./circle.svelte');
			const { teamCircleRows } = await import('./team-reading');
			const { teamReading } = await import('./teams.svelte');
			const [result, throughTeams] = await Promise.all([myCircles(), teamCircleRows(teamReading)]);
			if (!result.ok) return;
			circles = result.value.circles.filter((c) => c.role === 'member');
			// A professional may help people only through her care teams.
			remembered = circles.length > 0 || (throughTeams ?? []).length > 0;
			localStorage.setItem(HELPING_KEY, remembered ? '1' : '0');
		}
	};
}

export const helping = createHelpingState();
