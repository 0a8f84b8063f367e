// FHIR R4 import into the journal: reads a Bundle (a Cercle export or another system's) and says,
// entry by entry, what it would add and what it skips and why. It writes nothing: the caller
// shows the plan and commits only after the person confirms, so nothing in the vault changes
// before then.
// Rules: a resource carrying a Cercle record (`CERCLE_RECORD`) is restored exactly, with its id,
// after the record passes the journal's own schema; other Observations are read when their LOINC
// code and UCUM unit are ones Cercle records (codes.ts), converted to the vault's canonical unit
// and checked against its plausible ranges; anything else is skipped with a reason.
import * as z from 'zod';
import { err, ok, type Result } from '../result';
import { journalBodySchema, type JournalBody } from '../journal/records';
import {
	measurementBodySchema,
	METRIC_DEFINITIONS,
	toCanonical,
	type Unit
} from '../journal/measurements';
import {
	BLOOD_PRESSURE_PANEL,
	DIASTOLIC,
	HEART_RATE,
	LOINC,
	SYSTOLIC,
	singleTypeOfLoinc,
	UCUM
} from './codes';
import { CERCLE_RECORD } from './export';
import { carePlanRecordsOf, type ImportedCarePlanRecord } from './care-plan';

export type SkipReason =
	| 'not-a-resource'
	| 'unsupported-resource'
	| 'invalid-cercle-record'
	| 'unknown-code'
	| 'unsupported-unit'
	| 'invalid-value'
	| 'no-date'
	| 'duplicate-id';

export interface Skipped {
	/** Position of the entry in `Bundle.entry` (0-based). */
	readonly index: number;
	readonly resourceType: string | null;
	readonly id: string | null;
	readonly reason: SkipReason;
}

export interface ImportedRecord {
	readonly id: string;
	readonly body: JournalBody;
}

export interface ImportPlan {
	readonly records: readonly ImportedRecord[];
	/** Care-plan versions and agreements (category `plan`), restored as exported. */
	readonly carePlan: readonly ImportedCarePlanRecord[];
	readonly skipped: readonly Skipped[];
}

export type ImportError = { readonly type: 'not-json' } | { readonly type: 'not-a-bundle' };

const bundleSchema = z.object({
	resourceType: z.literal('Bundle'),
	type: z.string(),
	entry: z.array(z.unknown()).optional()
});

const resourceSchema = z
	.object({
		resourceType: z.string().min(1),
		id: z.string().optional(),
		extension: z.array(z.object({ url: z.string(), valueString: z.string().optional() })).optional()
	})
	.loose();

const codingSchema = z.object({ system: z.string().optional(), code: z.string().optional() });
const quantitySchema = z.object({
	value: z.number(),
	system: z.string().optional(),
	code: z.string().optional()
});
const observationSchema = z.object({
	code: z.object({ coding: z.array(codingSchema).optional() }),
	effectiveDateTime: z.string().optional(),
	effectiveInstant: z.string().optional(),
	valueQuantity: quantitySchema.optional(),
	component: z
		.array(
			z.object({
				code: z.object({ coding: z.array(codingSchema).optional() }),
				valueQuantity: quantitySchema.optional()
			})
		)
		.optional()
});
type Observation = z.infer<typeof observationSchema>;

const uuidSchema = z.uuid();

/** UCUM units Cercle converts from, per unit it stores (`mg/dL` glucose, `[lb_av]`, `[degF]`). */
const UCUM_TO_UNIT: Readonly<Record<string, Unit>> = {
	'mm[Hg]': 'mmHg',
	'/min': 'bpm',
	'{beats}/min': 'bpm',
	'mmol/L': 'mmol/L',
	'mg/dL': 'mg/dL',
	kg: 'kg',
	'[lb_av]': 'lb',
	Cel: 'celsius',
	'[degF]': 'fahrenheit',
	'%': 'percent',
	'L/min': 'L/min',
	'{steps}': 'steps',
	'/d': 'steps'
};

const loincOf = (code: { readonly coding?: readonly z.infer<typeof codingSchema>[] | undefined }) =>
	code.coding?.find((c) => c.system === LOINC)?.code ?? null;

/** A quantity in canonical units, or why not. */
function canonical(
	q: z.infer<typeof quantitySchema> | undefined,
	expected: readonly Unit[]
): Result<number, SkipReason> {
	if (q === undefined) return err('invalid-value');
	if (q.system !== UCUM || q.code === undefined) return err('unsupported-unit');
	const unit = UCUM_TO_UNIT[q.code];
	if (unit === undefined || !expected.includes(unit)) return err('unsupported-unit');
	return ok(Math.round(toCanonical(q.value, unit) * 100) / 100);
}

function observationToBody(o: Observation): Result<JournalBody, SkipReason> {
	const when = o.effectiveDateTime ?? o.effectiveInstant;
	const at = when === undefined ? Number.NaN : Date.parse(when);
	if (!Number.isFinite(at)) return err('no-date');
	const code = loincOf(o.code);
	let measurement: unknown;
	if (code === BLOOD_PRESSURE_PANEL.code) {
		const part = (loinc: string) => o.component?.find((c) => loincOf(c.code) === loinc);
		const systolic = canonical(part(SYSTOLIC.code)?.valueQuantity, ['mmHg']);
		const diastolic = canonical(part(DIASTOLIC.code)?.valueQuantity, ['mmHg']);
		if (!systolic.ok) return systolic;
		if (!diastolic.ok) return diastolic;
		const pulseComponent = part(HEART_RATE.code);
		const pulse =
			pulseComponent === undefined ? null : canonical(pulseComponent.valueQuantity, ['bpm']);
		measurement = {
			type: 'blood-pressure',
			systolic: systolic.value,
			diastolic: diastolic.value,
			...(pulse?.ok === true ? { pulse: Math.round(pulse.value) } : {})
		};
	} else {
		const type = code === null ? null : singleTypeOfLoinc(code);
		if (type === null) return err('unknown-code');
		const value = canonical(o.valueQuantity, METRIC_DEFINITIONS[type].units);
		if (!value.ok) return value;
		measurement = { type, value: type === 'steps' ? Math.round(value.value) : value.value };
	}
	const parsed = measurementBodySchema.safeParse({ kind: 'measurement', at, measurement });
	return parsed.success ? ok(parsed.data) : err('invalid-value');
}

function entryToRecord(
	entry: unknown,
	newId: () => string
): Result<
	ImportedRecord | null,
	{ reason: SkipReason; resourceType: string | null; id: string | null }
> {
	const resource = z.object({ resource: resourceSchema }).safeParse(entry);
	if (!resource.success) return err({ reason: 'not-a-resource', resourceType: null, id: null });
	const r = resource.data.resource;
	const who = { resourceType: r.resourceType, id: r.id ?? null };
	if (r.resourceType === 'Patient') return ok(null);
	const carried = r.extension?.find((e) => e.url === CERCLE_RECORD)?.valueString;
	if (carried !== undefined) {
		let json: unknown;
		try {
			json = JSON.parse(carried);
		} catch {
			return err({ reason: 'invalid-cercle-record', ...who });
		}
		const body = journalBodySchema.safeParse(json);
		const id = uuidSchema.safeParse(r.id);
		if (!body.success || !id.success) return err({ reason: 'invalid-cercle-record', ...who });
		return ok({ id: id.data.toLowerCase(), body: body.data });
	}
	if (r.resourceType !== 'Observation') return err({ reason: 'unsupported-resource', ...who });
	const observation = observationSchema.safeParse(r);
	if (!observation.success) return err({ reason: 'invalid-value', ...who });
	const body = observationToBody(observation.data);
	return body.ok ? ok({ id: newId(), body: body.value }) : err({ reason: body.error, ...who });
}

/**
 * The import plan of a Bundle (already parsed from JSON). `newId` mints ids for records read from
 * standard resources (UUIDv7 in the app).
 */
export function planFhirImport(
	bundle: unknown,
	newId: () => string
): Result<ImportPlan, ImportError> {
	const parsed = bundleSchema.safeParse(bundle);
	if (!parsed.success) return err({ type: 'not-a-bundle' });
	const records: ImportedRecord[] = [];
	const carePlan: ImportedCarePlanRecord[] = [];
	const skipped: Skipped[] = [];
	const seen = new Set<string>();
	(parsed.data.entry ?? []).forEach((entry, index) => {
		const planned = carePlanRecordsOf(entry);
		if (planned !== null) return void carePlan.push(...planned);
		const result = entryToRecord(entry, newId);
		if (!result.ok) {
			skipped.push({ index, ...result.error });
			return;
		}
		if (result.value === null) return;
		if (seen.has(result.value.id)) {
			skipped.push({ index, resourceType: null, id: result.value.id, reason: 'duplicate-id' });
			return;
		}
		seen.add(result.value.id);
		records.push(result.value);
	});
	return ok({ records, carePlan, skipped });
}

/** Parses the text of a file before planning: not JSON is its own error. */
export function planFhirImportText(
	text: string,
	newId: () => string
): Result<ImportPlan, ImportError> {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		return err({ type: 'not-json' });
	}
	return planFhirImport(json, newId);
}
