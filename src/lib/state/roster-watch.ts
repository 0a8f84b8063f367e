// The circle roster checked in a member's background sync (issue 14, trust between members):
// until now a member's device asked for the person's signed member list only when she opened the
// care plan or the summary, so a server replaying an old list or forging one went unseen (and the
// keys other members' signatures verify against stayed stale) until then. Each run of her own sync
// engine now also asks, at most once per `intervalMs` once the server answered, for every circle
// she is a member of, through `circle-roster.ts` `refreshRoster` (checked against the owner's pin,
// the highest verified version kept sealed in her vault, so her other devices know it too). The
// last status per circle is kept for her circle screen, which says a refusal (rollback, fork, bad
// signature…) in words.
// Invariants: one run at a time; a run that could not list the circles (offline, locked) is tried
// again on the next sync; the engine's own sync runs whatever the roster check answered.
import type { SyncEngine } from '$lib/sync/client';
import type { RosterStatus } from './circle-roster';

/** How often a member's device asks for the rosters of her circles (between forced runs). */
export const ROSTER_WATCH_INTERVAL_MS = 5 * 60_000;

export interface RosterWatchDeps {
	/** The circles this account is a member of; null when they could not be listed. */
	readonly circles: () => Promise<readonly string[] | null>;
	readonly refresh: (circleId: string) => Promise<RosterStatus>;
	readonly now: () => number;
	readonly intervalMs?: number;
	/** Told each circle's status (the circle screen shows a refusal in words). */
	readonly onStatus?: (circleId: string, status: RosterStatus) => void;
}

export interface RosterWatch {
	/** Checks every circle's roster if due (or `force`); null when not due or not listed. */
	readonly run: (force?: boolean) => Promise<ReadonlyMap<string, RosterStatus> | null>;
}

export function createRosterWatch(deps: RosterWatchDeps): RosterWatch {
	const interval = deps.intervalMs ?? ROSTER_WATCH_INTERVAL_MS;
	let answeredAt: number | null = null;
	let running: Promise<ReadonlyMap<string, RosterStatus> | null> | null = null;

	async function once(force: boolean): Promise<ReadonlyMap<string, RosterStatus> | null> {
		if (!force && answeredAt !== null && deps.now() - answeredAt < interval) return null;
		const circles = await deps.circles();
		if (circles === null) return null;
		const statuses = new Map<string, RosterStatus>();
		let reached = circles.length === 0;
		for (const circleId of circles) {
			const status = await deps.refresh(circleId);
			if (status.type !== 'unreachable') reached = true;
			statuses.set(circleId, status);
			deps.onStatus?.(circleId, status);
		}
		if (reached) answeredAt = deps.now();
		return statuses;
	}

	return {
		run(force = false) {
			running ??= once(force).finally(() => {
				running = null;
			});
			return running;
		}
	};
}

/** The engine with the roster check first in each run (its outcome never blocks the sync). */
export function withRosterWatch(engine: SyncEngine, watch: RosterWatch): SyncEngine {
	return {
		...engine,
		sync: async () => {
			await watch.run().catch(() => null);
			return engine.sync();
		}
	};
}
