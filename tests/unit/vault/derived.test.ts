// Derived per-bucket values (src/lib/vault/derived.ts) through the journal's digests: they equal
// the direct computation, survive a lock (kept encrypted on the device, so the next unlock does
// not recompute them), and are recomputed when a bucket changes (edit, delete, undo) or when the
// stored value does not open.
import { describe, expect, it } from 'vitest';
import {
	mergeLasting,
	mergeSeries,
	metricSeriesKey,
	symptomSeriesKey
} from '$lib/domain/journal/digest';
import { metricSeries, symptomSeries } from '$lib/domain/journal/trends';
import { lastingDigestQuery, seriesDigestQuery } from '$lib/state/journal-digest';
import type { DeriveQuery, Derived } from '$lib/domain/records';
import { createJournalRepo, isKind, type JournalRecord } from '$lib/vault/repos/journal';
import type { Vault } from '$lib/vault/vault';
import { makeVault, PASSPHRASE } from '../../fixtures/vault';
import { vaultTables } from '$lib/vault/testing';

const NOW = Date.UTC(2025, 5, 1, 12, 0);
const DAY = 86_400_000;
const PREFS = { weight: 'kg', glucose: 'mmol/L', temperature: 'celsius' } as const;

/** The derived values of a query (what `observeDerived` reports first). */
function derive<T>(vault: Vault, query: DeriveQuery<T>): Promise<readonly Derived<T>[]> {
	return vault.derive(query);
}

/** Counts how often a query computes a bucket's value (instead of reading the stored one). */
function counting<T>(query: DeriveQuery<T>): { query: DeriveQuery<T>; computed: () => number } {
	let computed = 0;
	return {
		query: {
			...query,
			compute: (records) => {
				computed += 1;
				return query.compute(records);
			}
		},
		computed: () => computed
	};
}

async function journalWithReadings() {
	const vault = makeVault({ now: () => NOW });
	await vault.create(PASSPHRASE);
	const repo = createJournalRepo({ store: () => vault, now: () => NOW });
	for (let day = 60; day >= 1; day -= 1) {
		const at = NOW - day * DAY;
		const bp = await repo.saveMeasurement(
			{
				at,
				measurement: { type: 'blood-pressure', systolic: 120 + (day % 17), diastolic: 80 }
			},
			PREFS
		);
		if (!bp.ok) throw new Error('expected a saved reading');
		const pain = await repo.save({
			kind: 'symptom',
			at: at + 3_600_000,
			symptom: { source: 'catalogue', id: 'pain' },
			severity: day % 11
		});
		if (!pain.ok) throw new Error('expected a saved symptom');
	}
	const target = await repo.save({
		kind: 'target-range',
		at: NOW - 90 * DAY,
		metric: 'systolic',
		low: 100,
		high: 135,
		setBy: 'person'
	});
	if (!target.ok) throw new Error('expected a saved target');
	return { vault, repo };
}

async function directSystolic(repo: ReturnType<typeof createJournalRepo>) {
	return metricSeries(await repo.list({ kinds: ['measurement'] }), 'systolic');
}

async function digestSystolic(vault: Vault, query = seriesDigestQuery('measurements')) {
	const values = await derive(vault, query);
	return mergeSeries(
		values.map((v) => v.value),
		metricSeriesKey('systolic')
	);
}

describe('derived digests in the vault', () => {
	it('equal the direct computation, for series and lasting records', async () => {
		const { vault, repo } = await journalWithReadings();
		expect(await digestSystolic(vault)).toEqual(await directSystolic(repo));
		expect((await directSystolic(repo)).length).toBe(60);
		const symptoms = await derive(vault, seriesDigestQuery('symptoms', NOW - 30 * DAY));
		expect(
			mergeSeries(
				symptoms.map((v) => v.value),
				symptomSeriesKey('pain'),
				NOW - 30 * DAY
			)
		).toEqual(symptomSeries(await repo.list({ kinds: ['symptom'], from: NOW - 30 * DAY }), 'pain'));
		const lasting = await derive(vault, lastingDigestQuery('measurements'));
		const targets = mergeLasting(lasting.map((v) => v.value)).filter(isKind('target-range'));
		expect(targets).toEqual(await repo.list({ kinds: ['target-range'] }));
	});

	it('are kept encrypted across a lock: the next unlock reads them without recomputing', async () => {
		const { vault, repo } = await journalWithReadings();
		const first = counting(seriesDigestQuery('measurements'));
		const before = await digestSystolic(vault, first.query);
		expect(first.computed()).toBeGreaterThan(5);
		const stored = await vaultTables(vault).drafts.get('derived:measurements:journal-series-v1');
		expect(stored).toBeDefined();
		// Sealed: no reading appears in the stored bytes.
		expect(new TextDecoder().decode(stored?.ct)).not.toContain('systolic');
		vault.lock();
		expect(await derive(vault, seriesDigestQuery('measurements'))).toEqual([]);
		expect((await vault.unlock(PASSPHRASE)).ok).toBe(true);
		const second = counting(seriesDigestQuery('measurements'));
		expect(await digestSystolic(vault, second.query)).toEqual(before);
		expect(second.computed()).toBe(0);
		expect(before).toEqual(await directSystolic(repo));
	});

	it('follow edits, deletes and undo: only the changed bucket is recomputed', async () => {
		const { vault, repo } = await journalWithReadings();
		await digestSystolic(vault);
		const readings = (await repo.list({ kinds: ['measurement'] })).filter(isKind('measurement'));
		const edited = readings[10];
		const removed = readings[40];
		if (!edited || !removed) throw new Error('expected readings');
		const saved = await repo.saveMeasurement(
			{
				at: edited.at,
				measurement: { type: 'blood-pressure', systolic: 171, diastolic: 95 }
			},
			PREFS,
			{ id: edited.id, expectedHlc: edited.hlc }
		);
		expect(saved.ok).toBe(true);
		const afterEdit = counting(seriesDigestQuery('measurements'));
		const series = await digestSystolic(vault, afterEdit.query);
		expect(afterEdit.computed()).toBe(1);
		expect(series).toEqual(await directSystolic(repo));
		expect(series.find((p) => p.at === edited.at)?.value).toBe(171);

		expect((await repo.remove(removed)).ok).toBe(true);
		const afterDelete = await digestSystolic(vault);
		expect(afterDelete).toEqual(await directSystolic(repo));
		expect(afterDelete.some((p) => p.at === removed.at)).toBe(false);
		expect(afterDelete).toHaveLength(59);

		expect((await repo.restore(removed)).ok).toBe(true);
		const afterUndo = await digestSystolic(vault);
		expect(afterUndo).toHaveLength(60);
		expect(afterUndo).toEqual(await directSystolic(repo));
	});

	it('recomputes, never trusts, a stored value that does not open', async () => {
		const { vault, repo } = await journalWithReadings();
		await digestSystolic(vault);
		vault.lock();
		const key = 'derived:measurements:journal-series-v1';
		const stored = await vaultTables(vault).drafts.get(key);
		if (!stored) throw new Error('expected a stored digest');
		const ct = new Uint8Array(stored.ct);
		ct[5] = (ct[5] ?? 0) ^ 0xff;
		await vaultTables(vault).drafts.put({ ...stored, ct });
		expect((await vault.unlock(PASSPHRASE)).ok).toBe(true);
		const again = counting(seriesDigestQuery('measurements'));
		expect(await digestSystolic(vault, again.query)).toEqual(await directSystolic(repo));
		expect(again.computed()).toBeGreaterThan(5);
	});

	it('leave lasting records whole and typed (medicines found among many doses)', async () => {
		const vault = makeVault({ now: () => NOW });
		await vault.create(PASSPHRASE);
		const repo = createJournalRepo({ store: () => vault, now: () => NOW });
		const medication = await repo.save({
			kind: 'medication',
			at: NOW - 40 * DAY,
			name: 'Paracetamol',
			form: 'tablet',
			dose: { amount: 1, unit: 'tablet' },
			startAt: NOW - 40 * DAY,
			stopAt: null,
			schedule: { type: 'as-needed' }
		});
		if (!medication.ok) throw new Error(JSON.stringify(medication.error));
		for (let day = 30; day >= 1; day -= 1) {
			const dose = await repo.logDose({
				medicationId: medication.value.id,
				slot: null,
				status: 'taken',
				takenAt: NOW - day * DAY
			});
			expect(dose.ok).toBe(true);
		}
		const lasting = mergeLasting(
			(await derive(vault, lastingDigestQuery('medications'))).map((v) => v.value)
		);
		const direct: readonly JournalRecord[] = await repo.list({ kinds: ['medication'] });
		expect(lasting).toEqual(direct);
		expect(lasting.map((r) => r.kind)).toEqual(['medication']);
	});

	it("hands compute only the query's kinds when it names them (every live kind otherwise)", async () => {
		const { vault } = await journalWithReadings();
		const kindsSeen = (kinds?: ReadonlySet<string>): DeriveQuery<readonly string[]> => ({
			category: 'measurements',
			name: `kinds-seen-${kinds === undefined ? 'all' : [...kinds].join('+')}`,
			...(kinds === undefined ? {} : { kinds }),
			compute: (records) => records.map((r) => r.kind),
			parse: () => null
		});
		const only = (await derive(vault, kindsSeen(new Set(['target-range'])))).flatMap(
			(d) => d.value
		);
		const all = (await derive(vault, kindsSeen())).flatMap((d) => d.value);
		expect(only).toEqual(['target-range']);
		expect(new Set(all)).toEqual(new Set(['measurement', 'target-range']));
		expect(all).toHaveLength(61);
	});
});
