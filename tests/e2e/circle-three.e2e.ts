// The circle of care with three browser contexts (issue 5, Tests, last bullet), in English and in
// French, against the real server: the person (Odette) logs a medicine and a symptom, adds
// "Pharmacy on Friday" to her plan and invites her daughter Claire (carer: plan & tasks write,
// medicines read) and a home nurse (nurse: measurements, medicines, symptoms, and plan & tasks
// read, so she sees the task claimed). Each accepts on their own device; the person confirms
// both. Claire sees the medicine and nothing of the symptoms; she takes the task on; the person
// (after her sync) and the nurse see it taken on by Claire. The person takes Claire's medicines
// back; a medicine she logs afterwards reaches the nurse and never reaches Claire (no pull
// answer sent to Claire holds a medicines envelope from then on). The person's access log names
// the invitations, the shares (with whom), Claire's and the nurse's pulls of her medicines and the
// revocation (from Claire). Once the person removes Claire, the nurse's own view of the board shows
// the task open again with the person's note (issue 11 §6). axe on every screen.
import {
	expect,
	test,
	type Browser,
	type BrowserContext,
	type Page,
	type Response
} from '@playwright/test';
import * as z from 'zod';
import { createAccountPages } from './pages/account';
import { expectNoAxeViolations } from './pages/axe';
import { createCirclePages, createJoinPage, createMemberViewPage } from './pages/circle';
import { createJournalPages } from './pages/journal-pages';
import { createPlanPage } from './pages/plan-page';
import { createWelcomePage } from './pages/welcome-page';

const SECRET = 'quatre chats dorment au soleil';

/** What each screen says, per language (the app's own messages). */
const WORDS = {
	English: {
		task: 'Pharmacy on Friday',
		medicines: 'Medicines',
		symptoms: 'Symptoms',
		plan: 'Plan & tasks',
		measurements: 'Measurements',
		read: 'read',
		readWrite: 'read and write',
		colon: ': ',
		daughterLink: /^Maman — carer, active$/u,
		nurseLink: /^Odette Martin — nurse, active$/u,
		memberTitle: (name: string) => `${name}’s journal`,
		medicine: (name: string) => `Medicine: ${name}`,
		nobody: 'Nobody has taken it on yet',
		claim: /^I’ll do it/u,
		claimedByYou: 'Taken on by you',
		claimedBy: (name: string) => `Taken on by ${name}`,
		released: /Taken on by someone who has left the circle: it is open again\./u,
		someone: /someone in the circle/u,
		readOnly: 'You can read this plan but not change it.',
		invited: /^You created an invitation on /u,
		granted: (category: string, name: string) =>
			new RegExp(`^You shared your ${category} records with ${name} on `, 'u'),
		accepted: (who: string) => new RegExp(`^${who} accepted your invitation on `, 'u'),
		pulled: (who: string, category: string) =>
			new RegExp(`^${who} received your ${category} records on `, 'u'),
		revoked: (category: string, name: string) =>
			new RegExp(`^You stopped sharing your ${category} records with ${name} on `, 'u'),
		rotated: (category: string) =>
			new RegExp(`^You changed the key of your ${category} records on `, 'u'),
		claire: 'Claire \\(carer\\)',
		nurse: 'Nurse Dupont \\(nurse\\)',
		nurseName: 'Nurse Dupont'
	},
	Français: {
		task: 'Pharmacie vendredi',
		medicines: 'Médicaments',
		symptoms: 'Symptômes',
		plan: 'Plan et tâches',
		measurements: 'Mesures',
		read: 'lecture',
		readWrite: 'lecture et écriture',
		colon: '\u202f: ',
		daughterLink: /^Maman — aidant·e, actif$/u,
		nurseLink: /^Odette Martin — infirmier·ère, actif$/u,
		memberTitle: (name: string) => `Le journal de ${name}`,
		medicine: (name: string) => `Médicament\u202f: ${name}`,
		nobody: 'Personne ne s’en occupe encore',
		claim: /^Je m’en occupe/u,
		claimedByYou: 'Prise en charge par vous',
		claimedBy: (name: string) => `Prise en charge par ${name}`,
		released: /quelqu’un qui a quitté le cercle\s?: elle est de nouveau ouverte/u,
		someone: /une personne du cercle/u,
		readOnly: 'Vous pouvez lire ce plan mais pas le modifier.',
		invited: /^Vous avez créé une invitation le /u,
		granted: (category: string, name: string) =>
			new RegExp(`^Vous avez partagé vos données «\\s${category}\\s» avec ${name} le `, 'u'),
		accepted: (who: string) => new RegExp(`^${who} a accepté votre invitation le `, 'u'),
		pulled: (who: string, category: string) =>
			new RegExp(`^${who} a reçu vos données «\\s${category}\\s» le `, 'u'),
		revoked: (category: string, name: string) =>
			new RegExp(
				`^Vous avez cessé de partager vos données «\\s${category}\\s» avec ${name} le `,
				'u'
			),
		rotated: (category: string) =>
			new RegExp(`^Vous avez changé la clé de vos données «\\s${category}\\s» le `, 'u'),
		claire: 'Claire \\(aidant·e\\)',
		nurse: 'Infirmière Dupont \\(infirmier·ère\\)',
		nurseName: 'Infirmière Dupont'
	}
} as const;

/** The local date of the next Friday after today (a week ahead on a Friday), as yyyy-mm-dd. */
async function nextFriday(page: Page): Promise<string> {
	return page.evaluate(() => {
		const at = new Date();
		at.setDate(at.getDate() + ((5 - at.getDay() + 7) % 7 || 7));
		const pad = (n: number): string => String(n).padStart(2, '0');
		return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
	});
}

/** The browser reconnects: the person's own sync runs (a page load would lock the journal). */
async function reconnect(context: BrowserContext): Promise<void> {
	await context.setOffline(true);
	await context.setOffline(false);
}

const pullAnswer = z.object({ envelopes: z.array(z.object({ category: z.string() })) });

/** Categories of the envelopes in one pull answer of the sync API; null for other answers. */
async function pulledCategories(response: Response): Promise<string[] | null> {
	if (!new URL(response.url()).pathname.startsWith('/api/sync/pull')) return null;
	const body: unknown = await response.json().catch(() => null);
	const parsed = pullAnswer.safeParse(body);
	return parsed.success ? parsed.data.envelopes.map((e) => e.category) : null;
}

async function newDevice(
	browser: Browser,
	language: 'English' | 'Français'
): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext();
	const page = await context.newPage();
	const welcome = createWelcomePage(page);
	await welcome.goto();
	await welcome.chooseLanguage(language);
	await welcome.createJournal(SECRET);
	return { context, page };
}

for (const language of ['English', 'Français'] as const) {
	test(`the person, her daughter and a home nurse share, claim a task, take a grant back and read the log (${language})`, async ({
		browser
	}) => {
		test.setTimeout(480_000);
		const w = WORDS[language];
		const fr = language === 'Français';
		const stamp = `${Date.now().toString(36)}${fr ? 'f' : 'e'}`;
		const nurseLabel = fr ? 'Infirmière Dupont' : 'Nurse Dupont';
		const firstMedicine = 'Metformin 500 mg';
		const laterMedicine = 'Paracetamol 1 g';

		// 1. The person: journal, account, a medicine, a symptom, the task for Friday.
		const person = await newDevice(browser, language);
		const personAccount = createAccountPages(person.page);
		await personAccount.createAccount(`odette.${stamp}@example.org`);
		const personJournal = createJournalPages(person.page, SECRET);
		await personJournal.addMedication(firstMedicine);
		await personAccount.navigate('Today');
		await personJournal.quickLogSymptom(/^Fatigue$/u);
		const plan = createPlanPage(person.page);
		await plan.open();
		await plan.openForm();
		await plan.fill({
			title: w.task,
			date: await nextFriday(person.page),
			time: '10:00',
			place: '',
			kind: 'pharmacy'
		});
		await plan.submitButton.click();
		await expect(plan.card(w.task)).toContainText(w.nobody);
		await personAccount.expectSynced();

		// 2. She invites her daughter and the nurse.
		const circle = createCirclePages(person.page);
		await circle.open();
		const daughterLink = await circle.invite('Claire', {
			[w.plan]: 'write',
			[w.medicines]: 'read'
		});
		const nurseLink = await circle.invite(
			nurseLabel,
			{ [w.measurements]: 'read', [w.medicines]: 'read', [w.symptoms]: 'read', [w.plan]: 'read' },
			'nurse'
		);
		await expectNoAxeViolations(person.page, `circle with two invitations (${language})`);

		// 3. Each accepts on their own device, with their own journal and account; she confirms.
		const daughter = await newDevice(browser, language);
		await createAccountPages(daughter.page).createAccount(`claire.${stamp}@example.org`);
		await createJoinPage(daughter.page).accept(daughterLink, SECRET, 'Maman');
		await expectNoAxeViolations(daughter.page, `join page, accepted (${language})`);
		await circle.refresh();
		await circle.confirm('Claire');

		const nurse = await newDevice(browser, language);
		await createAccountPages(nurse.page).createAccount(`dupont.${stamp}@example.org`);
		await createJoinPage(nurse.page).accept(nurseLink, SECRET, 'Odette Martin');
		await circle.refresh();
		await circle.confirm(nurseLabel);
		await expect(circle.member('Claire')).toContainText(`${w.medicines}${w.colon}${w.read}`);
		await expect(circle.member(nurseLabel)).toContainText(`${w.symptoms}${w.colon}${w.read}`);
		await expectNoAxeViolations(person.page, `circle with two members (${language})`);

		// 4. The daughter sees the medicine, and nothing of the symptoms.
		const daughterView = createMemberViewPage(daughter.page);
		await daughterView.openFromMyCircles(w.daughterLink);
		await expect(daughter.page.getByRole('heading', { level: 1 })).toHaveText(
			w.memberTitle('Maman'),
			{ timeout: 20_000 }
		);
		const daughterShared = daughterView.shared('Maman');
		await expect(
			daughterShared.getByText(`${w.medicines}${w.colon}${w.read}`, { exact: true })
		).toBeVisible();
		await expect(
			daughterShared.getByText(`${w.plan}${w.colon}${w.readWrite}`, { exact: true })
		).toBeVisible();
		await expect(daughterShared.getByText(new RegExp(`^${w.symptoms}`, 'u'))).toHaveCount(0);
		await expect(daughterView.recent(w.medicines).getByText(w.medicine(firstMedicine))).toBeVisible(
			{ timeout: 20_000 }
		);
		await expect(daughterView.recent(w.symptoms)).toHaveCount(0);
		await expect(daughter.page.getByText(/Fatigue/u)).toHaveCount(0);

		// 5. She takes "Pharmacy on Friday" on, from the board in her view of her mother's circle.
		const daughterPlan = createPlanPage(daughter.page);
		await expect(daughterPlan.card(w.task)).toContainText(w.nobody, { timeout: 20_000 });
		await daughterPlan.action(w.task, w.claim).click();
		await expect(daughterPlan.card(w.task)).toContainText(w.claimedByYou);
		await expectNoAxeViolations(daughter.page, `member view of the daughter (${language})`);

		// 6. The nurse opens the circle: medicines, symptoms, and the task taken on by Claire.
		const nurseView = createMemberViewPage(nurse.page);
		await nurseView.openFromMyCircles(w.nurseLink);
		await expect(nurseView.recent(w.medicines).getByText(w.medicine(firstMedicine))).toBeVisible({
			timeout: 20_000
		});
		await expect(nurseView.recent(w.symptoms).getByText(/Fatigue/u)).toBeVisible();
		const nursePlan = createPlanPage(nurse.page);
		await expect(nurse.page.getByText(w.readOnly, { exact: true })).toBeVisible();
		await expect(nursePlan.card(w.task)).toContainText(w.claimedBy('Claire'), {
			timeout: 20_000
		});
		await expect(nursePlan.action(w.task, w.claim)).toHaveCount(0);
		await expectNoAxeViolations(nurse.page, `member view of the nurse (${language})`);

		// 7. The person's plan, after her sync, shows it taken on by Claire.
		await plan.open();
		await reconnect(person.context);
		await expect(plan.card(w.task)).toContainText(w.claimedBy('Claire'), { timeout: 30_000 });
		await expectNoAxeViolations(person.page, `the person's plan, task claimed (${language})`);

		// 8. The person takes Claire's medicines back (the medicines key is changed).
		await circle.open();
		await circle.changeGrants('Claire', { [w.medicines]: 'none' });
		await expect(circle.member('Claire')).not.toContainText(w.medicines);
		await expect(circle.member('Claire')).toContainText(`${w.plan}${w.colon}${w.readWrite}`);
		await expectNoAxeViolations(person.page, `circle after a revocation (${language})`);

		// From now on, no pull answer Claire's device receives holds a medicines envelope.
		const sentToDaughter: string[] = [];
		let pullAnswers = 0;
		const watching: Promise<void>[] = [];
		daughter.page.on('response', (response) => {
			watching.push(
				pulledCategories(response).then((categories) => {
					if (categories === null) return;
					pullAnswers += 1;
					sentToDaughter.push(...categories);
				})
			);
		});

		// 9. She logs a new medicine; her device sends it.
		await personJournal.addMedication(laterMedicine);
		await personAccount.expectSynced();

		// The nurse, still granted, receives it (the new key was given to her).
		await nurseView.refresh();
		await expect(nurseView.recent(w.medicines).getByText(w.medicine(laterMedicine))).toBeVisible({
			timeout: 20_000
		});

		// 10. Claire refreshes: medicines are no longer shared with her; the new one never arrives.
		await daughterView.refresh();
		await expect(daughterShared.getByText(new RegExp(`^${w.medicines}`, 'u'))).toHaveCount(0, {
			timeout: 20_000
		});
		await expect(daughterView.recent(w.medicines)).toHaveCount(0);
		await expect(daughter.page.getByText(laterMedicine)).toHaveCount(0);
		await expect(daughterPlan.card(w.task)).toContainText(w.claimedByYou);
		await expectNoAxeViolations(daughter.page, `member view after the revocation (${language})`);
		await daughterView.refresh();
		await Promise.all(watching);
		expect(pullAnswers).toBeGreaterThan(0);
		expect(sentToDaughter).not.toContain('medications');
		await expect(daughter.page.getByText(laterMedicine)).toHaveCount(0);

		// 11. The person reads all of this in her access log.
		await circle.refresh();
		const log = await circle.showAccessLog();
		await expect(log.filter({ hasText: w.invited })).toHaveCount(2);
		// Each share and its revocation names the member (as the person named them).
		await expect(log.filter({ hasText: w.granted(w.medicines, 'Claire') })).toHaveCount(1);
		await expect(log.filter({ hasText: w.granted(w.medicines, w.nurseName) })).toHaveCount(1);
		await expect(log.filter({ hasText: w.granted(w.symptoms, w.nurseName) })).toHaveCount(1);
		await expect(log.filter({ hasText: w.granted(w.symptoms, 'Claire') })).toHaveCount(0);
		await expect(log.filter({ hasText: w.accepted(w.claire) })).toHaveCount(1);
		await expect(log.filter({ hasText: w.accepted(w.nurse) })).toHaveCount(1);
		await expect(log.filter({ hasText: w.pulled(w.claire, w.medicines) }).first()).toBeVisible();
		await expect(log.filter({ hasText: w.pulled(w.nurse, w.medicines) }).first()).toBeVisible();
		await expect(log.filter({ hasText: w.pulled(w.nurse, w.symptoms) }).first()).toBeVisible();
		await expect(log.filter({ hasText: w.pulled(w.claire, w.symptoms) })).toHaveCount(0);
		await expect(log.filter({ hasText: w.revoked(w.medicines, 'Claire') })).toHaveCount(1);
		await expect(log.filter({ hasText: w.revoked(w.medicines, w.nurseName) })).toHaveCount(0);
		await expectNoAxeViolations(person.page, `the access log (${language})`);

		// 12. The person removes Claire. On the nurse's own view of the board, Claire's task is open
		//     again with the note the person sees, not "taken on by" someone in the circle.
		const members = person.page.getByRole('region', { name: /^(Members|Membres)$/u });
		await members.getByRole('button', { name: /^(Remove|Retirer) Claire$/u }).click();
		await members.getByRole('button', { name: /^(Yes, remove|Oui, retirer)$/u }).click();
		await expect(person.page.getByText(/Claire (was removed|a été retiré)/u)).toBeVisible({
			timeout: 30_000
		});
		await nurseView.refresh();
		await expect(nursePlan.card(w.task)).toContainText(w.released, { timeout: 20_000 });
		await expect(nursePlan.card(w.task)).not.toContainText(w.claimedBy('Claire'));
		await expect(nursePlan.card(w.task)).not.toContainText(w.someone);
		await expectNoAxeViolations(nurse.page, `the nurse's board after Claire left (${language})`);
		for (const device of [person, daughter, nurse]) await device.context.close();
	});
}
