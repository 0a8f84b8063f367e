// Professionals write where granted (issue 14 §7), two browser contexts against the real server:
// Monique invites Bruno, a nurse (measurements and notes: write). From Monique's summary Bruno sets
// a blood-pressure target (a low bound above the high one is refused in words beside its field)
// and writes a short note to the circle. Monique's device pulls both and names Bruno from each
// record's author ("Target set by Bruno on …", "Note from Bruno, …") on her Circle page and her
// chart; she removes the note. In English and in French; axe clean; the new screens reflow at
// 320 px.
import { expect, test, type Page } from '@playwright/test';
import { createAccountPages } from './pages/account';
import { expectNoAxeViolations } from './pages/axe';
import { createJournalPages } from './pages/journal-pages';
import { inviteIntoCircle, newPerson } from './pages/journeys';
import { createShell } from './pages/shell';

const SECRET = 'quatre chats dorment au soleil';
const NOTE = 'Pansement refait ce matin, tout va bien.';

const writtenByCircle = (page: Page) =>
	page.getByRole('region', { name: /^(Written by your circle|Écrit par votre cercle)$/u });

/** Opens Monique's Circle page until `text` shows there (a full load unlocks and syncs). */
async function openCircleUntil(page: Page, text: RegExp): Promise<void> {
	const journal = createJournalPages(page, SECRET);
	for (let attempt = 0; attempt < 5; attempt++) {
		await journal.open('/circle');
		try {
			await expect(writtenByCircle(page).getByText(text)).toBeVisible({ timeout: 15_000 });
			return;
		} catch {
			// Not pulled yet: open again.
		}
	}
	await expect(writtenByCircle(page).getByText(text)).toBeVisible();
}

async function expectReflow(page: Page): Promise<void> {
	await page.setViewportSize({ width: 320, height: 800 });
	await expect
		.poll(() => page.evaluate(() => document.documentElement.scrollWidth))
		.toBeLessThanOrEqual(320);
	await page.setViewportSize({ width: 1280, height: 720 });
}

test('a nurse sets a target and writes a note; the person sees who wrote them', async ({
	browser
}) => {
	test.setTimeout(360_000);
	const stamp = Date.now().toString(36);
	const monique = await (await browser.newContext()).newPage();
	const nurse = await (await browser.newContext()).newPage();

	await newPerson(monique, SECRET, `monique.${stamp}@example.org`);
	const account = createAccountPages(monique);
	await account.navigate('Today');
	await inviteIntoCircle(
		monique,
		{
			page: nurse,
			name: 'Bruno',
			login: `bruno.${stamp}@example.org`,
			grants: { Measurements: 'write', Notes: 'write' },
			role: 'nurse'
		},
		{ secret: SECRET, personName: 'Monique' }
	);

	// Bruno, from Monique's summary.
	await createJournalPages(nurse, SECRET).open('/helping');
	await nurse.getByRole('heading', { level: 3, name: 'Monique' }).getByRole('link').click({
		timeout: 30_000
	});
	const writes = nurse.getByRole('region', { name: 'Write in Monique’s circle' });
	await expect(writes).toBeVisible({ timeout: 30_000 });
	await writes.getByLabel('Measurement').selectOption('systolic');
	await writes.getByLabel('Low bound (mmHg)').fill('150');
	await writes.getByLabel('High bound (mmHg)').fill('120');
	await writes.getByRole('button', { name: 'Set the target' }).click();
	const high = writes.getByLabel('High bound (mmHg)');
	await expect(high).toHaveAccessibleDescription(/The high bound must be above the low bound\.$/u);
	await expect(high).toHaveAttribute('aria-invalid', 'true');
	await expectNoAxeViolations(nurse, 'write in the circle, with an error (en)');
	await writes.getByLabel('Low bound (mmHg)').fill('110');
	await high.fill('135');
	await writes.getByRole('button', { name: 'Set the target' }).click();
	await expect(writes.getByText('Target set. Monique will see it with your name.')).toBeVisible();
	await writes.getByLabel(/^Your note/u).fill(NOTE);
	await writes.getByRole('button', { name: 'Send the note' }).click();
	await expect(writes.getByText(/^Note sent\./u)).toBeVisible();
	// Her own summary reads the circle again: the note, named, and the target's setter.
	await expect(nurse.getByText(/^Note from Bruno, /u)).toBeVisible();
	await expect(nurse.getByText(NOTE)).toBeVisible();
	await expect(nurse.getByText(/Could not check who wrote this/u)).toHaveCount(0);
	await expectNoAxeViolations(nurse, 'write in the circle (en)');
	await expectReflow(nurse);

	// Monique: both, with who wrote them, on her Circle page.
	await openCircleUntil(monique, /^Target set by Bruno on /u);
	const section = writtenByCircle(monique);
	await expect(section.getByText(/^Note from Bruno, /u)).toBeVisible({ timeout: 30_000 });
	await expect(section.getByText(NOTE)).toBeVisible();
	// Named because Bruno's signature on each record was checked on her device (issue 14, trust
	// between members): nothing here reads "could not check who wrote this".
	await expect(section.getByText(/Could not check who wrote this/u)).toHaveCount(0);
	await expect(section.getByText(/^Systolic.*: 110 mmHg – 135 mmHg$/u)).toBeVisible();
	await expectNoAxeViolations(monique, 'written by your circle (en)');
	// And beside her blood-pressure chart.
	await createJournalPages(monique, SECRET).open('/journal/charts?show=metric:systolic');
	await expect(monique.getByTestId('target-set-by')).toHaveText(/^Target set by Bruno on /u, {
		timeout: 30_000
	});

	// In French; then she removes the note.
	await createShell(monique).languageButton.click();
	await expect(monique.getByTestId('target-set-by')).toHaveText(/^Objectif fixé par Bruno le /u);
	await createJournalPages(monique, SECRET).open('/circle');
	const fr = writtenByCircle(monique);
	await expect(fr.getByText(/^Objectif fixé par Bruno le /u)).toBeVisible({ timeout: 30_000 });
	await expect(fr.getByText(/^Note de Bruno, /u)).toBeVisible();
	await expectNoAxeViolations(monique, 'written by your circle (fr)');
	await expectReflow(monique);
	await fr.getByRole('button', { name: 'Retirer cette note' }).click();
	await expect(fr.getByText('Retiré. Les membres ne le verront plus.')).toBeVisible();
	await expect(fr.getByText(NOTE)).toBeHidden();

	await createShell(nurse).languageButton.click();
	await expect(
		nurse.getByRole('region', { name: 'Écrire dans le cercle de Monique' })
	).toBeVisible();
	await expectNoAxeViolations(nurse, 'write in the circle (fr)');
});
