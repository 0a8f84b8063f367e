// Screens that stay current (issue 11 §6), two browser contexts against the real server: the
// person's "The last 7 days" on Today shows a symptom right after she logs it there; Claire
// (joined from the link) takes on a task in the person's circle and the person's open plan shows
// it within 60 s without a reload; once the person removes Claire, the task is open again with a
// note instead of "Taken on by someone in the circle" and "Give it back". English and French.
import { expect, test } from '@playwright/test';
import { createAccountPages } from './pages/account';
import { createCirclePages } from './pages/circle';
import { createJournalPages } from './pages/journal-pages';
import { createPlanPage, localSoon } from './pages/plan-page';
import { createWelcomePage } from './pages/welcome-page';

const SECRET = 'quatre chats dorment au soleil';
const CLAIRE_SECRET = 'mon vélo bleu attend sous la pluie';

const WORDS = {
	en: {
		language: 'English',
		plan: 'Plan & tasks',
		nothing: 'Nothing logged in the last 7 days.',
		fatigue: /^Fatigue$/u,
		summaryFatigue: /Fatigue: on average/u,
		taken: /Taken on by Claire/u,
		released: /Taken on by someone who has left the circle: it is open again\./u
	},
	fr: {
		language: 'Français',
		plan: 'Plan et tâches',
		nothing: 'Rien de noté ces 7 derniers jours.',
		fatigue: /^Fatigue$/u,
		summaryFatigue: /Fatigue\s?: en moyenne/u,
		taken: /Prise en charge par Claire/u,
		released: /quelqu’un qui a quitté le cercle\s?: elle est de nouveau ouverte/u
	}
} as const;

for (const lang of ['en', 'fr'] as const) {
	test(`the person's screens follow what happens, without a reload (${lang})`, async ({
		browser
	}) => {
		test.setTimeout(240_000);
		const w = WORDS[lang];
		const stamp = Date.now().toString(36);
		const person = await (
			await browser.newContext({ locale: lang === 'fr' ? 'fr-FR' : 'en-GB' })
		).newPage();
		const claire = await (await browser.newContext({ locale: 'en-GB' })).newPage();

		// Today: a symptom logged there shows in "The last 7 days" at once.
		const welcome = createWelcomePage(person);
		await welcome.goto();
		await welcome.chooseLanguage(w.language);
		await welcome.start();
		await welcome.fillPassphrase(SECRET);
		await welcome.submit();
		await welcome.readRecoveryKey();
		await welcome.confirmRecoveryKeySaved();
		await welcome.finish();
		const summary = person.getByRole('region', {
			name: /^(The last 7 days|Les 7 derniers jours)$/u
		});
		await expect(summary).toContainText(w.nothing);
		await createJournalPages(person, SECRET).quickLogSymptom(w.fatigue);
		await expect(summary).toContainText(w.summaryFatigue, { timeout: 5_000 });

		// An account, a task, and Claire invited with the family-carer preset (plan: write).
		await createAccountPages(person).createAccount(`odette.live.${lang}.${stamp}@example.org`);
		const plan = createPlanPage(person);
		await plan.open();
		const soon = await localSoon(person, 120);
		await plan.openForm();
		await plan.fill({
			title: 'Pharmacy',
			date: soon.date,
			time: soon.time,
			place: '',
			kind: 'pharmacy'
		});
		await plan.submitButton.click();
		await expect(plan.card('Pharmacy')).toBeVisible();
		const circle = createCirclePages(person);
		await circle.open();
		const link = await circle.invite('Claire', { [w.plan]: 'write' });

		// Claire joins from the link; the person confirms.
		await claire.goto(link);
		await claire.getByRole('button', { name: /^Join$/u }).click();
		await claire
			.getByLabel(/^Email or user name$/u)
			.fill(`claire.live.${lang}.${stamp}@example.org`);
		await claire.getByLabel(/^Passphrase$/u).fill(CLAIRE_SECRET);
		await claire.getByLabel(/^Type it again$/u).fill(CLAIRE_SECRET);
		await claire.getByRole('button', { name: /^Join the circle$/u }).click();
		await expect(claire.getByTestId('safety-code')).toBeVisible({ timeout: 30_000 });
		await circle.refresh();
		await circle.confirm('Claire');

		// The person leaves her plan open; Claire takes the task on in the person's circle.
		await plan.open();
		await expect(plan.card('Pharmacy')).toBeVisible();
		await claire
			.getByRole('link', { name: /^See what is shared with you$/u })
			.click({ timeout: 30_000 });
		const claireCard = claire.getByRole('article', { name: 'Pharmacy' });
		await claireCard.getByRole('button', { name: /I’ll do it/u }).click({ timeout: 30_000 });
		await expect(claireCard).toContainText(/Taken on by you/u);
		const claimed = Date.now();
		await expect(plan.card('Pharmacy')).toContainText(w.taken, { timeout: 60_000 });
		test.info().annotations.push({
			type: 'claim-reaches-person-ms',
			description: String(Date.now() - claimed)
		});

		// The person removes Claire: the task is open again, with a note, and no "Give it back".
		await circle.open();
		const members = person.getByRole('region', { name: /^(Members|Membres)$/u });
		await members.getByRole('button', { name: /^(Remove|Retirer) Claire$/u }).click();
		await members.getByRole('button', { name: /^(Yes, remove|Oui, retirer)$/u }).click();
		await expect(person.getByText(/Claire (was removed|a été retiré)/u)).toBeVisible({
			timeout: 30_000
		});
		await plan.open();
		const card = plan.card('Pharmacy');
		await expect(card).toContainText(w.released, { timeout: 20_000 });
		await expect(card.getByRole('button', { name: /Give it back|Je ne peux plus/u })).toHaveCount(
			0
		);
	});
}
