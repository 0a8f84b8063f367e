// Editing a dose log from the journal: the form's values go back to a dose body that keeps what
// the log is about (medicine, slot, when it was written); the domain refuses an incoherent edit
// with an error by field; a save carries the version read when the form opened (a dose changed
// meanwhile in another tab is a conflict, never overwritten); adherence follows the edit.
import { beforeEach, describe, expect, it } from 'vitest';
import { computeAdherence } from '$lib/domain/journal/adherence';
import { createJournalRepo, isKind, type JournalRepo } from '$lib/vault/repos/journal';
import { doseInput, doseToValues } from '$lib/ui/journal/dose-form';
import { toLocalInput } from '$lib/ui/journal/text';
import { makeVault, PASSPHRASE } from '../../fixtures/vault';

const ZONE = 'Europe/Paris';
const DAY = 86_400_000;
const NOW = Date.UTC(2025, 2, 10, 10, 30);
const MORNING = Date.UTC(2025, 2, 10, 7, 0); // 08:00 in Paris

let journal: JournalRepo;
let medicationId: string;

async function adherence() {
	const records = await journal.list({ kinds: ['medication', 'dose'] });
	return computeAdherence({
		medications: records.filter(isKind('medication')),
		doses: records.filter(isKind('dose')).map((r) => r.body),
		fromMs: Date.UTC(2025, 2, 9, 23, 0),
		toMs: NOW,
		now: NOW,
		timeZone: ZONE,
		period: 'day'
	});
}

async function loggedDose() {
	const report = await adherence();
	expect(report.total).toMatchObject({ scheduled: 1, missed: 1 });
	const slot = report.statuses[0]?.slot;
	if (slot?.scheduledAt !== MORNING) throw new Error('no 08:00 slot');
	const logged = await journal.logDose({
		medicationId,
		slot: { id: slot.id, scheduledAt: slot.scheduledAt },
		status: 'taken',
		takenAt: MORNING + 10 * 60_000
	});
	if (!logged.ok || !isKind('dose')(logged.value)) throw new Error('dose not logged');
	return logged.value;
}

beforeEach(async () => {
	const vault = makeVault({ now: () => NOW });
	await vault.create(PASSPHRASE);
	journal = createJournalRepo({ store: () => vault, now: () => NOW });
	const saved = await journal.save({
		kind: 'medication',
		at: NOW - 10 * DAY,
		name: 'Metformin',
		form: 'tablet',
		dose: { amount: 1, unit: 'tablet' },
		startAt: NOW - 10 * DAY,
		stopAt: null,
		schedule: { type: 'daily', times: ['08:00'] }
	});
	if (!saved.ok) throw new Error('medication not saved');
	medicationId = saved.value.id;
});

describe('dose form values', () => {
	it('round-trip a taken dose unchanged, keeping medicine, slot and log time', async () => {
		const dose = await loggedDose();
		const values = doseToValues(dose.body);
		expect(values).toEqual({
			status: 'taken',
			takenAt: toLocalInput(MORNING + 10 * 60_000),
			skipReason: '',
			note: ''
		});
		expect(doseInput(values, dose.body)).toEqual(dose.body);
	});

	it('a skipped dose has no time taken; taken again, it starts from the planned time', async () => {
		const dose = await loggedDose();
		const skipped = doseInput(
			{ ...doseToValues(dose.body), status: 'skipped', skipReason: 'ran-out' },
			dose.body
		);
		expect(skipped).toMatchObject({ status: 'skipped', takenAt: null, skipReason: 'ran-out' });
		const { takenAt: _t, ...rest } = dose.body;
		const back = doseToValues({ ...rest, status: 'skipped', takenAt: null, skipReason: 'ran-out' });
		expect(back.takenAt).toBe(toLocalInput(MORNING));
	});
});

describe('editing a dose', () => {
	it('from taken to skipped with a reason and a note: saved, and adherence follows', async () => {
		const dose = await loggedDose();
		expect((await adherence()).total).toMatchObject({ onTime: 1, skipped: 0, rate: 1 });

		const values = {
			...doseToValues(dose.body),
			status: 'skipped',
			skipReason: 'side-effects',
			note: 'nausea after breakfast'
		};
		const saved = await journal.save(doseInput(values, dose.body), {
			id: dose.id,
			expectedHlc: dose.hlc
		});
		expect(saved.ok).toBe(true);
		const stored = await journal.get('dose', dose.id);
		expect(stored?.body).toMatchObject({
			status: 'skipped',
			skipReason: 'side-effects',
			note: 'nausea after breakfast',
			slotId: dose.body.slotId,
			medicationId
		});
		expect((await adherence()).total).toMatchObject({
			onTime: 0,
			skipped: 1,
			scheduled: 1,
			rate: 0
		});
		expect(await journal.list({ kinds: ['dose'] })).toHaveLength(1);
	});

	it('taken two hours after the planned time counts as late', async () => {
		const dose = await loggedDose();
		const values = { ...doseToValues(dose.body), takenAt: toLocalInput(MORNING + 2 * 3_600_000) };
		const saved = await journal.save(doseInput(values, dose.body), {
			id: dose.id,
			expectedHlc: dose.hlc
		});
		expect(saved.ok).toBe(true);
		expect((await adherence()).total).toMatchObject({ onTime: 0, late: 1, rate: 1 });
	});

	it('refuses an incoherent edit with an error next to the field', async () => {
		const dose = await loggedDose();
		const edit = async (change: Partial<ReturnType<typeof doseToValues>>) => {
			const result = await journal.save(
				doseInput({ ...doseToValues(dose.body), ...change }, dose.body),
				{
					id: dose.id,
					expectedHlc: dose.hlc
				}
			);
			return result.ok
				? []
				: result.error.type === 'invalid'
					? result.error.errors
					: [result.error];
		};
		expect(await edit({ status: 'skipped' })).toEqual([
			expect.objectContaining({ path: 'skipReason', key: 'journal_error_skip_reason_required' })
		]);
		expect(await edit({ takenAt: toLocalInput(NOW + DAY) })).toEqual([
			expect.objectContaining({ path: 'takenAt', key: 'journal_error_time_in_future' })
		]);
		expect(await edit({ takenAt: '' })).toEqual([expect.objectContaining({ path: 'takenAt' })]);
		expect(await edit({ status: 'forgotten' })).toEqual([
			expect.objectContaining({ path: 'status' })
		]);
		expect(await edit({ note: 'x'.repeat(5000) })).toEqual([
			expect.objectContaining({ path: 'note' })
		]);
		expect((await journal.get('dose', dose.id))?.hlc).toBe(dose.hlc);
	});

	it('an as-needed dose cannot become "not taken"', async () => {
		const logged = await journal.logDose({ medicationId, slot: null, status: 'taken' });
		if (!logged.ok || !isKind('dose')(logged.value)) throw new Error('dose not logged');
		const dose = logged.value;
		const result = await journal.save(
			doseInput(
				{ ...doseToValues(dose.body), status: 'skipped', skipReason: 'felt-fine' },
				dose.body
			),
			{ id: dose.id, expectedHlc: dose.hlc }
		);
		expect(result.ok ? [] : result.error).toMatchObject({
			type: 'invalid',
			errors: [expect.objectContaining({ path: 'status', key: 'journal_error_skip_as_needed' })]
		});
	});

	it('a dose changed meanwhile in another tab is a conflict, not overwritten', async () => {
		const dose = await loggedDose();
		const otherTab = await journal.save(
			doseInput({ ...doseToValues(dose.body), note: 'from the other tab' }, dose.body),
			{ id: dose.id, expectedHlc: dose.hlc }
		);
		expect(otherTab.ok).toBe(true);
		const stale = await journal.save(
			doseInput({ ...doseToValues(dose.body), status: 'late' }, dose.body),
			{ id: dose.id, expectedHlc: dose.hlc }
		);
		expect(stale.ok).toBe(false);
		if (stale.ok || stale.error.type !== 'conflict') throw new Error('expected a conflict');
		expect(stale.error.current?.body).toMatchObject({
			status: 'taken',
			note: 'from the other tab'
		});
		// Keeping mine: saved on top of the version now shown.
		const current = stale.error.current;
		if (current === null) throw new Error('expected the current version');
		const kept = await journal.save(
			doseInput({ ...doseToValues(dose.body), status: 'late' }, dose.body),
			{ id: dose.id, expectedHlc: current.hlc }
		);
		expect(kept.ok).toBe(true);
		expect((await journal.get('dose', dose.id))?.body).toMatchObject({ status: 'late' });
	});

	it('deleted then restored (undo), the dose counts again', async () => {
		const dose = await loggedDose();
		expect((await journal.remove(dose)).ok).toBe(true);
		expect((await adherence()).total).toMatchObject({ onTime: 0, missed: 1 });
		expect((await journal.restore(dose)).ok).toBe(true);
		expect((await adherence()).total).toMatchObject({ onTime: 1, missed: 0 });
	});
});
