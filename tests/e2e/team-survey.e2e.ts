// A care team's experience survey, end to end against the real server, in English and French:
// Monique invites her nurse Anne (questionnaires: write); Anne and Bruno turn professional, Anne
// creates the team and brings Bruno in; Anne publishes the coordination survey FOR THE TEAM from
// the team's "Surveys" section (its keys made on her device, sealed to the team key) and asks
// Monique from Monique's circle; nine other people's ballots are made here (tokens registered with
// Anne's session, answers sealed to the survey key, posted with no cookie); Bruno, who never held
// the survey key, opens the results on his device through the team key: nothing at nine; Monique
// answers through the UI; Bruno sees the results from the tenth answer. Anne publishes "you said,
// we did" signed for the team; Monique sees it (verified) in English, then in French. Axe clean.
import { createHash, randomBytes } from 'node:crypto';
import { expect, request, test } from '@playwright/test';
import * as z from 'zod';
import { sealTo } from '../../src/lib/crypto/sealed-box';
import { expectNoAxeViolations } from './pages/axe';
import { coordinationBallot } from './pages/ballots';
import { newPerson, teamOfTwoInvitedIntoCircle } from './pages/journeys';
import { createShell } from './pages/shell';
import { createSurveysPage } from './pages/surveys-page';
import { createUnlockPage } from './pages/unlock-page';

const SECRET = 'cinq mouettes rient sur le quai';
const TEAM = 'SSIAD des Dunes';
const TITLE = 'Your experience of coordinated care';
const campaignsSchema = z.object({
	campaigns: z.array(
		z.object({ id: z.string(), publicKey: z.string(), team: z.object({ teamId: z.string() }) })
	)
});

test('a team publishes a survey; a colleague sees results from the tenth answer; its signed notice reaches the person', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(480_000);
	const stamp = Date.now().toString(36);
	const monique = await (await browser.newContext()).newPage();
	const anneContext = await browser.newContext();
	const anne = await anneContext.newPage();
	const bruno = await (await browser.newContext()).newPage();

	await newPerson(monique, SECRET, `monique.${stamp}@example.org`);
	await teamOfTwoInvitedIntoCircle({
		person: monique,
		anne: {
			page: anne,
			login: `anne.${stamp}@example.org`,
			grants: { Questionnaires: 'write' },
			role: 'nurse'
		},
		bruno: { page: bruno, login: `bruno.${stamp}@example.org` },
		team: TEAM,
		secret: SECRET,
		personName: 'Monique'
	});

	// Anne publishes for the team, from the team's Surveys section.
	const surveys = anne.getByRole('region', { name: `Surveys of ${TEAM}` });
	await surveys.getByLabel('Survey', { exact: true }).selectOption('coordination');
	await surveys.getByRole('button', { name: 'Publish for the team' }).click();
	await expect(surveys.getByText(/^Published\./u)).toBeVisible({ timeout: 20_000 });
	await expect(surveys.getByRole('link', { name: `Results: ${TITLE}` })).toBeVisible({
		timeout: 20_000
	});
	await expectNoAxeViolations(anne, 'team surveys (en)');

	// …and asks Monique from Monique's circle (the team's campaign, named with the team).
	await anne
		.getByRole('navigation')
		.getByRole('link', { name: /^Circle$/u })
		.first()
		.click();
	await anne.getByRole('link', { name: /^Monique — / }).click({ timeout: 20_000 });
	await anne
		.getByLabel('Survey', { exact: true })
		.selectOption({ label: `${TITLE} (${TEAM})` }, { timeout: 30_000 });
	await anne.getByRole('button', { name: 'Ask Monique to answer' }).click();
	await expect(anne.getByText(/^Asked\. Monique will find the survey/u)).toBeVisible({
		timeout: 20_000
	});

	// Nine other people's ballots.
	const listed = await anneContext.request.get('/api/surveys/campaigns');
	const campaign = campaignsSchema.parse(await listed.json()).campaigns[0];
	if (campaign === undefined) throw new Error('no campaign');
	const tokens = Array.from({ length: 9 }, () => randomBytes(32).toString('base64url'));
	const issued = await anneContext.request.post(`/api/surveys/campaigns/${campaign.id}/tokens`, {
		headers: { origin: baseURL ?? '' },
		data: { tokenHashes: tokens.map((t) => createHash('sha256').update(t, 'utf8').digest('hex')) }
	});
	expect(issued.status()).toBe(201);
	const anonymous = await request.newContext({ baseURL });
	for (const [i, token] of tokens.entries()) {
		const ciphertext = await sealTo(
			campaign.publicKey,
			`survey-ballot/${campaign.id}`,
			coordinationBallot(campaign.id, i % 2 === 0 ? '5' : '4')
		);
		const posted = await anonymous.post('/api/surveys/ballots', {
			headers: { origin: baseURL ?? '' },
			data: { surveyId: campaign.id, token, ciphertext }
		});
		expect(posted.status()).toBe(204);
	}

	// Bruno opens the results on his device, through the team key: nothing at nine.
	const results = `/teams/${campaign.team.teamId}/surveys/${campaign.id}`;
	await bruno.goto(results);
	await createUnlockPage(bruno).unlock(SECRET);
	await expect(bruno.getByText(/^Fewer than 10 answers so far/u)).toBeVisible({ timeout: 30_000 });

	// Monique answers through the UI.
	await createSurveysPage(monique).openFromNav();
	const asked = monique.getByTestId('asked-surveys');
	await expect(asked.getByText('Asked by Anne')).toBeVisible({ timeout: 60_000 });
	await asked.getByRole('link', { name: `Answer anonymously: ${TITLE}` }).click();
	const showAll = monique.getByRole('button', { name: 'Show all questions' });
	if (await showAll.isVisible()) await showAll.click();
	for (const group of await monique.getByRole('group').all()) {
		const radios = group.getByRole('radio');
		if ((await radios.count()) > 0) await radios.first().check();
	}
	await monique.getByRole('button', { name: 'Send my answer anonymously' }).click();
	// Sealing and posting wait for the team's campaign check; seen above 20 s once in a full run.
	await expect(monique.getByText('Your answer was counted. Thank you.')).toBeVisible({
		timeout: 60_000
	});

	// Ten: Bruno sees the results.
	await bruno.reload();
	await createUnlockPage(bruno).unlock(SECRET);
	const tally = bruno.getByTestId('campaign-results');
	await expect(tally.getByText('Answers counted: 10')).toBeVisible({ timeout: 30_000 });
	await expectNoAxeViolations(bruno, 'team results (en)');

	// Anne publishes "you said, we did", signed for the team.
	await anne.goto(results);
	await createUnlockPage(anne).unlock(SECRET);
	await anne
		.getByLabel('In English')
		.fill('You said you repeat your story: we share one summary.', {
			timeout: 30_000
		});
	await anne
		.getByLabel('In French')
		.fill('Vous répétiez votre histoire : nous partageons un seul résumé.');
	await anne.getByRole('button', { name: 'Publish for the team' }).click();
	await expect(anne.getByText('Published and signed for the team.')).toBeVisible({
		timeout: 20_000
	});

	// Monique sees it, verified, in English then in French.
	await monique.getByRole('link', { name: 'Back to the questionnaires' }).click();
	await expect(
		monique.getByText('You said you repeat your story: we share one summary.')
	).toBeVisible({ timeout: 30_000 });
	await expect(monique.getByText(/could not be verified/u)).toHaveCount(0);
	await createShell(monique).languageButton.click();
	await expect(
		monique.getByText('Vous répétiez votre histoire : nous partageons un seul résumé.')
	).toBeVisible();
	await expectNoAxeViolations(monique, 'team notice (fr)');
	await anonymous.dispose();
});
