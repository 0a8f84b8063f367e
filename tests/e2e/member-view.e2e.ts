// A carer's view of the person's circle (issue 5 §6), two browser contexts against the real
// server: the person logs a symptom and invites her daughter (symptoms: read, measurements:
// write); the daughter accepts, the person confirms; the daughter opens "Maman" from the circles
// she belongs to and sees what is shared (grants, the person's symptom, nothing of the rest),
// logs a weight on the person's behalf ("written by you"); the person's journal shows it written
// by Claire. The member view in English and in French, axe clean.
import { expect, test } from '@playwright/test';
import { createAccountPages } from './pages/account';
import { expectNoAxeViolations } from './pages/axe';
import { createCirclePages } from './pages/circle';
import { createJournalPages } from './pages/journal-pages';
import { createShell } from './pages/shell';
import { createUnlockPage } from './pages/unlock-page';
import { createWelcomePage } from './pages/welcome-page';

const SECRET = 'quatre chats dorment au soleil';

test('the daughter opens her mother’s circle, reads what is shared and logs a weight on her behalf', async ({
	browser
}) => {
	test.setTimeout(240_000);
	const stamp = Date.now().toString(36);
	const person = await (await browser.newContext()).newPage();
	const daughter = await (await browser.newContext()).newPage();

	// The person: journal, account, one symptom, then an invitation.
	await createWelcomePage(person).createJournal(SECRET);
	const personAccount = createAccountPages(person);
	await personAccount.createAccount(`odette.${stamp}@example.org`);
	await personAccount.navigate('Today');
	await createJournalPages(person, SECRET).quickLogSymptom(/^Fatigue$/u);
	await personAccount.expectSynced();
	const circle = createCirclePages(person);
	await circle.open();
	const link = await circle.invite('Claire', { Symptoms: 'read', Measurements: 'write' });

	// The daughter accepts; the person confirms.
	await createWelcomePage(daughter).createJournal(SECRET);
	await createAccountPages(daughter).createAccount(`claire.${stamp}@example.org`);
	await daughter.goto(link);
	await createUnlockPage(daughter).unlock(SECRET);
	await daughter.getByLabel(/^Your name for this circle$/u).fill('Maman');
	await daughter.getByRole('button', { name: /^Accept the invitation$/u }).click();
	await expect(daughter.getByText(/Accepted\. The person must now confirm/u)).toBeVisible();
	await circle.refresh();
	await person.getByRole('button', { name: /^Confirm Claire$/u }).click();
	await expect(person.getByText(/Claire is now in your circle/u)).toBeVisible();

	// The daughter opens Maman's circle from the circles she belongs to.
	await daughter.getByRole('link', { name: /^Go to my circle$/u }).click();
	await daughter.getByRole('link', { name: /^Maman — carer, active$/u }).click({ timeout: 20_000 });
	await expect(daughter).toHaveURL(/\/circle\/[0-9a-f-]+$/u);
	await expect(daughter.getByRole('heading', { level: 1 })).toHaveText('Maman’s journal', {
		timeout: 20_000
	});
	const shared = daughter.getByRole('region', { name: 'What Maman shares with you', exact: true });
	await expect(shared.getByText('Symptoms: read', { exact: true })).toBeVisible();
	await expect(shared.getByText('Measurements: read and write', { exact: true })).toBeVisible();
	const symptoms = daughter.getByRole('region', { name: 'Symptoms: recent entries' });
	await expect(symptoms.getByText(/Fatigue/u)).toBeVisible();
	await expect(daughter.getByRole('heading', { name: /^Medicines/u })).toHaveCount(0);
	await expectNoAxeViolations(daughter, 'member view (en)');

	// A weight on the person's behalf (in the daughter's units: this browser's en-US → pounds).
	const log = daughter.getByRole('region', { name: 'Write on Maman’s behalf' });
	await log.getByLabel('What did you measure?').selectOption('weight');
	await log.getByLabel(/^Weight \((lb|kg)\)$/u).fill('142.2');
	await log.getByRole('button', { name: /^Save$/u }).click();
	await expect(log.getByText('Saved. Maman will see it, marked as written by you.')).toBeVisible();
	const measurements = daughter.getByRole('region', { name: 'Measurements: recent entries' });
	await expect(measurements.getByText(/Weight: 142[.,]2/u)).toBeVisible();
	await expect(measurements.getByText('Written by you', { exact: true })).toBeVisible();

	// The same view in French.
	await createShell(daughter).languageButton.click();
	await expect(daughter.getByRole('heading', { level: 1 })).toHaveText('Le journal de Maman');
	await expect(
		daughter.getByRole('region', { name: 'Ce que Maman partage avec vous', exact: true })
	).toBeVisible();
	await expect(daughter.getByText('Écrit par vous', { exact: true })).toBeVisible();
	await expectNoAxeViolations(daughter, 'member view (fr)');

	// The person's journal names Claire as the writer of the weight.
	await createJournalPages(person, SECRET).open('/journal');
	await expect(person.getByText(/^Weight: 142[.,]2/u)).toBeVisible({ timeout: 30_000 });
	await expect(person.getByText('Written by Claire', { exact: true })).toBeVisible({
		timeout: 20_000
	});
});
