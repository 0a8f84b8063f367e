// Names of the journal's catalogue items that Today never shows (body locations, mood levels, goal
// statuses and units, check-in frequencies, medicine forms, glucose contexts, chart periods, trend
// sentences): kept apart from `catalogue-text.ts`, so their messages are not in Today's code.
// Same shape: one typed map per catalogue, message functions imported by name.
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
	journal_mood_level_1,
	journal_mood_level_2,
	journal_mood_level_3,
	journal_mood_level_4,
	journal_mood_level_5,
	journal_symptom_anxiety_hint,
	journal_symptom_appetite_hint,
	journal_symptom_breathlessness_hint,
	journal_symptom_cough_hint,
	journal_symptom_dizziness_hint,
	journal_symptom_fatigue_hint,
	journal_symptom_headache_hint,
	journal_symptom_mood_hint,
	journal_symptom_nausea_hint,
	journal_symptom_pain_hint,
	journal_symptom_sleep_hint,
	journal_symptom_swelling_hint,
	journal_trend_down,
	journal_trend_no_data,
	journal_trend_no_previous,
	journal_trend_stable,
	journal_trend_up,
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
	jui_period_label_90
} from '$lib/paraglide/messages.js';
import { has } from './catalogue-text';
import type { CheckInFrequency, FREQUENCY_UNITS, GoalStatus } from '$lib/domain/journal/goals';
import type { GLUCOSE_CONTEXTS } from '$lib/domain/journal/measurements';
import type { MEDICATION_FORMS } from '$lib/domain/journal/medications';
import type { BodyLocation, SymptomId } from '$lib/domain/journal/symptoms';
import type { ChartRangeDays, TrendSummary } from '$lib/domain/journal/trends';

type FrequencyUnit = (typeof FREQUENCY_UNITS)[number];
type GlucoseContext = (typeof GLUCOSE_CONTEXTS)[number];
type MedicationForm = (typeof MEDICATION_FORMS)[number];

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

export const symptomCatalogueHint = (id: SymptomId): string => SYMPTOM_HINTS[id]();
export const bodyLocationName = (location: BodyLocation): string => BODY_LOCATION_NAMES[location]();
export const moodLevelName = (level: number): string =>
	has(MOOD_LEVELS, level) ? MOOD_LEVELS[level]() : '';
export const goalStatusName = (status: GoalStatus): string => GOAL_STATUS_NAMES[status]();
export const goalUnitName = (unit: FrequencyUnit): string => GOAL_UNIT_NAMES[unit]();
export const checkInFrequencyName = (frequency: CheckInFrequency): string =>
	CHECK_IN_FREQUENCY_NAMES[frequency]();
export const medicationFormName = (form: MedicationForm): string => MEDICATION_FORM_NAMES[form]();
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
