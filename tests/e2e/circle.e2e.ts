// The circle of care against the real server, two browser contexts: the person invites her
// daughter (carer: medicines read, plan & tasks write) with a link + QR; the daughter opens the
// link (the secret stays in the fragment), sees the role, grants and the safety code computed on
// her device, accepts; the person's device computes the same safety code, she confirms (the proof
// is verified before any key is wrapped, then the keys are pinned), sees
// Claire's grants and a verified access log in plain language; the daughter sees the circle she
// belongs to; the person removes her and the keys are changed. axe on every screen.
import { expect, test } from '@playwright/test';
import { createAccountPages } from './pages/account';
import { expectNoAxeViolations } from './pages/axe';
import { createCirclePages } from './pages/circle';
import { createUnlockPage } from './pages/unlock-page';
import { createWelcomePage } from './pages/welcome-page';

const SECRET = 'quatre chats dorment au soleil';

test('the person invites her daughter, compares codes, confirms, reads the log and removes her', async ({
	browser
}) => {
	test.setTimeout(240_000);
	const stamp = Date.now().toString(36);
	const person = await (await browser.newContext()).newPage();
	const daughter = await (await browser.newContext()).newPage();

	// The person: journal, account, circle page.
	await createWelcomePage(person).createJournal(SECRET);
	await createAccountPages(person).createAccount(`odette.${stamp}@example.org`);
	const circle = createCirclePages(person);
	await circle.open();
	await expect(person.getByText(/Nobody is in your circle yet/u)).toBeVisible();
	const link = await circle.invite('Claire', { Medicines: 'read', 'Plan & tasks': 'write' });
	await expectNoAxeViolations(person, 'circle with a new invitation');
	expect(new URL(link).pathname).toBe('/join');

	// The daughter: her own journal and account, then the link (a full load: unlock first).
	await createWelcomePage(daughter).createJournal(SECRET);
	await createAccountPages(daughter).createAccount(`claire.${stamp}@example.org`);
	const requests: string[] = [];
	daughter.on('request', (r) => requests.push(r.url()));
	await daughter.goto(link);
	await createUnlockPage(daughter).unlock(SECRET);
	await expect(daughter.getByRole('heading', { name: /invited as: carer/u })).toBeVisible({
		timeout: 20_000
	});
	await expect(daughter.getByText('Medicines: read', { exact: true })).toBeVisible();
	await expect(daughter.getByText('Plan & tasks: read and write', { exact: true })).toBeVisible();
	const codeSeen = (await daughter.getByTestId('safety-code').textContent()) ?? '';
	expect(codeSeen).toMatch(/^\d{5}( \d{5}){11}$/u);
	await expectNoAxeViolations(daughter, 'join page');
	await daughter.getByLabel(/^Your name for this circle$/u).fill('Maman');
	await daughter.getByRole('button', { name: /^Accept the invitation$/u }).click();
	await expect(daughter.getByText(/Accepted\. The person must now confirm/u)).toBeVisible();
	await expect(daughter.getByTestId('safety-code')).toHaveText(codeSeen);
	const secret = new URL(link).hash.slice(1);
	expect(requests.some((url) => url.includes(secret))).toBe(false);

	// The person compares the codes and confirms.
	await circle.refresh();
	await expect(person.getByText(/Claire \(carer\) accepted/u)).toBeVisible();
	// The same safety code on both devices, each computed from both identity keys.
	await expect(person.getByTestId('safety-code')).toHaveText(codeSeen);
	await expectNoAxeViolations(person, 'circle with an acceptance to confirm');
	await person.getByRole('button', { name: /^Confirm Claire$/u }).click();
	await expect(person.getByText(/Claire is now in your circle/u)).toBeVisible();
	const members = person.getByRole('region', { name: /^Members$/u });
	await expect(members.getByRole('heading', { name: /Claire \(carer\)/u })).toBeVisible();
	await expect(members.getByText('Medicines: read', { exact: true })).toBeVisible();

	// The access log, verified, in plain language.
	await person.getByRole('button', { name: /^Show the access log$/u }).click();
	await expect(person.getByText(/The log is intact/u)).toBeVisible();
	await expect(person.getByText(/You shared your Medicines records with Claire on/u)).toBeVisible();
	await expect(person.getByText(/You created an invitation on/u)).toBeVisible();
	await expectNoAxeViolations(person, 'circle with a member and the access log');

	// Offline, the page shows the members it last received with a calm note, not "No connection"
	// (issue 11 §10); back online, the live list.
	await person.context().setOffline(true);
	await circle.refresh();
	await expect(
		person.getByText(/^No connection: this is your circle as this device last saw it\./u)
	).toBeVisible();
	await expect(members.getByRole('heading', { name: /Claire \(carer\)/u })).toBeVisible();
	await expect(person.getByText(/^No connection\. Try again/u)).toHaveCount(0);
	await expectNoAxeViolations(person, 'circle offline, as last received');
	await person.context().setOffline(false);
	await circle.refresh();
	await expect(person.getByText(/as this device last saw it/u)).toHaveCount(0);

	// The daughter sees the circle she belongs to, as a link to her view of it.
	await daughter.getByRole('link', { name: /^Go to my circle$/u }).click();
	await expect(daughter.getByText(/Maman — carer, active/u)).toBeVisible({ timeout: 20_000 });
	await expect(daughter.getByRole('link', { name: /^Maman — carer, active$/u })).toBeVisible();
	await expectNoAxeViolations(daughter, 'circle of a member');

	// The person removes Claire: the keys of what she could see are changed.
	await members.getByRole('button', { name: /^Remove Claire$/u }).click();
	await members.getByRole('button', { name: /^Yes, remove$/u }).click();
	await expect(person.getByText(/Claire was removed and the keys were changed/u)).toBeVisible();
	await expect(person.getByText(/Nobody is in your circle yet/u)).toBeVisible();
	await person.getByRole('button', { name: /^Show the access log$/u }).click();
	await expect(person.getByText(/You changed the key of your Medicines records on/u)).toBeVisible();
	// Claire is no longer in the circle, yet the log names her as the person did.
	await expect(person.getByText(/You removed Claire from your circle on/u)).toBeVisible();
});
