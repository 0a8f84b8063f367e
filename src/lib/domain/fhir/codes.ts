// Terminology for the FHIR R4 mapping: the LOINC code and UCUM unit of each measurement Cercle
// records, in the spirit of the International Patient Summary's vital signs. One table, read in
// both directions (export writes these codes; import recognises them in Bundles from elsewhere).
// Invariant: every unit here is a valid UCUM expression and equals the canonical unit the vault
// stores for that metric (src/lib/domain/journal/measurements.ts), so no value is converted.
import type { MeasurementType } from '../journal/measurements';

export const LOINC = 'http://loinc.org';
export const UCUM = 'http://unitsofmeasure.org';
export const OBSERVATION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';

export interface Coded {
	readonly code: string;
	readonly display: string;
}

export interface QuantityCode extends Coded {
	/** The UCUM code of the unit. */
	readonly ucum: string;
	/** The unit as a person reads it. */
	readonly unit: string;
}

/** Blood pressure: the panel and its two components (LOINC 85354-9 with 8480-6 / 8462-4). */
export const BLOOD_PRESSURE_PANEL: Coded = {
	code: '85354-9',
	display: 'Blood pressure panel with all children optional'
};
export const SYSTOLIC: QuantityCode = {
	code: '8480-6',
	display: 'Systolic blood pressure',
	ucum: 'mm[Hg]',
	unit: 'mmHg'
};
export const DIASTOLIC: QuantityCode = {
	code: '8462-4',
	display: 'Diastolic blood pressure',
	ucum: 'mm[Hg]',
	unit: 'mmHg'
};
export const HEART_RATE: QuantityCode = {
	code: '8867-4',
	display: 'Heart rate',
	ucum: '/min',
	unit: 'beats/minute'
};

/** Single-value measurements: LOINC code and UCUM unit of the value as the vault stores it. */
export const SINGLE_MEASUREMENTS = {
	'heart-rate': HEART_RATE,
	glucose: {
		code: '15074-8',
		display: 'Glucose [Moles/volume] in Blood',
		ucum: 'mmol/L',
		unit: 'mmol/L'
	},
	weight: { code: '29463-7', display: 'Body weight', ucum: 'kg', unit: 'kg' },
	temperature: { code: '8310-5', display: 'Body temperature', ucum: 'Cel', unit: '°C' },
	spo2: {
		code: '59408-5',
		display: 'Oxygen saturation in Arterial blood by Pulse oximetry',
		ucum: '%',
		unit: '%'
	},
	'peak-flow': {
		code: '19935-6',
		display: 'Maximum expiratory gas flow Respiratory system airway by Peak flow meter',
		ucum: 'L/min',
		unit: 'L/min'
	},
	steps: {
		code: '55423-8',
		display: 'Number of steps in unspecified time Pedometer',
		ucum: '{steps}',
		unit: 'steps'
	}
} as const satisfies Readonly<
	Record<Exclude<MeasurementType, 'blood-pressure' | 'custom'>, QuantityCode>
>;

export type SingleMeasurementType = keyof typeof SINGLE_MEASUREMENTS;

/** The single-value measurement a LOINC code stands for, if Cercle records it. */
export function singleTypeOfLoinc(code: string): SingleMeasurementType | null {
	for (const [type, coded] of Object.entries(SINGLE_MEASUREMENTS)) {
		if (coded.code === code && isSingleType(type)) return type;
	}
	return null;
}

function isSingleType(type: string): type is SingleMeasurementType {
	return type in SINGLE_MEASUREMENTS;
}

/** Vital-signs measurements carry the `vital-signs` category (required by the FHIR vital-signs profile). */
export const VITAL_SIGNS: ReadonlySet<string> = new Set([
	BLOOD_PRESSURE_PANEL.code,
	...Object.values(SINGLE_MEASUREMENTS)
		.filter((c) => c.code !== '15074-8' && c.code !== '19935-6' && c.code !== '55423-8')
		.map((c) => c.code)
]);
