// Hand-written parsers for the journal bodies read most often (measurements, symptoms, moods and
// doses: a year's chart reads thousands of them the first time its digests are computed, Today a
// week of them on every unlock; goal check-ins: a daily one is a lasting record, so three years of
// them are read back from the lasting digests on every unlock), giving exactly what the kind's zod
// schema gives.
// Why: zod without JIT (our CSP forbids `new Function`) costs a multiple of a plain check per
// record on a slow phone; this was most of the time from unlock to a first 1-year chart (issue 18).
// Invariants: for a value read from JSON (a bucket's plaintext), `parseBodyPlain` returns
// `undefined` for a kind it does not cover (the caller then uses zod), `null` exactly when
// `parseJournalBody` fails, and otherwise a value deep-equal to zod's output (unknown keys dropped,
// texts trimmed); tests/property/journal/plain-bodies.property.test.ts holds it so. Change a
// schema of one of these kinds and this file together (the property test fails otherwise).
import * as z from 'zod/mini';
import { NOTE_MAX_LENGTH } from './common';
import { GLUCOSE_CONTEXTS, isPlausible, type Metric, type MeasurementValue } from './measurements';
import { DOSE_STATUSES, DOSE_UNITS, SKIP_REASONS, type DoseUnit } from './medications';
import type { JournalBody } from './records';
import { BODY_LOCATIONS, SYMPTOM_IDS, type BodyLocation, type SymptomRef } from './symptoms';

type Plain = Record<string, unknown>;

const isObject = (x: unknown): x is Plain =>
	typeof x === 'object' && x !== null && !Array.isArray(x);

const UUID = z.regexes.uuid();
const isUuid = (x: unknown): x is string => typeof x === 'string' && UUID.test(x);

/** `timestampSchema`: a safe integer from 0 to 8.64e15. */
const isTimestamp = (x: unknown): x is number =>
	typeof x === 'number' && Number.isSafeInteger(x) && x >= 0 && x <= 8_640_000_000_000_000;

/** `z.number()`: finite. */
const isNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

const oneOf =
	<T extends string>(values: readonly T[]) =>
	(x: unknown): x is T =>
		typeof x === 'string' && (values as readonly string[]).includes(x);

const isGlucoseContext = oneOf(GLUCOSE_CONTEXTS);
const isSymptomId = oneOf(SYMPTOM_IDS);
const isBodyLocation = oneOf(BODY_LOCATIONS);
const isDoseStatus = oneOf(DOSE_STATUSES);
const isSkipReason = oneOf(SKIP_REASONS);
const isDoseUnit = (x: unknown): x is DoseUnit =>
	typeof x === 'string' && Object.prototype.hasOwnProperty.call(DOSE_UNITS, x);

/** A string trimmed, then `min`–`max` UTF-16 units long (`requiredText`, `noteSchema`); else null. */
function text(x: unknown, min: number, max: number): string | null {
	if (typeof x !== 'string') return null;
	const trimmed = x.trim();
	return trimmed.length >= min && trimmed.length <= max ? trimmed : null;
}

/** An optional note: `{}` when absent, `{ note }` trimmed, or null when it does not parse. */
function noteOf(x: Plain): { note?: string } | null {
	if (x.note === undefined) return {};
	const note = text(x.note, 0, NOTE_MAX_LENGTH);
	return note === null ? null : { note };
}

const plausible = (metric: Metric, x: unknown): x is number =>
	typeof x === 'number' && isPlausible(metric, x);

function measurementValueOf(x: unknown): MeasurementValue | null {
	if (!isObject(x)) return null;
	const { type, value } = x;
	switch (type) {
		case 'blood-pressure': {
			const { systolic, diastolic, pulse } = x;
			if (!plausible('systolic', systolic) || !plausible('diastolic', diastolic)) return null;
			if (pulse !== undefined && !plausible('heart-rate', pulse)) return null;
			if (!(systolic > diastolic)) return null;
			return { type, systolic, diastolic, ...(pulse === undefined ? {} : { pulse }) };
		}
		case 'glucose': {
			const { context } = x;
			if (!plausible('glucose', value)) return null;
			if (context !== undefined && !isGlucoseContext(context)) return null;
			return { type, value, ...(context === undefined ? {} : { context }) };
		}
		case 'heart-rate':
		case 'weight':
		case 'temperature':
		case 'spo2':
		case 'peak-flow':
		case 'steps':
			return plausible(type, value) ? { type, value } : null;
		case 'custom': {
			const { customMeasureId } = x;
			if (customMeasureId !== undefined && !isUuid(customMeasureId)) return null;
			const label = text(x.label, 1, 60);
			const unit = text(x.unit, 1, 20);
			if (label === null || unit === null) return null;
			if (!isNumber(value) || value < -1e9 || value > 1e9) return null;
			return {
				type,
				...(customMeasureId === undefined ? {} : { customMeasureId }),
				label,
				unit,
				value
			};
		}
		default:
			return null;
	}
}

function symptomRefOf(x: unknown): SymptomRef | null {
	if (!isObject(x)) return null;
	if (x.source === 'catalogue') {
		return isSymptomId(x.id) ? { source: 'catalogue', id: x.id } : null;
	}
	if (x.source === 'custom') {
		const name = text(x.name, 1, 80);
		if (!isUuid(x.customSymptomId) || name === null) return null;
		return { source: 'custom', customSymptomId: x.customSymptomId, name };
	}
	return null;
}

const isIntIn = (x: unknown, min: number, max: number): x is number =>
	typeof x === 'number' && Number.isSafeInteger(x) && x >= min && x <= max;

function symptomBodyOf(x: Plain, at: number): JournalBody | null {
	const symptom = symptomRefOf(x.symptom);
	const { severity, bodyLocations } = x;
	if (symptom === null || !isIntIn(severity, 0, 10)) return null;
	if (bodyLocations !== undefined) {
		if (!Array.isArray(bodyLocations) || bodyLocations.length > BODY_LOCATIONS.length) return null;
		if (!(bodyLocations as readonly unknown[]).every(isBodyLocation)) return null;
		const applies = symptom.source === 'custom' || symptom.id === 'pain';
		if (bodyLocations.length > 0 && !applies) return null;
	}
	const note = noteOf(x);
	if (note === null) return null;
	return {
		kind: 'symptom',
		at,
		symptom,
		severity,
		...(bodyLocations === undefined ? {} : { bodyLocations: bodyLocations as BodyLocation[] }),
		...note
	};
}

function doseBodyOf(x: Plain, at: number): JournalBody | null {
	const { medicationId, slotId, scheduledAt, status, takenAt, skipReason, amount } = x;
	if (!isUuid(medicationId)) return null;
	if (slotId !== null && (typeof slotId !== 'string' || slotId.length < 1)) return null;
	if (scheduledAt !== null && !isTimestamp(scheduledAt)) return null;
	if (!isDoseStatus(status)) return null;
	if (takenAt !== null && !isTimestamp(takenAt)) return null;
	if (skipReason !== undefined && !isSkipReason(skipReason)) return null;
	let dose: { amount: number; unit: DoseUnit } | undefined;
	if (amount !== undefined) {
		if (!isObject(amount)) return null;
		const { amount: quantity, unit } = amount;
		if (!isNumber(quantity) || quantity <= 0 || !isDoseUnit(unit)) return null;
		if (quantity > DOSE_UNITS[unit]) return null;
		dose = { amount: quantity, unit };
	}
	const note = noteOf(x);
	if (note === null) return null;
	if ((slotId === null) !== (scheduledAt === null)) return null;
	if (status === 'skipped') {
		if (skipReason === undefined || scheduledAt === null) return null;
	} else if (takenAt === null) {
		return null;
	}
	return {
		kind: 'dose',
		at,
		medicationId,
		slotId,
		scheduledAt,
		status,
		takenAt,
		...(skipReason === undefined ? {} : { skipReason }),
		...(dose === undefined ? {} : { amount: dose }),
		...note
	};
}

/** `goalCheckInBodySchema`: a progress (0–100) or a value (0–1e6), or both; a confidence 0–10. */
function goalCheckInBodyOf(x: Plain, at: number): JournalBody | null {
	const { goalId, progress, value, confidence } = x;
	if (!isUuid(goalId) || !isIntIn(confidence, 0, 10)) return null;
	if (progress !== undefined && !isIntIn(progress, 0, 100)) return null;
	if (value !== undefined && !(isNumber(value) && value >= 0 && value <= 1_000_000)) return null;
	if (progress === undefined && value === undefined) return null;
	const note = noteOf(x);
	if (note === null) return null;
	return {
		kind: 'goal-checkin',
		at,
		goalId,
		...(progress === undefined ? {} : { progress }),
		...(value === undefined ? {} : { value }),
		confidence,
		...note
	};
}

/**
 * A stored journal body (a value from JSON) as `parseJournalBody` would give it: the body, null
 * when zod would refuse it, or `undefined` for a kind this file does not cover.
 */
export function parseBodyPlain(x: unknown): JournalBody | null | undefined {
	if (!isObject(x)) return null;
	const { kind, at } = x;
	if (
		kind !== 'measurement' &&
		kind !== 'symptom' &&
		kind !== 'mood' &&
		kind !== 'dose' &&
		kind !== 'goal-checkin'
	) {
		return undefined;
	}
	if (!isTimestamp(at)) return null;
	switch (kind) {
		case 'measurement': {
			const measurement = measurementValueOf(x.measurement);
			const note = noteOf(x);
			if (measurement === null || note === null) return null;
			return { kind, at, measurement, ...note };
		}
		case 'symptom':
			return symptomBodyOf(x, at);
		case 'mood': {
			const { level } = x;
			const note = noteOf(x);
			if (!isIntIn(level, 1, 5) || note === null) return null;
			return { kind, at, level, ...note };
		}
		case 'dose':
			return doseBodyOf(x, at);
		case 'goal-checkin':
			return goalCheckInBodyOf(x, at);
	}
}
