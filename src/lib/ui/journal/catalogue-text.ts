// Names of the journal's catalogue items (symptoms, body locations, metrics, units, reasons…) in
// the person's language: one small typed map per catalogue, `Record<Id, () => string>`, so a
// catalogue that gains an item fails type-checking here until it is named (exhaustive by type, not
// by a hand-kept list). Message functions are imported by name so the bundler keeps only these.
import {
	journal_body_abdomen,
	journal_body_chest,
	journal_body_head,
	journal_body_jaw,
	journal_body_left_arm,
	journal_body_left_foot,
	journal_body_left_hand,
	journal_body_left_hip,
	journal_body_left_knee,
	journal_body_left_leg,
	journal_body_left_shoulder,
	journal_body_lower_back,
	journal_body_neck,
	journal_body_pelvis,
	journal_body_right_arm,
	journal_body_right_foot,
	journal_body_right_hand,
	journal_body_right_hip,
	journal_body_right_knee,
	journal_body_right_leg,
	journal_body_right_shoulder,
	journal_body_upper_back,
	journal_body_whole_body,
	journal_goal_status_achieved,
	journal_goal_status_active,
	journal_goal_status_let_go,
	journal_goal_status_paused,
	journal_goal_unit_glasses,
	journal_goal_unit_km,
	journal_goal_unit_minutes,
	journal_goal_unit_pages,
	journal_goal_unit_steps,
	journal_goal_unit_times,
	journal_metric_diastolic,
	journal_metric_glucose,
	journal_metric_heart_rate,
	journal_metric_peak_flow,
	journal_metric_spo2,
	journal_metric_steps,
	journal_metric_systolic,
	journal_metric_temperature,
	journal_metric_weight,
	journal_mood_level_1,
	journal_mood_level_2,
	journal_mood_level_3,
	journal_mood_level_4,
	journal_mood_level_5,
	journal_severity_anchor_0,
	journal_severity_anchor_10,
	journal_severity_anchor_5,
	journal_severity_band_mild,
	journal_severity_band_moderate,
	journal_severity_band_none,
	journal_severity_band_severe,
	journal_severity_band_worst,
	journal_skip_reason_advised_by_clinician,
	journal_skip_reason_could_not_swallow,
	journal_skip_reason_felt_fine,
	journal_skip_reason_felt_unwell,
	journal_skip_reason_other,
	journal_skip_reason_ran_out,
	journal_skip_reason_side_effects,
	journal_symptom_anxiety,
	journal_symptom_anxiety_hint,
	journal_symptom_appetite,
	journal_symptom_appetite_hint,
	journal_symptom_breathlessness,
	journal_symptom_breathlessness_hint,
	journal_symptom_cough,
	journal_symptom_cough_hint,
	journal_symptom_dizziness,
	journal_symptom_dizziness_hint,
	journal_symptom_fatigue,
	journal_symptom_fatigue_hint,
	journal_symptom_headache,
	journal_symptom_headache_hint,
	journal_symptom_mood,
	journal_symptom_mood_hint,
	journal_symptom_nausea,
	journal_symptom_nausea_hint,
	journal_symptom_pain,
	journal_symptom_pain_hint,
	journal_symptom_sleep,
	journal_symptom_sleep_hint,
	journal_symptom_swelling,
	journal_symptom_swelling_hint,
	journal_trend_down,
	journal_trend_no_data,
	journal_trend_no_previous,
	journal_trend_stable,
	journal_trend_up,
	jui_dose_unit_application,
	jui_dose_unit_capsule,
	jui_dose_unit_drop,
	jui_dose_unit_g,
	jui_dose_unit_international_unit,
	jui_dose_unit_mcg,
	jui_dose_unit_mg,
	jui_dose_unit_ml,
	jui_dose_unit_patch,
	jui_dose_unit_puff,
	jui_dose_unit_sachet,
	jui_dose_unit_spray,
	jui_dose_unit_tablet,
	jui_form_capsule,
	jui_form_cream,
	jui_form_drops,
	jui_form_inhaler,
	jui_form_injection,
	jui_form_liquid,
	jui_form_other,
	jui_form_patch,
	jui_form_sachet,
	jui_form_spray,
	jui_form_suppository,
	jui_form_tablet,
	jui_frequency_daily,
	jui_frequency_fortnightly,
	jui_frequency_monthly,
	jui_frequency_weekly,
	jui_glucose_after_meal,
	jui_glucose_bedtime,
	jui_glucose_before_meal,
	jui_glucose_fasting,
	jui_glucose_random,
	jui_period_30,
	jui_period_365,
	jui_period_7,
	jui_period_90,
	jui_period_label_30,
	jui_period_label_365,
	jui_period_label_7,
	jui_period_label_90,
	jui_unit_bpm,
	jui_unit_celsius,
	jui_unit_fahrenheit,
	jui_unit_kg,
	jui_unit_l_min,
	jui_unit_lb,
	jui_unit_mg_dl,
	jui_unit_mmhg,
	jui_unit_mmol_l,
	jui_unit_percent,
	jui_unit_steps
} from '$lib/paraglide/messages.js';
import type { CheckInFrequency, GoalStatus } from '$lib/domain/journal/goals';
import type { FREQUENCY_UNITS } from '$lib/domain/journal/goals';
import type { GLUCOSE_CONTEXTS, Metric, Unit } from '$lib/domain/journal/measurements';
import type { DoseUnit, MEDICATION_FORMS, SkipReason } from '$lib/domain/journal/medications';
import type { BodyLocation, SeverityBand, SymptomId } from '$lib/domain/journal/symptoms';
import type { ChartRangeDays, TrendSummary } from '$lib/domain/journal/trends';

type FrequencyUnit = (typeof FREQUENCY_UNITS)[number];
type GlucoseContext = (typeof GLUCOSE_CONTEXTS)[number];
type MedicationForm = (typeof MEDICATION_FORMS)[number];

/** Names of the catalogue symptoms. */
const SYMPTOM_NAMES: Readonly<Record<SymptomId, () => string>> = {
	pain: journal_symptom_pain,
	fatigue: journal_symptom_fatigue,
	breathlessness: journal_symptom_breathlessness,
	sleep: journal_symptom_sleep,
	mood: journal_symptom_mood,
	anxiety: journal_symptom_anxiety,
	appetite: journal_symptom_appetite,
	dizziness: journal_symptom_dizziness,
	swelling: journal_symptom_swelling,
	cough: journal_symptom_cough,
	nausea: journal_symptom_nausea,
	headache: journal_symptom_headache
};

/** One-line hints under the catalogue symptoms. */
const SYMPTOM_HINTS: Readonly<Record<SymptomId, () => string>> = {
	pain: journal_symptom_pain_hint,
	fatigue: journal_symptom_fatigue_hint,
	breathlessness: journal_symptom_breathlessness_hint,
	sleep: journal_symptom_sleep_hint,
	mood: journal_symptom_mood_hint,
	anxiety: journal_symptom_anxiety_hint,
	appetite: journal_symptom_appetite_hint,
	dizziness: journal_symptom_dizziness_hint,
	swelling: journal_symptom_swelling_hint,
	cough: journal_symptom_cough_hint,
	nausea: journal_symptom_nausea_hint,
	headache: journal_symptom_headache_hint
};

const SEVERITY_BANDS: Readonly<Record<SeverityBand, () => string>> = {
	none: journal_severity_band_none,
	mild: journal_severity_band_mild,
	moderate: journal_severity_band_moderate,
	severe: journal_severity_band_severe,
	worst: journal_severity_band_worst
};

const BODY_LOCATION_NAMES: Readonly<Record<BodyLocation, () => string>> = {
	head: journal_body_head,
	jaw: journal_body_jaw,
	neck: journal_body_neck,
	chest: journal_body_chest,
	abdomen: journal_body_abdomen,
	'upper-back': journal_body_upper_back,
	'lower-back': journal_body_lower_back,
	pelvis: journal_body_pelvis,
	'left-shoulder': journal_body_left_shoulder,
	'right-shoulder': journal_body_right_shoulder,
	'left-arm': journal_body_left_arm,
	'right-arm': journal_body_right_arm,
	'left-hand': journal_body_left_hand,
	'right-hand': journal_body_right_hand,
	'left-hip': journal_body_left_hip,
	'right-hip': journal_body_right_hip,
	'left-leg': journal_body_left_leg,
	'right-leg': journal_body_right_leg,
	'left-knee': journal_body_left_knee,
	'right-knee': journal_body_right_knee,
	'left-foot': journal_body_left_foot,
	'right-foot': journal_body_right_foot,
	'whole-body': journal_body_whole_body
};

const METRIC_NAMES: Readonly<Record<Metric, () => string>> = {
	systolic: journal_metric_systolic,
	diastolic: journal_metric_diastolic,
	'heart-rate': journal_metric_heart_rate,
	glucose: journal_metric_glucose,
	weight: journal_metric_weight,
	temperature: journal_metric_temperature,
	spo2: journal_metric_spo2,
	'peak-flow': journal_metric_peak_flow,
	steps: journal_metric_steps
};

const UNIT_LABELS: Readonly<Record<Unit, () => string>> = {
	mmHg: jui_unit_mmhg,
	bpm: jui_unit_bpm,
	'mmol/L': jui_unit_mmol_l,
	'mg/dL': jui_unit_mg_dl,
	kg: jui_unit_kg,
	lb: jui_unit_lb,
	celsius: jui_unit_celsius,
	fahrenheit: jui_unit_fahrenheit,
	percent: jui_unit_percent,
	'L/min': jui_unit_l_min,
	steps: jui_unit_steps
};

const SKIP_REASON_NAMES: Readonly<Record<SkipReason, () => string>> = {
	'side-effects': journal_skip_reason_side_effects,
	'felt-unwell': journal_skip_reason_felt_unwell,
	'felt-fine': journal_skip_reason_felt_fine,
	'ran-out': journal_skip_reason_ran_out,
	'advised-by-clinician': journal_skip_reason_advised_by_clinician,
	'could-not-swallow': journal_skip_reason_could_not_swallow,
	other: journal_skip_reason_other
};

const GOAL_STATUS_NAMES: Readonly<Record<GoalStatus, () => string>> = {
	active: journal_goal_status_active,
	achieved: journal_goal_status_achieved,
	paused: journal_goal_status_paused,
	'let-go': journal_goal_status_let_go
};

const GOAL_UNIT_NAMES: Readonly<Record<FrequencyUnit, () => string>> = {
	minutes: journal_goal_unit_minutes,
	times: journal_goal_unit_times,
	steps: journal_goal_unit_steps,
	km: journal_goal_unit_km,
	glasses: journal_goal_unit_glasses,
	pages: journal_goal_unit_pages
};

const CHECK_IN_FREQUENCY_NAMES: Readonly<Record<CheckInFrequency, () => string>> = {
	daily: jui_frequency_daily,
	weekly: jui_frequency_weekly,
	fortnightly: jui_frequency_fortnightly,
	monthly: jui_frequency_monthly
};

const MEDICATION_FORM_NAMES: Readonly<Record<MedicationForm, () => string>> = {
	tablet: jui_form_tablet,
	capsule: jui_form_capsule,
	liquid: jui_form_liquid,
	injection: jui_form_injection,
	inhaler: jui_form_inhaler,
	patch: jui_form_patch,
	drops: jui_form_drops,
	cream: jui_form_cream,
	suppository: jui_form_suppository,
	sachet: jui_form_sachet,
	spray: jui_form_spray,
	other: jui_form_other
};

const DOSE_UNIT_NAMES: Readonly<Record<DoseUnit, () => string>> = {
	tablet: jui_dose_unit_tablet,
	capsule: jui_dose_unit_capsule,
	mg: jui_dose_unit_mg,
	mcg: jui_dose_unit_mcg,
	g: jui_dose_unit_g,
	ml: jui_dose_unit_ml,
	drop: jui_dose_unit_drop,
	puff: jui_dose_unit_puff,
	'international-unit': jui_dose_unit_international_unit,
	patch: jui_dose_unit_patch,
	sachet: jui_dose_unit_sachet,
	application: jui_dose_unit_application,
	spray: jui_dose_unit_spray
};

const GLUCOSE_CONTEXT_NAMES: Readonly<Record<GlucoseContext, () => string>> = {
	fasting: jui_glucose_fasting,
	'before-meal': jui_glucose_before_meal,
	'after-meal': jui_glucose_after_meal,
	bedtime: jui_glucose_bedtime,
	random: jui_glucose_random
};

const MOOD_LEVELS: Readonly<Record<1 | 2 | 3 | 4 | 5, () => string>> = {
	1: journal_mood_level_1,
	2: journal_mood_level_2,
	3: journal_mood_level_3,
	4: journal_mood_level_4,
	5: journal_mood_level_5
};

const SEVERITY_ANCHOR_WORDS: Readonly<Record<0 | 5 | 10, () => string>> = {
	0: journal_severity_anchor_0,
	5: journal_severity_anchor_5,
	10: journal_severity_anchor_10
};

const PERIODS: Readonly<Record<ChartRangeDays, () => string>> = {
	7: jui_period_7,
	30: jui_period_30,
	90: jui_period_90,
	365: jui_period_365
};

const PERIOD_LABELS: Readonly<Record<ChartRangeDays, () => string>> = {
	7: jui_period_label_7,
	30: jui_period_label_30,
	90: jui_period_label_90,
	365: jui_period_label_365
};

/** Is `value` one of the keys of `map` (an id typed as a plain string or number)? */
const has = <K extends PropertyKey>(
	map: Readonly<Record<K, unknown>>,
	value: PropertyKey
): value is K => Object.hasOwn(map, value);

export const symptomCatalogueName = (id: SymptomId): string => SYMPTOM_NAMES[id]();
export const symptomCatalogueHint = (id: SymptomId): string => SYMPTOM_HINTS[id]();
/** A catalogue symptom named by a string from a URL or a form ('' for anything else). */
export const symptomIdName = (id: string): string =>
	has(SYMPTOM_NAMES, id) ? SYMPTOM_NAMES[id]() : '';
export const severityBandName = (band: SeverityBand): string => SEVERITY_BANDS[band]();
/** The anchor word of a severity (0, 5, 10), or '' between anchors. */
export const severityAnchorName = (value: number): string =>
	has(SEVERITY_ANCHOR_WORDS, value) ? SEVERITY_ANCHOR_WORDS[value]() : '';
export const bodyLocationName = (location: BodyLocation): string => BODY_LOCATION_NAMES[location]();
/** A mood level 1–5 in words ('' for anything else). */
export const moodLevelName = (level: number): string =>
	has(MOOD_LEVELS, level) ? MOOD_LEVELS[level]() : '';
export const metricName = (metric: Metric): string => METRIC_NAMES[metric]();
export const unitLabel = (unit: Unit): string => UNIT_LABELS[unit]();
export const skipReasonName = (reason: SkipReason): string => SKIP_REASON_NAMES[reason]();
export const goalStatusName = (status: GoalStatus): string => GOAL_STATUS_NAMES[status]();
export const goalUnitName = (unit: FrequencyUnit): string => GOAL_UNIT_NAMES[unit]();
export const checkInFrequencyName = (frequency: CheckInFrequency): string =>
	CHECK_IN_FREQUENCY_NAMES[frequency]();
export const medicationFormName = (form: MedicationForm): string => MEDICATION_FORM_NAMES[form]();
export const doseUnitName = (unit: DoseUnit): string => DOSE_UNIT_NAMES[unit]();
export const glucoseContextName = (context: GlucoseContext): string =>
	GLUCOSE_CONTEXT_NAMES[context]();
export const periodName = (days: ChartRangeDays): string => PERIODS[days]();
export const periodLabel = (days: ChartRangeDays): string => PERIOD_LABELS[days]();

/** The sentence describing a trend (direction, current and previous averages, window). */
export function trendText(
	summary: TrendSummary,
	inputs: { metric: string; days: number; current: string; previous: string }
): string {
	if (summary.current === null) return journal_trend_no_data(inputs);
	switch (summary.direction) {
		case null:
			return journal_trend_no_previous(inputs);
		case 'up':
			return journal_trend_up(inputs);
		case 'down':
			return journal_trend_down(inputs);
		case 'stable':
			return journal_trend_stable(inputs);
	}
}
