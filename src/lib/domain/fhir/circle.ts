// The circle of care as FHIR R4 resources, for the person's own export: each active member as a
// Practitioner (care professionals) or a RelatedPerson (carers and others), named by their label
// and never by a key; one CareTeam with every member and their coded care role; one Consent per
// grant (who may read or write which category; expired grants, and grants the access log shows
// revoked, are `inactive`); one AuditEvent per entry of the access log.
// Why: a system receiving the Bundle sees who helps the person and with what they were trusted.
// Invariant: these resources describe the circle as the server holds it (members, grants, the
// hash-chained access log); they are kept for reference on import and never restored (import.ts).
// Ids are derived from the circle's ids (derivedUuid), so exporting twice gives the same Bundle.
import type { AuditAction, AuditEntry } from '../audit';
import type { Category } from '../categories';
import { isGrantActive, type CareRole, type Grant } from '../circle';
import {
	CERCLE_AUDIT_ACTION_SYSTEM,
	CERCLE_CATEGORY_SYSTEM,
	CERCLE_ROLE_SYSTEM,
	derivedUuid,
	iso,
	isUuid,
	LOINC,
	ref,
	SNOMED,
	type FhirReference,
	type FhirResource
} from './common';

export interface CircleMemberInput {
	readonly accountId: string;
	readonly label: string;
	readonly role: CareRole | 'owner';
	readonly status: 'pending' | 'active';
	/** The member's grants as the owner sees them (null when unknown). */
	readonly grants: readonly Grant[] | null;
}

export interface CircleInput {
	/** The owner's account id: the Patient in references. */
	readonly ownerId: string;
	readonly members: readonly CircleMemberInput[];
	/** The access log, only when its hash chain checked out on the device (`verifyChain`). */
	readonly audit: readonly AuditEntry[];
	/** Labels of accounts the log names that are no longer members (the log's own member list). */
	readonly formerLabels?: ReadonlyMap<string, string>;
}

/** Care roles that are professions (Practitioner); the others are RelatedPerson. */
const PROFESSIONS: ReadonlySet<CareRole> = new Set([
	'nurse',
	'doctor',
	'pharmacist',
	'coordinator',
	'social-worker'
]);

const ROLE_DISPLAY: Readonly<Record<CareRole, string>> = {
	carer: 'Carer',
	nurse: 'Nurse',
	doctor: 'Doctor',
	pharmacist: 'Pharmacist',
	coordinator: 'Care coordinator',
	'social-worker': 'Social worker',
	other: 'Other'
};

/** SNOMED CT occupations for the roles that have one (coordinator and other do not). */
const ROLE_SNOMED: Readonly<Partial<Record<CareRole, { code: string; display: string }>>> = {
	carer: { code: '133932002', display: 'Caregiver' },
	nurse: { code: '106292003', display: 'Professional nurse' },
	doctor: { code: '158965000', display: 'Medical practitioner' },
	pharmacist: { code: '46255001', display: 'Pharmacist' },
	'social-worker': { code: '106328005', display: 'Social worker' }
};

const CATEGORY_DISPLAY: Readonly<Record<Category, string>> = {
	symptoms: 'Symptoms',
	measurements: 'Measurements',
	medications: 'Medications',
	goals: 'Goals',
	plan: 'Care plan and tasks',
	decisions: 'Decisions',
	surveys: 'Questionnaires',
	notes: 'Notes',
	settings: 'Settings'
};

export const CONSENT_SCOPE = 'http://terminology.hl7.org/CodeSystem/consentscope';
export const CONSENT_POLICY = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
export const CONSENT_ACTION = 'http://terminology.hl7.org/CodeSystem/consentaction';
export const PARTICIPATION = 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType';
export const AUDIT_TYPE = 'http://terminology.hl7.org/CodeSystem/audit-event-type';

const roleConcept = (role: CareRole) => {
	const snomed = ROLE_SNOMED[role];
	return {
		coding: [
			{ system: CERCLE_ROLE_SYSTEM, code: role, display: ROLE_DISPLAY[role] },
			...(snomed === undefined ? [] : [{ system: SNOMED, ...snomed }])
		],
		text: ROLE_DISPLAY[role]
	};
};

export const categoryCoding = (category: Category) => ({
	system: CERCLE_CATEGORY_SYSTEM,
	code: category,
	display: CATEGORY_DISPLAY[category]
});

const memberType = (role: CareRole): 'Practitioner' | 'RelatedPerson' =>
	PROFESSIONS.has(role) ? 'Practitioner' : 'RelatedPerson';

type ActiveMember = CircleMemberInput & { readonly role: CareRole };
const activeMembers = (circle: CircleInput): readonly ActiveMember[] =>
	circle.members.filter(
		(m): m is ActiveMember =>
			m.role !== 'owner' && m.status === 'active' && m.accountId !== circle.ownerId
	);

/**
 * How resources refer to an account of the circle: the owner is the Patient; an active member is
 * their Practitioner or RelatedPerson entry; anyone else (a member who left, or everyone in a
 * professional's export, which has no circle) is named only.
 */
export function whoOf(
	circle: Pick<CircleInput, 'ownerId' | 'members' | 'formerLabels'>,
	patient: FhirReference,
	patientName: string | undefined,
	nameOf: (accountId: string) => string | null = () => null
): (accountId: string) => FhirReference {
	const members = new Map(
		activeMembers({ ...circle, audit: [] })
			.filter((m) => isUuid(m.accountId))
			.map((m) => [m.accountId, m])
	);
	return (accountId) => {
		if (accountId === circle.ownerId)
			return { ...patient, ...(patientName === undefined ? {} : { display: patientName }) };
		const member = members.get(accountId);
		if (member !== undefined)
			return {
				...ref(memberType(member.role), member.accountId.toLowerCase()),
				display: member.label
			};
		return {
			display: circle.formerLabels?.get(accountId) ?? nameOf(accountId) ?? 'Someone in the circle'
		};
	};
}

/** Active members as Practitioner or RelatedPerson entries (no keys, no account details). */
export function memberResources(circle: CircleInput, patient: FhirReference): FhirResource[] {
	return activeMembers(circle)
		.filter((m) => isUuid(m.accountId))
		.map((m): FhirResource => {
			const name = [{ text: m.label }];
			const id = m.accountId.toLowerCase();
			return memberType(m.role) === 'Practitioner'
				? { resourceType: 'Practitioner', id, active: true, name }
				: {
						resourceType: 'RelatedPerson',
						id,
						active: true,
						patient,
						relationship: [roleConcept(m.role)],
						name
					};
		});
}

export function careTeamResource(
	circle: CircleInput,
	circleId: string,
	patient: FhirReference,
	who: (accountId: string) => FhirReference
): FhirResource {
	return {
		resourceType: 'CareTeam',
		id: derivedUuid('CareTeam', circleId),
		status: 'active',
		name: 'Circle of care',
		subject: patient,
		participant: activeMembers(circle)
			.filter((m) => isUuid(m.accountId))
			.map((m) => ({ role: [roleConcept(m.role)], member: who(m.accountId) }))
	};
}

interface GrantFact {
	readonly accountId: string;
	readonly category: Category;
	readonly access: 'read' | 'write';
	readonly until: number | null;
	readonly active: boolean;
	/** When the access log shows it revoked (inactive grants only). */
	readonly revokedAt?: number;
}

/** Current grants of active members, then grants the log shows revoked and not granted again. */
function grantFacts(circle: CircleInput, now: number): readonly GrantFact[] {
	const facts: GrantFact[] = [];
	const current = new Set<string>();
	for (const m of activeMembers(circle)) {
		for (const g of m.grants ?? []) {
			current.add(`${m.accountId}|${g.category}`);
			facts.push({
				accountId: m.accountId,
				category: g.category,
				access: g.access,
				until: g.until,
				active: isGrantActive(g, now)
			});
		}
	}
	const revoked = new Map<string, AuditEntry>();
	for (const e of circle.audit) {
		if (e.target === undefined || e.category === null) continue;
		const key = `${e.target}|${e.category}`;
		if (e.action === 'revoked') revoked.set(key, e);
		else if (e.action === 'granted') revoked.delete(key);
	}
	for (const [key, e] of revoked) {
		if (current.has(key) || e.target === undefined || e.category === null) continue;
		facts.push({
			accountId: e.target,
			category: e.category,
			access: 'read',
			until: null,
			active: false,
			revokedAt: e.at
		});
	}
	return facts;
}

export function consentResources(
	circle: CircleInput,
	circleId: string,
	patient: FhirReference,
	who: (accountId: string) => FhirReference,
	now: number
): FhirResource[] {
	return grantFacts(circle, now).map((g) => ({
		resourceType: 'Consent',
		id: derivedUuid('Consent', circleId, g.accountId, g.category),
		status: g.active ? 'active' : 'inactive',
		scope: {
			coding: [{ system: CONSENT_SCOPE, code: 'patient-privacy', display: 'Privacy Consent' }]
		},
		category: [{ coding: [{ system: LOINC, code: '59284-0', display: 'Patient Consent' }] }],
		patient,
		...(g.revokedAt === undefined ? {} : { dateTime: iso(g.revokedAt) }),
		policyRule: { coding: [{ system: CONSENT_POLICY, code: 'OPTIN', display: 'opt-in' }] },
		provision: {
			type: 'permit',
			...(g.until === null ? {} : { period: { end: iso(g.until) } }),
			actor: [
				{
					role: {
						coding: [{ system: PARTICIPATION, code: 'IRCP', display: 'information recipient' }]
					},
					reference: who(g.accountId)
				}
			],
			action: [
				{ coding: [{ system: CONSENT_ACTION, code: 'access', display: 'Access' }] },
				...(g.access === 'write'
					? [
							{
								coding: [{ system: CONSENT_ACTION, code: 'correct', display: 'Access and Correct' }]
							}
						]
					: [])
			],
			class: [categoryCoding(g.category)]
		}
	}));
}

/** FHIR AuditEvent.action (required binding): C create, R read, U update, D delete, E execute. */
export const AUDIT_EVENT_ACTION: Readonly<Record<AuditAction, 'C' | 'R' | 'U' | 'D' | 'E'>> = {
	pulled: 'R',
	exported: 'R',
	granted: 'U',
	revoked: 'U',
	invited: 'C',
	'invitation-accepted': 'U',
	'member-removed': 'D',
	deleted: 'D',
	'key-rotated': 'U',
	refused: 'E'
};

export function auditEventResources(
	circle: CircleInput,
	circleId: string,
	patient: FhirReference,
	who: (accountId: string) => FhirReference
): FhirResource[] {
	return circle.audit.map((e) => ({
		resourceType: 'AuditEvent',
		id: derivedUuid('AuditEvent', circleId, String(e.seq), e.hash),
		type: { system: AUDIT_TYPE, code: 'rest', display: 'RESTful Operation' },
		subtype: [{ system: CERCLE_AUDIT_ACTION_SYSTEM, code: e.action }],
		action: AUDIT_EVENT_ACTION[e.action],
		recorded: iso(e.at),
		outcome: e.action === 'refused' ? '4' : '0',
		agent: [
			{ who: who(e.actor), requestor: true },
			...(e.target === undefined || e.target === e.actor
				? []
				: [{ who: who(e.target), requestor: false }])
		],
		source: { observer: { display: 'Cercle server (hash-chained access log)' } },
		entity: [
			{
				what: patient,
				...(e.category === null
					? {}
					: { securityLabel: [categoryCoding(e.category)], name: e.category }),
				detail: [
					{ type: 'seq', valueString: String(e.seq) },
					{ type: 'hash', valueString: e.hash }
				]
			}
		]
	}));
}
