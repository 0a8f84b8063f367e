// Survey writes a page makes, by name (issue 13: every write through commands; issue 15 §5–7):
// a team admin publishes an experience survey for the team, a team member posts "you said, we
// did", the person answers an experience survey (saying, after a visit, who it was with).
// Each parses the form with the domain (domain/surveys/team-forms.ts) and only then calls the one
// operation that seals and sends (injected: state/team-surveys.ts and state/survey-campaigns.ts do
// the key work). Invariants: nothing is sealed or sent when the form does not parse; a
// professional not offered to the person is never put in a ballot.
import type { Answers } from '$lib/domain/surveys/enable-when';
import type { Questionnaire } from '$lib/domain/surveys/fhir';
import type { SignedCampaign } from '$lib/domain/surveys/ballot';
import {
	parseNoticeForm,
	parseProfessionalChoice,
	parsePublishForm,
	type NoticeFormError,
	type NoticeText,
	type PublishFormError,
	type PublishInput
} from '$lib/domain/surveys/team-forms';
import { err, type Result } from '$lib/domain/result';

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
