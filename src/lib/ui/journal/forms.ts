// Form values for the journal forms (what the inputs hold: strings for text and numbers, so a
// half-typed value is never lost) and their conversion to domain inputs and back.
// Invariant: conversion never validates — the domain does, and its errors come back by path; the
// form shows each error next to the field with the same path.
import type { GoalBody, GoalCheckInBody } from '$lib/domain/journal/goals';
import {
	displayUnit,
	fromCanonical,
	type MeasurementType,
	type MeasurementValue,
	type Metric,
	type UnitPreferences
} from '$lib/domain/journal/measurements';
import type { MedicationBody } from '$lib/domain/journal/medications';
import type { SymptomBody } from '$lib/domain/journal/symptoms';
import { formatNumber } from '../format';
import { fromLocalInput, parseNumber, toDateInput, toLocalInput } from './text';

/** A number put back into a form field as the person would type it: "70,5" in French. */
const decimalInput = (value: number): string =>
	formatNumber(value, { useGrouping: false, maximumFractionDigits: 6 });

export interface SymptomFormValues {
	symptom: string;
	customName: string;
	severity: number;
	bodyLocation: string;
	note: string;
	at: string;
}

export function emptySymptom(now: number, symptom = 'pain'): SymptomFormValues {
	return {
		symptom,
		customName: '',
		severity: 5,
		bodyLocation: '',
		note: '',
		at: toLocalInput(now)
	};
}

export function symptomToValues(body: SymptomBody): SymptomFormValues {
	return {
		symptom: body.symptom.source === 'catalogue' ? body.symptom.id : 'custom',
		customName: body.symptom.source === 'custom' ? body.symptom.name : '',
		severity: body.severity,
		bodyLocation: body.bodyLocations?.[0] ?? '',
		note: body.note ?? '',
		at: toLocalInput(body.at)
	};
}

/** The symptom body to validate; `customSymptomId` when the person wrote their own symptom. */
export function symptomInput(
	values: SymptomFormValues,
	customSymptomId?: string
): Record<string, unknown> {
	const symptom =
		values.symptom === 'custom'
			? { source: 'custom', customSymptomId, name: values.customName }
			: { source: 'catalogue', id: values.symptom };
	return {
		kind: 'symptom',
		at: fromLocalInput(values.at),
		symptom,
		severity: values.severity,
		...(values.bodyLocation ? { bodyLocations: [values.bodyLocation] } : {}),
		...(values.note.trim() ? { note: values.note } : {})
	};
}

export interface MeasurementFormValues {
	type: MeasurementType;
	systolic: string;
	diastolic: string;
	pulse: string;
	value: string;
	context: string;
	label: string;
	unit: string;
	note: string;
	at: string;
}

export function emptyMeasurement(now: number, type: MeasurementType = 'blood-pressure') {
	return {
		type,
		systolic: '',
		diastolic: '',
		pulse: '',
		value: '',
		context: '',
		label: '',
		unit: '',
		note: '',
		at: toLocalInput(now)
	} satisfies MeasurementFormValues;
}

const shown = (metric: Metric, canonical: number, preferences: UnitPreferences): string => {
	const value = fromCanonical(canonical, displayUnit(metric, preferences));
	return decimalInput(Math.round(value * 10) / 10);
};

export function measurementToValues(
	measurement: MeasurementValue,
	at: number,
	note: string | undefined,
	preferences: UnitPreferences
): MeasurementFormValues {
	const values = { ...emptyMeasurement(at, measurement.type), note: note ?? '' };
	switch (measurement.type) {
		case 'blood-pressure':
			return {
				...values,
				systolic: decimalInput(measurement.systolic),
				diastolic: decimalInput(measurement.diastolic),
				pulse: measurement.pulse === undefined ? '' : decimalInput(measurement.pulse)
			};
		case 'custom':
			return {
				...values,
				value: decimalInput(measurement.value),
				label: measurement.label,
				unit: measurement.unit
			};
		case 'glucose':
			return {
				...values,
				value: shown('glucose', measurement.value, preferences),
				context: measurement.context ?? ''
			};
		case 'heart-rate':
		case 'weight':
		case 'temperature':
		case 'spo2':
		case 'peak-flow':
		case 'steps':
			return { ...values, value: shown(measurement.type, measurement.value, preferences) };
	}
}

/** The measurement as typed, in the person's units (the domain converts and validates). */
export function measurementInput(values: MeasurementFormValues): Record<string, unknown> {
	switch (values.type) {
		case 'blood-pressure':
			return {
				type: values.type,
				systolic: parseNumber(values.systolic),
				diastolic: parseNumber(values.diastolic),
				...(values.pulse.trim() ? { pulse: parseNumber(values.pulse) } : {})
			};
		case 'custom':
			return {
				type: values.type,
				label: values.label,
				unit: values.unit,
				value: parseNumber(values.value)
			};
		case 'glucose':
			return {
				type: values.type,
				value: parseNumber(values.value),
				...(values.context ? { context: values.context } : {})
			};
		case 'heart-rate':
		case 'weight':
		case 'temperature':
		case 'spo2':
		case 'peak-flow':
		case 'steps':
			return { type: values.type, value: parseNumber(values.value) };
	}
}

export interface MedicationFormValues {
	name: string;
	strength: string;
	strengthUnit: string;
	form: string;
	doseAmount: string;
	doseUnit: string;
	instructions: string;
	reason: string;
	prescriber: string;
	startDate: string;
	scheduleType: 'daily' | 'weekly' | 'interval' | 'as-needed';
	times: string[];
	days: number[];
	everyHours: string;
	anchorTime: string;
	maxPerDay: string;
}

export function emptyMedication(now: number): MedicationFormValues {
	return {
		name: '',
		strength: '',
		strengthUnit: 'mg',
		form: 'tablet',
		doseAmount: '1',
		doseUnit: 'tablet',
		instructions: '',
		reason: '',
		prescriber: '',
		startDate: toDateInput(now),
		scheduleType: 'daily',
		times: ['08:00'],
		days: [1, 2, 3, 4, 5, 6, 7],
		everyHours: '8',
		anchorTime: '08:00',
		maxPerDay: ''
	};
}

export function medicationToValues(body: MedicationBody): MedicationFormValues {
	const base = emptyMedication(body.startAt);
	const schedule = body.schedule;
	return {
		...base,
		name: body.name,
		strength: body.strength ? decimalInput(body.strength.amount) : '',
		strengthUnit: body.strength?.unit ?? 'mg',
		form: body.form,
		doseAmount: decimalInput(body.dose.amount),
		doseUnit: body.dose.unit,
		instructions: body.instructions ?? '',
		reason: body.reason ?? '',
		prescriber: body.prescriber ?? '',
		scheduleType: schedule.type,
		times:
			schedule.type === 'daily' || schedule.type === 'weekly' ? [...schedule.times] : base.times,
		days: schedule.type === 'weekly' ? [...schedule.days] : base.days,
		everyHours: schedule.type === 'interval' ? decimalInput(schedule.everyHours) : base.everyHours,
		anchorTime:
			schedule.type === 'interval'
				? toLocalInput(schedule.anchorAt).slice(11, 16)
				: base.anchorTime,
		maxPerDay:
			schedule.type === 'as-needed' && schedule.maxPerDay !== undefined
				? decimalInput(schedule.maxPerDay)
				: ''
	};
}

export function medicationInput(
	values: MedicationFormValues,
	at: number,
	previous?: MedicationBody
): unknown {
	const startAt = fromLocalInput(`${values.startDate}T00:00`);
	const schedule = (() => {
		switch (values.scheduleType) {
			case 'daily':
				return { type: 'daily', times: values.times };
			case 'weekly':
				return { type: 'weekly', days: values.days, times: values.times };
			case 'interval':
				return {
					type: 'interval',
					everyHours: parseNumber(values.everyHours),
					anchorAt: fromLocalInput(`${values.startDate}T${values.anchorTime}`)
				};
			case 'as-needed':
				return {
					type: 'as-needed',
					...(values.maxPerDay.trim() ? { maxPerDay: parseNumber(values.maxPerDay) } : {})
				};
		}
	})();
	const optional = (key: string, value: string) => (value.trim() ? { [key]: value } : {});
	return {
		kind: 'medication',
		at: previous?.at ?? at,
		name: values.name,
		...(values.strength.trim()
			? { strength: { amount: parseNumber(values.strength), unit: values.strengthUnit } }
			: {}),
		form: values.form,
		dose: { amount: parseNumber(values.doseAmount), unit: values.doseUnit },
		...optional('instructions', values.instructions),
		...optional('reason', values.reason),
		...optional('prescriber', values.prescriber),
		startAt,
		stopAt: previous?.stopAt ?? null,
		...(previous?.stopReason ? { stopReason: previous.stopReason } : {}),
		schedule,
		...(previous?.travelPolicy ? { travelPolicy: previous.travelPolicy } : {})
	};
}

export interface GoalFormValues {
	text: string;
	why: string;
	targetType: 'none' | 'frequency' | 'measurement';
	activity: string;
	amount: string;
	unit: string;
	daysPerWeek: string;
	metric: string;
	comparison: string;
	value: string;
	checkInEvery: string;
}

export function emptyGoal(): GoalFormValues {
	return {
		text: '',
		why: '',
		targetType: 'none',
		activity: '',
		amount: '20',
		unit: 'minutes',
		daysPerWeek: '5',
		metric: 'systolic',
		comparison: 'at-most',
		value: '',
		checkInEvery: 'weekly'
	};
}

export function goalToValues(body: GoalBody): GoalFormValues {
	const base = emptyGoal();
	const target = body.target;
	return {
		...base,
		text: body.text,
		why: body.why ?? '',
		checkInEvery: body.checkInEvery,
		targetType: target === null ? 'none' : target.type,
		...(target?.type === 'frequency'
			? {
					activity: target.activity ?? '',
					amount: decimalInput(target.amount),
					unit: target.unit,
					daysPerWeek: decimalInput(target.daysPerWeek)
				}
			: {}),
		...(target?.type === 'measurement'
			? { metric: target.metric, comparison: target.comparison, value: decimalInput(target.value) }
			: {})
	};
}

export function goalInput(values: GoalFormValues, at: number, previous?: GoalBody): unknown {
	const target =
		values.targetType === 'frequency'
			? {
					type: 'frequency',
					...(values.activity.trim() ? { activity: values.activity } : {}),
					amount: parseNumber(values.amount),
					unit: values.unit,
					daysPerWeek: parseNumber(values.daysPerWeek)
				}
			: values.targetType === 'measurement'
				? {
						type: 'measurement',
						metric: values.metric,
						comparison: values.comparison,
						value: parseNumber(values.value)
					}
				: null;
	return {
		kind: 'goal',
		at: previous?.at ?? at,
		text: values.text,
		...(values.why.trim() ? { why: values.why } : {}),
		target,
		status: previous?.status ?? 'active',
		statusHistory: previous?.statusHistory ?? [{ status: 'active', at }],
		checkInEvery: values.checkInEvery
	};
}

export interface CheckInFormValues {
	useProgress: boolean;
	progress: number;
	value: string;
	confidence: number;
	note: string;
	at: string;
}

export function emptyCheckIn(now: number): CheckInFormValues {
	return {
		useProgress: true,
		progress: 50,
		value: '',
		confidence: 5,
		note: '',
		at: toLocalInput(now)
	};
}

export function checkInToValues(body: GoalCheckInBody): CheckInFormValues {
	return {
		useProgress: body.progress !== undefined,
		progress: body.progress ?? 50,
		value: body.value === undefined ? '' : decimalInput(body.value),
		confidence: body.confidence,
		note: body.note ?? '',
		at: toLocalInput(body.at)
	};
}

export function checkInInput(values: CheckInFormValues, goalId: string): unknown {
	return {
		kind: 'goal-checkin',
		at: fromLocalInput(values.at),
		goalId,
		...(values.useProgress ? { progress: values.progress } : {}),
		...(values.value.trim() ? { value: parseNumber(values.value) } : {}),
		confidence: values.confidence,
		...(values.note.trim() ? { note: values.note } : {})
	};
}
