// Names of the journal's catalogue items that Today shows (symptoms, severities, metrics, units,
// reasons for a skipped dose, dose units) in the person's language: one small typed map per
// catalogue, `Record<Id, () => string>`, so a catalogue that gains an item fails type-checking here
// until it is named (exhaustive by type, not by a hand-kept list). Message functions are imported by
// name so the bundler keeps only these; the catalogues Today never names are in
// `catalogue-detail-text.ts`, so that their words are not part of Today's code.
import {
	journal_metric_diastolic,
	journal_metric_glucose,
	journal_metric_heart_rate,
	journal_metric_peak_flow,
	journal_metric_spo2,
	journal_metric_steps,
	journal_metric_systolic,
	journal_metric_temperature,
	journal_metric_weight,
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
	journal_symptom_appetite,
	journal_symptom_breathlessness,
	journal_symptom_cough,
	journal_symptom_dizziness,
	journal_symptom_fatigue,
	journal_symptom_headache,
	journal_symptom_mood,
	journal_symptom_nausea,
	journal_symptom_pain,
	journal_symptom_sleep,
	journal_symptom_swelling,
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
import type { Metric, Unit } from '$lib/domain/journal/measurements';
import type { DoseUnit, SkipReason } from '$lib/domain/journal/medications';
import type { SeverityBand, SymptomId } from '$lib/domain/journal/symptoms';

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

const SEVERITY_BANDS: Readonly<Record<SeverityBand, () => string>> = {
	none: journal_severity_band_none,
	mild: journal_severity_band_mild,
	moderate: journal_severity_band_moderate,
	severe: journal_severity_band_severe,
	worst: journal_severity_band_worst
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

const SEVERITY_ANCHOR_WORDS: Readonly<Record<0 | 5 | 10, () => string>> = {
	0: journal_severity_anchor_0,
	5: journal_severity_anchor_5,
	10: journal_severity_anchor_10
};

/** Is `value` one of the keys of `map` (an id typed as a plain string or number)? */
export const has = <K extends PropertyKey>(
	map: Readonly<Record<K, unknown>>,
	value: PropertyKey
): value is K => Object.hasOwn(map, value);

export const symptomCatalogueName = (id: SymptomId): string => SYMPTOM_NAMES[id]();
/** A catalogue symptom named by a string from a URL or a form ('' for anything else). */
export const symptomIdName = (id: string): string =>
	has(SYMPTOM_NAMES, id) ? SYMPTOM_NAMES[id]() : '';
export const severityBandName = (band: SeverityBand): string => SEVERITY_BANDS[band]();
/** The anchor word of a severity (0, 5, 10), or '' between anchors. */
export const severityAnchorName = (value: number): string =>
	has(SEVERITY_ANCHOR_WORDS, value) ? SEVERITY_ANCHOR_WORDS[value]() : '';
/** A mood level 1–5 in words ('' for anything else). */
export const metricName = (metric: Metric): string => METRIC_NAMES[metric]();
export const unitLabel = (unit: Unit): string => UNIT_LABELS[unit]();
export const skipReasonName = (reason: SkipReason): string => SKIP_REASON_NAMES[reason]();
export const doseUnitName = (unit: DoseUnit): string => DOSE_UNIT_NAMES[unit]();
