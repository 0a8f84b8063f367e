// Sync's conflict command: keeping one of two concurrent versions writes the chosen body as ONE
// new version over the version read (`expectedHlc`); an entry without a conflict, or a locked
// vault, writes nothing; the vault's refusal (a newer version arrived) comes back as it is; from
// the timeline the entry is read again first.
import { describe, expect, it } from 'vitest';
import { createSyncCommands } from '$lib/commands/sync';
import type { CircleRecords } from '$lib/domain/circle-view';
import type { CommitError, RecordOp, VaultRecord } from '$lib/domain/records';
import type { Result } from '$lib/domain/result';

const record: VaultRecord = {
	id: 'entry-1',
	circleId: 'circle',
	kind: 'note',
	category: 'notes',
	at: 1,
	hlc: 'hlc-2',
	deleted: false,
	body: { kind: 'note', at: 1, text: 'from A' },
	conflict: { hlc: 'hlc-1', body: { kind: 'note', at: 1, text: 'from B' } }
};

function store(
	current: VaultRecord | null,
	answer: Result<readonly VaultRecord[], CommitError> = { ok: true, value: [] }
) {
	const commits: (readonly RecordOp[])[] = [];
	const records: Pick<CircleRecords, 'get' | 'commit'> = {
		get: () => Promise.resolve(current),
		commit: (ops) => {
			commits.push(ops);
			return Promise.resolve(answer);
		}
	};
	return { records, commits };
}

describe('sync commands: keep one version', () => {
	it('writes the other device’s body in one commit over the version shown', async () => {
		const { records, commits } = store(record);
		const commands = createSyncCommands({ records: () => records });
		expect(await commands.resolveConflict(record, 'other')).toEqual({ ok: true, value: undefined });
		expect(commits).toEqual([
			[
				{
					type: 'put',
					id: 'entry-1',
					kind: 'note',
					category: 'notes',
					at: 1,
					body: { kind: 'note', at: 1, text: 'from B' },
					expectedHlc: 'hlc-2'
				}
			]
		]);
		expect(await commands.resolveConflict(record, 'shown')).toEqual({ ok: true, value: undefined });
		expect(commits[1]?.[0]).toMatchObject({ body: { text: 'from A' } });
	});

	it('writes nothing without a conflict or while locked', async () => {
		const { conflict: _c, ...plain } = record;
		const open = store(plain);
		const commands = createSyncCommands({ records: () => open.records });
		expect(await commands.resolveConflict(plain, 'other')).toEqual({ ok: true, value: undefined });
		expect(open.commits).toEqual([]);
		const locked = createSyncCommands({ records: () => null });
		expect(await locked.resolveConflict(record, 'other')).toEqual({
			ok: false,
			error: { type: 'locked' }
		});
		expect(await locked.keepVersion(record, 'other')).toEqual({
			ok: false,
			error: { type: 'locked' }
		});
	});

	it('returns the vault’s refusal when a newer version arrived meanwhile', async () => {
		const refusal: CommitError = { type: 'conflict', id: 'entry-1', current: null };
		const { records, commits } = store(record, { ok: false, error: refusal });
		const commands = createSyncCommands({ records: () => records });
		expect(await commands.resolveConflict(record, 'shown')).toEqual({ ok: false, error: refusal });
		expect(commits).toHaveLength(1);
	});

	it('from the timeline: reads the entry again, then writes once, or nothing if it changed', async () => {
		const same = store(record);
		expect(
			await createSyncCommands({ records: () => same.records }).keepVersion(record, 'other')
		).toEqual({ ok: true, value: undefined });
		expect(same.commits).toHaveLength(1);
		const newer = store({ ...record, hlc: 'hlc-3' });
		expect(
			await createSyncCommands({ records: () => newer.records }).keepVersion(record, 'other')
		).toEqual({ ok: false, error: { type: 'changed' } });
		expect(newer.commits).toEqual([]);
	});
});
