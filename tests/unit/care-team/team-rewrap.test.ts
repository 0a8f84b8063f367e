// The person's re-wrap to a rotated team key inside her sync runs (state/team-rewrap.ts): asked at
// the first run, then at most once per interval once the server answered; a run that could not
// reach the server is tried again at the next sync; a forced run (her circle page) asks at once;
// concurrent runs share one asking; the journal's sync runs whatever the re-wrap answered.
import { describe, expect, it } from 'vitest';
import type { CircleResult } from '$lib/domain/circle/errors';
import { createTeamRewrap, withTeamRewrap } from '$lib/state/team-rewrap';
import type { SyncEngine } from '$lib/sync/client';
import type { SyncRun } from '$lib/sync/types';

const RUN: SyncRun = { status: { kind: 'synced' }, retry: { type: 'none' } };

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

function scene(answers: CircleResult<number>[]) {
	let now = 1_000_000;
	const asked: string[] = [];
	const seen: CircleResult<number>[] = [];
	const rewrap = createTeamRewrap({
		rewrap: (circleId) => {
			asked.push(circleId);
			return Promise.resolve(answers.shift() ?? { ok: true, value: 0 });
		},
		circleId: () => Promise.resolve('circle-1'),
		now: () => now,
		intervalMs: 60_000,
		onResult: (r) => seen.push(r)
	});
	return {
		rewrap,
		asked,
		seen,
		advance: (ms: number) => {
			now += ms;
		}
	};
}

describe('team re-wrap in background sync', () => {
	it('asks at the first sync, then once per interval once answered', async () => {
		const s = scene([{ ok: true, value: 1 }]);
		const { engine, runs } = engineCounting();
		const synced = withTeamRewrap(engine, s.rewrap);
		await synced.sync();
		await synced.sync();
		expect(s.asked).toEqual(['circle-1']);
		expect(s.seen).toEqual([{ ok: true, value: 1 }]);
		s.advance(60_000);
		await synced.sync();
		expect(s.asked).toHaveLength(2);
		expect(runs()).toBe(3);
	});

	it('tries again at the next sync when the server could not be reached', async () => {
		const s = scene([{ ok: false, error: { type: 'offline' } }]);
		await s.rewrap.run();
		await s.rewrap.run();
		expect(s.asked).toHaveLength(2);
		await s.rewrap.run();
		expect(s.asked).toHaveLength(2);
	});

	it('keeps a refusal for the circle page and does not ask again before the interval unless forced', async () => {
		const refusal: CircleResult<number> = {
			ok: false,
			error: { type: 'key-changed', members: [{ accountId: 'anne', label: 'SSIAD du Port' }] }
		};
		const s = scene([refusal]);
		expect(await s.rewrap.run()).toEqual(refusal);
		expect(await s.rewrap.run()).toBeNull();
		expect(s.seen).toEqual([refusal]);
		expect(await s.rewrap.run(true)).toEqual({ ok: true, value: 0 });
		expect(s.asked).toHaveLength(2);
	});

	it('shares one asking between concurrent runs, and the sync runs even when the re-wrap throws', async () => {
		const s = scene([]);
		await Promise.all([s.rewrap.run(), s.rewrap.run(true)]);
		expect(s.asked).toHaveLength(1);
		const { engine, runs } = engineCounting();
		const broken = withTeamRewrap(engine, { run: () => Promise.reject(new Error('boom')) });
		expect(await broken.sync()).toEqual(RUN);
		expect(runs()).toBe(1);
	});
});
