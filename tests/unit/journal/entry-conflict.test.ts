// Keeping a version from the entry in the timeline: the entry is read again and the choice is
// applied (through the sync state's resolution) only to the versions the person saw; a newer
// version, a deleted entry or a locked journal write nothing.
import { describe, expect, it, vi } from 'vitest';
import type { VaultRecord } from '$lib/domain/records';

vi.mock('$lib/state/sync.svelte', () => ({ sync: {} }));
vi.mock('$lib/state/vault.svelte', () => ({ vault: {} }));
const { createKeepVersion } = await import('$lib/commands/sync');

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

function setUp(current: VaultRecord | null, unlocked = true) {
	const resolved: [VaultRecord, 'shown' | 'other'][] = [];
	const keep = createKeepVersion({
		unlocked: () => unlocked,
		get: () => Promise.resolve(current),
		resolve: (r, which) => {
			resolved.push([r, which]);
			return Promise.resolve({ ok: true, value: undefined });
		}
	});
	return { keep, resolved };
}

describe('keep a version from the entry', () => {
	it('applies the choice to the version shown', async () => {
		const { keep, resolved } = setUp(record);
		expect(await keep(record, 'other')).toEqual({ ok: true, value: undefined });
		expect(resolved).toEqual([[record, 'other']]);
	});

	it('writes nothing when the entry changed since it was shown, or is gone', async () => {
		for (const current of [{ ...record, hlc: 'hlc-3' }, { ...record, deleted: true }, null]) {
			const { keep, resolved } = setUp(current);
			expect(await keep(record, 'shown')).toEqual({ ok: false, error: { type: 'changed' } });
			expect(resolved).toEqual([]);
		}
	});

	it('does nothing more when the conflict was already resolved (another device)', async () => {
		const { conflict: _c, ...resolvedElsewhere } = record;
		const { keep, resolved } = setUp(resolvedElsewhere);
		expect(await keep(record, 'shown')).toEqual({ ok: true, value: undefined });
		expect(resolved).toEqual([]);
	});

	it('says the journal is locked', async () => {
		const { keep, resolved } = setUp(record, false);
		expect(await keep(record, 'shown')).toEqual({ ok: false, error: { type: 'locked' } });
		expect(resolved).toEqual([]);
	});
});
