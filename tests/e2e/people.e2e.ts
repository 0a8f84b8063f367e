// A nurse's "My people" and a person's summary (issue 14 §3–5), two browser contexts against the
// real server: Monique prepares her next visit (a question in her own words) and invites her
// nurse Claire (symptoms and plan: read); Claire accepts, Monique confirms. Claire finds Monique
// in "People I help" with the flag "1 question waiting for the next visit", follows it to the
// evidence, reads Monique's visit summary in the one-screen summary, sees in words what is not
// shared, and the printed summary is one A4 page; she sets "no news" days (refused out of range)
// and marks her visit as seen, after which nothing is new. In English and French, axe clean.
import { expect, test } from '@playwright/test';
import { createAccountPages } from './pages/account';
import { expectNoAxeViolations } from './pages/axe';
import { createJournalPages } from './pages/journal-pages';
import { inviteIntoCircle, newPerson } from './pages/journeys';
import { createShell } from './pages/shell';

const SECRET = 'quatre chats dorment au soleil';
const QUESTION = 'Can I take paracetamol with my new pills?';

/** Pages in a PDF made by Chromium (one `/Type /Page` object per page). */
const pdfPages = (pdf: Buffer): number =>
	(pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/gu) ?? []).length;

test('a nurse sees the person flagged in My people, opens her summary and her visit summary, prints one page', async ({
	browser
}) => {
	test.setTimeout(300_000);
	const stamp = Date.now().toString(36);
	const monique = await (await browser.newContext()).newPage();
	const nurse = await (await browser.newContext()).newPage();

	// Monique: journal, account, one symptom, then her visit summary.
	await newPerson(monique, SECRET, `monique.${stamp}@example.org`);
	const account = createAccountPages(monique);
	await account.navigate('Today');
	const journal = createJournalPages(monique, SECRET);
	await journal.quickLogSymptom(/^Fatigue$/u);

	await journal.open('/plan/visit');
	await expect(
		monique.getByRole('heading', { level: 1, name: 'Prepare my next visit' })
	).toBeVisible();
	await expect(monique.getByLabel('What changed since last time')).toHaveValue(/Fatigue/u);
	await monique.getByLabel('With whom').fill('Claire');
	await monique.getByLabel('My questions, one per line').fill(QUESTION);
	await monique.getByLabel('What I want from this visit').fill('Sleep through the night');
	await monique.getByRole('button', { name: /^Save$/u }).click();
	await expect(monique.getByRole('status').filter({ hasText: /^Saved\.$/u })).toBeVisible();
	await expectNoAxeViolations(monique, 'visit summary form (en)');
	await account.expectSynced();

	// Monique invites Claire as her nurse: symptoms and plan, read only.
	await inviteIntoCircle(
		monique,
		{
			page: nurse,
			name: 'Claire',
			login: `claire.${stamp}@example.org`,
			grants: { Symptoms: 'read', 'Plan & tasks': 'read' },
			role: 'nurse'
		},
		{ secret: SECRET, personName: 'Monique' }
	);

	// Claire's "People I help": Monique, with the open question flagged in words.
	await createJournalPages(nurse, SECRET).open('/helping');
	await expect(nurse.getByRole('heading', { level: 3, name: 'Monique' })).toBeVisible({
		timeout: 30_000
	});
	const flags = nurse.getByRole('list', { name: 'What needs attention for Monique' });
	const question = flags.getByRole('link', { name: '1 question waiting for the next visit' });
	await expect(question).toBeVisible({ timeout: 30_000 });
	await expectNoAxeViolations(nurse, 'my people (en)');

	// The flag leads to its evidence, then the one-screen summary.
	await question.click();
	await expect(nurse.getByRole('heading', { level: 1, name: 'Summary: Monique' })).toBeVisible({
		timeout: 30_000
	});
	const evidence = nurse.getByRole('region', { name: 'Why this flag' });
	await expect(evidence.getByText(QUESTION)).toBeVisible();
	const visit = nurse.getByRole('region', { name: 'Visit summary prepared by Monique' });
	await expect(visit.getByText(QUESTION)).toBeVisible();
	await expect(visit.getByText('Sleep through the night')).toBeVisible();
	await expect(nurse.getByText('Medicines: not shared with you')).toBeVisible();
	await expect(nurse.getByText('Measurements: not shared with you')).toBeVisible();
	await expectNoAxeViolations(nurse, 'person summary (en)');

	// Printed: the summary without the app's chrome, on one A4 page.
	await nurse.emulateMedia({ media: 'print' });
	await expect(nurse.getByRole('button', { name: 'Print this summary' })).toBeHidden();
	await expect(nurse.getByRole('heading', { level: 1, name: 'Summary: Monique' })).toBeVisible();
	const pdf = await nurse.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
	expect(pdfPages(pdf)).toBe(1);
	await nurse.emulateMedia({ media: 'screen' });

	// My follow-up: "no news" after 1 to 365 days, and the end of my visit marked as seen.
	const days = nurse.getByLabel('Flag “no news” after this many days');
	await expect(days).toHaveValue('7');
	await days.fill('0');
	await nurse.getByRole('button', { name: 'Save', exact: true }).click();
	await expect(nurse.getByText('Enter a whole number of days from 1 to 365.')).toBeVisible();
	await expect(days).toHaveAttribute('aria-invalid', 'true');
	await days.fill('3');
	await nurse.getByRole('button', { name: 'Save', exact: true }).click();
	await expect(nurse.getByRole('status').filter({ hasText: /^Saved\.$/u })).toBeVisible();
	await nurse.getByRole('button', { name: 'Mark as seen (end of my visit)' }).click();
	await expect(nurse.getByText(/^Marked as seen\./u)).toBeVisible();
	await expect(nurse.getByText(/^Last visit marked: /u)).toBeVisible();

	// In French.
	await createShell(nurse).languageButton.click();
	await expect(
		nurse.getByRole('heading', { level: 1, name: 'Synthèse\u202f: Monique' })
	).toBeVisible();
	await expect(nurse.getByText('Médicaments\u202f: non partagés avec vous')).toBeVisible();
	await expect(
		nurse
			.getByRole('region', { name: 'Préparation de visite rédigée par Monique' })
			.getByText(QUESTION)
	).toBeVisible();
	await expectNoAxeViolations(nurse, 'person summary (fr)');
	// 320 px: the summary reflows, nothing scrolls sideways but a table in its own region.
	await nurse.setViewportSize({ width: 320, height: 800 });
	await expect
		.poll(() => nurse.evaluate(() => document.documentElement.scrollWidth))
		.toBeLessThanOrEqual(320);
	await nurse.setViewportSize({ width: 1280, height: 720 });
	await nurse.getByRole('link', { name: 'Retour à mes personnes suivies' }).click();
	await expect(
		nurse
			.getByRole('list', { name: 'Ce qui demande attention pour Monique' })
			.getByRole('link', { name: '1 question en attente de la prochaine visite' })
	).toBeVisible({ timeout: 30_000 });
	await expect(nurse.getByText('Rien de nouveau depuis votre dernière visite')).toBeVisible();
	await expectNoAxeViolations(nurse, 'my people (fr)');
});
