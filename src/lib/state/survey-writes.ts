// The account's survey writes as the UI sees them (commands/surveys.ts `createSurveyWriteCommands`):
// bound to the app's vault, clock and zone, with the key work of ./survey-campaigns.ts (token
// sealing, campaign keys, signatures) and the one surveys HTTP client injected, so pages and
// components import one name per write and never reach the vault or crypto themselves. The key
// work is imported only when used: a questionnaire's page (drafts, the response) stays as light as
// before.
import { createSurveyWriteCommands } from '$lib/commands/surveys';
import { vault } from './vault.svelte';

const campaigns = async () => {
	const [c, i] = await Promise.all([
		import('./survey-campaigns'),
		import('./survey-invitations.svelte')
	]);
	return { ...c, http: i.surveysHttp };
};

export const surveyWrites = createSurveyWriteCommands({
	now: () => Date.now(),
	timeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone,
	newId: () => crypto.randomUUID(),
	vault: () => (vault.status === 'unlocked' ? vault.vault() : null),
	askCircleOwner: async (circle, campaign) => {
		const c = await campaigns();
		return c.askCircleOwner(vault.vault(), c.http, circle, campaign, Date.now());
	},
	publishCampaign: async (input) => {
		const c = await campaigns();
		return c.publishCampaign(vault.vault(), c.http, { ...input, now: Date.now() });
	},
	postNotice: async (surveyId, text) => {
		const c = await campaigns();
		return c.postNotice(vault.vault(), c.http, surveyId, text, Date.now());
	}
});
