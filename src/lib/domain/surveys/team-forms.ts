// What a team member types to publish a survey for the team or a "you said, we did" notice, and
// the person's "who was the visit with" after a visit, parsed (pure; the commands in
// src/lib/commands/surveys.ts run these before anything is sealed or sent). Refusals are data,
// one per field, put into words by the screen.
import * as z from 'zod';
import { err, ok, type Result } from '../result';

export const MAX_NOTICE_TEXT = 2000;
/**
 * What a team asks about itself: the experience surveys (never a PROM such as PHQ-9, whose scores
 * belong to the person, not to a team's anonymous results).
 */
export const TEAM_SURVEYS = ['coordination', 'collaborate'] as const;
const DAY = 86_400_000;

export type PublishFormError = 'questionnaire' | 'closes';
export interface PublishInput {
	readonly teamId: string;
	readonly questionnaireId: string;
	readonly closesAt: number;
}

const publishFormSchema = z.object({
	teamId: z.string().min(1).max(64),
	questionnaireId: z.string().min(1).max(64),
	/** The closing day, YYYY-MM-DD (the survey closes at its end, UTC). */
	closes: z.string().regex(/^\d{4}-\d{2}-\d{2}$/)
});

/** A team campaign's form: a known questionnaire, a closing day after today and within a year. */
export function parsePublishForm(
	values: unknown,
	known: readonly string[],
	now: number
): Result<PublishInput, readonly PublishFormError[]> {
	const parsed = publishFormSchema.safeParse(values);
	if (!parsed.success) {
		const fields = new Set(parsed.error.issues.map((i) => i.path[0]));
		return err([
			...(fields.has('questionnaireId') || fields.has('teamId')
				? (['questionnaire'] as const)
				: []),
			...(fields.has('closes') ? (['closes'] as const) : [])
		]);
	}
	const { teamId, questionnaireId, closes } = parsed.data;
	const closesAt = Date.parse(`${closes}T23:59:59.999Z`);
	const errors: PublishFormError[] = [];
	if (!known.includes(questionnaireId)) errors.push('questionnaire');
	if (!Number.isFinite(closesAt) || closesAt <= now || closesAt > now + 366 * DAY)
		errors.push('closes');
	return errors.length > 0 ? err(errors) : ok({ teamId, questionnaireId, closesAt });
}

export type NoticeFormError = 'en-missing' | 'fr-missing' | 'too-long';
export interface NoticeText {
	readonly en: string;
	readonly fr: string;
}

/** Both languages, trimmed, each 1–2000 characters: everyone asked reads it in her language. */
export function parseNoticeForm(values: unknown): Result<NoticeText, readonly NoticeFormError[]> {
	const parsed = z.object({ en: z.string(), fr: z.string() }).safeParse(values);
	if (!parsed.success) return err(['en-missing', 'fr-missing']);
	const en = parsed.data.en.trim();
	const fr = parsed.data.fr.trim();
	const errors: NoticeFormError[] = [];
	if (en === '') errors.push('en-missing');
	if (fr === '') errors.push('fr-missing');
	if (en.length > MAX_NOTICE_TEXT || fr.length > MAX_NOTICE_TEXT) errors.push('too-long');
	return errors.length > 0 ? err(errors) : ok({ en, fr });
}

/**
 * The professional the person says the visit was with: one of those offered (named members of
 * her circle), or null ("rather not say"). Anything else is refused, never sealed into a ballot.
 */
export function parseProfessionalChoice(
	value: unknown,
	offered: readonly string[]
): Result<string | null, 'unknown-professional'> {
	if (value === null || value === '') return ok(null);
	return typeof value === 'string' && offered.includes(value)
		? ok(value)
		: err('unknown-professional');
}

/** A member of the person's circle as her device lists it. */
export interface CircleMemberLike {
	readonly accountId: string;
	readonly role: string;
	readonly label: string;
	readonly status: string;
}

/**
 * The professionals the person may say a visit was with: the active members of her circle who
 * are neither she nor a carer, and whom she named (a member without a name is not offered).
 */
export function professionalChoices(
	members: readonly CircleMemberLike[]
): readonly { readonly id: string; readonly name: string }[] {
	return members
		.filter((mb) => mb.status === 'active' && mb.role !== 'owner' && mb.role !== 'carer')
		.filter((mb) => mb.label.trim() !== '')
		.map((mb) => ({ id: mb.accountId, name: mb.label.trim() }));
}
