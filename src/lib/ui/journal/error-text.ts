// The journal's errors in words: one exhaustive function from the domain's typed errors
// (`JournalError`, domain/journal/errors.ts) to a sentence in the person's language.
// Why: the domain says what is wrong as data; the words are chosen once, here, by calling the
// message functions directly (named imports: the bundler keeps only these) with the numbers
// formatted in the locale. Adding a variant to the union fails type-checking here until it is worded.
// `fieldErrors` words a form's field errors; forms import it from here.
import {
	journal_error_invalid,
	journal_error_required,
	journal_error_choice_invalid,
	journal_error_number_invalid,
	journal_error_text_invalid,
	journal_error_text_too_long,
	journal_error_note_too_long,
	journal_error_time_invalid,
	journal_error_time_in_future,
	journal_error_date_invalid,
	journal_error_time_of_day_invalid,
	journal_error_time_zone_invalid,
	journal_error_weekday_invalid,
	journal_error_record_id_invalid,
	journal_error_kind_unknown,
	journal_error_entry_inconsistent,
	journal_error_symptom_required,
	journal_error_symptom_unknown,
	journal_error_severity_range,
	journal_error_body_location_unknown,
	journal_error_body_location_not_applicable,
	journal_error_mood_range,
	journal_error_measurement_type_unknown,
	journal_error_metric_unknown,
	journal_error_systolic_range,
	journal_error_diastolic_range,
	journal_error_heart_rate_range,
	journal_error_glucose_range,
	journal_error_weight_range,
	journal_error_temperature_range,
	journal_error_spo2_range,
	journal_error_peak_flow_range,
	journal_error_steps_range,
	journal_error_bp_systolic_not_above_diastolic,
	journal_error_target_bound_required,
	journal_error_target_low_not_below_high,
	journal_error_dose_amount_positive,
	journal_error_dose_absurd,
	journal_error_strength_positive,
	journal_error_stop_before_start,
	journal_error_dose_status_required,
	journal_error_dose_slot_incomplete,
	journal_error_taken_at_required,
	journal_error_skip_reason_required,
	journal_error_skip_as_needed,
	journal_error_schedule_type_invalid,
	journal_error_schedule_times_required,
	journal_error_schedule_too_many_times,
	journal_error_schedule_duplicate_time,
	journal_error_schedule_days_required,
	journal_error_schedule_duplicate_day,
	journal_error_schedule_interval_range,
	journal_error_schedule_max_per_day_range,
	journal_error_goal_amount_positive,
	journal_error_goal_days_per_week_range,
	journal_error_goal_history_invalid,
	journal_error_goal_progress_range,
	journal_error_goal_confidence_range,
	journal_error_checkin_progress_or_value,
	journal_error_goal_invalid_transition,
	journal_error_goal_before_last_change
} from '$lib/paraglide/messages.js';
import type { FieldError } from '$lib/domain/journal/common';
import { journalError, type JournalError } from '$lib/domain/journal/errors';
import type { Metric } from '$lib/domain/journal/measurements';
import { formatNumber } from '../format';
import { unitLabel } from './catalogue-text';
import { goalStatusName } from './catalogue-detail-text';

type RangeMessage = (inputs: { min: string; max: string; unit: string }) => string;

const RANGE: Readonly<Record<Metric, RangeMessage>> = {
	systolic: journal_error_systolic_range,
	diastolic: journal_error_diastolic_range,
	'heart-rate': journal_error_heart_rate_range,
	glucose: journal_error_glucose_range,
	weight: journal_error_weight_range,
	temperature: journal_error_temperature_range,
	spo2: journal_error_spo2_range,
	'peak-flow': journal_error_peak_flow_range,
	steps: journal_error_steps_range
};

/** Type-checks that a switch covered every case; at run time (a newer stored value), the generic words. */
function unreachable(value: never): string {
	return String(value) === '' ? '' : journal_error_invalid();
}

/** The words for one journal error, in the current locale. */
export function errorText(error: JournalError): string {
	switch (error.type) {
		case 'invalid':
			return journal_error_invalid();
		case 'required': {
			const field = error.field;
			switch (field) {
				case 'value':
					return journal_error_required();
				case 'symptom':
					return journal_error_symptom_required();
				case 'targetBound':
					return journal_error_target_bound_required();
				case 'doseStatus':
					return journal_error_dose_status_required();
				case 'takenAt':
					return journal_error_taken_at_required();
				case 'skipReason':
					return journal_error_skip_reason_required();
				case 'scheduleTimes':
					return journal_error_schedule_times_required();
				case 'scheduleDays':
					return journal_error_schedule_days_required();
				case 'progressOrValue':
					return journal_error_checkin_progress_or_value();
			}
			return unreachable(field);
		}
		case 'choice': {
			const field = error.field;
			switch (field) {
				case 'option':
					return journal_error_choice_invalid();
				case 'scheduleType':
					return journal_error_schedule_type_invalid();
				case 'measurementType':
					return journal_error_measurement_type_unknown();
			}
			return unreachable(field);
		}
		case 'format': {
			const field = error.field;
			switch (field) {
				case 'number':
					return journal_error_number_invalid();
				case 'text':
					return journal_error_text_invalid();
				case 'time':
					return journal_error_time_invalid();
				case 'date':
					return journal_error_date_invalid();
				case 'timeOfDay':
					return journal_error_time_of_day_invalid();
				case 'timeZone':
					return journal_error_time_zone_invalid();
				case 'weekday':
					return journal_error_weekday_invalid();
			}
			return unreachable(field);
		}
		case 'unknown': {
			const field = error.field;
			switch (field) {
				case 'record':
					return journal_error_record_id_invalid();
				case 'kind':
					return journal_error_kind_unknown();
				case 'symptom':
					return journal_error_symptom_unknown();
				case 'bodyLocation':
					return journal_error_body_location_unknown();
				case 'metric':
					return journal_error_metric_unknown();
			}
			return unreachable(field);
		}
		case 'tooLong':
			return error.field === 'note'
				? journal_error_note_too_long({ max: formatNumber(error.max) })
				: journal_error_text_too_long({ max: formatNumber(error.max) });
		case 'tooMany':
			return journal_error_schedule_too_many_times({ max: formatNumber(error.max) });
		case 'future':
			return journal_error_time_in_future();
		case 'range':
			return RANGE[error.field]({
				min: formatNumber(error.min),
				max: formatNumber(error.max),
				unit: unitLabel(error.unit)
			});
		case 'bounded': {
			const field = error.field;
			switch (field) {
				case 'severity':
					return journal_error_severity_range();
				case 'mood':
					return journal_error_mood_range();
				case 'intervalHours':
					return journal_error_schedule_interval_range();
				case 'maxPerDay':
					return journal_error_schedule_max_per_day_range();
				case 'daysPerWeek':
					return journal_error_goal_days_per_week_range();
				case 'progress':
					return journal_error_goal_progress_range();
				case 'confidence':
					return journal_error_goal_confidence_range();
			}
			return unreachable(field);
		}
		case 'order': {
			const rule = error.rule;
			switch (rule) {
				case 'systolicAboveDiastolic':
					return journal_error_bp_systolic_not_above_diastolic();
				case 'lowBelowHigh':
					return journal_error_target_low_not_below_high();
				case 'stopAfterStart':
					return journal_error_stop_before_start();
				case 'afterLastChange':
					return journal_error_goal_before_last_change();
			}
			return unreachable(rule);
		}
		case 'notPositive': {
			const field = error.field;
			switch (field) {
				case 'doseAmount':
					return journal_error_dose_amount_positive();
				case 'strength':
					return journal_error_strength_positive();
				case 'goalAmount':
					return journal_error_goal_amount_positive();
			}
			return unreachable(field);
		}
		case 'doseTooHigh':
			return journal_error_dose_absurd({ max: formatNumber(error.max) });
		case 'inconsistent': {
			const field = error.field;
			switch (field) {
				case 'entry':
					return journal_error_entry_inconsistent();
				case 'goalHistory':
					return journal_error_goal_history_invalid();
				case 'doseSlot':
					return journal_error_dose_slot_incomplete();
			}
			return unreachable(field);
		}
		case 'notApplicable':
			return journal_error_body_location_not_applicable();
		case 'skipAsNeeded':
			return journal_error_skip_as_needed();
		case 'duplicate':
			return error.field === 'time'
				? journal_error_schedule_duplicate_time()
				: journal_error_schedule_duplicate_day();
		case 'transition':
			return journal_error_goal_invalid_transition({
				from: goalStatusName(error.from),
				to: goalStatusName(error.to)
			});
	}
	return unreachable(error);
}

/** A field error as the domain gives it; one built by hand (tests) may name only its code. */
type FieldErrorLike = Omit<FieldError, 'error'> & { readonly error?: FieldError['error'] };

/** Field path → localized message (first error per field). */
export function fieldErrors(errors: readonly FieldErrorLike[]): Readonly<Record<string, string>> {
	const out: Record<string, string> = {};
	for (const error of errors) {
		out[error.path] ??= errorText(error.error ?? journalError(error.key, error.params));
	}
	return out;
}
