// The shared care plan (issue 14 §6), two browser contexts against the real server: Monique writes
// her care plan (an empty line is refused in words beside its field) and invites her GP, Dr Martin
// (doctor; plan & tasks: write). The GP accepts, Monique confirms (her device pins the GP's
// identity key). The GP finds the plan in Monique's summary, opens it and agrees to the current
// version with his identity signature; Monique's device verifies that signature against the key
// she pinned and shows "Agreed by Dr Martin on …"; the printed plan is one A4 page. Then her
// daughter Léa (carer, plan: read) joins in a third context: her device pinned only Monique's key,
// and verifies the GP's agreement through the member list Monique's device signed at each
// confirmation (the circle roster), so she too reads "Agreed by Dr Martin on …". In English and
// in French; axe clean on every screen.
import { expect, test, type Page } from '@playwright/test';
import { createAccountPages } from './pages/account';
import { expectNoAxeViolations } from './pages/axe';
import { createCirclePages, createJoinPage } from './pages/circle';
import { createJournalPages } from './pages/journal-pages';
import { createShell } from './pages/shell';
import { createWelcomePage } from './pages/welcome-page';

const SECRET = 'quatre chats dorment au soleil';
const NEED = 'Breathless when climbing the stairs';
const ACTION = 'Weigh myself every morning';

/** Pages in a PDF made by Chromium (one `/Type /Page` object per page). */
const pdfPages = (pdf: Buffer): number =>
	(pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/gu) ?? []).length;

/** The current version of the plan (the history below repeats it, folded). */
const currentOf = (page: Page) =>
	page.getByRole('region', { name: /^(Current version|Version actuelle)$/u });

/** Opens the person's care plan until `text` shows (her device pulls what the GP wrote). */
async function openUntil(page: Page, path: string, text: RegExp): Promise<void> {
	const journal = createJournalPages(page, SECRET);
	for (let attempt = 0; attempt < 5; attempt++) {
		await journal.open(path);
		try {
			await expect(currentOf(page).getByText(text)).toBeVisible({ timeout: 15_000 });
			return;
		} catch {
			// Not pulled yet: open again (a full load unlocks and syncs).
		}
	}
	await expect(currentOf(page).getByText(text)).toBeVisible();
}

test('the GP agrees to a version of the care plan and the person sees who agreed', async ({
	browser
}) => {
	test.setTimeout(360_000);
	const stamp = Date.now().toString(36);
	const monique = await (await browser.newContext()).newPage();
	const gp = await (await browser.newContext()).newPage();

	// Monique: journal, account, then her care plan.
	await createWelcomePage(monique).createJournal(SECRET);
	const account = createAccountPages(monique);
	await account.createAccount(`monique.${stamp}@example.org`);
	await account.navigate('Today');
	const journal = createJournalPages(monique, SECRET);
	await journal.open('/plan');
	await monique.getByRole('link', { name: 'My care plan' }).click();
	await expect(monique.getByRole('heading', { level: 1, name: 'My care plan' })).toBeVisible();
	await expect(monique.getByText('No care plan yet.')).toBeVisible();
	await monique.getByRole('button', { name: 'Write the care plan' }).click();
	await monique.getByRole('button', { name: 'Add a need or problem' }).click();
	await monique.getByRole('button', { name: 'Propose this version' }).click();
	const need = monique.getByLabel('Need or problem 1');
	await expect(need).toHaveAccessibleDescription(/Write a few words, or remove this line\.$/u);
	await expect(need).toHaveAttribute('aria-invalid', 'true');
	await expectNoAxeViolations(monique, 'care plan form with an error (en)');
	await need.fill(NEED);
	await monique.getByRole('button', { name: 'Add an action' }).click();
	await monique.getByLabel('Action 1: what').fill(ACTION);
	await monique.getByLabel('Review date (optional)').fill('2027-03-01');
	await monique.getByRole('button', { name: 'Propose this version' }).click();
	const current = currentOf(monique);
	await expect(current.getByText(/^Proposed by you on /u)).toBeVisible();
	await expect(current.getByText(NEED)).toBeVisible();
	await expect(current.getByText('Not agreed by a professional yet.')).toBeVisible();
	await expectNoAxeViolations(monique, 'care plan (en)');
	await account.expectSynced();

	// Monique invites her GP: plan & tasks, read and write.
	const circle = createCirclePages(monique);
	await circle.open();
	const link = await circle.invite('Dr Martin', { 'Plan & tasks': 'write' }, 'doctor');
	await createWelcomePage(gp).createJournal(SECRET);
	await createAccountPages(gp).createAccount(`dr.martin.${stamp}@example.org`);
	await createJoinPage(gp).accept(link, SECRET, 'Monique');
	await circle.refresh();
	await circle.confirm('Dr Martin');

	// The GP: Monique's summary shows the plan, not agreed yet; he opens it and agrees.
	await createJournalPages(gp, SECRET).open('/helping');
	await gp.getByRole('heading', { level: 3, name: 'Monique' }).getByRole('link').click({
		timeout: 30_000
	});
	const section = gp.getByRole('region', { name: 'Care plan' });
	await expect(section.getByText(NEED)).toBeVisible({ timeout: 30_000 });
	await expect(section.getByText('Not agreed by a professional yet.')).toBeVisible();
	await expectNoAxeViolations(gp, 'person summary with the care plan (en)');
	await section.getByRole('link', { name: 'Open the care plan' }).click();
	await expect(gp.getByRole('heading', { level: 1, name: 'Care plan: Monique' })).toBeVisible({
		timeout: 30_000
	});
	const gpCurrent = currentOf(gp);
	await expect(gpCurrent.getByText(/^Proposed by Monique on /u)).toBeVisible();
	await gpCurrent.getByRole('button', { name: 'Agree to this version' }).click();
	await expect(gpCurrent.getByText(/^Agreed by you on /u)).toBeVisible();
	await expect(gpCurrent.getByRole('button', { name: 'Agree to this version' })).toBeHidden();
	await expectNoAxeViolations(gp, 'care plan, member view (en)');

	// Monique: her device verifies the GP's signature against the key it pinned.
	await openUntil(monique, '/plan/care-plan', /^Agreed by Dr Martin on /u);
	await expect(monique.getByText(/could not be verified/u)).toHaveCount(0);
	await expectNoAxeViolations(monique, 'care plan agreed (en)');

	// Printed: the current version only, on one A4 page.
	await monique.emulateMedia({ media: 'print' });
	await expect(monique.getByRole('button', { name: 'Propose a change' })).toBeHidden();
	await expect(currentOf(monique).getByText(/^Agreed by Dr Martin on /u)).toBeVisible();
	const pdf = await monique.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
	expect(pdfPages(pdf)).toBe(1);
	await monique.emulateMedia({ media: 'screen' });

	// In French, on both devices.
	await createShell(monique).languageButton.click();
	await expect(monique.getByRole('heading', { level: 1, name: 'Mon plan de soins' })).toBeVisible();
	await expect(currentOf(monique).getByText(/^Approuvée par Dr Martin le /u)).toBeVisible();
	await expectNoAxeViolations(monique, 'care plan agreed (fr)');
	await monique.setViewportSize({ width: 320, height: 800 });
	await expect
		.poll(() => monique.evaluate(() => document.documentElement.scrollWidth))
		.toBeLessThanOrEqual(320);
	await monique.setViewportSize({ width: 1280, height: 720 });

	await createShell(gp).languageButton.click();
	await expect(
		gp.getByRole('heading', { level: 1, name: 'Plan de soins\u202f: Monique' })
	).toBeVisible();
	await expect(currentOf(gp).getByText(/^Approuvée par vous le /u)).toBeVisible();
	await expectNoAxeViolations(gp, 'care plan, member view (fr)');

	// Léa, the daughter: invited with the plan to read; Monique's confirmation re-signs the list.
	const lea = await (await browser.newContext()).newPage();
	await createShell(monique).languageButton.click();
	await circle.open();
	const leaLink = await circle.invite('Léa', { 'Plan & tasks': 'read' });
	await createWelcomePage(lea).createJournal(SECRET);
	await createAccountPages(lea).createAccount(`lea.${stamp}@example.org`);
	await createJoinPage(lea).accept(leaLink, SECRET, 'Maman');
	await circle.refresh();
	await circle.confirm('Léa');

	// Her device checks the list against Monique's pinned key, then the GP's signature.
	await createJournalPages(lea, SECRET).open('/helping');
	await lea.getByRole('heading', { level: 3, name: 'Maman' }).getByRole('link').click({
		timeout: 30_000
	});
	const leaSection = lea.getByRole('region', { name: 'Care plan' });
	await expect(leaSection.getByText(NEED)).toBeVisible({ timeout: 30_000 });
	await leaSection.getByRole('link', { name: 'Open the care plan' }).click();
	await expect(lea.getByRole('heading', { level: 1, name: 'Care plan: Maman' })).toBeVisible({
		timeout: 30_000
	});
	const leaCurrent = currentOf(lea);
	await expect(leaCurrent.getByText(/^Agreed by Dr Martin on /u)).toBeVisible();
	await expect(lea.getByText(/could not be verified|member list/u)).toHaveCount(0);
	await expect(leaCurrent.getByRole('button', { name: 'Agree to this version' })).toBeHidden();
	await expectNoAxeViolations(lea, 'care plan verified through the roster, carer (en)');

	await createShell(lea).languageButton.click();
	await expect(currentOf(lea).getByText(/^Approuvée par Dr Martin le /u)).toBeVisible();
	await expect(lea.getByText(/n’a pas pu être vérifiée|liste des membres/u)).toHaveCount(0);
	await expectNoAxeViolations(lea, 'care plan verified through the roster, carer (fr)');
});
