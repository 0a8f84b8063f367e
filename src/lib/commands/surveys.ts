// Survey writes a page makes, by name (issue 13: every write through commands; issue 15 §5–7):
// - teams (`createSurveyCommands`): a team admin publishes an experience survey for the team, a
//   team member posts "you said, we did", the person answers an experience survey (saying, after a
//   visit, who it was with);
// - the account (`createSurveyWriteCommands`): a draft kept at every answer, a completed
//   questionnaire checked, scored and saved, an assignment made or ended (in the person's own
//   vault or, for a member with write on `surveys`, in her circle), a person asked to answer an
//   experience survey, an account's campaign published and its "you said, we did" posted.
// Each parses its input with the domain (domain/surveys/team-forms.ts, schedule.ts, response.ts)
// and only then makes ONE vault commit, or calls the one operation that seals and sends (injected:
// state/team-surveys.ts, and commands/survey-campaigns.ts with the key work of
// state/survey-campaigns.ts; commands never touch crypto). Invariants: nothing is written, sealed or sent when the input does not parse; a
// professional not offered to the person is never put in a ballot; a score is computed by the
// domain, never typed in. Errors are data (`SurveyWriteError`), worded once by the UI
// (ui/surveys/write-error-text.ts).
import * as z from 'zod';
import type { Answers } from '$lib/domain/surveys/enable-when';
import type { AnswerValue, Questionnaire } from '$lib/domain/surveys/fhir';
import type { SignedCampaign } from '$lib/domain/surveys/ballot';
import { SURVEY_ASSIGNMENT, SURVEY_RESPONSE, assignmentsOf } from '$lib/domain/surveys/due';
import { surveyDraftKey, type SurveyDraft } from '$lib/domain/surveys/draft';
import { authoredAt, buildResponse, type AnswerError } from '$lib/domain/surveys/response';
import type { SavedResponseBody } from '$lib/domain/surveys/saved';
import { frequencySchema } from '$lib/domain/surveys/schedule';
import { scoreQuestionnaire, type Score } from '$lib/domain/surveys/scoring';
import {
	parseNoticeForm,
	parseProfessionalChoice,
	parsePublishForm,
	type NoticeFormError,
	type NoticeText,
	type PublishFormError,
	type PublishInput
} from '$lib/domain/surveys/team-forms';
import { localDateOf } from '$lib/domain/time/zoned';
import type { CircleRecords } from '$lib/domain/circle-view';
import { err, ok, type Result } from '$lib/domain/result';
import type { Vault } from '$lib/vault/vault';

export type SurveyCommandError<E> =
	| { readonly type: 'publish-form'; readonly errors: readonly PublishFormError[] }
	| { readonly type: 'notice-form'; readonly errors: readonly NoticeFormError[] }
	| { readonly type: 'unknown-professional' }
	| { readonly type: 'failed'; readonly error: E };

export interface SurveyCommandDeps<E, I, O> {
	readonly now: () => number;
	/** The questionnaires a campaign may use (the bundled ones). */
	readonly questionnaireIds: () => readonly string[];
	readonly publishTeamCampaign: (
		teamId: string,
		input: Omit<PublishInput, 'teamId'>
	) => Promise<Result<SignedCampaign, E>>;
	readonly postTeamNotice: (
		teamId: string,
		surveyId: string,
		text: NoticeText
	) => Promise<Result<void, E>>;
	readonly sendBallot: (
		invitation: I,
		questionnaire: Questionnaire,
		answers: Answers,
		now: number,
		professional: string | null
	) => Promise<Result<O, E>>;
}

const failed = <T, E>(r: Result<T, E>): Result<T, SurveyCommandError<E>> =>
	r.ok ? r : err({ type: 'failed', error: r.error });

export function createSurveyCommands<E, I, O>(deps: SurveyCommandDeps<E, I, O>) {
	return {
		/** A team admin publishes: `values` is the form ({teamId, questionnaireId, closes}). */
		async publishTeamSurvey(
			values: unknown
		): Promise<Result<SignedCampaign, SurveyCommandError<E>>> {
			const parsed = parsePublishForm(values, deps.questionnaireIds(), deps.now());
			if (!parsed.ok) return err({ type: 'publish-form', errors: parsed.error });
			const { teamId, questionnaireId, closesAt } = parsed.value;
			return failed(await deps.publishTeamCampaign(teamId, { questionnaireId, closesAt }));
		},

		/** "You said, we did" for a team campaign, in both languages. */
		async postTeamNotice(
			teamId: string,
			surveyId: string,
			values: unknown
		): Promise<Result<void, SurveyCommandError<E>>> {
			const parsed = parseNoticeForm(values);
			if (!parsed.ok) return err({ type: 'notice-form', errors: parsed.error });
			return failed(await deps.postTeamNotice(teamId, surveyId, parsed.value));
		},

		/**
		 * The person's answer, sealed and sent without a session; `professional` is her choice among
		 * `offered` (null: rather not say).
		 */
		async answerExperienceSurvey(input: {
			readonly invitation: I;
			readonly questionnaire: Questionnaire;
			readonly answers: Answers;
			readonly professional: unknown;
			readonly offered: readonly string[];
		}): Promise<Result<O, SurveyCommandError<E>>> {
			const choice = parseProfessionalChoice(input.professional, input.offered);
			if (!choice.ok) return err({ type: 'unknown-professional' });
			return failed(
				await deps.sendBallot(
					input.invitation,
					input.questionnaire,
					input.answers,
					deps.now(),
					choice.value
				)
			);
		}
	};
}

export type SurveyCommands<E, I, O> = ReturnType<typeof createSurveyCommands<E, I, O>>;

// ---- The account's survey writes -----------------------------------------------------------------

export type SurveyWriteError<E> =
	/** The vault is locked. */
	| { readonly type: 'locked' }
	/** Answers that do not fit the questionnaire, by question. */
	| { readonly type: 'answers'; readonly errors: readonly AnswerError[] }
	/** An assignment's questionnaire or frequency does not parse. */
	| { readonly type: 'assignment-invalid' }
	/** The assignment to end is not there (or not an assignment). */
	| { readonly type: 'assignment-missing' }
	/** The campaign to ask about has closed. */
	| { readonly type: 'campaign-closed' }
	| { readonly type: 'publish-form'; readonly errors: readonly PublishFormError[] }
	| { readonly type: 'notice-form'; readonly errors: readonly NoticeFormError[] }
	/** The vault refused the commit (or the draft). */
	| { readonly type: 'not-saved' }
	/** The sealing and sending operation failed (commands/survey-campaigns.ts `CampaignError`). */
	| { readonly type: 'failed'; readonly error: E };

const assignInputSchema = z.object({
	questionnaireId: z.string().min(1).max(64),
	frequency: frequencySchema,
	/** 'self', or the member id of the professional who assigns it. */
	by: z.string().min(1).max(64)
});
const questionnaireIdSchema = z.string().min(1).max(64);
const closesAtSchema = z.int().positive();

export interface SurveyWriteDeps<E> {
	readonly now: () => number;
	/** The device's time zone (an assignment starts today there). */
	readonly timeZone: () => string;
	readonly newId: () => string;
	/** The open vault, or null while it is locked. */
	readonly vault: () => Vault | null;
	/** Mints a token, seals it to the person's pinned key, writes the invitation in her circle. */
	readonly askCircleOwner: (
		circle: { readonly circleId: string; readonly records: CircleRecords },
		campaign: SignedCampaign
	) => Promise<Result<void, E>>;
	/** Makes the survey key pair, keeps it sealed in the vault, signs and publishes. */
	readonly publishCampaign: (input: {
		readonly questionnaireId: string;
		readonly closesAt: number;
	}) => Promise<Result<SignedCampaign, E>>;
	/** Signs "you said, we did" with this account's identity and posts it. */
	readonly postNotice: (surveyId: string, text: NoticeText) => Promise<Result<void, E>>;
}

export function createSurveyWriteCommands<E>(deps: SurveyWriteDeps<E>) {
	const failed = <T>(r: Result<T, E>): Result<T, SurveyWriteError<E>> =>
		r.ok ? r : err({ type: 'failed', error: r.error });

	return {
		/**
		 * The answers so far, kept as an encrypted draft under `key` (a questionnaire's id, or an
		 * invitation's `experience-<record>`), which the draft also names (read back only under it).
		 */
		async saveDraft(
			key: string,
			answers: Answers,
			index: number
		): Promise<Result<void, SurveyWriteError<E>>> {
			const v = deps.vault();
			if (v === null) return err({ type: 'locked' });
			const plain: Record<string, AnswerValue[]> = {};
			for (const [k, a] of Object.entries(answers)) plain[k] = [...a];
			const draft: SurveyDraft = {
				version: 1,
				questionnaireId: key,
				answers: plain,
				index: Math.max(0, Math.trunc(index))
			};
			return (await v.saveDraft(surveyDraftKey(key), draft))
				? ok(undefined)
				: err({ type: 'not-saved' });
		},

		/** The draft dropped (the answers were sent or saved). */
		async clearDraft(key: string): Promise<Result<void, SurveyWriteError<E>>> {
			const v = deps.vault();
			if (v === null) return err({ type: 'locked' });
			await v.clearDraft(surveyDraftKey(key));
			return ok(undefined);
		},

		/**
		 * A completed questionnaire: checked against the questionnaire, scored by the domain and
		 * saved as ONE `survey-response` record in `surveys`; then its draft is dropped.
		 */
		async submitResponse(
			q: Questionnaire,
			answers: Answers
		): Promise<Result<{ readonly score: Score | null }, SurveyWriteError<E>>> {
			const now = deps.now();
			const built = buildResponse(q, answers, authoredAt(now));
			if (!built.ok) return err({ type: 'answers', errors: built.error });
			const scored = scoreQuestionnaire(q, answers);
			const score = scored.ok ? scored.value : null;
			const body: SavedResponseBody = {
				schemaVersion: 1,
				questionnaireId: q.id,
				response: built.value,
				score
			};
			const v = deps.vault();
			if (v === null) return err({ type: 'locked' });
			const committed = await v.commit([
				{ type: 'put', kind: SURVEY_RESPONSE, category: 'surveys', at: now, body }
			]);
			if (!committed.ok) return err({ type: 'not-saved' });
			await v.clearDraft(surveyDraftKey(q.id));
			return ok({ score });
		},

		/** A questionnaire assigned from today (this device's zone), in `records`' circle. */
		async assign(
			records: CircleRecords,
			input: unknown
		): Promise<Result<void, SurveyWriteError<E>>> {
			const parsed = assignInputSchema.safeParse(input);
			if (!parsed.success) return err({ type: 'assignment-invalid' });
			const now = deps.now();
			const saved = await records.commit([
				{
					type: 'put',
					kind: SURVEY_ASSIGNMENT,
					category: 'surveys',
					at: now,
					body: {
						id: deps.newId(),
						questionnaireId: parsed.data.questionnaireId,
						assignedBy: parsed.data.by,
						frequency: parsed.data.frequency,
						start: localDateOf(now, deps.timeZone()),
						ended: false
					}
				}
			]);
			return saved.ok ? ok(undefined) : err({ type: 'not-saved' });
		},

		/** An assignment ended (kept, marked ended), over the version read. */
		async endAssignment(
			records: CircleRecords,
			recordId: string
		): Promise<Result<void, SurveyWriteError<E>>> {
			const current = await records.get('surveys', recordId);
			const parsed = current === null ? undefined : assignmentsOf([current])[0];
			if (current === null || parsed === undefined) return err({ type: 'assignment-missing' });
			const saved = await records.commit([
				{
					type: 'put',
					id: recordId,
					kind: SURVEY_ASSIGNMENT,
					category: 'surveys',
					at: deps.now(),
					body: { ...parsed.assignment, ended: true },
					expectedHlc: current.hlc
				}
			]);
			return saved.ok ? ok(undefined) : err({ type: 'not-saved' });
		},

		/** The person of `circle` asked to answer `campaign` (an invitation in her circle). */
		async askPerson(
			circle: { readonly circleId: string; readonly records: CircleRecords },
			campaign: SignedCampaign
		): Promise<Result<void, SurveyWriteError<E>>> {
			if (campaign.closesAt <= deps.now()) return err({ type: 'campaign-closed' });
			return failed(await deps.askCircleOwner(circle, campaign));
		},

		/**
		 * An account's experience survey: one of the questionnaires offered (`known`: the page's
		 * list, imported ones included), closing later than now.
		 */
		async publishCampaign(
			input: unknown,
			known: readonly string[]
		): Promise<Result<SignedCampaign, SurveyWriteError<E>>> {
			const fields = z
				.object({ questionnaireId: z.unknown(), closesAt: z.unknown() })
				.safeParse(input);
			const questionnaireId = questionnaireIdSchema.safeParse(fields.data?.questionnaireId);
			const closesAt = closesAtSchema.safeParse(fields.data?.closesAt);
			const errors: PublishFormError[] = [];
			if (!questionnaireId.success || !known.includes(questionnaireId.data))
				errors.push('questionnaire');
			if (!closesAt.success || closesAt.data <= deps.now()) errors.push('closes');
			if (!questionnaireId.success || !closesAt.success || errors.length > 0)
				return err({ type: 'publish-form', errors });
			return failed(
				await deps.publishCampaign({
					questionnaireId: questionnaireId.data,
					closesAt: closesAt.data
				})
			);
		},

		/** "You said, we did" for an account's campaign, in both languages. */
		async postNotice(
			surveyId: string,
			values: unknown
		): Promise<Result<void, SurveyWriteError<E>>> {
			const parsed = parseNoticeForm(values);
			if (!parsed.ok) return err({ type: 'notice-form', errors: parsed.error });
			return failed(await deps.postNotice(surveyId, parsed.value));
		}
	};
}

export type SurveyWriteCommands<E> = ReturnType<typeof createSurveyWriteCommands<E>>;
