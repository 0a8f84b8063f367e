// What Today shows, computed from journal records: doses to take now (or late today), goal
// check-ins due, and plain sentences about the last days. Pure: time and zone are arguments.
import { slotStatuses, summariseAdherence, type SlotOutcome } from '$lib/domain/journal/adherence';
import type { CheckInFrequency } from '$lib/domain/journal/goals';
import { metricValues, type Metric } from '$lib/domain/journal/measurements';
import { toScheduledMedication } from '$lib/domain/journal/medications';
import { symptomKey, type SymptomRef } from '$lib/domain/journal/symptoms';
import { expandSchedules } from '$lib/domain/time/schedule';
import { addDays, localDateOf, startOfLocalDate } from '$lib/domain/time/zoned';
import { isKind, type JournalRecord, type RecordOf } from '$lib/vault/repos/journal';

const DAY = 86_400_000;

export interface DueDose {
	readonly slotId: string;
	readonly medication: RecordOf<'medication'>;
	readonly scheduledAt: number;
	readonly outcome: Extract<SlotOutcome, 'due' | 'missed' | 'upcoming'>;
}

/** Today's doses not yet logged: late (missed so far), due now, or later today. */
export function dueDoses(
	records: readonly JournalRecord[],
	now: number,
	timeZone: string
): readonly DueDose[] {
	const medications = records.filter(isKind('medication'));
	const doses = records.filter(isKind('dose')).map((r) => r.body);
	const today = localDateOf(now, timeZone);
	const from = startOfLocalDate(today, timeZone);
	const to = startOfLocalDate(addDays(today, 1), timeZone);
	const slots = expandSchedules(
		medications.map((r) => toScheduledMedication(r.id, r.body)),
		from,
		to,
		timeZone
	);
	const byId = new Map(medications.map((r) => [r.id, r]));
	const out: DueDose[] = [];
	for (const status of slotStatuses(slots, doses, now)) {
		const medication = byId.get(status.slot.medicationId);
		if (!medication) continue;
		if (status.outcome === 'due' || status.outcome === 'missed' || status.outcome === 'upcoming') {
			out.push({
				slotId: status.slot.id,
				medication,
				scheduledAt: status.slot.scheduledAt,
				outcome: status.outcome
			});
		}
	}
	return out;
}

const FREQUENCY_DAYS: Readonly<Record<CheckInFrequency, number>> = {
	daily: 1,
	weekly: 7,
	fortnightly: 14,
	monthly: 30
};

/** Active goals whose last check-in (or start) is older than their check-in frequency. */
export function checkInsDue(
	records: readonly JournalRecord[],
	now: number
): readonly RecordOf<'goal'>[] {
	const checkIns = records.filter(isKind('goal-checkin'));
	return records.filter(isKind('goal')).filter((goal) => {
		if (goal.body.status !== 'active') return false;
		const last = checkIns
			.filter((c) => c.body.goalId === goal.id)
			.reduce((latest, c) => Math.max(latest, c.body.at), goal.body.at);
		return now - last >= FREQUENCY_DAYS[goal.body.checkInEvery] * DAY;
	});
}

export interface WeekSummary {
	readonly symptoms: readonly {
		readonly symptom: SymptomRef;
		readonly average: number;
		readonly count: number;
	}[];
	readonly metrics: readonly {
		readonly metric: Metric;
		readonly average: number;
		readonly count: number;
	}[];
	readonly adherence: { readonly taken: number; readonly scheduled: number } | null;
}

const average = (values: readonly number[]) =>
	values.reduce((sum, v) => sum + v, 0) / Math.max(1, values.length);

/** The last `days` days in numbers, for plain sentences on Today. */
export function summarise(
	records: readonly JournalRecord[],
	now: number,
	timeZone: string,
	days = 7
): WeekSummary {
	const from = now - days * DAY;
	const recent = records.filter((r) => r.at >= from && r.at <= now);
	const symptomGroups = new Map<string, { symptom: SymptomRef; values: number[] }>();
	for (const r of recent.filter(isKind('symptom'))) {
		const key = symptomKey(r.body.symptom);
		const group = symptomGroups.get(key) ?? { symptom: r.body.symptom, values: [] };
		group.values.push(r.body.severity);
		symptomGroups.set(key, group);
	}
	const metricGroups = new Map<Metric, number[]>();
	for (const r of recent.filter(isKind('measurement'))) {
		for (const { metric, value } of metricValues(r.body.measurement)) {
			metricGroups.set(metric, [...(metricGroups.get(metric) ?? []), value]);
		}
	}
	const medications = records.filter(isKind('medication'));
	const slots = expandSchedules(
		medications.map((r) => toScheduledMedication(r.id, r.body)),
		from,
		now,
		timeZone
	);
	const adherence = summariseAdherence(
		slotStatuses(
			slots,
			records.filter(isKind('dose')).map((r) => r.body),
			now
		)
	);
	return {
		symptoms: [...symptomGroups.values()].map((g) => ({
			symptom: g.symptom,
			average: Math.round(average(g.values) * 10) / 10,
			count: g.values.length
		})),
		metrics: [...metricGroups.entries()].map(([metric, values]) => ({
			metric,
			average: average(values),
			count: values.length
		})),
		adherence:
			adherence.scheduled === 0
				? null
				: { taken: adherence.onTime + adherence.late, scheduled: adherence.scheduled }
	};
}
