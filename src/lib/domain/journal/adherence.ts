// Medication adherence: what happened to each scheduled dose, and totals per day, week and month.
// Why: adherence is shown to the person and (when shared) to their care team; it must be computed
// the same way everywhere, and be fair: a dose taken late still counts as taken.
// Rules (each has a test):
// - A slot's outcome comes from the latest dose log for its slot id: skipped → skipped; status
//   `late`, or taken more than `graceMs` (default 60 min) after the scheduled time → late;
//   otherwise taken → on-time. Without a log: missed once the grace window has passed, `due`
//   inside it, `upcoming` before the scheduled time.
// - The denominator counts on-time, late, skipped and missed slots; `due` and `upcoming` slots
//   (the future) are excluded, and so are as-needed doses (they have no slot).
// - The rate is (on-time + late) / denominator, or null when nothing was due.
import { MINUTE_MS, appendTo } from './common';
import type { DoseBody, MedicationBody } from './medications';
import { toScheduledMedication } from './medications';
import { expandSchedules, type DoseSlot } from '../time/schedule';
import {
	addDays,
	addMonths,
	localDateOf,
	startOfMonth,
	startOfWeek,
	type LocalDate
} from '../time/zoned';

export const DEFAULT_GRACE_MS = 60 * MINUTE_MS;

export type SlotOutcome = 'on-time' | 'late' | 'skipped' | 'missed' | 'due' | 'upcoming';

export interface SlotStatus {
	readonly slot: DoseSlot;
	readonly outcome: SlotOutcome;
	/** The dose log that decided the outcome, if any. */
	readonly dose: DoseBody | null;
}

export interface AdherenceSummary {
	/** The denominator: slots that were due and are past (taken, skipped or missed). */
	readonly scheduled: number;
	readonly onTime: number;
	readonly late: number;
	readonly skipped: number;
	readonly missed: number;
	/** Slots not yet past (due now or upcoming): not counted. */
	readonly pending: number;
	/** As-needed doses taken: shown, never counted. */
	readonly asNeeded: number;
	/** (onTime + late) / scheduled, or null when nothing was due. */
	readonly rate: number | null;
}

export type AdherencePeriod = 'day' | 'week' | 'month';

export interface PeriodAdherence {
	readonly period: AdherencePeriod;
	/** First local date of the period (the day, the Monday, the 1st). */
	readonly start: LocalDate;
	readonly summary: AdherenceSummary;
}

/** The outcome of one slot given its (latest) dose log. */
export const slotOutcome = (
	slot: DoseSlot,
	dose: DoseBody | null,
	now: number,
	graceMs: number = DEFAULT_GRACE_MS
): SlotOutcome => {
	if (dose !== null) {
		switch (dose.status) {
			case 'skipped':
				return 'skipped';
			case 'late':
				return 'late';
			case 'taken':
				return dose.takenAt !== null && dose.takenAt > slot.scheduledAt + graceMs
					? 'late'
					: 'on-time';
		}
	}
	if (now < slot.scheduledAt) return 'upcoming';
	return now <= slot.scheduledAt + graceMs ? 'due' : 'missed';
};

/** The latest log per slot id (a later log, e.g. "taken after all", replaces an earlier one). */
export const latestDoseBySlot = (doses: readonly DoseBody[]): ReadonlyMap<string, DoseBody> => {
	const bySlot = new Map<string, DoseBody>();
	for (const dose of doses) {
		if (dose.slotId === null) continue;
		const known = bySlot.get(dose.slotId);
		if (known === undefined || dose.at >= known.at) bySlot.set(dose.slotId, dose);
	}
	return bySlot;
};

/** The outcome of every slot. */
export const slotStatuses = (
	slots: readonly DoseSlot[],
	doses: readonly DoseBody[],
	now: number,
	graceMs: number = DEFAULT_GRACE_MS
): readonly SlotStatus[] => {
	const bySlot = latestDoseBySlot(doses);
	return slots.map((slot) => {
		const dose = bySlot.get(slot.id) ?? null;
		return { slot, outcome: slotOutcome(slot, dose, now, graceMs), dose };
	});
};

/** Totals for a set of slot outcomes and as-needed doses. */
export const summariseAdherence = (
	statuses: readonly SlotStatus[],
	asNeededDoses: readonly DoseBody[] = []
): AdherenceSummary => {
	const count = (outcome: SlotOutcome) => statuses.filter((s) => s.outcome === outcome).length;
	const onTime = count('on-time');
	const late = count('late');
	const skipped = count('skipped');
	const missed = count('missed');
	const scheduled = onTime + late + skipped + missed;
	return {
		scheduled,
		onTime,
		late,
		skipped,
		missed,
		pending: count('due') + count('upcoming'),
		asNeeded: asNeededDoses.filter((d) => d.slotId === null && d.status !== 'skipped').length,
		rate: scheduled === 0 ? null : (onTime + late) / scheduled
	};
};

/** The first local date of the period containing `date`. */
export const periodStart = (date: LocalDate, period: AdherencePeriod): LocalDate => {
	switch (period) {
		case 'day':
			return date;
		case 'week':
			return startOfWeek(date);
		case 'month':
			return startOfMonth(date);
	}
};

const nextPeriod = (start: LocalDate, period: AdherencePeriod): LocalDate => {
	switch (period) {
		case 'day':
			return addDays(start, 1);
		case 'week':
			return addDays(start, 7);
		case 'month':
			return addMonths(start, 1);
	}
};

/**
 * Adherence per period, for every period from the one containing `fromDate` to the one
 * containing `toDate` (periods with nothing due have a null rate). Slots are placed on their
 * scheduled local date; as-needed doses on the local date (in `timeZone`) they were taken.
 */
export const adherenceByPeriod = (
	statuses: readonly SlotStatus[],
	asNeededDoses: readonly DoseBody[],
	period: AdherencePeriod,
	fromDate: LocalDate,
	toDate: LocalDate,
	timeZone: string
): readonly PeriodAdherence[] => {
	const slotsByPeriod = new Map<LocalDate, SlotStatus[]>();
	for (const status of statuses) {
		const start = periodStart(status.slot.localDate, period);
		appendTo(slotsByPeriod, start, status);
	}
	const asNeededByPeriod = new Map<LocalDate, DoseBody[]>();
	for (const dose of asNeededDoses) {
		const start = periodStart(localDateOf(dose.takenAt ?? dose.at, timeZone), period);
		appendTo(asNeededByPeriod, start, dose);
	}
	const result: PeriodAdherence[] = [];
	const last = periodStart(toDate, period);
	for (
		let start = periodStart(fromDate, period);
		start <= last;
		start = nextPeriod(start, period)
	) {
		result.push({
			period,
			start,
			summary: summariseAdherence(slotsByPeriod.get(start) ?? [], asNeededByPeriod.get(start) ?? [])
		});
	}
	return result;
};

export interface AdherenceInput {
	readonly medications: readonly { readonly id: string; readonly body: MedicationBody }[];
	readonly doses: readonly DoseBody[];
	readonly fromMs: number;
	readonly toMs: number;
	readonly now: number;
	readonly timeZone: string;
	readonly period: AdherencePeriod;
	readonly graceMs?: number;
}

export interface AdherenceReport {
	readonly statuses: readonly SlotStatus[];
	readonly total: AdherenceSummary;
	readonly periods: readonly PeriodAdherence[];
}

/** Expands the medications' schedules over [fromMs, toMs) and computes adherence. */
export const computeAdherence = (input: AdherenceInput): AdherenceReport => {
	const slots = expandSchedules(
		input.medications.map((m) => toScheduledMedication(m.id, m.body)),
		input.fromMs,
		input.toMs,
		input.timeZone
	);
	const statuses = slotStatuses(slots, input.doses, input.now, input.graceMs);
	const asNeeded = input.doses.filter((dose) => {
		const takenAt = dose.takenAt ?? dose.at;
		return dose.slotId === null && takenAt >= input.fromMs && takenAt < input.toMs;
	});
	return {
		statuses,
		total: summariseAdherence(statuses, asNeeded),
		periods: adherenceByPeriod(
			statuses,
			asNeeded,
			input.period,
			localDateOf(input.fromMs, input.timeZone),
			localDateOf(Math.max(input.fromMs, input.toMs - 1), input.timeZone),
			input.timeZone
		)
	};
};

/** Totals per medication id (for "which medicine is hardest to keep up with"). */
export const adherenceByMedication = (
	statuses: readonly SlotStatus[],
	asNeededDoses: readonly DoseBody[] = []
): ReadonlyMap<string, AdherenceSummary> => {
	const slots = new Map<string, SlotStatus[]>();
	for (const status of statuses) appendTo(slots, status.slot.medicationId, status);
	const asNeeded = new Map<string, DoseBody[]>();
	for (const dose of asNeededDoses) appendTo(asNeeded, dose.medicationId, dose);
	const ids = new Set([...slots.keys(), ...asNeeded.keys()]);
	return new Map(
		[...ids].map((id) => [id, summariseAdherence(slots.get(id) ?? [], asNeeded.get(id) ?? [])])
	);
};
