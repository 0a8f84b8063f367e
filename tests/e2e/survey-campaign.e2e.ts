// An anonymous experience survey, end to end, in English and in French, against the real server:
// the person (Odette) invites a nurse (Inès) with write on questionnaires; Inès publishes the
// coordination survey (a survey key made and signed on her device) and asks Odette from her
// circle's page; nine other people's ballots are made here for speed (tokens registered with Inès's
// session, answers sealed to the survey key, posted with no cookie); Inès sees nothing at nine;
// Odette answers through the UI (sent without a session) and is told it was counted; Inès then
// sees the results from the tenth answer, and publishes "you said, we did" in both languages;
// Odette sees it in English, then in French. A reused token is refused. axe finds nothing.
import { createHash, randomBytes } from 'node:crypto';
import { expect, request, test, type Page } from '@playwright/test';
import * as z from 'zod';
import { sealTo } from '../../src/lib/crypto/sealed-box';
import { expectNoAxeViolations } from './pages/axe';
import { coordinationBallot } from './pages/ballots';
import { inviteIntoCircle, newPerson } from './pages/journeys';
import { createShell } from './pages/shell';
import { createSurveysPage } from './pages/surveys-page';
import { createUnlockPage } from './pages/unlock-page';
import { createWelcomePage } from './pages/welcome-page';

const SECRET = 'trois hérons guettent la rivière';
const campaignsSchema = z.object({
	campaigns: z.array(z.object({ id: z.string(), publicKey: z.string() }))
});

async function toSurveys(page: Page): Promise<void> {
	await createSurveysPage(page).openFromNav();
}

test('ten people answer an anonymous survey; results from the tenth; "you said, we did" reaches them', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(300_000);
	const stamp = Date.now().toString(36);
	const person = await (await browser.newContext()).newPage();
	const nurseContext = await browser.newContext();
	const nurse = await nurseContext.newPage();

	// Odette: journal, account, an invitation for Inès with write on questionnaires; Inès accepts,
	// Odette confirms.
	await newPerson(person, SECRET, `odette.${stamp}@example.org`);
	await inviteIntoCircle(
		person,
		{
			page: nurse,
			name: 'Inès',
			login: `ines.${stamp}@example.org`,
			grants: { Questionnaires: 'write' }
		},
		{ secret: SECRET, personName: 'Odette' }
	);

	// Inès publishes the coordination survey.
	await nurse.getByRole('link', { name: /^Go to my circle$/u }).click();
	await toSurveys(nurse);
	await nurse.getByRole('link', { name: 'Experience surveys you publish' }).click();
	await expect(nurse.getByRole('heading', { level: 1 })).toHaveText(
		'Experience surveys you publish'
	);
	await nurse.getByLabel('Questionnaire').selectOption('coordination');
	await nurse.getByRole('button', { name: 'Publish' }).click();
	await expect(nurse.getByText('The survey is published.')).toBeVisible({ timeout: 20_000 });
	await expectNoAxeViolations(nurse, 'campaigns (en)');

	// …and asks Odette from Odette's circle.
	await nurse
		.getByRole('navigation')
		.getByRole('link', { name: /^Circle$/u })
		.first()
		.click();
	await nurse.getByRole('link', { name: /^Odette — / }).click({ timeout: 20_000 });
	await nurse.getByRole('button', { name: 'Ask Odette to answer' }).click({ timeout: 30_000 });
	await expect(nurse.getByText(/^Asked\. Odette will find the survey/u)).toBeVisible({
		timeout: 20_000
	});

	// Nine other people's ballots, made here: tokens registered with Inès's session, answers sealed
	// to the survey key and posted without any cookie.
	const listed = await nurseContext.request.get('/api/surveys/campaigns');
	const { campaigns } = campaignsSchema.parse(await listed.json());
	const campaign = campaigns[0];
	if (campaign === undefined) throw new Error('no campaign');
	const tokens = Array.from({ length: 9 }, () => randomBytes(32).toString('base64url'));
	const issued = await nurseContext.request.post(`/api/surveys/campaigns/${campaign.id}/tokens`, {
		headers: { origin: baseURL ?? '' },
		data: {
			tokenHashes: tokens.map((t) => createHash('sha256').update(t, 'utf8').digest('hex'))
		}
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
	// A token counts once.
	const again = await anonymous.post('/api/surveys/ballots', {
		headers: { origin: baseURL ?? '' },
		data: { surveyId: campaign.id, token: tokens[0], ciphertext: 'AAAA' }
	});
	expect(again.status()).toBe(410);

	// Nine answers: nothing is shown.
	await nurse.goto(`/surveys/campaigns/${campaign.id}`);
	await createUnlockPage(nurse).unlock(SECRET);
	await expect(nurse.getByText(/^Fewer than 10 answers so far/u)).toBeVisible({ timeout: 20_000 });
	await expect(nurse.getByText(/^Answers counted/u)).toHaveCount(0);

	// Odette finds the survey on her Surveys page and answers through the UI.
	await toSurveys(person);
	const asked = person.getByTestId('asked-surveys');
	await expect(asked.getByText('Asked by Inès')).toBeVisible({ timeout: 60_000 });
	await expectNoAxeViolations(person, 'asked surveys (en)');
	await asked
		.getByRole('link', { name: 'Answer anonymously: Your experience of coordinated care' })
		.click();
	await expect(person.getByRole('heading', { level: 1 })).toHaveText(
		'Your experience of coordinated care'
	);
	const showAll = person.getByRole('button', { name: 'Show all questions' });
	if (await showAll.isVisible()) await showAll.click();
	for (const group of await person.getByRole('group').all()) {
		const radios = group.getByRole('radio');
		if ((await radios.count()) > 0) await radios.first().check();
	}
	await expectNoAxeViolations(person, 'anonymous answer (en)');
	await person.getByRole('button', { name: 'Send my answer anonymously' }).click();
	await expect(person.getByText('Your answer was counted. Thank you.')).toBeVisible({
		timeout: 20_000
	});

	// Ten answers: Inès sees the results, computed on her device.
	await nurse.reload();
	await createUnlockPage(nurse).unlock(SECRET);
	const results = nurse.getByTestId('campaign-results');
	await expect(results.getByText('Answers counted: 10')).toBeVisible({ timeout: 20_000 });
	await expect(results.getByText(/^Overall score: \d+ out of 100$/u)).toBeVisible();
	await expectNoAxeViolations(nurse, 'results (en)');

	// "You said, we did", in both languages.
	await nurse
		.getByLabel('In English')
		.fill('You told us you had to repeat your story: we now share one summary.');
	await nurse
		.getByLabel('In French')
		.fill('Vous deviez répéter votre histoire : nous partageons maintenant un seul résumé.');
	await nurse.getByRole('button', { name: 'Publish the notice' }).click();
	await expect(nurse.getByText('The notice is published.')).toBeVisible();
	await createShell(nurse).languageButton.click();
	await expect(results.getByText('Réponses comptées : 10')).toBeVisible();
	await expectNoAxeViolations(nurse, 'results (fr)');

	// Odette sees it on her Surveys page, in English then in French.
	await person.getByRole('link', { name: 'Back to the questionnaires' }).click();
	await expect(person.getByText('You said, we did')).toBeVisible({ timeout: 20_000 });
	await expect(
		person.getByText('You told us you had to repeat your story: we now share one summary.')
	).toBeVisible();
	await expect(person.getByText('Your answer was counted. Thank you.')).toBeVisible();
	await createShell(person).languageButton.click();
	await expect(person.getByText('Vous avez dit, nous avons fait')).toBeVisible();
	await expect(
		person.getByText(
			'Vous deviez répéter votre histoire : nous partageons maintenant un seul résumé.'
		)
	).toBeVisible();
	await expectNoAxeViolations(person, 'asked surveys (fr)');
	await anonymous.dispose();
});

test('a questionnaire assigned every two weeks is due on Today, in English and in French', async ({
	page
}) => {
	test.setTimeout(120_000);
	await createWelcomePage(page).createJournal(SECRET);
	await toSurveys(page);
	const assign = page.getByRole('region', { name: 'Questionnaires to answer regularly' });
	await assign.getByLabel('Questionnaire', { exact: true }).selectOption('who5');
	await assign.getByLabel('How often').selectOption('every-weeks');
	await assign.getByLabel('Number of weeks').fill('2');
	await assign.getByRole('button', { name: 'Assign' }).click();
	await expect(assign.getByText('Assigned. It appears on Today when it is due.')).toBeVisible();
	await expect(assign.getByText('WHO-5 wellbeing: every 2 weeks')).toBeVisible();
	await expectNoAxeViolations(page, 'assign (en)');

	await page
		.getByRole('navigation')
		.getByRole('link', { name: /^Today$/u })
		.click();
	const due = page.getByRole('region', { name: 'Questionnaires to answer' });
	await expect(due.getByRole('link', { name: /^WHO-5 wellbeing, due since /u })).toBeVisible();
	await expectNoAxeViolations(page, 'today with a due questionnaire (en)');
	await createShell(page).languageButton.click();
	await expect(
		page
			.getByRole('region', { name: 'Questionnaires à remplir' })
			.getByRole('link', { name: /^Bien-être \(WHO-5\), à remplir depuis le /u })
	).toBeVisible();
	await expectNoAxeViolations(page, 'today with a due questionnaire (fr)');
	await page.getByRole('link', { name: /^Bien-être \(WHO-5\), à remplir depuis le /u }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bien-être (WHO-5)');
});
