// Words for the journal: catalogue items turned into text in the person's language
// (catalogue-text.ts), values, doses and one-line descriptions of entries. The errors' words are
// error-text.ts (with `fieldErrors`), apart so that Today, which only reads, does not load them.
// Invariant: nothing here looks a message up by a string key: every word comes from a message
// function chosen by type, so no identifier ever reaches the person.
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import type { GoalTarget } from '$lib/domain/journal/goals';
import {
	fromCanonical,
	displayUnit,
	METRIC_DEFINITIONS,
	type MeasurementValue,
	type Metric,
	type UnitPreferences
} from '$lib/domain/journal/measurements';
import type { DoseAmount, DoseUnit } from '$lib/domain/journal/medications';
import type { SymptomRef } from '$lib/domain/journal/symptoms';
import type { Schedule } from '$lib/domain/time/schedule';
import type { JournalRecord } from '$lib/domain/journal/entries';
import { formatNumber, formatTime, formatTimeOfDay, labelValue } from '../format';
import {
	doseUnitName,
	goalUnitName,
	metricName,
	moodLevelName,
	skipReasonName,
	symptomCatalogueName,
	symptomIdName,
	unitLabel
} from './catalogue-text';

export {
	goalStatusName,
	metricName,
	unitLabel,
	symptomIdName,
	symptomCatalogueName
} from './catalogue-text';

export function symptomName(ref: SymptomRef): string {
	return ref.source === 'catalogue' ? symptomCatalogueName(ref.id) : ref.name;
}

/** The name of a symptom from its grouping key (`symptomKey`): catalogue or the person's own. */
export function symptomKeyName(key: string, customNames: ReadonlyMap<string, string>): string {
	if (key.startsWith('custom:')) return customNames.get(key.slice('custom:'.length)) ?? '';
	return symptomIdName(key);
}

/** A canonical value of `metric` in the person's unit, rounded for reading. */
export function displayValue(metric: Metric, canonical: number, preferences: UnitPreferences) {
	const unit = displayUnit(metric, preferences);
	const value = fromCanonical(canonical, unit);
	const digits = METRIC_DEFINITIONS[metric].integer || unit === 'mg/dL' ? 0 : 1;
	return { value: Math.round(value * 10 ** digits) / 10 ** digits, unit };
}

export function formatMetric(metric: Metric, canonical: number, preferences: UnitPreferences) {
	const { value, unit } = displayValue(metric, canonical, preferences);
	return `${formatNumber(value)} ${unitLabel(unit)}`;
}

export function measurementName(measurement: MeasurementValue): string {
	switch (measurement.type) {
		case 'blood-pressure':
			return m.jui_mtype_blood_pressure();
		case 'custom':
			return measurement.label;
		case 'heart-rate':
		case 'glucose':
		case 'weight':
		case 'temperature':
		case 'spo2':
		case 'peak-flow':
		case 'steps':
			return metricName(measurement.type);
	}
}

export function measurementText(measurement: MeasurementValue, preferences: UnitPreferences) {
	switch (measurement.type) {
		case 'blood-pressure': {
			const bp = `${formatNumber(measurement.systolic)}/${formatNumber(measurement.diastolic)} ${unitLabel('mmHg')}`;
			return measurement.pulse === undefined
				? bp
				: `${bp}, ${formatNumber(measurement.pulse)} ${unitLabel('bpm')}`;
		}
		case 'custom':
			return `${formatNumber(measurement.value)} ${measurement.unit}`;
		case 'heart-rate':
		case 'glucose':
		case 'weight':
		case 'temperature':
		case 'spo2':
		case 'peak-flow':
		case 'steps':
			return formatMetric(measurement.type, measurement.value, preferences);
	}
}

type CountedDose = (inputs: { amount: string; count: number }) => string;

/** Units counted in things (1 tablet, 2 tablets): their words agree with the amount. */
const COUNTED_DOSE: Readonly<Partial<Record<DoseUnit, CountedDose>>> = {
	tablet: m.jui_dose_amount_tablet,
	capsule: m.jui_dose_amount_capsule,
	drop: m.jui_dose_amount_drop,
	puff: m.jui_dose_amount_puff,
	'international-unit': m.jui_dose_amount_international_unit,
	patch: m.jui_dose_amount_patch,
	sachet: m.jui_dose_amount_sachet,
	application: m.jui_dose_amount_application,
	spray: m.jui_dose_amount_spray
};

export function doseText(dose: DoseAmount): string {
	const amount = formatNumber(dose.amount);
	const counted = COUNTED_DOSE[dose.unit];
	if (counted !== undefined) return counted({ amount, count: dose.amount });
	return `${amount} ${doseUnitName(dose.unit)}`;
}

const weekdayNames = (days: readonly number[]): string => {
	const format = new Intl.DateTimeFormat(getLocale(), { weekday: 'short', timeZone: 'UTC' });
	// 2024-01-01 was a Monday (ISO weekday 1).
	return listFormat(days.map((day) => format.format(Date.UTC(2024, 0, day))));
};

export function listFormat(items: readonly string[]): string {
	return new Intl.ListFormat(getLocale(), { style: 'long', type: 'conjunction' }).format(items);
}

export function scheduleText(schedule: Schedule): string {
	switch (schedule.type) {
		case 'daily':
			return m.jui_schedule_summary_daily({
				times: listFormat(schedule.times.map(formatTimeOfDay))
			});
		case 'weekly':
			return m.jui_schedule_summary_weekly({
				days: weekdayNames(schedule.days),
				times: listFormat(schedule.times.map(formatTimeOfDay))
			});
		case 'interval':
			return m.jui_schedule_summary_interval({ hours: schedule.everyHours });
		case 'as-needed':
			return m.jui_schedule_summary_as_needed();
	}
}

export interface EntryContext {
	readonly preferences: UnitPreferences;
	readonly medicationName: (id: string) => string | undefined;
	readonly goalText: (id: string) => string | undefined;
}

/** A one-line description of an entry, for the timeline, undo and conflict messages. */
export function entryText(record: JournalRecord, context: EntryContext): string {
	const body = record.body;
	switch (body.kind) {
		case 'symptom':
			return `${symptomName(body.symptom)} ${formatNumber(body.severity)}/10`;
		case 'custom-symptom':
			return body.name;
		case 'mood':
			return moodLevelName(body.level);
		case 'measurement':
			return labelValue(
				measurementName(body.measurement),
				measurementText(body.measurement, context.preferences)
			);
		case 'target-range':
			return metricName(body.metric);
		case 'unit-preferences':
			return m.jui_units_title();
		case 'medication':
			return m.jui_medication_entry({ name: body.name });
		case 'dose': {
			const name = context.medicationName(body.medicationId) ?? m.jui_unknown_medication();
			const time = formatTime(body.takenAt ?? body.at);
			switch (body.status) {
				case 'taken':
					return m.jui_dose_entry_taken({ name, time });
				case 'late':
					return m.jui_dose_entry_late({ name, time });
				case 'skipped':
					return m.jui_dose_entry_skipped({
						name,
						reason: body.skipReason ? skipReasonName(body.skipReason) : ''
					});
			}
			break;
		}
		case 'goal':
			return m.jui_goal_entry({ goal: body.text });
		case 'goal-checkin':
			return m.jui_checkin_entry({ goal: context.goalText(body.goalId) ?? '' });
		case 'note':
			return body.text;
	}
	return '';
}

/** `<input type="datetime-local">` value for an instant, in local time. */
export function toLocalInput(ms: number): string {
	const d = new Date(ms);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** An instant from a `datetime-local` value, or NaN when empty or invalid. */
export function fromLocalInput(value: string): number {
	if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return Number.NaN;
	return new Date(value).getTime();
}

/** `<input type="date">` value for an instant, in local time. */
export function toDateInput(ms: number): string {
	return toLocalInput(ms).slice(0, 10);
}

/** Parses a number typed by the person, accepting a decimal comma; NaN when empty. */
export function parseNumber(value: string | number | null | undefined): number {
	if (typeof value === 'number') return value;
	if (value === null || value === undefined) return Number.NaN;
	const trimmed = value.trim().replace(',', '.');
	return trimmed === '' ? Number.NaN : Number(trimmed);
}

/** "3 doses taken on time, 1 late, 0 not taken and 2 as needed": each count agrees with its word. */
export function dosesSummaryText(doses: {
	readonly taken: number;
	readonly late: number;
	readonly skipped: number;
	readonly asNeeded: number;
}): string {
	return listFormat([
		m.jui_summary_doses_taken({ count: doses.taken }),
		m.jui_summary_doses_late({ count: doses.late }),
		m.jui_summary_doses_skipped({ count: doses.skipped }),
		m.jui_summary_doses_as_needed({ count: doses.asNeeded })
	]);
}

/** A medicine's strength as printed on the box: "500 mg", "100 UI", "5 %". */
export function strengthText(strength: { readonly amount: number; readonly unit: string }): string {
	const unit =
		strength.unit === 'international-unit'
			? 'UI'
			: strength.unit === 'percent'
				? '%'
				: strength.unit;
	return `${formatNumber(strength.amount)} ${unit}`;
}

/** A check-in's value with the unit of its goal's target: "35 minutes", "132 mmHg", or "35". */
export function checkInValueText(
	value: number,
	target: GoalTarget | null,
	preferences: UnitPreferences
): string {
	if (target === null) return formatNumber(value);
	switch (target.type) {
		case 'frequency':
			return `${formatNumber(value)} ${goalUnitName(target.unit)}`;
		case 'measurement':
			return `${formatNumber(value)} ${unitLabel(displayUnit(target.metric, preferences))}`;
	}
}
