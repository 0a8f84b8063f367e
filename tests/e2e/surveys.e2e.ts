// Surveys, in English and in French: a person answers WHO-5 and sees her score and what it means,
// then finds it among her past scores; on PHQ-9, answering item 9 above 0 shows at once, before
// any score, who to call now (France and UK) and that answers are not watched in real time, and
// the result repeats it first. axe finds nothing at any step.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './pages/axe';
import { createSurveysPage } from './pages/surveys-page';
import { createWelcomePage } from './pages/welcome-page';

const SECRET = 'le vent souffle sur la colline';

async function useLocale(page: Page, locale: 'en' | 'fr'): Promise<void> {
	await page.addInitScript((value) => {
		if (localStorage.getItem('PARAGLIDE_LOCALE') === null) {
			localStorage.setItem('PARAGLIDE_LOCALE', value);
		}
	}, locale);
}

const CASES = {
	en: {
		importError: 'This file is not a valid questionnaire',
		who5: 'WHO-5 wellbeing',
		who5Items: [
			'I have felt cheerful and in good spirits',
			'I have felt calm and relaxed',
			'I have felt active and vigorous',
			'I woke up feeling fresh and rested',
			'My daily life has been filled with things that interest me'
		],
		lessThanHalf: 'Less than half of the time',
		score40: 'Score: 40 out of 100',
		poor: /Your wellbeing is low at the moment/u,
		history: /WHO-5 wellbeing, .+: 40 out of 100/u,
		required: 'Please answer this question.',
		phq9: 'PHQ-9 mood',
		item9: /better off dead/u,
		several: 'Several days',
		notAtAll: 'Not at all',
		notWatched: /does not watch answers in real time/u,
		score1: 'Score: 1 out of 27',
		minimal: /Few or no signs of depression/u,
		carer: 'Carer check-in',
		moreThanHalf: 'More than half of the time',
		carerOwn: [
			[/time for yourself/u, 'Some, but not enough'],
			[/supported in your role/u, 'Partly'],
			[/affected your own health/u, 'A little']
		],
		help: 'What would help you most right now?',
		score60: 'Score: 60 out of 100',
		good: /usual range/u
	},
	fr: {
		importError: 'Ce fichier n’est pas un questionnaire valide',
		who5: 'Bien-être (WHO-5)',
		who5Items: [
			'Je me suis senti(e) bien et de bonne humeur',
			'Je me suis senti(e) calme et tranquille',
			'Je me suis senti(e) plein(e) d’énergie et vigoureux(se)',
			'Je me suis réveillé(e) en me sentant frais(che) et dispos(e)',
			'Ma vie quotidienne a été remplie de choses intéressantes'
		],
		lessThanHalf: 'Moins de la moitié du temps',
		score40: 'Score\u202f: 40 sur 100',
		poor: /Votre bien-être est bas en ce moment/u,
		history: /Bien-être \(WHO-5\), .+\u202f: 40 sur 100/u,
		required: 'Merci de répondre à cette question.',
		phq9: 'Humeur (PHQ-9)',
		item9: /vaudrait mieux mourir/u,
		several: 'Plusieurs jours',
		notAtAll: 'Jamais',
		notWatched: /ne surveille pas les réponses en temps réel/u,
		score1: 'Score\u202f: 1 sur 27',
		minimal: /Peu ou pas de signes de dépression/u,
		carer: 'Point aidant',
		moreThanHalf: 'Plus de la moitié du temps',
		carerOwn: [
			[/du temps pour vous/u, 'Un peu, mais pas assez'],
			[/soutenu\(e\) dans votre rôle/u, 'En partie'],
			[/votre propre santé/u, 'Un peu']
		],
		help: 'Qu’est-ce qui vous aiderait le plus en ce moment\u202f?',
		score60: 'Score\u202f: 60 sur 100',
		good: /moyenne habituelle/u
	}
} as const;

for (const locale of ['en', 'fr'] as const) {
	const c = CASES[locale];

	test(`a person answers WHO-5 and sees her score and its meaning (${locale})`, async ({
		page
	}) => {
		await useLocale(page, locale);
		const welcome = createWelcomePage(page);
		const surveys = createSurveysPage(page);
		await welcome.createJournal(SECRET);
		await surveys.openFromNav();
		await expectNoAxeViolations(page, `surveys list (${locale})`);

		// A questionnaire imported from a file with a mistake is refused, naming the item.
		const who5Text = readFileSync('src/lib/content/surveys/who5.json', 'utf8');
		await page.locator('#survey-file').setInputFiles({
			name: 'team-who5.json',
			mimeType: 'application/json',
			buffer: Buffer.from(who5Text.replace('"linkId": "who5-2"', '"linkId": "who5-1"'))
		});
		await expect(page.getByTestId('survey-import-error')).toContainText(c.importError);
		await expect(page.getByTestId('survey-import-error')).toContainText(
			'item "who5-1": duplicate linkId "who5-1"'
		);
		await expectNoAxeViolations(page, `surveys import error (${locale})`);

		await surveys.open(c.who5);
		// Errors come by the question, in the person's language.
		await surveys.submit();
		await expect(surveys.question(c.who5Items[0])).toContainText(c.required);
		await expectNoAxeViolations(page, `WHO-5 with errors (${locale})`);
		for (const item of c.who5Items) await surveys.answer(item, c.lessThanHalf);
		await surveys.submit();

		await expect(surveys.result).toContainText(c.score40);
		await expect(surveys.result).toContainText(c.poor);
		await expect(surveys.safety).toHaveCount(0);
		await expectNoAxeViolations(page, `WHO-5 result (${locale})`);

		await page
			.getByRole('link', { name: /Back to the questionnaires|Retour aux questionnaires/u })
			.click();
		await expect(surveys.history).toContainText(c.history);
		await expect(surveys.history).toContainText(c.poor);
	});

	test(`PHQ-9 item 9 shows who to call at once, before the score (${locale})`, async ({ page }) => {
		await useLocale(page, locale);
		const welcome = createWelcomePage(page);
		const surveys = createSurveysPage(page);
		await welcome.createJournal(SECRET);
		await surveys.openFromNav();
		await surveys.open(c.phq9);

		await expect(surveys.safety).toHaveCount(0);
		await surveys.answer(c.item9, c.several);
		await expect(surveys.safety).toBeVisible();
		await expect(surveys.safety).toContainText(c.notWatched);
		for (const number of ['3114', '15', '999', '111', '116123']) {
			await expect(surveys.safety.locator(`a[href="tel:${number}"]`)).toBeVisible();
		}
		await expect(surveys.result).toHaveCount(0);
		await expectNoAxeViolations(page, `PHQ-9 safety message (${locale})`);

		const groups = page.locator('main fieldset');
		const count = await groups.count();
		for (let i = 0; i < 8; i++) {
			await groups.nth(i).getByRole('radio', { name: c.notAtAll, exact: true }).check();
		}
		expect(count).toBe(10);
		await surveys.submit();
		await expect(surveys.result).toContainText(c.score1);
		await expect(surveys.result).toContainText(c.minimal);
		// The safety message comes first in the result, before the score.
		const safetyBox = await surveys.result.getByTestId('safety').boundingBox();
		const scoreBox = await surveys.result.getByText(c.score1).boundingBox();
		expect(safetyBox && scoreBox && safetyBox.y < scoreBox.y).toBe(true);
		await expectNoAxeViolations(page, `PHQ-9 result (${locale})`);
	});

	test(`a carer answers the carer check-in and sees her own wellbeing score (${locale})`, async ({
		page
	}) => {
		await useLocale(page, locale);
		const welcome = createWelcomePage(page);
		const surveys = createSurveysPage(page);
		await welcome.createJournal(SECRET);
		await surveys.openFromNav();
		await surveys.open(c.carer);
		for (const item of c.who5Items) await surveys.answer(item, c.moreThanHalf);
		for (const [question, option] of c.carerOwn) await surveys.answer(question, option);
		await page.getByLabel(c.help).fill('Une nuit de répit par semaine');
		await expectNoAxeViolations(page, `carer check-in (${locale})`);
		await surveys.submit();
		await expect(surveys.result).toContainText(c.score60);
		await expect(surveys.result).toContainText(c.good);
		await expectNoAxeViolations(page, `carer check-in result (${locale})`);
	});
}
