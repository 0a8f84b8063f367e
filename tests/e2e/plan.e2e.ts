// The care plan, in English and French: the person adds a pharmacy run (the form first refuses an
// empty title next to the field; the draft survives locking), takes it on, finds it in the week of who does what and in the
// .ics of her claimed tasks, sees it remind her on Today (a claimed task is a reminder source),
// then marks it done and comments. axe on the board and on the open form.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './pages/axe';
import { createPlanPage, localSoon } from './pages/plan-page';
import { createShell } from './pages/shell';
import { createUnlockPage } from './pages/unlock-page';
import { createWelcomePage } from './pages/welcome-page';

const SECRET = 'quatre chats dorment au soleil';

for (const language of ['English', 'Français'] as const) {
	test(`plan journey (${language})`, async ({ page }) => {
		const fr = language === 'Français';
		const welcome = createWelcomePage(page);
		const plan = createPlanPage(page);
		const shell = createShell(page);
		const title = fr ? 'Pharmacie du Centre : ordonnance' : 'Pharmacy: prescription renewal';

		await welcome.goto();
		await welcome.chooseLanguage(language);
		await welcome.createJournal(SECRET);
		await plan.open();
		await expectNoAxeViolations(page, 'the empty plan');

		// 1. The form refuses an empty title next to the field, then adds the task.
		await plan.openForm();
		await plan.submitButton.click();
		await expect(plan.titleField).toHaveAttribute('aria-invalid', 'true');
		await expect(plan.titleField).toHaveAccessibleDescription(
			fr ? /Dites ce qu’il faut faire\./u : /Say what needs doing\./u
		);
		await expectNoAxeViolations(page, 'the task form with an error');
		const soon = await localSoon(page, 30);
		await plan.fill({
			title,
			date: soon.date,
			time: soon.time,
			place: '12 rue de la Paix',
			kind: 'pharmacy'
		});

		// The draft is kept (encrypted) while she types: locking and unlocking brings it back.
		await page.waitForTimeout(1000);
		await shell.lockButton.click();
		await createUnlockPage(page).unlock(SECRET);
		await expect(plan.titleField).toHaveValue(title);
		await expect(page.getByLabel(/^(Place \(optional\)|Lieu \(facultatif\))$/u)).toHaveValue(
			'12 rue de la Paix'
		);
		await plan.submitButton.click();
		await expect(
			page.getByText(fr ? `Tâche ajoutée\u202f: ${title}` : `Task added: ${title}`)
		).toBeVisible();
		const card = plan.card(title);
		await expect(card).toContainText(
			fr ? 'Personne ne s’en occupe encore' : 'Nobody has taken it on yet'
		);

		// 2. She takes it on: the card, the week and the list say so in words.
		await plan.action(title, fr ? /^Je m’en occupe/u : /^I’ll do it/u).click();
		await expect(card).toContainText(fr ? 'Prise en charge par vous' : 'Taken on by you');
		await plan.showWeek(soon.nextWeek);
		await expect(plan.week).toContainText(title);
		await expect(plan.week).toContainText(fr ? /vous.*prise en charge/u : /you.*taken on/u);
		await expectNoAxeViolations(page, 'the plan with a claimed task');

		// 3. The .ics of the tasks she claimed holds it, at its local time.
		const downloading = page.waitForEvent('download');
		await plan.icsButton.click();
		const download = await downloading;
		expect(download.suggestedFilename()).toBe('cercle-tasks.ics');
		const ics = readFileSync(await download.path(), 'utf8');
		expect(ics).toContain('BEGIN:VCALENDAR');
		expect(ics.replace(/\r\n[ \t]/gu, '')).toContain(`SUMMARY:${title}`);
		expect(ics).toContain(
			`DTSTART:${soon.date.replace(/-/gu, '')}T${soon.time.replace(':', '')}00`
		);
		expect(ics).toContain('CATEGORIES:PHARMACY');

		// 4. A claimed task is a reminder source: due on Today (30 min ahead, reminded 1 h before).
		await page
			.getByRole('navigation')
			.getByRole('link', { name: fr ? /^Aujourd’hui$/u : /^Today$/u })
			.click();
		const reminders = page.getByRole('region', { name: /^(Reminders|Rappels)$/u });
		const due = reminders.locator('li[data-reminder]').filter({ hasText: title });
		await expect(due).toContainText(fr ? /maintenant/u : /due now/u);
		await plan.open();

		// 5. Done, with a comment.
		await plan.action(title, fr ? /^Marquer comme fait/u : /^Mark as done/u).click();
		await expect(card).toContainText(fr ? 'Faite par vous' : 'Done by you');
		await plan.showWeek(soon.nextWeek);
		await expect(plan.week).toContainText(fr ? /\(faite\)/u : /\(done\)/u);
		await card.getByLabel(fr ? /^Ajouter un commentaire/u : /^Add a comment/u).fill('OK');
		await card.getByRole('button', { name: fr ? /^Envoyer/u : /^Send/u }).click();
		await expect(card.getByRole('listitem')).toContainText(fr ? 'vous: OK' : 'you: OK');
		await expectNoAxeViolations(page, 'the plan with a done task');
	});
}
