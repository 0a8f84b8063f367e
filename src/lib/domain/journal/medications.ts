// Medication and dose-log record bodies.
// Why: the medication list and the dose log are what adherence, reminders and the visit summary
// are computed from; they must refuse absurd doses and incoherent logs at the door.
// Invariants: a medication's stop is after its start, and stopping sets `stopAt` (the record and
// its doses stay: history is never deleted by stopping). A dose log is either for a scheduled slot
// (slotId and scheduledAt both set) or as-needed (both null); taken/late logs carry `takenAt`,
// skipped logs carry a reason.
import * as z from 'zod/mini';
import { noteSchema, recordIdSchema, requiredText, timestampSchema } from './common';
import {
	scheduleSchema,
	travelPolicySchema,
	type ScheduledMedication,
	type TravelPolicy
} from '../time/schedule';

export const MEDICATION_FORMS = [
	'tablet',
	'capsule',
	'liquid',
	'injection',
	'inhaler',
	'patch',
	'drops',
	'cream',
	'suppository',
	'sachet',
	'spray',
	'other'
] as const;

/** Units a dose is counted in, with the largest single dose that is not obviously a typo. */
export const DOSE_UNITS = {
	tablet: 20,
	capsule: 20,
	mg: 10_000,
	mcg: 10_000,
	g: 50,
	ml: 500,
	drop: 100,
	puff: 20,
	'international-unit': 1000,
	patch: 5,
	sachet: 10,
	application: 10,
	spray: 10
} as const satisfies Readonly<Record<string, number>>;
export type DoseUnit = keyof typeof DOSE_UNITS;
const DOSE_UNIT_NAMES = Object.keys(DOSE_UNITS).filter(
	(unit): unit is DoseUnit => unit in DOSE_UNITS
);

export const doseAmountSchema = z
	.object({
		amount: z
			.number({ error: 'journal_error_number_invalid' })
			.check(z.positive({ error: 'journal_error_dose_amount_positive' })),
		unit: z.enum(DOSE_UNIT_NAMES, { error: 'journal_error_choice_invalid' })
	})
	.check(
		z.superRefine((dose, context) => {
			const max = DOSE_UNITS[dose.unit];
			if (dose.amount > max) {
				context.addIssue({
					code: 'custom',
					message: 'journal_error_dose_absurd',
					params: { max, unit: dose.unit },
					path: ['amount']
				});
			}
		})
	);
export type DoseAmount = z.infer<typeof doseAmountSchema>;

export const strengthSchema = z.object({
	amount: z
		.number({ error: 'journal_error_number_invalid' })
		.check(
			z.positive({ error: 'journal_error_strength_positive' }),
			z.lte(100_000, { error: 'journal_error_strength_positive' })
		),
	unit: z.enum(['mg', 'mcg', 'g', 'ml', 'mg/ml', 'international-unit', 'percent'], {
		error: 'journal_error_choice_invalid'
	})
});

export const medicationBodySchema = z
	.object({
		kind: z.literal('medication'),
		at: timestampSchema,
		name: requiredText(200),
		strength: z.optional(strengthSchema),
		form: z.enum(MEDICATION_FORMS, { error: 'journal_error_choice_invalid' }),
		dose: doseAmountSchema,
		instructions: z.optional(noteSchema),
		reason: z.optional(requiredText(200)),
		prescriber: z.optional(requiredText(200)),
		startAt: timestampSchema,
		stopAt: z.nullable(timestampSchema),
		stopReason: z.optional(requiredText(200)),
		schedule: scheduleSchema,
		travelPolicy: z.optional(travelPolicySchema)
	})
	.check(
		z.refine((m) => m.stopAt === null || m.stopAt > m.startAt, {
			error: 'journal_error_stop_before_start',
			path: ['stopAt']
		})
	);
export type MedicationBody = z.infer<typeof medicationBodySchema>;

/** The view of a medication record that schedule expansion needs. */
export const toScheduledMedication = (
	id: string,
	medication: MedicationBody
): ScheduledMedication & { readonly policy: TravelPolicy } => ({
	medicationId: id,
	schedule: medication.schedule,
	startAt: medication.startAt,
	stopAt: medication.stopAt,
	policy: medication.travelPolicy ?? { mode: 'keep-local-time' }
});

/** Stops a medication at `at`: the record and its history stay, future slots disappear. */
export const stopMedication = (
	medication: MedicationBody,
	at: number,
	reason?: string
): MedicationBody => ({
	...medication,
	stopAt: Math.max(at, medication.startAt + 1),
	...(reason === undefined ? {} : { stopReason: reason })
});

export const SKIP_REASONS = [
	'side-effects',
	'felt-unwell',
	'felt-fine',
	'ran-out',
	'advised-by-clinician',
	'could-not-swallow',
	'other'
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];
export const skipReasonKey = (reason: SkipReason): string =>
	`journal_skip_reason_${reason.replaceAll('-', '_')}`;

export const DOSE_STATUSES = ['taken', 'skipped', 'late'] as const;
export type DoseStatus = (typeof DOSE_STATUSES)[number];

export const doseBodySchema = z
	.object({
		kind: z.literal('dose'),
		at: timestampSchema,
		medicationId: recordIdSchema,
		/** The slot id from `expandSchedule`, or null for an as-needed dose. */
		slotId: z.nullable(
			z
				.string({ error: 'journal_error_dose_slot_incomplete' })
				.check(z.minLength(1, { error: 'journal_error_dose_slot_incomplete' }))
		),
		scheduledAt: z.nullable(timestampSchema),
		/** `late` is what the person says ("I took it late"); adherence also flags taken-after-grace. */
		status: z.enum(DOSE_STATUSES, { error: 'journal_error_dose_status_required' }),
		takenAt: z.nullable(timestampSchema),
		skipReason: z.optional(z.enum(SKIP_REASONS, { error: 'journal_error_skip_reason_required' })),
		amount: z.optional(doseAmountSchema),
		note: z.optional(noteSchema)
	})
	.check(
		z.superRefine((dose, context) => {
			if ((dose.slotId === null) !== (dose.scheduledAt === null)) {
				context.addIssue({
					code: 'custom',
					message: 'journal_error_dose_slot_incomplete',
					path: ['slotId']
				});
			}
			if (dose.status === 'skipped') {
				if (dose.skipReason === undefined) {
					context.addIssue({
						code: 'custom',
						message: 'journal_error_skip_reason_required',
						path: ['skipReason']
					});
				}
				if (dose.scheduledAt === null) {
					context.addIssue({
						code: 'custom',
						message: 'journal_error_skip_as_needed',
						path: ['status']
					});
				}
			} else if (dose.takenAt === null) {
				context.addIssue({
					code: 'custom',
					message: 'journal_error_taken_at_required',
					path: ['takenAt']
				});
			}
		})
	);
export type DoseBody = z.infer<typeof doseBodySchema>;

/** A dose log for a scheduled slot: taken (at `takenAt`, default now), late, or skipped with a reason. */
export const doseForSlot = (
	slot: { readonly id: string; readonly medicationId: string; readonly scheduledAt: number },
	log:
		| { readonly status: 'taken' | 'late'; readonly now: number; readonly takenAt?: number }
		| { readonly status: 'skipped'; readonly now: number; readonly skipReason: SkipReason }
): DoseBody => {
	const base = {
		kind: 'dose',
		at: log.now,
		medicationId: slot.medicationId,
		slotId: slot.id,
		scheduledAt: slot.scheduledAt
	} as const;
	return log.status === 'skipped'
		? { ...base, status: 'skipped', takenAt: null, skipReason: log.skipReason }
		: { ...base, status: log.status, takenAt: log.takenAt ?? log.now };
};

/** A dose log for an as-needed medication taken at `takenAt` (default now). */
export const asNeededDose = (
	medicationId: string,
	now: number,
	takenAt: number = now,
	amount?: DoseAmount
): DoseBody => ({
	kind: 'dose',
	at: now,
	medicationId,
	slotId: null,
	scheduledAt: null,
	status: 'taken',
	takenAt,
	...(amount === undefined ? {} : { amount })
});
