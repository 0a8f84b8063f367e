// What every FHIR mapping of Cercle shares: the plain-JSON resource shape, the extensions that
// carry Cercle's own records, references between entries of one Bundle, dates, and a
// deterministic id for resources that have no Cercle id of their own (CareTeam, Consent,
// AuditEvent). Pure: no FHIR library in the app.
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import type { Category } from '../categories';

/** The extension that carries a journal record's body inside the resource made from it. */
export const CERCLE_RECORD = 'urn:cercle:fhir:StructureDefinition:record';
/**
 * The extension that carries a whole vault record (`{ id, kind, category, at, body }`, canonical
 * JSON) for records whose body has no `at` of its own: plan tasks and their events, survey
 * responses. A Task carries its task record and then one such extension per event.
 */
export const CERCLE_ENTRY = 'urn:cercle:fhir:StructureDefinition:entry';
/** Cercle's own code systems (categories, care roles, access-log actions). */
export const CERCLE_CATEGORY_SYSTEM = 'urn:cercle:fhir:CodeSystem:category';
export const CERCLE_ROLE_SYSTEM = 'urn:cercle:fhir:CodeSystem:care-role';
export const CERCLE_AUDIT_ACTION_SYSTEM = 'urn:cercle:fhir:CodeSystem:audit-action';
export const CERCLE_TASK_KIND_SYSTEM = 'urn:cercle:fhir:CodeSystem:task-kind';
export const LOINC = 'http://loinc.org';
export const SNOMED = 'http://snomed.info/sct';

export interface FhirExtension {
	readonly url: string;
	readonly valueString?: string;
	readonly valueDecimal?: number;
	readonly valueCode?: string;
	readonly extension?: readonly FhirExtension[];
}

/** A FHIR resource as plain JSON. Elements beyond these are typed per builder. */
export interface FhirResource {
	readonly resourceType: string;
	readonly id: string;
	readonly extension?: readonly FhirExtension[];
	readonly [element: string]: unknown;
}

export interface FhirReference {
	readonly reference?: string;
	readonly type?: string;
	readonly display?: string;
}

/** A vault record as the export reads it and the import gives it back. */
export interface EntryRecord {
	readonly id: string;
	readonly kind: string;
	readonly category: Category;
	readonly at: number;
	readonly body: unknown;
}

export const iso = (ms: number): string => new Date(ms).toISOString();
export const date = (ms: number): string => iso(ms).slice(0, 10);

/** A reference to an entry of the Bundle, by its `urn:uuid:` full URL, with the resource type. */
export const ref = (type: string, id: string): FhirReference => ({
	reference: `urn:uuid:${id}`,
	type
});

/** JSON with object keys sorted at every depth, so a record always serialises the same way. */
export function canonicalJson(value: unknown): string {
	return JSON.stringify(value, (_key, v: unknown) =>
		v !== null && typeof v === 'object' && !Array.isArray(v)
			? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
			: v
	);
}

/** The extension carrying a whole vault record. */
export const entryExtension = (record: EntryRecord): FhirExtension => ({
	url: CERCLE_ENTRY,
	valueString: canonicalJson({
		id: record.id,
		kind: record.kind,
		category: record.category,
		at: record.at,
		body: record.body
	})
});

/**
 * A UUID derived from its parts (SHA-256, shaped as an RFC 9562 version-8 UUID), so resources made
 * from the circle (CareTeam, Consent, AuditEvent) get the same id at every export.
 */
export function derivedUuid(...parts: readonly string[]): string {
	const hex = encodeHexLowerCase(sha256(new TextEncoder().encode(parts.join('\u0000'))));
	const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (id: string): boolean => UUID.test(id);
