// Why a journal value was refused, as data: one discriminated union for the whole journal domain.
// Why: the domain says *what* is wrong ({ type: 'range', field: 'systolic', min, max, unit }); the
// UI turns it into words once, at the edge, with an exhaustive `switch` (ui/journal/error-text.ts)
// that calls the message functions with the numbers, so they are formatted in the locale.
// Invariant: every code a journal schema may raise is a key of `FROM_CODE` (checked by type), and
// anything else becomes `{ type: 'invalid' }`: no zod text and no identifier reaches the person.
import type { GoalStatus } from './goals';
import type { Metric, Unit } from './measurements';

/** Fields with a range of whole numbers whose words already say the bounds. */
export type BoundedField =
	'severity' | 'mood' | 'intervalHours' | 'maxPerDay' | 'daysPerWeek' | 'progress' | 'confidence';

export type JournalError =
	| { readonly type: 'invalid' }
	| {
			readonly type: 'required';
			readonly field:
				| 'value'
				| 'symptom'
				| 'targetBound'
				| 'doseStatus'
				| 'takenAt'
				| 'skipReason'
				| 'scheduleTimes'
				| 'scheduleDays'
				| 'progressOrValue';
	  }
	| { readonly type: 'choice'; readonly field: 'option' | 'scheduleType' | 'measurementType' }
	| {
			readonly type: 'format';
			readonly field: 'number' | 'text' | 'time' | 'date' | 'timeOfDay' | 'timeZone' | 'weekday';
	  }
	| {
			readonly type: 'unknown';
			readonly field: 'record' | 'kind' | 'symptom' | 'bodyLocation' | 'metric';
	  }
	| { readonly type: 'tooLong'; readonly field: 'text' | 'note'; readonly max: number }
	| { readonly type: 'tooMany'; readonly field: 'scheduleTimes'; readonly max: number }
	| { readonly type: 'future' }
	/** A measured value outside what is plausible, in the unit the person typed. */
	| {
			readonly type: 'range';
			readonly field: Metric;
			readonly min: number;
			readonly max: number;
			readonly unit: Unit;
	  }
	| { readonly type: 'bounded'; readonly field: BoundedField }
	| {
			readonly type: 'order';
			readonly rule:
				'systolicAboveDiastolic' | 'lowBelowHigh' | 'stopAfterStart' | 'afterLastChange';
	  }
	| { readonly type: 'notPositive'; readonly field: 'doseAmount' | 'strength' | 'goalAmount' }
	| { readonly type: 'doseTooHigh'; readonly max: number }
	| { readonly type: 'inconsistent'; readonly field: 'entry' | 'goalHistory' | 'doseSlot' }
	| { readonly type: 'notApplicable'; readonly field: 'bodyLocation' }
	| { readonly type: 'skipAsNeeded' }
	| { readonly type: 'duplicate'; readonly field: 'time' | 'day' }
	| { readonly type: 'transition'; readonly from: GoalStatus; readonly to: GoalStatus };

/** Every variant's `type`, for tests that render them all. */
export type JournalErrorType = JournalError['type'];

type Params = Readonly<Record<string, string | number>>;

const num = (params: Params, name: string): number => {
	const value = params[name];
	return typeof value === 'number' ? value : Number.NaN;
};

// Type-only imports from measurements.ts and goals.ts (they import common.ts, which imports this).
const UNITS_BY_NAME: ReadonlySet<string> = new Set(
	Object.keys({
		mmHg: true,
		bpm: true,
		'mmol/L': true,
		'mg/dL': true,
		kg: true,
		lb: true,
		celsius: true,
		fahrenheit: true,
		percent: true,
		'L/min': true,
		steps: true
	} satisfies Record<Unit, true>)
);

const isUnit = (value: unknown): value is Unit =>
	typeof value === 'string' && UNITS_BY_NAME.has(value);

const STATUSES: ReadonlySet<string> = new Set(
	Object.keys({ active: true, achieved: true, paused: true, 'let-go': true } satisfies Record<
		GoalStatus,
		true
	>)
);
const isStatus = (value: unknown): value is GoalStatus =>
	typeof value === 'string' && STATUSES.has(value);

const range =
	(field: Metric) =>
	(params: Params): JournalError => {
		const unit = params.unit;
		if (!isUnit(unit)) return { type: 'invalid' };
		return { type: 'range', field, min: num(params, 'min'), max: num(params, 'max'), unit };
	};

const fixed = (error: JournalError) => (): JournalError => error;

/**
 * The codes the journal's schemas raise (zod `error`/`message`), each with how it becomes data.
 * Codes stay inside the domain (and in `FieldError.key` as a stable identifier for tests); the UI
 * never looks anything up by them.
 */
const FROM_CODE = {
	journal_error_invalid: fixed({ type: 'invalid' }),
	journal_error_required: fixed({ type: 'required', field: 'value' }),
	journal_error_choice_invalid: fixed({ type: 'choice', field: 'option' }),
	journal_error_number_invalid: fixed({ type: 'format', field: 'number' }),
	journal_error_text_invalid: fixed({ type: 'format', field: 'text' }),
	journal_error_text_too_long: (p: Params) => ({
		type: 'tooLong',
		field: 'text',
		max: num(p, 'max')
	}),
	journal_error_note_too_long: (p: Params) => ({
		type: 'tooLong',
		field: 'note',
		max: num(p, 'max')
	}),
	journal_error_time_invalid: fixed({ type: 'format', field: 'time' }),
	journal_error_time_in_future: fixed({ type: 'future' }),
	journal_error_date_invalid: fixed({ type: 'format', field: 'date' }),
	journal_error_time_of_day_invalid: fixed({ type: 'format', field: 'timeOfDay' }),
	journal_error_time_zone_invalid: fixed({ type: 'format', field: 'timeZone' }),
	journal_error_weekday_invalid: fixed({ type: 'format', field: 'weekday' }),
	journal_error_record_id_invalid: fixed({ type: 'unknown', field: 'record' }),
	journal_error_kind_unknown: fixed({ type: 'unknown', field: 'kind' }),
	journal_error_entry_inconsistent: fixed({ type: 'inconsistent', field: 'entry' }),
	journal_error_symptom_required: fixed({ type: 'required', field: 'symptom' }),
	journal_error_symptom_unknown: fixed({ type: 'unknown', field: 'symptom' }),
	journal_error_severity_range: fixed({ type: 'bounded', field: 'severity' }),
	journal_error_body_location_unknown: fixed({ type: 'unknown', field: 'bodyLocation' }),
	journal_error_body_location_not_applicable: fixed({
		type: 'notApplicable',
		field: 'bodyLocation'
	}),
	journal_error_mood_range: fixed({ type: 'bounded', field: 'mood' }),
	journal_error_measurement_type_unknown: fixed({ type: 'choice', field: 'measurementType' }),
	journal_error_metric_unknown: fixed({ type: 'unknown', field: 'metric' }),
	journal_error_systolic_range: range('systolic'),
	journal_error_diastolic_range: range('diastolic'),
	journal_error_heart_rate_range: range('heart-rate'),
	journal_error_glucose_range: range('glucose'),
	journal_error_weight_range: range('weight'),
	journal_error_temperature_range: range('temperature'),
	journal_error_spo2_range: range('spo2'),
	journal_error_peak_flow_range: range('peak-flow'),
	journal_error_steps_range: range('steps'),
	journal_error_bp_systolic_not_above_diastolic: fixed({
		type: 'order',
		rule: 'systolicAboveDiastolic'
	}),
	journal_error_target_bound_required: fixed({ type: 'required', field: 'targetBound' }),
	journal_error_target_low_not_below_high: fixed({ type: 'order', rule: 'lowBelowHigh' }),
	journal_error_dose_amount_positive: fixed({ type: 'notPositive', field: 'doseAmount' }),
	journal_error_dose_absurd: (p: Params) => ({ type: 'doseTooHigh', max: num(p, 'max') }),
	journal_error_strength_positive: fixed({ type: 'notPositive', field: 'strength' }),
	journal_error_stop_before_start: fixed({ type: 'order', rule: 'stopAfterStart' }),
	journal_error_dose_status_required: fixed({ type: 'required', field: 'doseStatus' }),
	journal_error_dose_slot_incomplete: fixed({ type: 'inconsistent', field: 'doseSlot' }),
	journal_error_taken_at_required: fixed({ type: 'required', field: 'takenAt' }),
	journal_error_skip_reason_required: fixed({ type: 'required', field: 'skipReason' }),
	journal_error_skip_as_needed: fixed({ type: 'skipAsNeeded' }),
	journal_error_schedule_type_invalid: fixed({ type: 'choice', field: 'scheduleType' }),
	journal_error_schedule_times_required: fixed({ type: 'required', field: 'scheduleTimes' }),
	journal_error_schedule_too_many_times: (p: Params) => ({
		type: 'tooMany',
		field: 'scheduleTimes',
		max: num(p, 'max')
	}),
	journal_error_schedule_duplicate_time: fixed({ type: 'duplicate', field: 'time' }),
	journal_error_schedule_days_required: fixed({ type: 'required', field: 'scheduleDays' }),
	journal_error_schedule_duplicate_day: fixed({ type: 'duplicate', field: 'day' }),
	journal_error_schedule_interval_range: fixed({ type: 'bounded', field: 'intervalHours' }),
	journal_error_schedule_max_per_day_range: fixed({ type: 'bounded', field: 'maxPerDay' }),
	journal_error_goal_amount_positive: fixed({ type: 'notPositive', field: 'goalAmount' }),
	journal_error_goal_days_per_week_range: fixed({ type: 'bounded', field: 'daysPerWeek' }),
	journal_error_goal_history_invalid: fixed({ type: 'inconsistent', field: 'goalHistory' }),
	journal_error_goal_progress_range: fixed({ type: 'bounded', field: 'progress' }),
	journal_error_goal_confidence_range: fixed({ type: 'bounded', field: 'confidence' }),
	journal_error_checkin_progress_or_value: fixed({ type: 'required', field: 'progressOrValue' }),
	journal_error_goal_invalid_transition: (p: Params) => {
		const { from, to } = p;
		return isStatus(from) && isStatus(to) ? { type: 'transition', from, to } : { type: 'invalid' };
	},
	journal_error_goal_before_last_change: fixed({ type: 'order', rule: 'afterLastChange' })
} satisfies Record<string, (params: Params) => JournalError>;

/** The stable code of a journal error (what the schemas raise). */
export type JournalErrorCode = keyof typeof FROM_CODE;

const CODES: ReadonlyMap<string, (params: Params) => JournalError> = new Map(
	Object.entries(FROM_CODE)
);

export const isJournalErrorCode = (code: string): code is JournalErrorCode => CODES.has(code);

/** The typed error for a code raised by a schema and its params (unknown code → invalid). */
export const journalError = (code: string, params: Params = {}): JournalError =>
	CODES.get(code)?.(params) ?? { type: 'invalid' };

/** Every code, for tests that check each one has its words. */
export const JOURNAL_ERROR_CODES: readonly JournalErrorCode[] = [...CODES.keys()].filter(
	isJournalErrorCode
);
