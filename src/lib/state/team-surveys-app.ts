// Team surveys as the UI sees them: binds ./team-surveys.ts (the key work) and the survey commands
// (src/lib/commands/surveys.ts: parse, then seal and send) to the app's vault, team commands and
// the one surveys HTTP client, so pages import one name per command. The team key rotations a page
// starts go through `rotateKeepingCampaigns`, so the team's campaigns stay readable.
import { createSurveyCommands } from '$lib/commands/surveys';
import { TEAM_SURVEYS } from '$lib/domain/surveys/team-forms';
import type { Answers } from '$lib/domain/surveys/enable-when';
import type { Questionnaire } from '$lib/domain/surveys/fhir';
import type { Invitation } from '$lib/commands/survey-campaigns';
import { sendBallot } from './survey-campaigns';
import { surveysHttp } from './survey-invitations.svelte';
import { createTeamSurveys } from './team-surveys';
import { teamCommands } from './teams.svelte';
import { vault } from './vault.svelte';

export const teamSurveys = createTeamSurveys({
	vault: () => vault.vault(),
	http: surveysHttp,
	teamKey: teamCommands.teamKey,
	now: () => Date.now()
});

export const surveyCommands = createSurveyCommands({
	now: () => Date.now(),
	questionnaireIds: () => TEAM_SURVEYS,
	publishTeamCampaign: (teamId, input) => teamSurveys.publishTeamCampaign(teamId, input),
	postTeamNotice: (teamId, surveyId, text) => teamSurveys.postTeamNotice(teamId, surveyId, text),
	sendBallot: (
		invitation: Invitation,
		questionnaire: Questionnaire,
		answers: Answers,
		now: number,
		professional: string | null
	) => sendBallot(vault.vault(), surveysHttp, invitation, questionnaire, answers, now, professional)
});

/** Removes a colleague (an admin's device rotates at once), carrying the team's campaigns over. */
export const removeKeepingSurveys = (teamId: string, accountId: string, rotateAfter: boolean) =>
	rotateAfter
		? teamSurveys.rotateKeepingCampaigns(teamId, () =>
				teamCommands.removeFromTeam(teamId, accountId, true)
			)
		: teamCommands.removeFromTeam(teamId, accountId, false);

/** The team key rotation after someone left, carrying the team's campaigns over. */
export const rotateKeepingSurveys = (teamId: string) =>
	teamSurveys.rotateKeepingCampaigns(teamId, () => teamCommands.rotateTeamKey(teamId));
