// FHIR R4 import into the vault: reads a Bundle (a Cercle export or another system's) and says,
// entry by entry, what it would add, what it keeps for reference only, and what it skips and why.
// It writes nothing: the caller shows the plan and commits only after the person confirms, so
// nothing in the vault changes before then.
// Rules: a Bundle whose `type` is not an R4 Bundle type is refused (`not-r4`); an entry with a
// `urn:uuid:` reference to no entry of the Bundle is skipped (`bad-reference`). A resource carrying
// Cercle records (`CERCLE_RECORD` journal bodies; `CERCLE_ENTRY` plan tasks with their events and
// survey responses) is restored exactly, with its ids, after each record passes its own schema;
// other Observations are read when their LOINC code and UCUM unit are ones Cercle records
// (codes.ts), converted to the vault's canonical unit and checked against its plausible ranges.
// The circle's resources (Practitioner, RelatedPerson, CareTeam, Consent, AuditEvent) are kept
// for reference and never restored: members and grants are the circle's, held by the server and
// sealed to each member's keys, so a file cannot give anyone access; the access log is the
// server's hash chain, which a file cannot extend. Anything else is skipped with a reason.
import * as z from 'zod';
import { err, ok, type Result } from '../result';
import { journalBodySchema, kindToCategory, type JournalBody } from '../journal/records';
import { categorySchema } from '../categories';
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
import { CERCLE_ENTRY, CERCLE_RECORD, type EntryRecord } from './common';
import { isPlanRecord, TASK_EVENT_KIND, TASK_KIND } from './plan';
import { isSurveyRecord, SURVEY_RESPONSE } from './surveys';
import { carePlanRecordsOf, type ImportedCarePlanRecord } from './care-plan';

export type SkipReason =
	| 'not-a-resource'
	| 'unsupported-resource'
	| 'invalid-cercle-record'
	| 'unknown-code'
	| 'unsupported-unit'
	| 'invalid-value'
	| 'no-date'
	| 'bad-reference'
	| 'duplicate-id';

/** Why an entry is kept for reference and not restored (see the header). */
export type KeptReason = 'circle-member' | 'grant' | 'access-log';

export interface Kept {
	readonly index: number;
	readonly resourceType: string;
	readonly id: string | null;
	readonly reason: KeptReason;
}

const KEPT: Readonly<Record<string, KeptReason>> = {
	Practitioner: 'circle-member',
	RelatedPerson: 'circle-member',
	CareTeam: 'circle-member',
	Consent: 'grant',
	AuditEvent: 'access-log'
};

/** Bundle.type codes of FHIR R4 (required binding); anything else is not an R4 Bundle. */
export const R4_BUNDLE_TYPES: readonly string[] = [
	'document',
	'message',
	'transaction',
	'transaction-response',
	'batch',
	'batch-response',
	'history',
	'searchset',
	'collection'
];

export interface Skipped {
	/** Position of the entry in `Bundle.entry` (0-based). */
	readonly index: number;
	readonly resourceType: string | null;
	readonly id: string | null;
	readonly reason: SkipReason;
}

/** A vault record to restore: `{ id, kind, category, at, body }`, the body parsed by its schema. */
export type ImportedRecord = EntryRecord;

export interface ImportPlan {
	readonly records: readonly ImportedRecord[];
	readonly kept: readonly Kept[];
	/** Care-plan versions and agreements (category `plan`), restored as exported. */
	readonly carePlan: readonly ImportedCarePlanRecord[];
	readonly skipped: readonly Skipped[];
}

export type ImportError =
	{ readonly type: 'not-json' } | { readonly type: 'not-a-bundle' } | { readonly type: 'not-r4' };

const bundleSchema = z.object({
	resourceType: z.literal('Bundle'),
	type: z.string(),
	entry: z.array(z.unknown()).optional()
});

const resourceSchema = z
	.object({
		resourceType: z.string().min(1),
		id: z.string().optional(),
		extension: z
			.array(z.object({ url: z.string(), valueString: z.string().optional() }).loose())
			.optional()
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

const entryRecordSchema = z.object({
	id: uuidSchema,
	kind: z.string(),
	category: categorySchema,
	at: z.number().int(),
	body: z.unknown()
});

/** The kinds each resource type may carry in `CERCLE_ENTRY` (a Task: its task, then events). */
const CARRIES: Readonly<Record<string, readonly string[]>> = {
	Task: [TASK_KIND, TASK_EVENT_KIND],
	QuestionnaireResponse: [SURVEY_RESPONSE]
};

/** The vault records a resource carries in `CERCLE_ENTRY`, or null if any does not check. */
function carriedEntries(resourceType: string, values: readonly string[]): ImportedRecord[] | null {
	const kinds = CARRIES[resourceType];
	if (kinds === undefined) return null;
	const out: ImportedRecord[] = [];
	for (const value of values) {
		let json: unknown;
		try {
			json = JSON.parse(value);
		} catch {
			return null;
		}
		const parsed = entryRecordSchema.safeParse(json);
		if (!parsed.success || !kinds.includes(parsed.data.kind)) return null;
		const record = { ...parsed.data, id: parsed.data.id.toLowerCase() };
		if (!isPlanRecord(record) && !isSurveyRecord(record)) return null;
		out.push(record);
	}
	// A Task carries exactly one task, first.
	if (
		resourceType === 'Task' &&
		(out[0]?.kind !== TASK_KIND || out.slice(1).some((r) => r.kind === TASK_KIND))
	)
		return null;
	return out;
}

/** Every `urn:uuid:` reference in a resource (at any depth). */
function uuidReferences(value: unknown, out: string[] = []): string[] {
	if (Array.isArray(value)) for (const v of value) uuidReferences(v, out);
	else if (value !== null && typeof value === 'object')
		for (const [key, v] of Object.entries(value)) {
			if (key === 'reference' && typeof v === 'string' && v.startsWith('urn:uuid:'))
				out.push(v.toLowerCase());
			else uuidReferences(v, out);
		}
	return out;
}

type EntryOutcome =
	| { readonly type: 'records'; readonly records: readonly ImportedRecord[] }
	| { readonly type: 'kept'; readonly kept: Omit<Kept, 'index'> }
	| { readonly type: 'none' };

function entryToRecords(
	entry: unknown,
	fullUrls: ReadonlySet<string>,
	newId: () => string
): Result<EntryOutcome, { reason: SkipReason; resourceType: string | null; id: string | null }> {
	const resource = z.object({ resource: resourceSchema }).safeParse(entry);
	if (!resource.success) return err({ reason: 'not-a-resource', resourceType: null, id: null });
	const r = resource.data.resource;
	const who = { resourceType: r.resourceType, id: r.id ?? null };
	if (r.resourceType === 'Patient') return ok({ type: 'none' });
	if (uuidReferences(r).some((reference) => !fullUrls.has(reference)))
		return err({ reason: 'bad-reference', ...who });
	const kept = KEPT[r.resourceType];
	if (kept !== undefined)
		return ok({
			type: 'kept',
			kept: { resourceType: r.resourceType, id: r.id ?? null, reason: kept }
		});
	// A CarePlan never reaches here: planFhirImport hands it to domain/fhir/care-plan.ts first.
	const entries = (r.extension ?? []).filter((e) => e.url === CERCLE_ENTRY);
	if (entries.length > 0) {
		const records = carriedEntries(
			r.resourceType,
			entries.map((e) => e.valueString ?? '')
		);
		return records === null
			? err({ reason: 'invalid-cercle-record', ...who })
			: ok({ type: 'records', records });
	}
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
		const b = body.data;
		return ok({
			type: 'records',
			records: [
				{
					id: id.data.toLowerCase(),
					kind: b.kind,
					category: kindToCategory[b.kind],
					at: b.at,
					body: b
				}
			]
		});
	}
	if (r.resourceType !== 'Observation') return err({ reason: 'unsupported-resource', ...who });
	const observation = observationSchema.safeParse(r);
	if (!observation.success) return err({ reason: 'invalid-value', ...who });
	const body = observationToBody(observation.data);
	return body.ok
		? ok({
				type: 'records',
				records: [
					{
						id: newId(),
						kind: 'measurement',
						category: 'measurements',
						at: body.value.at,
						body: body.value
					}
				]
			})
		: err({ reason: body.error, ...who });
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
	if (!R4_BUNDLE_TYPES.includes(parsed.data.type)) return err({ type: 'not-r4' });
	const entries = parsed.data.entry ?? [];
	const fullUrls = new Set(
		entries.flatMap((e) => {
			const url = z.object({ fullUrl: z.string() }).safeParse(e);
			return url.success ? [url.data.fullUrl.toLowerCase()] : [];
		})
	);
	const records: ImportedRecord[] = [];
	const kept: Kept[] = [];
	const carePlan: ImportedCarePlanRecord[] = [];
	const skipped: Skipped[] = [];
	const seen = new Set<string>();
	entries.forEach((entry, index) => {
		const planned = carePlanRecordsOf(entry);
		if (planned !== null && planned.length === 0) {
			// A CarePlan from another system: Cercle cannot map it, and says so.
			const id = z.object({ resource: z.object({ id: z.string() }) }).safeParse(entry);
			const idOf = id.success ? id.data.resource.id : null;
			skipped.push({ index, resourceType: 'CarePlan', id: idOf, reason: 'unsupported-resource' });
			return;
		}
		if (planned !== null) return void carePlan.push(...planned);
		const result = entryToRecords(entry, fullUrls, newId);
		if (!result.ok) {
			skipped.push({ index, ...result.error });
			return;
		}
		const outcome = result.value;
		if (outcome.type === 'none') return;
		if (outcome.type === 'kept') {
			kept.push({ index, ...outcome.kept });
			return;
		}
		const duplicate = outcome.records.find((r) => seen.has(r.id));
		if (duplicate !== undefined) {
			skipped.push({ index, resourceType: null, id: duplicate.id, reason: 'duplicate-id' });
			return;
		}
		for (const record of outcome.records) seen.add(record.id);
		records.push(...outcome.records);
	});
	return ok({ records, kept, carePlan, skipped });
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
