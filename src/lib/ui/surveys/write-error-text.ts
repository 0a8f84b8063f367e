// Words for the account's survey writes (commands/surveys.ts `SurveyWriteError`), once, by an
// exhaustive switch: what failed is said in the words of the action the person took (`action`),
// and a refusal of the key work (commands/survey-campaigns.ts `CampaignError`) by its kind.
import { m } from '$lib/paraglide/messages.js';
import type { SurveyWriteError } from '$lib/commands/surveys';
import type { CampaignError } from '$lib/commands/survey-campaigns';
import type { NoticeFormError } from '$lib/domain/surveys/team-forms';

/** What is wrong with a "you said, we did" notice (an account's or a team's: one form). */
export function noticeFormText(errors: readonly NoticeFormError[]): string {
	return errors
		.map((e) => {
			switch (e) {
				case 'en-missing':
					return m.surveys3_notice_en_missing();
				case 'fr-missing':
					return m.surveys3_notice_fr_missing();
				case 'too-long':
					return m.surveys3_notice_too_long();
			}
		})
		.join(' ');
}

export type SurveyWriteAction = 'response' | 'assign' | 'ask' | 'publish' | 'notice';

/** The action's own words for "it did not go through". */
function notDone(action: SurveyWriteAction): string {
	switch (action) {
		case 'response':
			return m.surveys_error_not_saved();
		case 'assign':
			return m.surveys_assign_error();
		case 'ask':
			return m.surveys_ask_error();
		case 'publish':
			return m.surveys_campaigns_error();
		case 'notice':
			return m.surveys_notice_error();
	}
}

function campaignErrorText(
	error: CampaignError,
	action: SurveyWriteAction,
	person: string
): string {
	switch (error.type) {
		case 'owner-unverified':
			return m.surveys_ask_unverified({ name: person });
		case 'locked':
		case 'not-saved':
		case 'key-missing':
		case 'offline':
		case 'invalid-response':
		case 'token-refused':
		case 'http':
			return notDone(action);
	}
}

/** `person`: who was asked (named in a refusal of her keys). */
export function surveyWriteErrorText(
	error: SurveyWriteError<CampaignError>,
	action: SurveyWriteAction,
	person = ''
): string {
	switch (error.type) {
		case 'locked':
		case 'not-saved':
		case 'assignment-invalid':
		case 'assignment-missing':
			return notDone(action);
		case 'answers':
			return m.surveys_errors_summary();
		case 'campaign-closed':
			return m.surveys_asked_closed();
		case 'publish-form':
			return error.errors
				.map((e) =>
					e === 'questionnaire'
						? m.surveys3_publish_questionnaire_invalid()
						: m.surveys_campaigns_closes_invalid()
				)
				.join(' ');
		case 'notice-form':
			return noticeFormText(error.errors);
		case 'failed':
			return campaignErrorText(error.error, action, person);
	}
}
