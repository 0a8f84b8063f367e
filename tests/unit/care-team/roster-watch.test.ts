// The circle roster checked in a member's background sync (state/roster-watch.ts): every circle
// she is a member of is asked at the first run, then at most once per interval once the server
// answered; a run that could not list her circles or reach the server is tried again at the next
// sync; a refusal (rollback, fork, bad signature) is reported per circle for her circle screen;
// a forced run (the circle screen's refresh) asks at once; the engine's own sync always runs.
import { describe, expect, it } from 'vitest';
import type { Roster } from '$lib/domain/circle/roster';
import type { RosterStatus } from '$lib/state/circle-roster';
import { createRosterWatch, withRosterWatch } from '$lib/state/roster-watch';
import type { SyncEngine } from '$lib/sync/client';
import type { SyncRun } from '$lib/sync/types';

const RUN: SyncRun = { status: { kind: 'synced' }, retry: { type: 'none' } };
const KEPT: Roster = { circleId: 'c1', version: 3, issuedAt: 1, members: [] };

function engineCounting(): { engine: SyncEngine; runs: () => number } {
	let runs = 0;
	return {
		runs: () => runs,
		engine: {
			sync: () => {
				runs += 1;
				return Promise.resolve(RUN);
			},
			refresh: () => Promise.resolve(RUN.status),
			status: () => RUN.status,
			subscribe: () => () => undefined
		}
	};
}

function scene(answers: Record<string, RosterStatus[]>, circles: (readonly string[] | null)[]) {
	let now = 1_000_000;
	const asked: string[] = [];
	const shown = new Map<string, RosterStatus>();
	const watch = createRosterWatch({
		circles: () =>
			Promise.resolve(circles.length > 1 ? (circles.shift() ?? null) : (circles[0] ?? null)),
		refresh: (circleId) => {
			asked.push(circleId);
			return Promise.resolve(
				answers[circleId]?.shift() ?? { type: 'verified', roster: { ...KEPT, circleId } }
			);
		},
		now: () => now,
		intervalMs: 60_000,
		onStatus: (circleId, status) => shown.set(circleId, status)
	});
	return { watch, asked, shown, advance: (ms: number) => (now += ms) };
}

describe('roster check in a member’s background sync', () => {
	it('asks for every circle at the first sync, then once per interval', async () => {
		const s = scene({}, [['c1', 'c2']]);
		const { engine, runs } = engineCounting();
		const synced = withRosterWatch(engine, s.watch);
		await synced.sync();
		await synced.sync();
		expect(s.asked).toEqual(['c1', 'c2']);
		s.advance(60_000);
		await synced.sync();
		expect(s.asked).toEqual(['c1', 'c2', 'c1', 'c2']);
		expect(runs()).toBe(3);
	});

	it('reports a refused list per circle (the kept one stays in force)', async () => {
		const rollback: RosterStatus = {
			type: 'refused',
			refusal: { type: 'rollback', seen: 3, got: 2 },
			kept: KEPT
		};
		const s = scene({ c1: [rollback] }, [['c1', 'c2']]);
		await s.watch.run();
		expect(s.shown.get('c1')).toEqual(rollback);
		expect(s.shown.get('c2')?.type).toBe('verified');
	});

	it('tries again at the next sync when the circles or the server could not be reached', async () => {
		const unreachable: RosterStatus = { type: 'unreachable', kept: null };
		const s = scene({ c1: [unreachable] }, [null, ['c1'], ['c1']]);
		expect(await s.watch.run()).toBeNull();
		expect(s.asked).toEqual([]);
		await s.watch.run();
		await s.watch.run();
		expect(s.asked).toEqual(['c1', 'c1']);
		expect(s.shown.get('c1')?.type).toBe('verified');
		await s.watch.run();
		expect(s.asked).toEqual(['c1', 'c1']);
	});

	it('a forced run asks at once; the sync runs even when the check throws', async () => {
		const s = scene({}, [['c1']]);
		await s.watch.run();
		await s.watch.run(true);
		expect(s.asked).toEqual(['c1', 'c1']);
		const { engine, runs } = engineCounting();
		const failing = withRosterWatch(engine, { run: () => Promise.reject(new Error('boom')) });
		expect(await failing.sync()).toEqual(RUN);
		expect(runs()).toBe(1);
	});
});
