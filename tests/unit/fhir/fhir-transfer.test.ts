// The FHIR transfer on the device, over a fake vault: reading a file changes nothing (not a single
// commit) until the person confirms; cancelling writes nothing; confirming writes every new record
// in one commit; and the whole round trip — export from a vault, import into a FRESH vault, export
// again — gives the same file. Records already there are counted, not written again. The care
// plan's versions and agreements come back in the same single commit, each with who wrote it,
// and an agreement from the file is not taken on trust: the preview says how many verify here
// (none in a fresh vault, which has pinned nobody) and reading the plan says "not verified".
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { LOCAL_ACCOUNT } from '$lib/domain/circle-view';
import { canonicalJson } from '$lib/domain/fhir/common';
import type { RecordOp, RecordQuery, VaultRecord } from '$lib/domain/records';
import { all, carePlanRecords, GP, NOW, PATIENT } from '../../fixtures/fhir';

interface FakeVault {
	records: VaultRecord[];
	commits: (readonly RecordOp[])[];
}

const state: { current: FakeVault } = { current: { records: [], commits: [] } };

function fakeVault(records: readonly VaultRecord[]): FakeVault {
	return { records: [...records], commits: [] };
}

vi.mock('$lib/state/vault.svelte', () => ({
	vault: {
		isDemo: false,
		vault: () => ({
			header: () => Promise.resolve({ circleId: PATIENT }),
			query: (q: RecordQuery) =>
				Promise.resolve(
					state.current.records.filter(
						(r) => r.category === q.category && (q.includeDeleted === true || !r.deleted)
					)
				),
			commit: (ops: readonly RecordOp[]) => {
				state.current.commits.push(ops);
				for (const op of ops) {
					if (op.type !== 'put' || op.id === undefined) throw new Error('unexpected op');
					const n = state.current.records.length;
					state.current.records.push({
						id: op.id,
						circleId: PATIENT,
						kind: op.kind,
						category: op.category,
						at: op.at,
						hlc: `h${String(n).padStart(8, '0')}`,
						deleted: false,
						...(op.author === undefined ? {} : { author: op.author }),
						body: op.body
					});
				}
				return Promise.resolve({ ok: true, value: undefined });
			}
		})
	}
}));
vi.mock('$lib/state/account.svelte', () => ({ account: { account: null } }));
vi.mock('$lib/state/circle.svelte', () => ({
	loadCircle: () => Promise.reject(new Error('no account, no circle')),
	loadAccessLog: () => Promise.reject(new Error('no account, no log'))
}));
const { fhirTransfer } = await import('$lib/state/fhir-transfer.svelte');
const { loadCarePlan } = await import('$lib/state/care-plan.svelte');
const { ownCircleView } = await import('$lib/state/own-circle');

/** A vault's records (each call mints new task ids: call once per test). */
const source = (): VaultRecord[] => all().map((r) => ({ ...r, circleId: PATIENT }));
const fileOf = async (blob: Blob) =>
	new File([await blob.text()], 'cercle.json', { type: 'application/fhir+json' });

beforeEach(() => {
	fhirTransfer.cancel();
});

describe('FHIR transfer', () => {
	it('previews without writing, writes nothing on cancel, and one commit on confirm', async () => {
		state.current = fakeVault(source());
		const { blob, notes } = await fhirTransfer.exportBundle('M. D.', NOW);
		expect(notes).toEqual([]);
		const fresh = fakeVault([]);
		state.current = fresh;
		await fhirTransfer.read(await fileOf(blob), NOW);
		const preview = fhirTransfer.state;
		if (preview.phase !== 'preview') throw new Error(preview.phase);
		expect(preview.preview.records).toHaveLength(source().length);
		expect(preview.preview.skipped).toEqual([]);
		expect(fresh.commits).toEqual([]);
		expect(fresh.records).toEqual([]);
		fhirTransfer.cancel();
		expect(fresh.commits).toEqual([]);
		await fhirTransfer.read(await fileOf(blob), NOW);
		await fhirTransfer.confirm();
		expect(fhirTransfer.state).toEqual({ phase: 'done', added: source().length });
		expect(fresh.commits).toHaveLength(1);
	});

	it('export → import into a fresh vault → export gives the same file', async () => {
		const original = source();
		state.current = fakeVault(original);
		const first = await (await fhirTransfer.exportBundle('M. D.', NOW)).blob.text();
		state.current = fakeVault([]);
		await fhirTransfer.read(new File([first], 'a.json'), NOW);
		await fhirTransfer.confirm();
		const strip = (r: VaultRecord) => canonicalJson([r.id, r.kind, r.category, r.at, r.body]);
		const restored = new Set(state.current.records.map(strip));
		expect(original.filter((r) => !restored.has(strip(r)))).toEqual([]);
		expect(state.current.records).toHaveLength(original.length);
		const second = await (await fhirTransfer.exportBundle('M. D.', NOW)).blob.text();
		expect(second).toEqual(first);
	});

	it('brings the care plan back in the same commit; agreements from the file are not trusted', async () => {
		const plan = carePlanRecords();
		const original = [...source(), ...plan];
		state.current = fakeVault(original);
		const first = await (await fhirTransfer.exportBundle('M. D.', NOW)).blob.text();
		expect(first).toContain('"resourceType": "CarePlan"');
		const fresh = fakeVault([]);
		state.current = fresh;
		await fhirTransfer.read(new File([first], 'a.json'), NOW);
		const preview = fhirTransfer.state;
		if (preview.phase !== 'preview') throw new Error(preview.phase);
		expect(preview.preview.carePlan).toMatchObject({ versions: 2, agreements: 1, verified: 0 });
		expect(fresh.commits).toEqual([]);
		await fhirTransfer.confirm();
		expect(fresh.commits).toHaveLength(1);
		const back = (id: string) => fresh.records.find((r) => r.id === id);
		for (const r of plan) {
			expect(back(r.id)).toMatchObject({ kind: r.kind, category: 'plan', body: r.body });
			expect(back(r.id)?.author).toBe(r.author);
		}
		const read = await loadCarePlan(ownCircleView([], PATIENT));
		expect(read?.versions.map((v) => [v.id, v.author])).toEqual([
			['cp-v2', GP],
			['cp-v1', LOCAL_ACCOUNT]
		]);
		expect(read?.agreements).toEqual([
			expect.objectContaining({ id: 'cp-a1', type: 'not-verified', reason: 'unknown-signer' })
		]);
		const second = await (await fhirTransfer.exportBundle('M. D.', NOW)).blob.text();
		expect(second).toEqual(first);
	});

	it('counts what the vault already holds and does not write it again', async () => {
		state.current = fakeVault(source());
		const { blob } = await fhirTransfer.exportBundle(undefined, NOW);
		await fhirTransfer.read(await fileOf(blob), NOW);
		const preview = fhirTransfer.state;
		if (preview.phase !== 'preview') throw new Error(preview.phase);
		expect(preview.preview.records).toEqual([]);
		expect(preview.preview.alreadyThere).toBe(source().length);
		await fhirTransfer.confirm();
		expect(state.current.commits).toEqual([]);
	});
});
