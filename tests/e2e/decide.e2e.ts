// Decide, in English and in French: step through a decision aid (progress shown, option grid as
// a real table, icon arrays with their numbers in words), leave and come back (the encrypted
// draft survives locking), answer SURE below 4 (talk it through), save the decision record and
// open its printable page; without an account, "Share with my circle" says sharing needs an
// account and a circle and links to Settings and the Circle page (no dead disabled button). axe
// finds nothing at any step, icon arrays included. With an account (two browser contexts): nobody
// can read decisions yet, then the doctor given "Decisions" is named, and the saved record is sent.
import { expect, test, type Page } from '@playwright/test';
import { createAccountPages } from './pages/account';
import { expectNoAxeViolations } from './pages/axe';
import { createCirclePages, createJoinPage } from './pages/circle';
import { createDecidePage, type DecidePage } from './pages/decide-page';
import { createShell } from './pages/shell';
import { createUnlockPage } from './pages/unlock-page';
import { createWelcomePage } from './pages/welcome-page';

const SECRET = 'le vent souffle sur la colline';
const AID = 'statin-primary-prevention';

async function useLocale(page: Page, locale: 'en' | 'fr'): Promise<void> {
	await page.addInitScript((value) => {
		if (localStorage.getItem('PARAGLIDE_LOCALE') === null) {
			localStorage.setItem('PARAGLIDE_LOCALE', value);
		}
	}, locale);
}

const CASES = {
	en: {
		outOf100: /\d+ out of 100 people like you .+\. \d+ out of 100 do not\./u,
		columns: ['Question', 'No statin for now', 'Take a statin'],
		correct: ['About 10', 'No', 'Yes, after talking to my team'],
		right: 'Right.',
		score: 'Your SURE score: 3 out of 4',
		talk: /may not be ready to decide/u,
		choice: 'Take a statin',
		reasons: 'I want to stay well for my grandchildren.',
		question: 'Can I stop if I get muscle aches?',
		importError: 'This file is not a valid decision aid',
		shareHeading: 'Share with my circle',
		shareWhy: /needs an account and a circle/u,
		shareSettings: 'Create an account in Settings',
		shareCircle: 'Open my circle'
	},
	fr: {
		outOf100: /\d+ personnes sur 100 comme vous .+\. \d+ sur 100 non\./u,
		columns: ['Question', 'Pas de statine pour l’instant', 'Prendre une statine'],
		correct: ['Environ 10', 'Non', 'Oui, après en avoir parlé à mon équipe'],
		right: 'C’est juste.',
		score: 'Votre score SURE : 3 sur 4',
		talk: /pas encore prêt/u,
		choice: 'Prendre une statine',
		reasons: 'Je veux rester en forme pour mes petits-enfants.',
		question: 'Puis-je arrêter si j’ai mal aux muscles\u202f?',
		importError: 'Ce fichier n’est pas une aide à la décision valide',
		shareHeading: 'Partager avec mon cercle',
		shareWhy: /il faut un compte et un cercle/u,
		shareSettings: 'Créer un compte dans les Réglages',
		shareCircle: 'Ouvrir mon cercle'
	}
} as const;

/** No account on this device: the share control explains why and where to go, with no button. */
async function expectShareNeedsAccount(
	decide: DecidePage,
	c: (typeof CASES)[keyof typeof CASES]
): Promise<void> {
	await expect(decide.share.getByRole('heading', { name: c.shareHeading })).toBeVisible();
	await expect(decide.share).toContainText(c.shareWhy);
	await expect(decide.share.getByRole('link', { name: c.shareSettings })).toHaveAttribute(
		'href',
		'/settings/account'
	);
	await expect(decide.share.getByRole('link', { name: c.shareCircle })).toHaveAttribute(
		'href',
		'/circle'
	);
	await expect(decide.share.getByRole('button')).toHaveCount(0);
}

for (const locale of ['en', 'fr'] as const) {
	const c = CASES[locale];

	test(`complete a decision aid and print the record (${locale})`, async ({ page }) => {
		await useLocale(page, locale);
		const shell = createShell(page);
		const welcome = createWelcomePage(page);
		const unlock = createUnlockPage(page);
		const decide = createDecidePage(page);

		await welcome.createJournal(SECRET);
		await decide.openFromNav();
		await expect(page.locator('main ul.aids > li')).toHaveCount(3);
		await expectNoAxeViolations(page, `aid list (${locale})`);

		// A malformed aid file is refused, naming the fields that are wrong.
		await page.locator('#aid-file').setInputFiles({
			name: 'broken.en.json',
			mimeType: 'application/json',
			buffer: Buffer.from(JSON.stringify({ schemaVersion: 1, id: 'broken', lang: 'en' }))
		});
		await expect(page.getByTestId('import-error')).toContainText(c.importError);
		await expect(page.getByTestId('import-error')).toContainText('decision');
		await expectNoAxeViolations(page, `aid import error (${locale})`);

		await decide.openAid(AID);
		await decide.expectStep(1);
		await expectNoAxeViolations(page, `step 1 (${locale})`);
		await decide.goNext();
		await decide.expectStep(2);
		await expect(decide.stepHeading).toBeFocused();
		await decide.goNext();

		// Option grid: a table with a header per option and a header per question.
		await decide.expectStep(3);
		await expect(decide.optionGrid.getByRole('columnheader')).toHaveText([...c.columns]);
		expect(await decide.optionGrid.getByRole('rowheader').count()).toBeGreaterThan(2);
		await expectNoAxeViolations(page, `option grid (${locale})`);
		await decide.goNext();

		// Outcomes: 100 shapes per picture, and the numbers in words as its text alternative.
		await decide.expectStep(4);
		const first = decide.iconArrays.first();
		await expect(first).toHaveAttribute('aria-label', c.outOf100);
		await expect(first.locator('rect, circle')).toHaveCount(100);
		await expectNoAxeViolations(page, `outcomes with icon arrays (${locale})`);
		await decide.goNext();

		// Values: lean on the first slider.
		await decide.expectStep(5);
		await page.getByRole('slider').first().fill('85');
		await expectNoAxeViolations(page, `values (${locale})`);
		await decide.goNext();

		// Knowledge check: answer, then feedback with the explanation.
		await decide.expectStep(6);
		for (const [i, answer] of c.correct.entries()) {
			const question = page.locator('main fieldset').nth(i);
			await question.getByRole('radio', { name: answer }).check();
			await question.getByRole('button').click();
			await expect(question.getByText(c.right)).toBeVisible();
		}
		await expectNoAxeViolations(page, `knowledge check (${locale})`);
		await decide.goNext();

		// SURE with one "no": the score is 3 and the person is told to talk it through.
		await decide.expectStep(7);
		await decide.goNext();
		await expect(page.getByRole('alert')).toBeVisible();
		await decide.expectStep(7);
		await decide.answerSure([true, true, false, true]);
		await expect(decide.sureResult).toContainText(c.score);
		await expect(decide.sureResult).toContainText(c.talk);
		await page.locator('#sure-questions').fill(c.question);
		await expect(decide.sureResult).toContainText(c.question);
		await expectNoAxeViolations(page, `SURE (${locale})`);

		// Lock and reopen: the draft comes back at the same step with the same answers.
		await page.waitForTimeout(500);
		await shell.lockButton.click();
		await unlock.unlock(SECRET);
		await decide.expectStep(7);
		await expect(decide.sureResult).toContainText(c.score);
		await decide.goNext();

		// The record: choice, reasons, what matters, questions; saved, then the printable page.
		await decide.expectStep(8);
		await page.getByRole('radio', { name: c.choice }).check();
		await page.locator('#reasons').fill(c.reasons);
		await expect(page.locator('#questions')).toHaveValue(c.question);
		await expectShareNeedsAccount(decide, c);
		await expectNoAxeViolations(page, `record step (${locale})`);
		await decide.saveRecord.click();

		await expect(page).toHaveURL(new RegExp(`/decide/${AID}/summary$`, 'u'));
		await expect(decide.record).toContainText(c.choice);
		await expect(decide.record).toContainText(c.reasons);
		await expect(decide.record).toContainText(c.question);
		await expect(decide.record).toContainText(c.score);
		await expect(decide.printButton).toBeVisible();
		await expectShareNeedsAccount(decide, c);
		await expectNoAxeViolations(page, `summary (${locale})`);
		await page.emulateMedia({ media: 'print' });
		await expect(page.getByRole('navigation')).toBeHidden();
		await expect(decide.printButton).toBeHidden();
		await expect(decide.share).toBeHidden();
		await expect(decide.record).toBeVisible();
		await page.emulateMedia({ media: 'screen' });

		// The record is listed on /decide and the draft is gone.
		await page.locator('main a[href="/decide"]').click();
		await expect(page.locator(`main a[href="/decide/${AID}/summary"]`)).toBeVisible();
	});
}

test('with an account: nobody can read decisions yet, then the doctor given "Decisions" is named and the saved record is sent', async ({
	browser
}) => {
	test.setTimeout(240_000);
	const stamp = Date.now().toString(36);
	const person = await (await browser.newContext()).newPage();
	const doctor = await (await browser.newContext()).newPage();
	const decide = createDecidePage(person);
	const readers = decide.share.getByTestId('share-readers');
	const sending = decide.share.getByTestId('share-sending');

	await createWelcomePage(person).createJournal(SECRET);
	await createAccountPages(person).createAccount(`decide.${stamp}@example.org`);

	// The record step before anyone holds "Decisions": said plainly, with the way to the circle.
	await decide.openFromNav();
	await decide.openAid(AID);
	for (let step = 1; step < 7; step += 1) await decide.goNext();
	await decide.expectStep(7);
	await decide.answerSure([true, true, true, true]);
	await decide.goNext();
	await decide.expectStep(8);
	await expect(readers).toHaveText('Nobody in your circle can read your decisions yet.', {
		timeout: 20_000
	});
	await expect(
		decide.share.getByRole('link', { name: 'Give someone access to “Decisions” in my circle' })
	).toHaveAttribute('href', '/circle');
	await expect(sending).toContainText('This record is not saved yet');
	await expectNoAxeViolations(person, 'record step, nobody can read decisions');

	// The person invites her doctor to read her decisions; he accepts; she confirms.
	const circle = createCirclePages(person);
	await circle.open();
	const link = await circle.invite('Dr Martin', { Decisions: 'read' }, 'doctor');
	await createWelcomePage(doctor).createJournal(SECRET);
	await createAccountPages(doctor).createAccount(`martin.${stamp}@example.org`);
	await createJoinPage(doctor).accept(link, SECRET, 'Odette');
	await circle.refresh();
	await circle.confirm('Dr Martin');

	// Back to the aid (the draft resumes on the record step): the doctor is named, then saved.
	await decide.openFromNav();
	await decide.openAid(AID);
	await decide.expectStep(8);
	await expect(readers).toHaveText('Dr Martin (doctor) can read your decision records.', {
		timeout: 20_000
	});
	await decide.saveRecord.click();
	await expect(person).toHaveURL(new RegExp(`/decide/${AID}/summary$`, 'u'));
	await expect(readers).toHaveText('Dr Martin (doctor) can read your decision records.', {
		timeout: 20_000
	});
	await expect(sending).toHaveText('Your record has been sent, encrypted.', { timeout: 30_000 });
	await expectNoAxeViolations(person, 'summary, shared with the doctor');
});
