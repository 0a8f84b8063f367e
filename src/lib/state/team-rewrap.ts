// The person's re-wrap to a care team's rotated key, as part of her device's background sync
// (issue 14 §1): when a member leaves a team or is removed, an admin's device rotates the team
// key, and the remaining members wait ("team-key-waiting") until the person's device checks the
// new key (signed by someone she pinned: team-circle-commands.ts `rewrapTeams`), rotates the
// categories the team could read and wraps them to the new key. That happens on the next run of
// her sync engine, without her circle page being open; the outcome is kept so the circle page
// can say a refusal in words.
// Invariants: one run at a time; at most one asking of the server per `intervalMs` once it
// answered (a run that could not reach it, or found the vault locked, is tried again on the next
// sync); the engine's own sync
// runs whatever the re-wrap answered (a team's trouble never stops the person's journal syncing).
import type { SyncEngine } from '$lib/sync/client';
import type { CircleResult } from '$lib/domain/circle/errors';

/** How often the person's device asks whether a team's key moved on (between forced runs). */
export const TEAM_REWRAP_INTERVAL_MS = 5 * 60_000;

export interface TeamRewrapDeps {
	/** team-circle-commands.ts `rewrapTeams`: how many teams were re-wrapped. */
	readonly rewrap: (circleId: string) => Promise<CircleResult<number>>;
	/** The person's own circle (null: no vault open, or no account). */
	readonly circleId: () => Promise<string | null>;
	readonly now: () => number;
	readonly intervalMs?: number;
	/** Told each answer (the circle page shows a refusal in words). */
	readonly onResult?: (result: CircleResult<number>) => void;
}

export interface TeamRewrap {
	/** Re-wraps if due (or `force`); null when not due or there is no circle. */
	readonly run: (force?: boolean) => Promise<CircleResult<number> | null>;
}

export function createTeamRewrap(deps: TeamRewrapDeps): TeamRewrap {
	const interval = deps.intervalMs ?? TEAM_REWRAP_INTERVAL_MS;
	let answeredAt: number | null = null;
	let running: Promise<CircleResult<number> | null> | null = null;

	async function once(force: boolean): Promise<CircleResult<number> | null> {
		const circleId = await deps.circleId();
		if (circleId === null) return null;
		if (!force && answeredAt !== null && deps.now() - answeredAt < interval) return null;
		const result = await deps.rewrap(circleId);
		const unanswered =
			!result.ok && (result.error.type === 'offline' || result.error.type === 'locked');
		if (!unanswered) answeredAt = deps.now();
		deps.onResult?.(result);
		return result;
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

/** The engine with the team re-wrap first in each run (its outcome never blocks the sync). */
export function withTeamRewrap(engine: SyncEngine, rewrap: TeamRewrap): SyncEngine {
	return {
		...engine,
		sync: async () => {
			await rewrap.run().catch(() => null);
			return engine.sync();
		}
	};
}
