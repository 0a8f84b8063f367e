// The sample person's medicines and her dose log: ramipril stopped for a dry cough and replaced
// by amlodipine, metformin twice a day, paracetamol as needed for the knee.
// Invariant: about nine scheduled doses in ten are taken (a few late), some are skipped with a
// reason, the rest missed; the last two hours are left unlogged so Today has something due.
import { clamp, MINUTE, SWITCH_DAY, type SampleContext } from './sample-person-context';
import { toScheduledMedication, type MedicationBody, type SkipReason } from './medications';
import { expandSchedule } from '../time/schedule';
import { startOfLocalDate } from '../time/zoned';

export const sampleMedications = (ctx: SampleContext) => {
	const { texts } = ctx;
	const setupAt = ctx.at(0, '09:00');
	const switchAt = ctx.at(SWITCH_DAY, '11:30');
	const base = { kind: 'medication', prescriber: 'Dr Martin', form: 'tablet' } as const;
	const list: MedicationBody[] = [
		{
			...base,
			at: setupAt,
			name: 'Ramipril',
			strength: { amount: 5, unit: 'mg' },
			dose: { amount: 1, unit: 'tablet' },
			instructions: texts.withBreakfast,
			reason: texts.hypertension,
			startAt: startOfLocalDate(ctx.firstDate, ctx.zone),
			stopAt: switchAt,
			stopReason: texts.ramiprilStop,
			schedule: { type: 'daily', times: ['08:00'] }
		},
		{
			...base,
			at: switchAt,
			name: 'Amlodipine',
			strength: { amount: 5, unit: 'mg' },
			dose: { amount: 1, unit: 'tablet' },
			instructions: texts.withBreakfast,
			reason: texts.hypertension,
			startAt: switchAt,
			stopAt: null,
			schedule: { type: 'daily', times: ['08:00'] }
		},
		{
			...base,
			at: setupAt + MINUTE,
			name: texts.metformin,
			strength: { amount: 1000, unit: 'mg' },
			dose: { amount: 1, unit: 'tablet' },
			instructions: texts.withMeals,
			reason: texts.diabetes,
			startAt: startOfLocalDate(ctx.firstDate, ctx.zone),
			stopAt: null,
			schedule: { type: 'daily', times: ['08:00', '20:00'] }
		},
		{
			...base,
			at: setupAt + 2 * MINUTE,
			name: texts.paracetamol,
			strength: { amount: 500, unit: 'mg' },
			dose: { amount: 2, unit: 'tablet' },
			instructions: texts.forKneePain,
			reason: texts.kneePain,
			startAt: startOfLocalDate(ctx.firstDate, ctx.zone),
			stopAt: null,
			schedule: { type: 'as-needed', maxPerDay: 3, minHoursBetween: 6 }
		}
	];
	return list.map((body) => ({ id: ctx.add(body).id, body }));
};

const SKIP_REASONS_SEEN: readonly [SkipReason, ...SkipReason[]] = [
	'felt-unwell',
	'side-effects',
	'ran-out',
	'other'
];

/** Scheduled doses: ~83 % on time, ~7 % late, ~4 % skipped with a reason, the rest missed. */
export const scheduledDoses = (
	ctx: SampleContext,
	meds: readonly { id: string; body: MedicationBody }[]
) => {
	const from = startOfLocalDate(ctx.firstDate, ctx.zone);
	for (const med of meds) {
		const slots = expandSchedule(toScheduledMedication(med.id, med.body), from, ctx.now, ctx.zone);
		for (const slot of slots) {
			// Leave the last couple of hours unlogged, so Today has something due.
			if (slot.scheduledAt > ctx.now - 2 * 60 * MINUTE) continue;
			const draw = ctx.rng.next();
			const base = {
				kind: 'dose',
				medicationId: med.id,
				slotId: slot.id,
				scheduledAt: slot.scheduledAt
			} as const;
			if (draw < 0.9) {
				const late = draw >= 0.83;
				const delay = late
					? ctx.rng.int(75, 240)
					: Math.round(clamp(ctx.rng.normal(8, 12), -20, 55));
				const takenAt = slot.scheduledAt + delay * MINUTE;
				if (takenAt > ctx.now) continue;
				ctx.add({
					...base,
					at: takenAt,
					status: late && ctx.rng.chance(0.3) ? 'late' : 'taken',
					takenAt
				});
			} else if (draw < 0.94) {
				const at = slot.scheduledAt + ctx.rng.int(5, 120) * MINUTE;
				if (at > ctx.now) continue;
				ctx.add({
					...base,
					at,
					status: 'skipped',
					takenAt: null,
					skipReason: ctx.rng.pick(SKIP_REASONS_SEEN)
				});
			}
		}
	}
};
