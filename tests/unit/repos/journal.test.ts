import { describe, expect, it } from 'vitest';
import { newGoal } from '$lib/domain/journal/goals';
import { uuidv7Time } from '$lib/domain/ids';
import { createJournalRepo, isKind, type JournalRepo } from '$lib/vault/repos/journal';
import { makeVault, PASSPHRASE } from '../../fixtures/vault';

const NOW = Date.UTC(2025, 2, 10, 9, 0);
const DAY = 86_400_000;

async function openRepo(now = () => NOW): Promise<{ repo: JournalRepo; other: JournalRepo }> {
	const vault = makeVault({ now });
	await vault.create(PASSPHRASE);
	return {
		repo: createJournalRepo({ store: () => vault, now }),
		other: createJournalRepo({ store: () => vault, now })
	};
}

const pain = (at: number, severity: number) => ({
	kind: 'symptom',
	at,
	symptom: { source: 'catalogue', id: 'pain' },
	severity,
	bodyLocations: ['left-knee']
});

describe('journal repository', () => {
	it('saves a symptom with an id carrying its own time and reads it back typed', async () => {
		const { repo } = await openRepo();
		const at = NOW - 3 * DAY;
		const saved = await repo.save(pain(at, 6));
		if (!saved.ok) throw new Error('expected save');
		expect(uuidv7Time(saved.value.id)).toBe(at);
		const symptoms = (await repo.list({ kinds: ['symptom'], from: NOW - 7 * DAY })).filter(
			isKind('symptom')
		);
		expect(symptoms.map((r) => r.body.severity)).toEqual([6]);
	});

	it('refuses a time in the future and a severity out of range with message keys', async () => {
		const { repo } = await openRepo();
		const future = await repo.save(pain(NOW + 3_600_000, 4));
		expect(future).toMatchObject({
			ok: false,
			error: { type: 'invalid', errors: [{ path: 'at', key: 'journal_error_time_in_future' }] }
		});
		const tooHigh = await repo.save(pain(NOW, 11));
		expect(tooHigh).toMatchObject({
			ok: false,
			error: { errors: [{ path: 'severity', key: 'journal_error_severity_range' }] }
		});
		expect(await repo.list({ kinds: ['symptom'] })).toEqual([]);
	});

	it('stores measurements canonically and reports range errors in the person units', async () => {
		const { repo } = await openRepo();
		const lb = { weight: 'lb', glucose: 'mg/dL', temperature: 'fahrenheit' } as const;
		const saved = await repo.saveMeasurement(
			{ at: NOW, measurement: { type: 'glucose', value: 126 } },
			lb
		);
		if (!saved.ok || saved.value.body.kind !== 'measurement') throw new Error('expected save');
		expect(saved.value.body.measurement).toMatchObject({ type: 'glucose' });
		expect(
			saved.value.body.measurement.type === 'glucose' && saved.value.body.measurement.value
		).toBeCloseTo(6.99, 2);
		const typo = await repo.saveMeasurement(
			{ at: NOW, measurement: { type: 'weight', value: 1200 } },
			{ ...lb, weight: 'kg' }
		);
		expect(typo).toMatchObject({
			ok: false,
			error: {
				type: 'invalid',
				errors: [
					{ path: 'measurement.value', key: 'journal_error_weight_range', params: { max: 350 } }
				]
			}
		});
	});

	it('refuses an edit when another tab changed the record meanwhile, and shows its version', async () => {
		const { repo, other } = await openRepo();
		const saved = await repo.save(pain(NOW - DAY, 3));
		if (!saved.ok) throw new Error('expected save');
		const otherEdit = await other.save(pain(NOW - DAY, 5), {
			id: saved.value.id,
			expectedHlc: saved.value.hlc
		});
		expect(otherEdit.ok).toBe(true);
		const staleEdit = await repo.save(pain(NOW - DAY, 8), {
			id: saved.value.id,
			expectedHlc: saved.value.hlc
		});
		if (staleEdit.ok || staleEdit.error.type !== 'conflict') throw new Error('expected conflict');
		expect(staleEdit.error.current?.body).toMatchObject({ severity: 5 });
	});

	it('deletes as a tombstone and restores (undo)', async () => {
		const { repo } = await openRepo();
		const saved = await repo.save(pain(NOW - DAY, 3));
		if (!saved.ok) throw new Error('expected save');
		expect((await repo.remove(saved.value)).ok).toBe(true);
		expect(await repo.list({ kinds: ['symptom'] })).toEqual([]);
		expect(await repo.list({ kinds: ['symptom'], includeDeleted: true })).toHaveLength(1);
		expect((await repo.restore(saved.value)).ok).toBe(true);
		expect(await repo.list({ kinds: ['symptom'] })).toHaveLength(1);
	});

	it('logs doses, stops a medication keeping its history, and moves goals through statuses', async () => {
		let now = NOW;
		const { repo } = await openRepo(() => now);
		const medication = await repo.save({
			kind: 'medication',
			at: NOW - 30 * DAY,
			name: 'Metformin',
			form: 'tablet',
			dose: { amount: 1, unit: 'tablet' },
			startAt: NOW - 30 * DAY,
			stopAt: null,
			schedule: { type: 'daily', times: ['08:00', '20:00'] }
		});
		if (!medication.ok || !isKind('medication')(medication.value)) throw new Error('expected save');
		const dose = await repo.logDose({
			medicationId: medication.value.id,
			slot: { id: `${medication.value.id}:2025-03-10T08:00`, scheduledAt: NOW - 3_600_000 },
			status: 'taken'
		});
		expect(dose.ok).toBe(true);
		const skipWithoutReason = await repo.logDose({
			medicationId: medication.value.id,
			slot: { id: `${medication.value.id}:2025-03-09T20:00`, scheduledAt: NOW - 13 * 3_600_000 },
			status: 'skipped'
		});
		expect(skipWithoutReason).toMatchObject({
			ok: false,
			error: { errors: [{ key: 'journal_error_skip_reason_required' }] }
		});
		now += 1000;
		const stopped = await repo.stopMedication(medication.value, 'side effects');
		if (!stopped.ok || !isKind('medication')(stopped.value)) throw new Error('expected stop');
		expect(stopped.value.body.stopAt).toBe(now);
		expect(await repo.list({ kinds: ['dose'] })).toHaveLength(1);

		const goal = await repo.save(newGoal({ text: 'Walk to the market', at: NOW - DAY }));
		if (!goal.ok || !isKind('goal')(goal.value)) throw new Error('expected goal');
		const achieved = await repo.changeGoalStatus(goal.value, 'achieved');
		if (!achieved.ok || !isKind('goal')(achieved.value)) throw new Error('expected change');
		expect(achieved.value.body.statusHistory.map((s) => s.status)).toEqual(['active', 'achieved']);
		const refused = await repo.changeGoalStatus(achieved.value, 'paused');
		expect(refused).toMatchObject({
			ok: false,
			error: { errors: [{ key: 'journal_error_goal_invalid_transition' }] }
		});
	});

	it('keeps unit preferences in the vault, defaulting from the locale', async () => {
		const { repo } = await openRepo();
		expect(await repo.unitPreferences('en-US')).toEqual({
			weight: 'lb',
			glucose: 'mg/dL',
			temperature: 'fahrenheit'
		});
		await repo.setUnitPreferences({ weight: 'kg', glucose: 'mg/dL', temperature: 'celsius' });
		await repo.setUnitPreferences({ weight: 'lb', glucose: 'mg/dL', temperature: 'celsius' });
		expect(await repo.unitPreferences('fr-FR')).toEqual({
			weight: 'lb',
			glucose: 'mg/dL',
			temperature: 'celsius'
		});
		expect(await repo.list({ kinds: ['unit-preferences'] })).toHaveLength(1);
	});
});
