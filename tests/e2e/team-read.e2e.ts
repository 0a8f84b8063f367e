// A care team reads a person's circle (issue 14 §1), three browser contexts against the real
// server: Monique invites her nurse Anne herself (care plan: read); Anne and Bruno turn their
// accounts professional (second factor on), Anne creates the team and brings Bruno in by link;
// Monique invites the whole team for her symptoms with the team code. Each nurse finds Monique in
// "People I help" and opens her summary with the symptoms readable (Bruno through the team only);
// Anne removes Bruno: he loses Monique at once, while Anne, after Monique's device re-shared with
// the new team key, still reads, offline too (the team key kept sealed on her device). Monique's
// access log names "Bruno (Infirmières du Port)". Axe clean on the new states; Bruno's removal is
// checked in French.
import { expect, test, type Page } from '@playwright/test';
import { createAccountPages } from './pages/account';
import { expectNoAxeViolations } from './pages/axe';
import { createJournalPages } from './pages/journal-pages';
import { newPerson, teamOfTwoInvitedIntoCircle } from './pages/journeys';
import { createShell } from './pages/shell';

const SECRET = 'quatre chats dorment au soleil';
const TEAM = 'SSIAD du Port';
const TEAM_LABEL = 'Infirmières du Port';

/** "People I help", then Monique's summary; answers the summary's address. */
async function openMoniqueSummary(page: Page): Promise<string> {
	await createJournalPages(page, SECRET).open('/helping');
	const name = page.getByRole('heading', { level: 3, name: 'Monique' });
	await expect(name).toBeVisible({ timeout: 30_000 });
	await name.getByRole('link').click();
	await expect(page.getByRole('heading', { level: 1, name: 'Summary: Monique' })).toBeVisible({
		timeout: 30_000
	});
	return new URL(page.url()).pathname;
}

test('a person invites a team of two; each nurse reads her summary; one is removed, the other still reads', async ({
	browser
}) => {
	test.setTimeout(480_000);
	const stamp = Date.now().toString(36);
	const monique = await (await browser.newContext()).newPage();
	const anne = await (await browser.newContext()).newPage();
	const bruno = await (await browser.newContext()).newPage();

	// Monique: journal, account, one symptom.
	await newPerson(monique, SECRET, `monique.${stamp}@example.org`);
	await createAccountPages(monique).navigate('Today');
	await createJournalPages(monique, SECRET).quickLogSymptom(/^Fatigue$/u);
	await createAccountPages(monique).expectSynced();

	// She invites Anne as her nurse (care plan: read); Anne and Bruno become professionals, Anne
	// creates the team and brings Bruno in; Monique invites the whole team for her symptoms.
	const { circle, anneTeams } = await teamOfTwoInvitedIntoCircle({
		person: monique,
		anne: {
			page: anne,
			login: `anne.${stamp}@example.org`,
			grants: { 'Plan & tasks': 'read' },
			role: 'nurse'
		},
		bruno: { page: bruno, login: `bruno.${stamp}@example.org` },
		team: TEAM,
		secret: SECRET,
		personName: 'Monique',
		invited: { label: TEAM_LABEL, categories: ['Symptoms'] }
	});
	await expectNoAxeViolations(anne, 'a team with two members (en)');

	// Anne (in the circle herself, so her device vouches for Monique) and Bruno both read.
	const summary = await openMoniqueSummary(anne);
	await expect(anne.getByText('Symptoms: not shared with you')).toBeHidden();
	await expect(anne.getByText('Medicines: not shared with you')).toBeVisible();
	await openMoniqueSummary(bruno);
	await expect(bruno.getByText('Symptoms: not shared with you')).toBeHidden();
	await expect(bruno.getByText('Care plan and tasks: not shared with you')).toBeVisible();
	await expectNoAxeViolations(bruno, 'summary read through a team (en)');

	// Anne removes Bruno: access through the team ends at once; her device changes the team key.
	await anneTeams.open();
	await anneTeams.remove(TEAM, 'Bruno');

	// Bruno, in French: Monique's row says in words that he is out, and her summary too.
	await createJournalPages(bruno, SECRET).open('/helping');
	await createShell(bruno).languageButton.click();
	await expect(
		bruno.getByText(/^Monique\s*:\s*Vous ne faites plus partie de ce cercle/u)
	).toBeVisible({
		timeout: 30_000
	});
	await expect(bruno.getByRole('heading', { level: 3, name: 'Monique' })).toBeHidden();
	await createJournalPages(bruno, SECRET).open(summary);
	await expect(bruno.getByText(/Vous ne faites plus partie de ce cercle/u)).toBeVisible({
		timeout: 30_000
	});
	await expectNoAxeViolations(bruno, 'removed from the team (fr)');

	// Monique opens her circle: her device checks the new team key and shares with it again.
	await circle.refresh();
	await expect(monique.getByRole('alert').filter({ hasText: /team/u })).toHaveCount(0);
	// Anne still reads Monique's symptoms through the team (once Monique's device re-shared).
	await expect(async () => {
		await createJournalPages(anne, SECRET).open(summary);
		await expect(anne.getByRole('heading', { level: 1, name: 'Summary: Monique' })).toBeVisible({
			timeout: 20_000
		});
		await expect(anne.getByText('Symptoms: not shared with you')).toBeHidden();
	}).toPass({ timeout: 90_000 });

	// Offline, Anne's device opens Monique's summary again from the team key it keeps sealed
	// (without it, her own grant alone would say her symptoms are not shared).
	await anne.context().setOffline(true);
	await anne
		.getByRole('navigation')
		.getByRole('link', { name: /^People I help$/u })
		.first()
		.click();
	const offlineRow = anne.getByRole('heading', { level: 3, name: 'Monique' });
	await expect(offlineRow).toBeVisible({ timeout: 30_000 });
	await offlineRow.getByRole('link').click();
	await expect(anne.getByRole('heading', { level: 1, name: 'Summary: Monique' })).toBeVisible({
		timeout: 30_000
	});
	await expect(anne.getByText('Medicines: not shared with you')).toBeVisible({ timeout: 20_000 });
	await expect(anne.getByText('Symptoms: not shared with you')).toBeHidden();
	await expectNoAxeViolations(anne, 'summary read through a team, offline (en)');
	await anne.context().setOffline(false);

	// Monique's access log names the individual and the team.
	await monique.getByRole('button', { name: 'Show the access log' }).click();
	const log = monique.getByRole('list', { name: 'Access log' });
	await expect(
		log.getByText(new RegExp(`^Bruno \\(${TEAM_LABEL}\\) received your`, 'u')).first()
	).toBeVisible({
		timeout: 20_000
	});
	await expect(
		log.getByText(new RegExp(`^Anne \\(${TEAM_LABEL}\\) received your`, 'u')).first()
	).toBeVisible();
	await expectNoAxeViolations(monique, 'access log naming a team member (en)');
});
