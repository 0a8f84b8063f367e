// One-line descriptions of journal entries (the timeline, undo and conflict messages), medicine
// schedules and strengths, and check-in values, in the person's language. Apart from text.ts so
// that Today, which shows none of them, does not load their words (mood levels, goal units…).
// Invariant: every word comes from a message function chosen by type, never from a string key.
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import type { GoalTarget } from '$lib/domain/journal/goals';
import {
	displayUnit,
	type MeasurementValue,
	type UnitPreferences
} from '$lib/domain/journal/measurements';
import type { Schedule } from '$lib/domain/time/schedule';
import type { JournalRecord } from '$lib/domain/journal/entries';
import { formatNumber, formatTime, formatTimeOfDay, labelValue } from '../format';
import { metricName, skipReasonName, unitLabel } from './catalogue-text';
import { goalUnitName, moodLevelName } from './catalogue-detail-text';
import { formatMetric, listFormat, symptomName } from './text';

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

const weekdayNames = (days: readonly number[]): string => {
	const format = new Intl.DateTimeFormat(getLocale(), { weekday: 'short', timeZone: 'UTC' });
	// 2024-01-01 was a Monday (ISO weekday 1).
	return listFormat(days.map((day) => format.format(Date.UTC(2024, 0, day))));
};

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
