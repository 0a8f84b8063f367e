// A carer joins from the link in one short flow (issue 11 §2), two browser contexts against the
// real server, in English and in French: the person (with her name in the invitation) invites
// Claire as a family carer; Claire, on a phone with no journal and no account, opens the link, sees
// who invites her and what she will see, gives ONE login and passphrase, compares the codes; the
// person confirms; Claire's page follows by itself and leads to what the person shares. The time
// from opening the link to Claire seeing the shared categories is measured and written as a JSON
// line (annotation `join-to-shared-ms` and `join-timing.json` in the test's output directory).
// Her recovery key then waits in Settings; her own journal is there, never required.
import { writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { createAccountPages } from './pages/account';
import { expectNoAxeViolations } from './pages/axe';
import { createCirclePages } from './pages/circle';
import { createWelcomePage } from './pages/welcome-page';

const SECRET = 'quatre chats dorment au soleil';
const CLAIRE_SECRET = 'mon vélo bleu attend sous la pluie';

const WORDS = {
	en: {
		locale: 'en-GB',
		invites: /^Odette invites you to their circle of care$/u,
		medicines: /^Medicines: read$/u,
		plan: /^Plan & tasks: read and write$/u,
		join: /^Join$/u,
		login: /^Email or user name$/u,
		passphrase: /^Passphrase$/u,
		again: /^Type it again$/u,
		submit: /^Join the circle$/u,
		accepted: /Accepted\. The person must now confirm/u,
		open: /^See what Odette shares with you$/u,
		shared: 'What Odette shares with you',
		settings: /^Settings$/u,
		recovery: /^Save your recovery key$/u,
		helping: /^People I help$/u,
		odette: /^Odette — carer, active$/u,
		circle: /^Circle$/u,
		ownInvite: /^Invite someone to my own circle$/u,
		inviteTitle: /^Invite someone$/u
	},
	fr: {
		locale: 'fr-FR',
		invites: /^Odette vous invite dans son cercle de soins$/u,
		medicines: /^Médicaments\s?: lecture$/u,
		plan: /^Plan et tâches\s?: lecture et écriture$/u,
		join: /^Rejoindre$/u,
		login: /^E-mail ou nom d’utilisateur$/u,
		passphrase: /^Phrase secrète$/u,
		again: /^Tapez-la encore une fois$/u,
		submit: /^Rejoindre le cercle$/u,
		accepted: /Accepté\. La personne doit/u,
		open: /^Voir ce que Odette partage avec vous$/u,
		shared: 'Ce que Odette partage avec vous',
		settings: /^Réglages$/u,
		recovery: /^Notez votre clé de récupération$/u,
		helping: /^Mes proches$/u,
		odette: /^Odette — aidant·e, actif$/u,
		circle: /^Cercle$/u,
		ownInvite: /^Inviter quelqu’un dans mon propre cercle$/u,
		inviteTitle: /^Inviter quelqu’un$/u
	}
} as const;

for (const lang of ['en', 'fr'] as const) {
	test(`a carer joins from the link with one login and passphrase, and sees what is shared (${lang})`, async ({
		browser
	}) => {
		test.setTimeout(240_000);
		const w = WORDS[lang];
		const stamp = Date.now().toString(36);
		const person = await (await browser.newContext({ locale: 'en-GB' })).newPage();
		const claire = await (await browser.newContext({ locale: w.locale })).newPage();

		// The person: journal, account, an invitation with her name and the family-carer preset.
		await createWelcomePage(person).createJournal(SECRET);
		await createAccountPages(person).createAccount(`odette.${lang}.${stamp}@example.org`);
		const circle = createCirclePages(person);
		await circle.open();
		await person.getByLabel(/^Your name, as they know you$/u).fill('Odette');
		const link = await circle.invite('Claire', { Medicines: 'read', 'Plan & tasks': 'write' });
		// Shown again later, the link still says who invites (the name stays in the fragment).
		await person.getByRole('button', { name: /^Show the link again$/u }).click();
		await expect(person.getByRole('textbox', { name: /^Invitation link$/u }).last()).toHaveValue(
			/\/join#[A-Za-z0-9_-]{43}&from=Odette&role=carer&see=/u
		);

		// Claire: nothing on this phone yet. The clock starts when she opens the link.
		const started = Date.now();
		await claire.goto(link);
		await expect(claire.getByRole('heading', { level: 1 })).toHaveText(w.invites);
		await expect(claire.getByText(w.medicines)).toBeVisible();
		await expect(claire.getByText(w.plan)).toBeVisible();
		await expect(claire).toHaveURL(/\/join#/u);
		await expectNoAxeViolations(claire, `join: the invitation (${lang})`);
		await claire.getByRole('button', { name: w.join }).click();
		await claire.getByLabel(w.login).fill(`claire.${lang}.${stamp}@example.org`);
		await claire.getByLabel(w.passphrase).fill(CLAIRE_SECRET);
		await claire.getByLabel(w.again).fill(CLAIRE_SECRET);
		await expectNoAxeViolations(claire, `join: login and passphrase (${lang})`);
		await claire.getByRole('button', { name: w.submit }).click();
		await expect(claire.getByText(w.accepted)).toBeVisible({ timeout: 30_000 });
		const claireCode = (await claire.getByTestId('safety-code').textContent()) ?? '';

		// The person compares the codes and confirms.
		await circle.refresh();
		// The same safety code on both devices, each computed from both identity keys.
		await expect(person.getByTestId('safety-code')).toHaveText(claireCode);
		await circle.confirm('Claire');

		// Claire's page follows the confirmation by itself and leads to what Odette shares.
		await claire.getByRole('link', { name: w.open }).click({ timeout: 30_000 });
		const shared = claire.getByRole('region', { name: w.shared });
		await expect(shared.getByText(w.medicines)).toBeVisible({ timeout: 30_000 });
		await expect(shared.getByText(w.plan)).toBeVisible();
		const elapsed = Date.now() - started;
		test.info().annotations.push({ type: 'join-to-shared-ms', description: String(elapsed) });
		writeFileSync(
			test.info().outputPath('join-timing.json'),
			`${JSON.stringify({ metric: 'join-to-shared-ms', lang, ms: elapsed })}\n`
		);
		expect(elapsed).toBeLessThan(60_000);

		// Her recovery key waits in Settings; nothing blocked her on the way.
		await claire.getByRole('navigation').getByRole('link', { name: w.settings }).first().click();
		await expect(claire.getByRole('heading', { name: w.recovery })).toBeVisible();

		// "People I help" is in her navigation and leads back to Odette in one tap; her own
		// circle's invite form does not greet her.
		await claire.getByRole('navigation').getByRole('link', { name: w.helping }).first().click();
		await expect(claire.getByRole('link', { name: w.odette })).toBeVisible({ timeout: 20_000 });
		await claire.getByRole('navigation').getByRole('link', { name: w.circle }).first().click();
		await expect(claire.getByRole('button', { name: w.ownInvite })).toBeVisible({
			timeout: 20_000
		});
		await expect(claire.getByRole('heading', { name: w.inviteTitle })).toHaveCount(0);
	});
}
