// The openings the circle and care-team journeys share, as page-model steps (issue 13: one way to
// do each thing): a new person (journal and account), a member invited into a person's circle
// (invited, accepted on her own device, confirmed by the person), and "a team of two invited into
// a circle" (the person's nurse Anne and her colleague Bruno turn professional, Anne creates the
// team and brings Bruno in; optionally the person then invites the whole team). Each step goes
// through the screens, as a person would; nothing is set up behind the app's back.
import type { Page } from '@playwright/test';
import { createAccountPages } from './account';
import { createCirclePages, createJoinPage } from './circle';
import { createTeamsPages } from './teams-page';
import { createWelcomePage } from './welcome-page';

/** A journal made with `secret` and an account under `login`. */
export async function newPerson(page: Page, secret: string, login: string): Promise<void> {
	await createWelcomePage(page).createJournal(secret);
	await createAccountPages(page).createAccount(login);
}

export interface Invitee {
	readonly page: Page;
	/** How the person names her in the circle ("Anne"). */
	readonly name: string;
	readonly login: string;
	readonly grants: Record<string, 'read' | 'write'>;
	readonly role?: string;
}

/**
 * The person (journal and account already made, on any screen of the app) invites `invitee`, who
 * makes her journal and account, accepts under the name `personName`, and the person confirms.
 * Answers the person's circle pages.
 */
export async function inviteIntoCircle(
	person: Page,
	invitee: Invitee,
	options: { readonly secret: string; readonly personName: string }
) {
	const circle = createCirclePages(person);
	await circle.open();
	const link = await circle.invite(invitee.name, invitee.grants, invitee.role);
	await newPerson(invitee.page, options.secret, invitee.login);
	await createJoinPage(invitee.page).accept(link, options.secret, options.personName);
	await circle.refresh();
	await circle.confirm(invitee.name);
	return circle;
}

/**
 * A team of two invited into a circle: the person invites `anne` (her own grants), Anne and
 * `bruno` turn professional, Anne creates `team` and brings Bruno in (invited, joined, confirmed).
 * With `invited`, the person then invites the whole team by its code. Answers each side's pages.
 */
export async function teamOfTwoInvitedIntoCircle(options: {
	readonly person: Page;
	readonly anne: Omit<Invitee, 'name'>;
	readonly bruno: { readonly page: Page; readonly login: string };
	readonly team: string;
	readonly secret: string;
	readonly personName: string;
	readonly invited?: { readonly label: string; readonly categories: readonly string[] };
}) {
	const { secret } = options;
	const circle = await inviteIntoCircle(
		options.person,
		{ ...options.anne, name: 'Anne' },
		{ secret, personName: options.personName }
	);
	const anneTeams = createTeamsPages(options.anne.page, secret);
	await anneTeams.becomeProfessional();
	await newPerson(options.bruno.page, secret, options.bruno.login);
	const brunoTeams = createTeamsPages(options.bruno.page, secret);
	await brunoTeams.becomeProfessional();
	await anneTeams.open();
	await anneTeams.create(options.team, 'Anne');
	const teamLink = await anneTeams.inviteColleague(options.team);
	await brunoTeams.join(teamLink, 'Bruno');
	await anneTeams.open();
	await anneTeams.confirm(options.team, 'Bruno');
	if (options.invited !== undefined) {
		const code = await anneTeams.code(options.team);
		await circle.refresh();
		await createTeamsPages(options.person, secret).inviteTeamToCircle(
			code,
			options.invited.label,
			options.invited.categories
		);
	}
	return { circle, anneTeams, brunoTeams };
}
