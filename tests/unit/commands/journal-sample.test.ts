// The sample-person command: options that do not parse write nothing; the entries go in order, in
// batches of at most SAMPLE_BATCH operations (one commit each, every entry exactly once); the first
// refused batch stops the fill and the count says what was written.
import { describe, expect, it } from 'vitest';
import {
	buildSamplePerson,
	fillSamplePerson,
	SAMPLE_BATCH,
	type FillOptions
} from '$lib/commands/journal-sample';
import type { CommitError, RecordOp, VaultRecord } from '$lib/domain/records';
import type { Result } from '$lib/domain/result';

const NOW = Date.UTC(2025, 5, 1, 12, 0);
// A year: more than one batch.
const options: FillOptions = { now: NOW, locale: 'fr', timeZone: 'Europe/Paris', days: 365 };

function store(refuseFrom = Infinity) {
	const commits: (readonly RecordOp[])[] = [];
	return {
		commits,
		commit(ops: readonly RecordOp[]): Promise<Result<readonly VaultRecord[], CommitError>> {
			commits.push(ops);
			return Promise.resolve(
				commits.length >= refuseFrom
					? { ok: false, error: { type: 'locked' } }
					: { ok: true, value: [] }
			);
		}
	};
}

describe('sample person command', () => {
	it('writes every entry once, in batches of at most SAMPLE_BATCH', async () => {
		const expected = buildSamplePerson(options);
		const target = store();
		expect(await fillSamplePerson(target, options)).toBe(expected.length);
		expect(target.commits).toHaveLength(Math.ceil(expected.length / SAMPLE_BATCH));
		expect(Math.max(...target.commits.map((ops) => ops.length))).toBeLessThanOrEqual(SAMPLE_BATCH);
		expect(target.commits.length).toBeGreaterThan(1);
		// Entries of the same minute are ordered by their random ids: compare as sets of (kind, at).
		const key = (kind: string, at: number) => `${kind}@${String(at)}`;
		const written = target.commits
			.flat()
			.map((op) => (op.type === 'put' ? key(op.kind, op.at) : ''));
		expect(written.toSorted()).toEqual(expected.map((e) => key(e.kind, e.at)).toSorted());
	});

	it('writes nothing for options that do not parse', async () => {
		for (const bad of [
			{ ...options, now: -1 },
			{ ...options, locale: 'de' },
			{ ...options, days: 0 }
		]) {
			const target = store();
			expect(await fillSamplePerson(target, bad as FillOptions)).toBe(0);
			expect(target.commits).toEqual([]);
		}
	});

	it('stops at the first refused batch and counts what was written', async () => {
		const target = store(2);
		expect(await fillSamplePerson(target, options)).toBe(SAMPLE_BATCH);
		expect(target.commits).toHaveLength(2);
	});
});
