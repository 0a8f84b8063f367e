// The screens' wiring of anonymous experience surveys (logic in ./survey-campaigns.ts): the one
// HTTP client of surveys bound to `fetch`, the person's invitations kept live (a new invitation
// arrives by the circle's sync into the `surveys` category), the notices of each verified
// campaign, and the names of who asked. Call the factories during component initialisation.
import type { SignedCampaign } from '$lib/domain/surveys/ballot';
import { SURVEY_INVITATION } from '$lib/domain/surveys/ballot';
import { account } from './account.svelte';
import { loadCircle } from './circle.svelte';
import type { Invitation } from '$lib/commands/survey-campaigns';
import { campaignNotices, myInvitations, type VerifiedNotice } from './survey-campaigns';
import { createSurveysHttp } from '$lib/sync/surveys-http';
import { liveRecords, vault } from './vault.svelte';

export const surveysHttp = createSurveysHttp((input, init) => fetch(input, init));

export type NoticesState =
	| { readonly status: 'loading' }
	| { readonly status: 'error' }
	| { readonly status: 'ready'; readonly notices: readonly VerifiedNotice[] };

/** The person's invitations (verified against pins), live, with who asked and the notices. */
export function createInvitations() {
	const records = liveRecords(() => ({ category: 'surveys', kinds: [SURVEY_INVITATION] }));
	let list = $state.raw<readonly Invitation[] | null>(null);
	let names = $state.raw<Readonly<Record<string, string>>>({});
	let notices = $state.raw<Readonly<Record<string, NoticesState>>>({});
	let version = $state(0);

	$effect(() => {
		// Re-read when the invitations change (a sync brought one) or on `refresh`.
		const seen = [records.current, version];
		const circleId = account.account?.circleId;
		if (vault.status !== 'unlocked' || circleId === undefined) return;
		const run = { cancelled: false, seen };
		const stopped = () => run.cancelled;
		void myInvitations(vault.vault(), circleId).then(async (found) => {
			if (stopped()) return;
			list = found;
			for (const i of found.filter((x) => x.verified)) void loadNotices(i.campaign);
			if (found.length > 0) {
				const circle = await loadCircle(circleId);
				if (!stopped() && circle.ok)
					names = Object.fromEntries(circle.value.members.map((mb) => [mb.accountId, mb.label]));
			}
		});
		return () => {
			run.cancelled = true;
		};
	});

	async function loadNotices(c: SignedCampaign) {
		notices = { ...notices, [c.id]: { status: 'loading' } };
		const r = await campaignNotices(surveysHttp, c);
		notices = {
			...notices,
			[c.id]: r.ok ? { status: 'ready', notices: r.value } : { status: 'error' }
		};
	}

	return {
		get all(): readonly Invitation[] | null {
			return list;
		},
		nameOf: (accountId: string | null) => (accountId === null ? null : (names[accountId] ?? null)),
		noticesOf: (surveyId: string): NoticesState => notices[surveyId] ?? { status: 'loading' },
		refresh() {
			version += 1;
		}
	};
}
