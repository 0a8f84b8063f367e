// The app's wiring of `roster-watch.ts`: this account's member circles (GET /api/circles), the
// roster commands bound to the open vault, and the last status per circle as rune state for the
// member's circle screen (`ui/circle/RosterWatchNotice.svelte`). Loaded by the sync engine on its
// first run (out of every page's first load).
import { SvelteMap } from 'svelte/reactivity';
import { account } from './account.svelte';
import { myCircles, refreshRoster } from './circle.svelte';
import type { RosterStatus } from './circle-roster';
import { createRosterWatch } from './roster-watch';
import { vault } from './vault.svelte';

const statuses = new SvelteMap<string, RosterStatus>();

const watcher = createRosterWatch({
	circles: async () => {
		if (vault.status !== 'unlocked' || vault.isDemo || account.account === null) return null;
		const listed = await myCircles();
		if (!listed.ok) return null;
		return listed.value.circles
			.filter((c) => c.role === 'member' && c.status === 'active')
			.map((c) => c.id);
	},
	refresh: (circleId) => refreshRoster(circleId),
	now: () => Date.now(),
	onStatus: (circleId, status) => {
		statuses.set(circleId, status);
	}
});

/** The roster check of a member's circles: the last status per circle, and a run (forced or due). */
export const rosterWatch = {
	statusOf(circleId: string): RosterStatus | null {
		return statuses.get(circleId) ?? null;
	},
	run: watcher.run
};
