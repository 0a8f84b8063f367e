// The shared personalised care plan (issue 14 §6): needs and problems in plain words, goals (each
// may point at one of the person's own goals), actions with who does what (each may point at a
// task of the board) and a review date. Every proposed change is a new, immutable VERSION record
// (kind `care-plan-version`, category `plan`): its author is the record's author, its parent the
// version it changed; the current plan is the newest version by HLC. A professional marks a
// version "agreed" with an AGREEMENT record: the version id, a SHA-256 of the version's canonical
// content, and an identity signature over
// framed(['cercle-care-plan-agreement-v1', circleId, versionId, contentHash, agreedAt]).
// Invariants (the server may lie): an agreement counts only when the signature verifies under the
// identity key PINNED for the account that wrote it on this device AND the hash matches the
// version's content as read here; anything else (content rewritten, agreement moved to another
// version, unknown or changed key) is "not verified", with the reason, never "agreed". A key may
// also come from the person's signed member list (`domain/circle/roster.ts`, on a member's device):
// a member who left counts only for agreements dated before she left AND whose record is among
// the statements the roster committed for her (its signature checked: `authorCheck`). Crypto is
// injected (this module is pure); record bodies are parsed with zod, never cast.
import * as z from 'zod';
import { writerOf, type AuthorCheck } from '../circle/record-signature';

export const CARE_PLAN_VERSION_KIND = 'care-plan-version';
export const CARE_PLAN_AGREEMENT_KIND = 'care-plan-agreement';
export const CARE_PLAN_KINDS: readonly string[] = [
	CARE_PLAN_VERSION_KIND,
	CARE_PLAN_AGREEMENT_KIND
];
export const CARE_PLAN_AGREEMENT_CONTEXT = 'cercle-care-plan-agreement-v1';
export const CARE_PLAN_LINES_MAX = 30;
export const CARE_PLAN_TEXT_MAX = 500;

const lineId = z.string().min(1).max(64);
const lineText = z
	.string()
	.trim()
	.min(1, { error: 'careplan_error_empty' })
	.max(CARE_PLAN_TEXT_MAX, { error: 'careplan_error_too_long' });
const localDate = z.iso.date({ error: 'careplan_error_date' });

export const carePlanNeedSchema = z.object({ id: lineId, text: lineText });
export const carePlanGoalSchema = z.object({
	id: lineId,
	text: lineText,
	/** The record id of one of the person's own goals (category `goals`), or null. */
	goalId: z.string().min(1).max(64).nullable()
});

/** Who does an action: the person, "a carer" (whoever takes it on), or one named member. */
export const actionWhoSchema = z.discriminatedUnion('type', [
	z.object({ type: z.literal('person') }),
	z.object({ type: z.literal('carer') }),
	z.object({ type: z.literal('member'), id: z.string().min(1).max(64) })
]);
export type ActionWho = z.infer<typeof actionWhoSchema>;

export const carePlanActionSchema = z.object({
	id: lineId,
	what: lineText,
	who: actionWhoSchema,
	/** The id of a task on the board this action is done through, or null. */
	taskId: z.string().min(1).max(64).nullable(),
	due: localDate.nullable()
});

const lines = <T extends z.ZodType>(item: T) =>
	z.array(item).max(CARE_PLAN_LINES_MAX, { error: 'careplan_error_too_many' });

export const carePlanContentSchema = z.object({
	needs: lines(carePlanNeedSchema),
	goals: lines(carePlanGoalSchema),
	actions: lines(carePlanActionSchema),
	reviewDate: localDate.nullable()
});
export type CarePlanContent = z.infer<typeof carePlanContentSchema>;
export type CarePlanNeed = z.infer<typeof carePlanNeedSchema>;
export type CarePlanGoal = z.infer<typeof carePlanGoalSchema>;
export type CarePlanAction = z.infer<typeof carePlanActionSchema>;

export const EMPTY_CARE_PLAN: CarePlanContent = {
	needs: [],
	goals: [],
	actions: [],
	reviewDate: null
};

export const carePlanVersionBodySchema = z.object({
	schemaVersion: z.literal(1),
	/** The version this one changes (null for the first). */
	parentId: z.string().min(1).nullable(),
	createdAt: z.number().int().nonnegative(),
	content: carePlanContentSchema
});
export type CarePlanVersionBody = z.infer<typeof carePlanVersionBodySchema>;

export const carePlanAgreementBodySchema = z.object({
	schemaVersion: z.literal(1),
	versionId: z.string().min(1),
	/** SHA-256 (hex) of `canonicalContent` of the version, as the signer read it. */
	contentHash: z.string().regex(/^[0-9a-f]{64}$/u),
	agreedAt: z.number().int().nonnegative(),
	/** The signer's identity key as they used it; compared with the pin, never trusted alone. */
	identityKey: z.string().min(1).max(200),
	/** base64url P1363 ECDSA signature over `agreementFields`. */
	signature: z.string().min(1).max(200)
});
export type CarePlanAgreementBody = z.infer<typeof carePlanAgreementBodySchema>;

/**
 * One stable text for a plan's content: fixed key order, lines in their order, trimmed texts as
 * parsed. Two devices that read the same content compute the same hash.
 */
export function canonicalContent(content: CarePlanContent): string {
	const who = (w: ActionWho) => (w.type === 'member' ? [w.type, w.id] : [w.type]);
	return JSON.stringify([
		'v1',
		content.needs.map((n) => [n.id, n.text]),
		content.goals.map((g) => [g.id, g.text, g.goalId]),
		content.actions.map((a) => [a.id, a.what, who(a.who), a.taskId, a.due]),
		content.reviewDate
	]);
}

/** The framed parts an agreement signs (the crypto layer frames and signs them). */
export const agreementFields = (input: {
	readonly circleId: string;
	readonly versionId: string;
	readonly contentHash: string;
	readonly agreedAt: number;
}): readonly string[] => [
	CARE_PLAN_AGREEMENT_CONTEXT,
	input.circleId,
	input.versionId,
	input.contentHash,
	String(input.agreedAt)
];

/** The record fields this module reads (a `VaultRecord` fits). */
export interface CarePlanRecord {
	readonly id: string;
	readonly kind: string;
	readonly hlc: string;
	readonly deleted: boolean;
	readonly author?: string;
	readonly signature?: string;
	/** What the reading device checked of `author` (state's `checkAuthors`). */
	readonly authorCheck?: AuthorCheck | null;
	readonly body: unknown;
}

export interface CarePlanVersion {
	readonly id: string;
	readonly hlc: string;
	/** Account id of who proposed it (the record's author; the person when unmarked). */
	readonly author: string;
	/** Who proposed it as checked on this device: null for the person's own version. */
	readonly writer: AuthorCheck | null;
	readonly parentId: string | null;
	readonly createdAt: number;
	readonly content: CarePlanContent;
}

export type NotVerifiedReason =
	/** No identity key is pinned on this device for the account that wrote the agreement. */
	| 'unknown-signer'
	/** The key in the agreement is not the pinned one, or the signature does not verify. */
	| 'bad-signature'
	/** The version's content is not what was signed (rewritten or replayed). */
	| 'content-changed'
	/** Signed by someone the person's member list says had left before the agreement's date. */
	| 'signer-removed'
	/** The agreement names a version this device does not have. */
	| 'version-missing';

export type AgreementCheck =
	| {
			readonly type: 'agreed';
			readonly id: string;
			readonly versionId: string;
			readonly signer: string;
			readonly agreedAt: number;
	  }
	| {
			readonly type: 'not-verified';
			readonly id: string;
			readonly versionId: string;
			readonly signer: string;
			readonly agreedAt: number;
			readonly reason: NotVerifiedReason;
	  };

export interface CarePlanView {
	/** Newest first; the first is the current plan. */
	readonly versions: readonly CarePlanVersion[];
	readonly agreements: readonly AgreementCheck[];
}

/**
 * The identity key this device trusts for an account: a pin (a string), or a key the person's
 * signed member list vouches for, valid for agreements dated before `until` (null: no end).
 */
export type TrustedKeyOf = (
	accountId: string
) => string | { readonly identityKey: string; readonly until: number | null } | null;

export interface CarePlanCrypto {
	/** SHA-256 hex of a text. */
	readonly hash: (text: string) => Promise<string>;
	/** true only when `signature` over the framed `fields` verifies under `identityKey`. */
	readonly verify: (
		identityKey: string,
		fields: readonly string[],
		signature: string
	) => Promise<boolean>;
}

const byNewest = (a: { hlc: string; createdAt: number }, b: { hlc: string; createdAt: number }) =>
	a.hlc === b.hlc ? b.createdAt - a.createdAt : a.hlc < b.hlc ? 1 : -1;

/** The versions among `records` (deleted or malformed ones left out), newest first. */
export function carePlanVersionsOf(
	records: readonly CarePlanRecord[],
	ownerId: string
): readonly CarePlanVersion[] {
	const versions: CarePlanVersion[] = [];
	for (const r of records) {
		if (r.deleted || r.kind !== CARE_PLAN_VERSION_KIND) continue;
		const parsed = carePlanVersionBodySchema.safeParse(r.body);
		if (!parsed.success) continue;
		versions.push({
			id: r.id,
			hlc: r.hlc,
			author: r.author ?? ownerId,
			writer: writerOf(r, (author) => author !== ownerId),
			parentId: parsed.data.parentId,
			createdAt: parsed.data.createdAt,
			content: parsed.data.content
		});
	}
	return versions.sort(byNewest);
}

/** What one agreement is worth on this device. */
export async function checkAgreement(
	agreement: {
		readonly id: string;
		readonly signer: string;
		readonly body: CarePlanAgreementBody;
		/** The agreement record's own author check (a former member's counts only if verified). */
		readonly writer?: AuthorCheck | null;
	},
	context: {
		readonly circleId: string;
		readonly versions: ReadonlyMap<string, CarePlanVersion>;
		readonly pinnedKeyOf: TrustedKeyOf;
		readonly crypto: CarePlanCrypto;
	}
): Promise<AgreementCheck> {
	const { body, signer } = agreement;
	const base = { id: agreement.id, versionId: body.versionId, signer, agreedAt: body.agreedAt };
	const notVerified = (reason: NotVerifiedReason): AgreementCheck => ({
		type: 'not-verified',
		...base,
		reason
	});
	const trusted = context.pinnedKeyOf(signer);
	if (trusted === null) return notVerified('unknown-signer');
	const pinned = typeof trusted === 'string' ? trusted : trusted.identityKey;
	if (pinned !== body.identityKey) return notVerified('bad-signature');
	const signed = await context.crypto.verify(
		pinned,
		agreementFields({
			circleId: context.circleId,
			versionId: body.versionId,
			contentHash: body.contentHash,
			agreedAt: body.agreedAt
		}),
		body.signature
	);
	if (!signed) return notVerified('bad-signature');
	// A former member dates her agreement herself: it counts only as a record the person's device
	// had seen before removing her (the roster's commitment), whatever its date.
	if (
		typeof trusted !== 'string' &&
		trusted.until !== null &&
		(body.agreedAt >= trusted.until || agreement.writer?.type !== 'verified')
	)
		return notVerified('signer-removed');
	const version = context.versions.get(body.versionId);
	if (version === undefined) return notVerified('version-missing');
	const hash = await context.crypto.hash(canonicalContent(version.content));
	return hash === body.contentHash ? { type: 'agreed', ...base } : notVerified('content-changed');
}

/** The plan's versions and every agreement checked against the pins of this device. */
export async function readCarePlan(
	records: readonly CarePlanRecord[],
	context: {
		readonly circleId: string;
		readonly ownerId: string;
		readonly pinnedKeyOf: TrustedKeyOf;
		readonly crypto: CarePlanCrypto;
	}
): Promise<CarePlanView> {
	const versions = carePlanVersionsOf(records, context.ownerId);
	const byId = new Map(versions.map((v) => [v.id, v]));
	const agreements: AgreementCheck[] = [];
	for (const r of records) {
		if (r.deleted || r.kind !== CARE_PLAN_AGREEMENT_KIND) continue;
		const parsed = carePlanAgreementBodySchema.safeParse(r.body);
		if (!parsed.success) continue;
		agreements.push(
			await checkAgreement(
				{
					id: r.id,
					signer: r.author ?? context.ownerId,
					body: parsed.data,
					writer: writerOf(r, (author) => author !== context.ownerId)
				},
				{ ...context, versions: byId }
			)
		);
	}
	return { versions, agreements: agreements.sort((a, b) => b.agreedAt - a.agreedAt) };
}

/** The agreements of one version, verified ones first. */
export const agreementsOf = (view: CarePlanView, versionId: string): readonly AgreementCheck[] =>
	view.agreements
		.filter((a) => a.versionId === versionId)
		.toSorted((a, b) => (a.type === b.type ? 0 : a.type === 'agreed' ? -1 : 1));

// ---- proposing a change ------------------------------------------------------------------------

/** What the form holds: every field a string, as typed. */
export interface CarePlanFormValues {
	readonly needs: readonly { readonly id: string; readonly text: string }[];
	readonly goals: readonly {
		readonly id: string;
		readonly text: string;
		readonly goalId: string;
	}[];
	readonly actions: readonly {
		readonly id: string;
		readonly what: string;
		/** 'person', 'carer' or 'member:<account id>'. */
		readonly who: string;
		readonly taskId: string;
		readonly due: string;
	}[];
	readonly reviewDate: string;
}

/** Field path ('needs.0.text', 'reviewDate') → message key. */
export type CarePlanFormErrors = Readonly<Record<string, string>>;

export const whoToValue = (who: ActionWho): string =>
	who.type === 'member' ? `member:${who.id}` : who.type;

export function valueToWho(value: string): ActionWho | null {
	if (value === 'person' || value === 'carer') return { type: value };
	if (value.startsWith('member:') && value.length > 7)
		return { type: 'member', id: value.slice(7) };
	return null;
}

export const contentToForm = (content: CarePlanContent): CarePlanFormValues => ({
	needs: content.needs.map((n) => ({ ...n })),
	goals: content.goals.map((g) => ({ id: g.id, text: g.text, goalId: g.goalId ?? '' })),
	actions: content.actions.map((a) => ({
		id: a.id,
		what: a.what,
		who: whoToValue(a.who),
		taskId: a.taskId ?? '',
		due: a.due ?? ''
	})),
	reviewDate: content.reviewDate ?? ''
});

/** The form's values as plan content, or the errors by field (in message keys). */
export function parseCarePlanForm(
	values: CarePlanFormValues
): { ok: true; value: CarePlanContent } | { ok: false; errors: CarePlanFormErrors } {
	const orNull = (text: string) => (text.trim() === '' ? null : text.trim());
	const errors: Record<string, string> = {};
	const actions = values.actions.map((a, i) => {
		const who = valueToWho(a.who);
		if (who === null) errors[`actions.${i}.who`] = 'careplan_error_who';
		return { id: a.id, what: a.what, who, taskId: orNull(a.taskId), due: orNull(a.due) };
	});
	const parsed = carePlanContentSchema.safeParse({
		needs: values.needs,
		goals: values.goals.map((g) => ({ id: g.id, text: g.text, goalId: orNull(g.goalId) })),
		actions,
		reviewDate: orNull(values.reviewDate)
	});
	if (!parsed.success) {
		for (const issue of parsed.error.issues) {
			const path = issue.path.map(String).join('.');
			const known = issue.message.startsWith('careplan_error_');
			errors[path] ??= known ? issue.message : 'careplan_error_invalid';
		}
	}
	if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
	return { ok: true, value: parsed.data };
}

/** True when two contents say the same (a proposal that changes nothing is not written). */
export const sameContent = (a: CarePlanContent, b: CarePlanContent): boolean =>
	canonicalContent(a) === canonicalContent(b);
