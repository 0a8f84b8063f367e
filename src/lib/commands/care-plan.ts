// The shared care plan's two writes (issue 14 §6), by name: propose a version, agree to a version.
// Each is: parse (the plan's content through the domain's zod schema; the care role) → the
// domain's rules (only a professional member agrees; a proposal that changes nothing is refused)
// → ONE commit to the view's records (the person's vault or a member circle).
// Key work is injected (commands never import crypto): the SHA-256 of the canonical content and
// this account's identity signer, bound in state/care-plan.svelte.ts.
// Invariants: nothing is written without write on `plan`; nothing is written when a check fails;
// an agreement signs the content as read on this device, never a hash the caller gives.
import { careRoleSchema, type CareRole } from '$lib/domain/circle';
import type { CircleView } from '$lib/domain/circle-view';
import {
	agreementFields,
	canonicalContent,
	CARE_PLAN_AGREEMENT_KIND,
	CARE_PLAN_VERSION_KIND,
	carePlanContentSchema,
	sameContent,
	type CarePlanAgreementBody,
	type CarePlanContent,
	type CarePlanVersion,
	type CarePlanVersionBody
} from '$lib/domain/plan/care-plan';
import type { CommitError, RecordOp } from '$lib/domain/records';
import { err, ok, type Result } from '$lib/domain/result';

export type CarePlanError =
	| { readonly type: 'locked' }
	| { readonly type: 'read-only' }
	| { readonly type: 'not-professional' }
	| { readonly type: 'unchanged' }
	| { readonly type: 'invalid' }
	| { readonly type: 'commit'; readonly error: CommitError };

/** Care roles that practise care as a job: they may mark a version "agreed". */
export const PROFESSIONAL_ROLES: readonly CareRole[] = [
	'doctor',
	'nurse',
	'pharmacist',
	'coordinator',
	'social-worker'
];

export const isProfessional = (role: CareRole | null): boolean =>
	role !== null && PROFESSIONAL_ROLES.includes(role);

/** This account's identity, able to sign framed fields (null while the vault is locked). */
export interface CarePlanSigner {
	readonly identityKey: string;
	readonly sign: (fields: readonly string[]) => Promise<string>;
}

export interface CarePlanCommandDeps {
	/** SHA-256 of a text, lower-case hex. */
	readonly hash: (text: string) => Promise<string>;
	readonly signer: () => Promise<CarePlanSigner | null>;
}

export interface CarePlanCommands {
	/** `content` as the new version after `parent` (null for the first): one commit. */
	propose(
		view: CircleView,
		parent: CarePlanVersion | null,
		content: CarePlanContent,
		now: number
	): Promise<Result<string, CarePlanError>>;
	/** `version` marked agreed, signed over its content as read here: one commit. */
	agree(
		view: CircleView,
		role: CareRole | null,
		version: CarePlanVersion,
		now: number
	): Promise<Result<string, CarePlanError>>;
}

async function commitOne(view: CircleView, op: RecordOp): Promise<Result<string, CarePlanError>> {
	const saved = await view.records.commit([op]);
	if (!saved.ok) return err({ type: 'commit', error: saved.error });
	const record = saved.value[0];
	return record === undefined ? err({ type: 'locked' }) : ok(record.id);
}

export function createCarePlanCommands(deps: CarePlanCommandDeps): CarePlanCommands {
	return {
		async propose(view, parent, content, now) {
			if (!view.canWrite('plan')) return err({ type: 'read-only' });
			const parsed = carePlanContentSchema.safeParse(content);
			if (!parsed.success) return err({ type: 'invalid' });
			if (parent !== null && sameContent(parent.content, parsed.data))
				return err({ type: 'unchanged' });
			const body: CarePlanVersionBody = {
				schemaVersion: 1,
				parentId: parent?.id ?? null,
				createdAt: now,
				content: parsed.data
			};
			return commitOne(view, {
				type: 'put',
				kind: CARE_PLAN_VERSION_KIND,
				category: 'plan',
				at: now,
				body
			});
		},

		async agree(view, role, version, now) {
			const parsedRole = careRoleSchema.nullable().safeParse(role);
			if (!parsedRole.success) return err({ type: 'invalid' });
			if (view.isOwner || !isProfessional(parsedRole.data))
				return err({ type: 'not-professional' });
			if (!view.canWrite('plan')) return err({ type: 'read-only' });
			const signer = await deps.signer();
			if (signer === null) return err({ type: 'locked' });
			const contentHash = await deps.hash(canonicalContent(version.content));
			const signature = await signer.sign(
				agreementFields({
					circleId: view.circleId,
					versionId: version.id,
					contentHash,
					agreedAt: now
				})
			);
			const body: CarePlanAgreementBody = {
				schemaVersion: 1,
				versionId: version.id,
				contentHash,
				agreedAt: now,
				identityKey: signer.identityKey,
				signature
			};
			return commitOne(view, {
				type: 'put',
				kind: CARE_PLAN_AGREEMENT_KIND,
				category: 'plan',
				at: now,
				body
			});
		}
	};
}
