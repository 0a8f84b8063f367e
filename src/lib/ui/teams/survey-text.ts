// Words for team surveys (FR/EN): every failure of a team survey or a survey command, once, by an
// exhaustive switch over the unions (state/team-surveys.ts, commands/surveys.ts).
import { m } from '$lib/paraglide/messages.js';
import type { SurveyCommandError } from '$lib/commands/surveys';
import { noticeFormText } from '$lib/ui/surveys/write-error-text';
import type { TeamSurveyError } from '$lib/commands/team-surveys';
import type { TeamCampaignStatus } from '$lib/state/team-surveys';

export function teamSurveyErrorText(error: TeamSurveyError): string {
	switch (error.type) {
		case 'offline':
			return m.surveys3_offline();
		case 'team-key':
		case 'locked':
		case 'owner-unverified':
		case 'key-missing':
			return m.surveys3_team_key_error();
		case 'not-admin':
			return m.surveys3_publish_not_admin();
		case 'rotation-pending':
			return m.surveys3_publish_rotation();
		case 'old-team-key':
			return m.surveys3_status_old_key();
		case 'unverified':
			return m.surveys3_status_unverified();
		case 'not-found':
		case 'not-saved':
		case 'invalid-response':
		case 'token-refused':
		case 'http':
			return m.surveys3_error();
	}
}

export function surveyCommandErrorText(error: SurveyCommandError<TeamSurveyError>): string {
	switch (error.type) {
		case 'publish-form':
			return error.errors
				.map((e) =>
					e === 'questionnaire'
						? m.surveys3_publish_questionnaire_invalid()
						: m.surveys3_publish_closes_invalid()
				)
				.join(' ');
		case 'notice-form':
			return noticeFormText(error.errors);
		case 'unknown-professional':
			return m.surveys3_professional_unknown();
		case 'failed':
			return teamSurveyErrorText(error.error);
	}
}

/** What a member reads about a campaign that is not ready (null when it is). */
export function campaignStatusText(status: TeamCampaignStatus): string | null {
	switch (status) {
		case 'ready':
			return null;
		case 'old-team-key':
			return m.surveys3_status_old_key();
		case 'unverified':
			return m.surveys3_status_unverified();
	}
}
