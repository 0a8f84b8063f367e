// FHIR R4 export, hand-written (no FHIR library in the app): a `collection` Bundle in the spirit of
// the International Patient Summary. Journal: measurements become Observations coded with LOINC
// and UCUM (codes.ts); symptoms, mood and goal check-ins Observations with text codes; medicines
// MedicationStatement; doses MedicationAdministration; goals Goal; notes Communication;
// Cercle-only records (custom symptoms, unit preferences, target ranges) Basic. Plan tasks Task
// (plan.ts); questionnaire answers QuestionnaireResponse (surveys.ts); the person's own export also
// has the circle (circle.ts): members (Practitioner, RelatedPerson), CareTeam, Consent per grant,
// AuditEvent per access-log entry. CarePlan comes from domain/fhir/care-plan.ts (careplan branch)
// through the one hook below.
// Why: a person can hand her data to any FHIR system, and take it back into Cercle; a professional
// can export what a person shared with them.
// Invariant: every resource made from a vault record also carries that record, exactly, in one
// extension (`CERCLE_RECORD` for journal bodies, `CERCLE_ENTRY` for plan and survey records), so
// that importing the Bundle restores 100 % of what it carries; the standard elements are derived
// from those records and never disagree with them. References point only at entries of the
// Bundle (or name someone without a reference). Runs on the device only.
import type { JournalBody } from '../journal/records';
import type { GoalStatus } from '../journal/goals';
import type { MeasurementValue } from '../journal/measurements';
import {
	auditEventResources,
	careTeamResource,
	consentResources,
	memberResources,
	whoOf,
	type CircleInput
} from './circle';
import {
	canonicalJson,
	CERCLE_RECORD,
	iso,
	date,
	ref,
	type EntryRecord,
	type FhirExtension,
	type FhirReference,
	type FhirResource
} from './common';
import { taskResources } from './plan';
import { questionnaireResponseResources } from './surveys';
import {
	BLOOD_PRESSURE_PANEL,
	DIASTOLIC,
	HEART_RATE,
	LOINC,
	OBSERVATION_CATEGORY,
	SINGLE_MEASUREMENTS,
	SYSTOLIC,
	UCUM,
	VITAL_SIGNS,
	type Coded,
	type QuantityCode
} from './codes';
import { carePlanResources, type CarePlanExportInput } from './care-plan';

export { canonicalJson, CERCLE_RECORD, type FhirExtension, type FhirResource };

export interface FhirBundle {
	readonly resourceType: 'Bundle';
	readonly type: 'collection';
	readonly timestamp: string;
	readonly entry: readonly { readonly fullUrl: string; readonly resource: FhirResource }[];
}

export interface ExportRecord {
	readonly id: string;
	readonly body: JournalBody;
}

export interface ExportInput {
	/** The Patient resource's id (a UUID; the person's circle id is a good one). */
	readonly patientId: string;
	/** How the person chose to be named in the export (name or initials); omitted when absent. */
	readonly patientName?: string;
	/** The journal records. */
	readonly records: readonly ExportRecord[];
	/** Plan records (`task`, `task-event`), in the order they were written (HLC). */
	readonly plan?: readonly EntryRecord[];
	/** Survey records (`survey-response`). */
	readonly surveys?: readonly EntryRecord[];
	/**
	 * The person's account id (who the Patient is in tasks and the access log); without an
	 * account, the local stand-in (`LOCAL_ACCOUNT`).
	 */
	readonly ownerId?: string;
	/** Names of the circle's accounts, for references to people who have no entry. */
	readonly nameOf?: (accountId: string) => string | null;
	/** The circle (members, grants, verified access log): the person's own export only. */
	readonly circle?: CircleInput;
	/** The shared care plan (issue 14 §6), as CarePlan resources (`care-plan.ts`). */
	readonly carePlan?: CarePlanExportInput | undefined;
	readonly now: number;
}

const codeable = (coded: Coded) => ({
	coding: [{ system: LOINC, code: coded.code, display: coded.display }],
	text: coded.display
});
const quantity = (value: number, coded: QuantityCode) => ({
	value,
	unit: coded.unit,
	system: UCUM,
	code: coded.ucum
});
const category = (code: string) => [
	{ coding: [{ system: OBSERVATION_CATEGORY, code }], text: code }
];
const carried = (body: JournalBody): readonly FhirExtension[] => [
	{ url: CERCLE_RECORD, valueString: canonicalJson(body) }
];
const noteOf = (text: string | undefined) => (text === undefined ? {} : { note: [{ text }] });

function measurementElements(measurement: MeasurementValue) {
	switch (measurement.type) {
		case 'blood-pressure':
			return {
				category: category('vital-signs'),
				code: codeable(BLOOD_PRESSURE_PANEL),
				component: [
					{ code: codeable(SYSTOLIC), valueQuantity: quantity(measurement.systolic, SYSTOLIC) },
					{ code: codeable(DIASTOLIC), valueQuantity: quantity(measurement.diastolic, DIASTOLIC) },
					...(measurement.pulse === undefined
						? []
						: [
								{
									code: codeable(HEART_RATE),
									valueQuantity: quantity(measurement.pulse, HEART_RATE)
								}
							])
				]
			};
		case 'custom':
			return {
				code: { text: measurement.label },
				valueQuantity: { value: measurement.value, unit: measurement.unit }
			};
		case 'heart-rate':
		case 'glucose':
		case 'weight':
		case 'temperature':
		case 'spo2':
		case 'peak-flow':
		case 'steps': {
			const coded = SINGLE_MEASUREMENTS[measurement.type];
			return {
				...(VITAL_SIGNS.has(coded.code) ? { category: category('vital-signs') } : {}),
				code: codeable(coded),
				valueQuantity: quantity(measurement.value, coded)
			};
		}
	}
}

const GOAL_LIFECYCLE: Readonly<Record<GoalStatus, string>> = {
	active: 'active',
	paused: 'on-hold',
	achieved: 'completed',
	'let-go': 'cancelled'
};

function resourceOf(
	record: ExportRecord,
	patient: FhirReference,
	medicineNames: ReadonlyMap<string, string>,
	exported: ReadonlySet<string>
): FhirResource {
	const { id, body } = record;
	const base = { id, extension: carried(body) };
	switch (body.kind) {
		case 'measurement':
			return {
				resourceType: 'Observation',
				...base,
				status: 'final',
				...measurementElements(body.measurement),
				subject: patient,
				effectiveDateTime: iso(body.at),
				...noteOf(body.note)
			};
		case 'symptom':
			return {
				resourceType: 'Observation',
				...base,
				status: 'final',
				category: category('survey'),
				code: { text: body.symptom.source === 'catalogue' ? body.symptom.id : body.symptom.name },
				subject: patient,
				effectiveDateTime: iso(body.at),
				valueInteger: body.severity,
				...(body.bodyLocations === undefined || body.bodyLocations.length === 0
					? {}
					: { bodySite: { text: body.bodyLocations.join(', ') } }),
				...noteOf(body.note)
			};
		case 'mood':
			return {
				resourceType: 'Observation',
				...base,
				status: 'final',
				category: category('survey'),
				code: { text: 'mood (1 very low to 5 very good)' },
				subject: patient,
				effectiveDateTime: iso(body.at),
				valueInteger: body.level,
				...noteOf(body.note)
			};
		case 'goal-checkin':
			return {
				resourceType: 'Observation',
				...base,
				status: 'final',
				code: { text: 'goal check-in' },
				subject: patient,
				...(exported.has(body.goalId) ? { focus: [ref('Goal', body.goalId)] } : {}),
				effectiveDateTime: iso(body.at),
				...(body.progress === undefined
					? { valueQuantity: { value: body.value ?? 0 } }
					: { valueQuantity: { value: body.progress, unit: '%', system: UCUM, code: '%' } }),
				...noteOf(body.note)
			};
		case 'medication':
			return {
				resourceType: 'MedicationStatement',
				...base,
				status: body.stopAt === null ? 'active' : 'stopped',
				medicationCodeableConcept: { text: body.name },
				subject: patient,
				effectivePeriod: {
					start: iso(body.startAt),
					...(body.stopAt === null ? {} : { end: iso(body.stopAt) })
				},
				dateAsserted: iso(body.at),
				...(body.reason === undefined ? {} : { reasonCode: [{ text: body.reason }] }),
				dosage: [{ text: body.instructions ?? `${body.dose.amount} ${body.dose.unit}` }]
			};
		case 'dose':
			return {
				resourceType: 'MedicationAdministration',
				...base,
				status: body.status === 'skipped' ? 'not-done' : 'completed',
				...(body.skipReason === undefined ? {} : { statusReason: [{ text: body.skipReason }] }),
				medicationCodeableConcept: { text: medicineNames.get(body.medicationId) ?? 'medicine' },
				subject: patient,
				effectiveDateTime: iso(body.takenAt ?? body.scheduledAt ?? body.at),
				...(exported.has(body.medicationId)
					? { supportingInformation: [ref('MedicationStatement', body.medicationId)] }
					: {}),
				...noteOf(body.note)
			};
		case 'goal':
			return {
				resourceType: 'Goal',
				...base,
				lifecycleStatus: GOAL_LIFECYCLE[body.status],
				...(body.status === 'achieved'
					? {
							achievementStatus: {
								coding: [
									{
										system: 'http://terminology.hl7.org/CodeSystem/goal-achievement',
										code: 'achieved'
									}
								]
							}
						}
					: {}),
				description: { text: body.text },
				subject: patient,
				startDate: date(body.statusHistory[0]?.at ?? body.at),
				...noteOf(body.why)
			};
		case 'note':
			return {
				resourceType: 'Communication',
				...base,
				status: 'completed',
				subject: patient,
				sent: iso(body.at),
				payload: [{ contentString: body.text }]
			};
		case 'custom-symptom':
		case 'unit-preferences':
		case 'target-range':
			return {
				resourceType: 'Basic',
				...base,
				code: { text: `cercle ${body.kind}` },
				subject: patient,
				created: date(body.at)
			};
	}
}

/**
 * The FHIR R4 `collection` Bundle: the Patient first, then the circle's members and CareTeam, one
 * resource a journal record, the Tasks, the QuestionnaireResponses, the CarePlan, the Consents and
 * the AuditEvents.
 */
export function toFhirBundle(input: ExportInput): FhirBundle {
	const patientResource: FhirResource = {
		resourceType: 'Patient',
		id: input.patientId,
		...(input.patientName === undefined ? {} : { name: [{ text: input.patientName }] })
	};
	const medicineNames = new Map<string, string>();
	for (const record of input.records) {
		if (record.body.kind === 'medication') medicineNames.set(record.id, record.body.name);
	}
	const exported = new Set(input.records.map((r) => r.id));
	const patient = ref('Patient', input.patientId);
	const ownerId = input.ownerId ?? input.circle?.ownerId ?? '';
	const circle = input.circle;
	const who = whoOf(
		{
			ownerId,
			members: circle?.members ?? [],
			...(circle?.formerLabels === undefined ? {} : { formerLabels: circle.formerLabels })
		},
		patient,
		input.patientName,
		input.nameOf
	);
	const circleId = input.patientId;
	const resources: FhirResource[] = [
		patientResource,
		...(circle === undefined
			? []
			: [...memberResources(circle, patient), careTeamResource(circle, circleId, patient, who)]),
		...input.records.map((record) => resourceOf(record, patient, medicineNames, exported)),
		...taskResources(input.plan ?? [], ownerId, patient, who),
		...questionnaireResponseResources(input.surveys ?? [], patient),
		// The shared care plan's versions (domain/fhir/care-plan.ts).
		...carePlanResources(input.carePlan, patient),
		...(circle === undefined
			? []
			: [
					...consentResources(circle, circleId, patient, who, input.now),
					...auditEventResources(circle, circleId, patient, who)
				])
	];
	return {
		resourceType: 'Bundle',
		type: 'collection',
		timestamp: iso(input.now),
		entry: resources.map((resource) => ({ fullUrl: `urn:uuid:${resource.id}`, resource }))
	};
}
