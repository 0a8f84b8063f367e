// Measurements: types, units, conversions, plausible ranges and the measurement record body.
// Why: people enter values in the units they know (lb, mg/dL, °F), but charts, targets and
// sharing need one unit per quantity, and an obvious typo (1200 kg) must be caught before it
// pollutes the history.
// Invariants: a stored measurement is always in canonical units (mmHg, bpm, mmol/L, kg, °C, %,
// L/min, steps) and inside the plausible range of its metric; conversions are exact inverses up
// to floating-point rounding. Range errors carry `{min}`/`{max}` in the unit the person used and
// `{unit}` (a unit id; its symbol is the message `unitSymbolKey(unit)`).
import * as z from 'zod/mini';
import { err, ok, type Result } from '../result';
import {
	noteSchema,
	parseWith,
	recordIdSchema,
	requiredText,
	timestampSchema,
	fieldError,
	type FieldError
} from './common';

export const MEASUREMENT_TYPES = [
	'blood-pressure',
	'heart-rate',
	'glucose',
	'weight',
	'temperature',
	'spo2',
	'peak-flow',
	'steps',
	'custom'
] as const;
export type MeasurementType = (typeof MEASUREMENT_TYPES)[number];

/** One plottable quantity. Blood pressure has two (systolic, diastolic); its pulse is heart rate. */
export const METRICS = [
	'systolic',
	'diastolic',
	'heart-rate',
	'glucose',
	'weight',
	'temperature',
	'spo2',
	'peak-flow',
	'steps'
] as const;
export type Metric = (typeof METRICS)[number];
export const metricSchema = z.enum(METRICS, { error: 'journal_error_metric_unknown' });

export const UNITS = [
	'mmHg',
	'bpm',
	'mmol/L',
	'mg/dL',
	'kg',
	'lb',
	'celsius',
	'fahrenheit',
	'percent',
	'L/min',
	'steps'
] as const;
export type Unit = (typeof UNITS)[number];

/** mg/dL per mmol/L for glucose (molar mass 180.16 g/mol). */
export const GLUCOSE_MGDL_PER_MMOLL = 18.016;
export const KG_PER_LB = 0.45359237;

interface UnitDefinition {
	readonly toCanonical: (value: number) => number;
	readonly fromCanonical: (value: number) => number;
}
const identity: UnitDefinition = { toCanonical: (v) => v, fromCanonical: (v) => v };

const UNIT_DEFINITIONS: Readonly<Record<Unit, UnitDefinition>> = {
	mmHg: identity,
	bpm: identity,
	'mmol/L': identity,
	'mg/dL': {
		toCanonical: (v) => v / GLUCOSE_MGDL_PER_MMOLL,
		fromCanonical: (v) => v * GLUCOSE_MGDL_PER_MMOLL
	},
	kg: identity,
	lb: { toCanonical: (v) => v * KG_PER_LB, fromCanonical: (v) => v / KG_PER_LB },
	celsius: identity,
	fahrenheit: {
		toCanonical: (v) => ((v - 32) * 5) / 9,
		fromCanonical: (v) => (v * 9) / 5 + 32
	},
	percent: identity,
	'L/min': identity,
	steps: identity
};

export interface MetricDefinition {
	readonly canonicalUnit: Unit;
	/** Units a person may enter this metric in (the canonical one first). */
	readonly units: readonly Unit[];
	/** Plausible range in canonical units: anything outside is almost certainly a typo. */
	readonly min: number;
	readonly max: number;
	readonly integer: boolean;
	readonly rangeKey: string;
	readonly nameKey: string;
}

const metric = (
	name: string,
	canonicalUnit: Unit,
	units: readonly Unit[],
	min: number,
	max: number,
	integer = false
): MetricDefinition => ({
	canonicalUnit,
	units,
	min,
	max,
	integer,
	rangeKey: `journal_error_${name}_range`,
	nameKey: `journal_metric_${name}`
});

export const METRIC_DEFINITIONS: Readonly<Record<Metric, MetricDefinition>> = {
	systolic: metric('systolic', 'mmHg', ['mmHg'], 50, 300),
	diastolic: metric('diastolic', 'mmHg', ['mmHg'], 20, 200),
	'heart-rate': metric('heart_rate', 'bpm', ['bpm'], 20, 300),
	glucose: metric('glucose', 'mmol/L', ['mmol/L', 'mg/dL'], 0.5, 50),
	weight: metric('weight', 'kg', ['kg', 'lb'], 2, 350),
	temperature: metric('temperature', 'celsius', ['celsius', 'fahrenheit'], 30, 45),
	spo2: metric('spo2', 'percent', ['percent'], 50, 100),
	'peak-flow': metric('peak_flow', 'L/min', ['L/min'], 50, 1000),
	steps: metric('steps', 'steps', ['steps'], 0, 200_000, true)
};

/** Converts `value` in `unit` to the canonical unit of its quantity. */
export const toCanonical = (value: number, unit: Unit): number =>
	UNIT_DEFINITIONS[unit].toCanonical(value);

/** Converts a canonical `value` to `unit`. */
export const fromCanonical = (value: number, unit: Unit): number =>
	UNIT_DEFINITIONS[unit].fromCanonical(value);

/** Message key of a unit's symbol, e.g. `journal_unit_mg_dl` ("mg/dL"). */
export const unitSymbolKey = (unit: Unit): string =>
	`journal_unit_${unit.toLowerCase().replaceAll('/', '_')}`;

export const isPlausible = (m: Metric, canonicalValue: number): boolean => {
	const definition = METRIC_DEFINITIONS[m];
	return (
		Number.isFinite(canonicalValue) &&
		canonicalValue >= definition.min &&
		canonicalValue <= definition.max &&
		(!definition.integer || Number.isInteger(canonicalValue))
	);
};

/** A canonical value of `m`, refused outside its plausible range with the metric's message key. */
export const metricValueSchema = (m: Metric) => {
	const { min, max, rangeKey, canonicalUnit } = METRIC_DEFINITIONS[m];
	return z.number({ error: 'journal_error_number_invalid' }).check(
		z.refine((value) => isPlausible(m, value), {
			error: rangeKey,
			params: { min, max, unit: canonicalUnit }
		})
	);
};

export const GLUCOSE_CONTEXTS = [
	'fasting',
	'before-meal',
	'after-meal',
	'bedtime',
	'random'
] as const;

export const bloodPressureSchema = z
	.object({
		type: z.literal('blood-pressure'),
		systolic: metricValueSchema('systolic'),
		diastolic: metricValueSchema('diastolic'),
		pulse: z.optional(metricValueSchema('heart-rate'))
	})
	.check(
		z.refine((bp) => bp.systolic > bp.diastolic, {
			error: 'journal_error_bp_systolic_not_above_diastolic',
			path: ['systolic']
		})
	);

const single = <T extends Exclude<MeasurementType, 'blood-pressure' | 'custom' | 'glucose'>>(
	type: T,
	m: Metric
) => z.object({ type: z.literal(type), value: metricValueSchema(m) });

export const measurementValueSchema = z.discriminatedUnion(
	'type',
	[
		bloodPressureSchema,
		single('heart-rate', 'heart-rate'),
		z.object({
			type: z.literal('glucose'),
			value: metricValueSchema('glucose'),
			context: z.optional(z.enum(GLUCOSE_CONTEXTS, { error: 'journal_error_choice_invalid' }))
		}),
		single('weight', 'weight'),
		single('temperature', 'temperature'),
		single('spo2', 'spo2'),
		single('peak-flow', 'peak-flow'),
		single('steps', 'steps'),
		z.object({
			type: z.literal('custom'),
			customMeasureId: z.optional(recordIdSchema),
			label: requiredText(60),
			unit: requiredText(20),
			value: z
				.number({ error: 'journal_error_number_invalid' })
				.check(
					z.gte(-1e9, { error: 'journal_error_number_invalid' }),
					z.lte(1e9, { error: 'journal_error_number_invalid' })
				)
		})
	],
	{ error: 'journal_error_measurement_type_unknown' }
);
export type MeasurementValue = z.infer<typeof measurementValueSchema>;

export const measurementBodySchema = z.object({
	kind: z.literal('measurement'),
	at: timestampSchema,
	measurement: measurementValueSchema,
	note: z.optional(noteSchema)
});
export type MeasurementBody = z.infer<typeof measurementBodySchema>;

/** The metrics carried by a measurement, with canonical values (custom measures carry none). */
export const metricValues = (
	measurement: MeasurementValue
): readonly { readonly metric: Metric; readonly value: number }[] => {
	switch (measurement.type) {
		case 'blood-pressure':
			return [
				{ metric: 'systolic', value: measurement.systolic },
				{ metric: 'diastolic', value: measurement.diastolic },
				...(measurement.pulse === undefined
					? []
					: [{ metric: 'heart-rate' as const, value: measurement.pulse }])
			];
		case 'custom':
			return [];
		case 'heart-rate':
		case 'glucose':
		case 'weight':
		case 'temperature':
		case 'spo2':
		case 'peak-flow':
		case 'steps':
			return [{ metric: measurement.type, value: measurement.value }];
	}
};

// ---------------------------------------------------------------------------------------------
// Unit preferences and input in the person's units.

export const unitPreferencesSchema = z.object({
	weight: z.enum(['kg', 'lb'], { error: 'journal_error_choice_invalid' }),
	glucose: z.enum(['mmol/L', 'mg/dL'], { error: 'journal_error_choice_invalid' }),
	temperature: z.enum(['celsius', 'fahrenheit'], { error: 'journal_error_choice_invalid' })
});
export type UnitPreferences = z.infer<typeof unitPreferencesSchema>;

/** The person's unit preferences, stored as a settings record. */
export const unitPreferencesBodySchema = z.extend(unitPreferencesSchema, {
	kind: z.literal('unit-preferences'),
	at: timestampSchema
});
export type UnitPreferencesBody = z.infer<typeof unitPreferencesBodySchema>;

export const METRIC_UNITS: UnitPreferences = {
	weight: 'kg',
	glucose: 'mmol/L',
	temperature: 'celsius'
};

/** Sensible defaults for a locale tag: US customary units in the United States, metric elsewhere. */
export const defaultUnitPreferences = (locale: string): UnitPreferences => {
	const region = /^[a-z]{2,3}-([A-Z]{2})\b/i.exec(locale)?.[1]?.toUpperCase();
	return region === 'US' || region === 'LR' || region === 'MM'
		? { weight: 'lb', glucose: 'mg/dL', temperature: 'fahrenheit' }
		: METRIC_UNITS;
};

/** The unit in which the person sees and enters `m`. */
export const displayUnit = (m: Metric, preferences: UnitPreferences): Unit => {
	switch (m) {
		case 'weight':
			return preferences.weight;
		case 'glucose':
			return preferences.glucose;
		case 'temperature':
			return preferences.temperature;
		case 'systolic':
		case 'diastolic':
		case 'heart-rate':
		case 'spo2':
		case 'peak-flow':
		case 'steps':
			return METRIC_DEFINITIONS[m].canonicalUnit;
	}
};

/** A canonical value of `m` in the person's preferred unit, for display (unrounded). */
export const toDisplay = (
	m: Metric,
	canonicalValue: number,
	preferences: UnitPreferences
): { readonly value: number; readonly unit: Unit } => {
	const unit = displayUnit(m, preferences);
	return { value: fromCanonical(canonicalValue, unit), unit };
};

/** The plausible range of `m` expressed in `unit` (for hints next to the field). */
export const plausibleRangeIn = (m: Metric, unit: Unit): { min: number; max: number } => {
	const { min, max } = METRIC_DEFINITIONS[m];
	const [low, high] = [fromCanonical(min, unit), fromCanonical(max, unit)].sort((a, b) => a - b);
	return { min: roundForDisplay(low ?? min), max: roundForDisplay(high ?? max) };
};

const roundForDisplay = (value: number): number => Math.round(value * 10) / 10;

/** Which metric a field of a measurement value holds. */
const fieldMetric = (type: string, field: string): Metric | null => {
	if (type === 'blood-pressure') {
		if (field === 'systolic' || field === 'diastolic') return field;
		return field === 'pulse' ? 'heart-rate' : null;
	}
	if (field !== 'value') return null;
	return METRICS.find((m) => m === type) ?? null;
};

const convertFields = (
	raw: Record<string, unknown>,
	convert: (m: Metric, value: number) => number
): Record<string, unknown> => {
	const type = typeof raw.type === 'string' ? raw.type : '';
	return Object.fromEntries(
		Object.entries(raw).map(([field, value]) => {
			const m = fieldMetric(type, field);
			return [field, m !== null && typeof value === 'number' ? convert(m, value) : value];
		})
	);
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Parses a measurement typed by the person in their preferred units, returning it in canonical
 * units. Range errors report `{min}` and `{max}` in the person's units.
 */
export const parseMeasurementInput = (
	raw: unknown,
	preferences: UnitPreferences
): Result<MeasurementValue, readonly FieldError[]> => {
	if (!isRecord(raw)) {
		return err([fieldError('', 'journal_error_measurement_type_unknown')]);
	}
	const canonical = convertFields(raw, (m, value) =>
		toCanonical(value, displayUnit(m, preferences))
	);
	const parsed = parseWith(measurementValueSchema, canonical);
	if (parsed.ok) return ok(parsed.value);
	const type = typeof raw.type === 'string' ? raw.type : '';
	return err(
		parsed.error.map((error) => {
			const m = fieldMetric(type, error.path);
			if (m === null || error.key !== METRIC_DEFINITIONS[m].rangeKey) return error;
			const unit = displayUnit(m, preferences);
			return fieldError(error.path, error.key, { ...plausibleRangeIn(m, unit), unit });
		})
	);
};
