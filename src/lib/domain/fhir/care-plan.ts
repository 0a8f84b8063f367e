// The shared care plan (issue 14 §6) as FHIR R4 `CarePlan` resources, one per version: the newest
// is `active`, older ones `revoked` and linked by `replaces` to the version they changed.
// Mapping: intent `plan`; subject the Patient; needs and problems in plain words → `description`
// (they are not coded Conditions, so not `addresses`); plan goals → `goal` (a reference to the
// person's own Goal entry when linked, else a contained Goal); actions → `activity.reference` to
// the board's Task when linked (cpl-3: reference OR detail), else `activity.detail` (kind Task,
// status not-started, due as `scheduledPeriod.end`, who as `performer`); review date →
// `period.end`; the proposer → `author`; each agreement VERIFIED on the exporting device →
// `note` (authorString, time, "Agreed …"). An agreement is only a signature the reader must
// check again, so the signed bodies travel in the extension `CERCLE_CARE_PLAN_AGREEMENTS`; the
// version itself travels exactly in `CERCLE_RECORD` (canonical JSON), which is what import reads.
import * as z from 'zod';
import {
	carePlanAgreementBodySchema,
	carePlanVersionBodySchema,
	CARE_PLAN_AGREEMENT_KIND,
	CARE_PLAN_VERSION_KIND,
	type ActionWho,
	type AgreementCheck,
	type CarePlanAgreementBody,
	type CarePlanVersion,
	type CarePlanVersionBody
} from '../plan/care-plan';
import { CERCLE_RECORD } from './common';

export const CERCLE_CARE_PLAN_AGREEMENTS =
	'urn:cercle:fhir:StructureDefinition:care-plan-agreements';

export interface CarePlanExportInput {
	/** Newest first (`CarePlanView.versions`). */
	readonly versions: readonly CarePlanVersion[];
	/** Every agreement record with its body, and what this device made of it. */
	readonly agreements: readonly {
		readonly check: AgreementCheck;
		readonly body: CarePlanAgreementBody;
	}[];
	readonly ownerId: string;
	/** A member's name, or null when unknown. */
	readonly nameOf: (accountId: string) => string | null;
}

type Reference = { readonly reference?: string; readonly type?: string; readonly display?: string };

const iso = (ms: number): string => new Date(ms).toISOString();
const uuidRef = (type: string, id: string): Reference => ({ reference: `urn:uuid:${id}`, type });
const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/u;

/** The CarePlan resources of a care plan (none when there is no version). */
export function carePlanResources(
	input: CarePlanExportInput | undefined,
	patient: Reference
): readonly {
	readonly resourceType: string;
	readonly id: string;
	readonly [k: string]: unknown;
}[] {
	if (input === undefined) return [];
	const who = (accountId: string): Reference =>
		accountId === input.ownerId ? patient : { display: input.nameOf(accountId) ?? accountId };
	const performer = (w: ActionWho): Reference =>
		w.type === 'person' ? patient : w.type === 'carer' ? { display: 'carer' } : who(w.id);
	return input.versions
		.filter((v) => FHIR_ID.test(v.id))
		.map((version, index) => {
			const body: CarePlanVersionBody = {
				schemaVersion: 1,
				parentId: version.parentId,
				createdAt: version.createdAt,
				content: version.content
			};
			const agreements = input.agreements.filter((a) => a.check.versionId === version.id);
			const c = version.content;
			const contained = c.goals
				.filter((g) => g.goalId === null)
				.map((g) => ({
					resourceType: 'Goal',
					id: `goal-${g.id}`,
					lifecycleStatus: 'active',
					description: { text: g.text },
					subject: patient
				}));
			const notes = agreements.flatMap((a) =>
				a.check.type === 'agreed'
					? [
							{
								authorString: input.nameOf(a.check.signer) ?? a.check.signer,
								time: iso(a.check.agreedAt),
								text: `Agreed to this version (identity signature verified on the exporting device).`
							}
						]
					: []
			);
			return {
				resourceType: 'CarePlan',
				id: version.id,
				extension: [
					{
						url: CERCLE_RECORD,
						valueString: JSON.stringify({
							kind: CARE_PLAN_VERSION_KIND,
							author: version.author,
							body
						})
					},
					...(agreements.length === 0
						? []
						: [
								{
									url: CERCLE_CARE_PLAN_AGREEMENTS,
									valueString: JSON.stringify(
										agreements.map((a) => ({
											id: a.check.id,
											kind: CARE_PLAN_AGREEMENT_KIND,
											author: a.check.signer,
											body: a.body
										}))
									)
								}
							])
				],
				...(contained.length === 0 ? {} : { contained }),
				status: index === 0 ? 'active' : 'revoked',
				intent: 'plan',
				title: 'Care plan',
				...(c.needs.length === 0 ? {} : { description: c.needs.map((n) => n.text).join('\n') }),
				subject: patient,
				...(c.reviewDate === null ? {} : { period: { end: c.reviewDate } }),
				created: iso(version.createdAt),
				author: who(version.author),
				...(version.parentId === null || !FHIR_ID.test(version.parentId)
					? {}
					: { replaces: [uuidRef('CarePlan', version.parentId)] }),
				...(c.goals.length === 0
					? {}
					: {
							goal: c.goals.map((g) =>
								g.goalId === null
									? { reference: `#goal-${g.id}`, display: g.text }
									: { ...uuidRef('Goal', g.goalId), display: g.text }
							)
						}),
				...(c.actions.length === 0
					? {}
					: {
							activity: c.actions.map((a) =>
								a.taskId === null
									? {
											detail: {
												kind: 'Task',
												status: 'not-started',
												description: a.what,
												performer: [performer(a.who)],
												...(a.due === null ? {} : { scheduledPeriod: { end: a.due } })
											}
										}
									: { reference: { ...uuidRef('Task', a.taskId), display: a.what } }
							)
						}),
				...(notes.length === 0 ? {} : { note: notes })
			};
		});
}

/** A care-plan record restored from a Cercle export (its author as exported). */
export interface ImportedCarePlanRecord {
	readonly id: string;
	readonly kind: typeof CARE_PLAN_VERSION_KIND | typeof CARE_PLAN_AGREEMENT_KIND;
	readonly author: string;
	readonly body: CarePlanVersionBody | CarePlanAgreementBody;
}

const carriedSchema = z.object({
	kind: z.literal(CARE_PLAN_VERSION_KIND),
	author: z.string(),
	body: carePlanVersionBodySchema
});
const agreementsSchema = z.array(
	z.object({
		id: z.string().min(1),
		kind: z.literal(CARE_PLAN_AGREEMENT_KIND),
		author: z.string(),
		body: carePlanAgreementBodySchema
	})
);
const entrySchema = z.object({
	resource: z.object({
		resourceType: z.literal('CarePlan'),
		id: z.string(),
		extension: z.array(z.object({ url: z.string(), valueString: z.string() })).optional()
	})
});

const parsedJson = (text: string | undefined): unknown => {
	if (text === undefined) return undefined;
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
};

/**
 * The care-plan records a Bundle entry carries: null when the entry is not a CarePlan (the
 * journal's import reads it), [] when it is one without a valid Cercle record (nothing to restore).
 * Agreements come back as they were signed: they are verified again wherever they are read.
 */
export function carePlanRecordsOf(entry: unknown): readonly ImportedCarePlanRecord[] | null {
	const parsed = entrySchema.safeParse(entry);
	if (!parsed.success) return null;
	const r = parsed.data.resource;
	const find = (url: string) => r.extension?.find((e) => e.url === url)?.valueString;
	const version = carriedSchema.safeParse(parsedJson(find(CERCLE_RECORD)));
	if (!version.success) return [];
	const agreements = agreementsSchema.safeParse(
		parsedJson(find(CERCLE_CARE_PLAN_AGREEMENTS)) ?? []
	);
	return [
		{
			id: r.id,
			kind: CARE_PLAN_VERSION_KIND,
			author: version.data.author,
			body: version.data.body
		},
		...(agreements.success ? agreements.data : [])
	];
}
