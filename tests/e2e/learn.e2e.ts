// Learn, in English and in French: the library loads lazily, then works offline once the service
// worker controls the page; search ignores accents and case; an article shows its reading tools
// (text size, read aloud or why not, saved) and sources; the person shares it with their circle
// (with a message), sees since when it is shared (after a reload too) and stops sharing.
// axe finds nothing on the library, the results and the article (shared and not).
// Recommendations, two browser contexts against the real server: a member who may write the
// person's notes recommends an article from its page ("Recommend to…"); the person's library then
// shows it first, naming who recommended it, and the person dismisses it.
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './pages/axe';
import { createAccountPages } from './pages/account';
import { createCirclePages } from './pages/circle';
import { createLearnPage } from './pages/learn-page';
import { createShell } from './pages/shell';
import { createUnlockPage } from './pages/unlock-page';
import { createWelcomePage } from './pages/welcome-page';

const SECRET = 'la pluie chante sur le jardin';

async function useLocale(page: Page, locale: 'en' | 'fr'): Promise<void> {
	await page.addInitScript((value) => {
		if (localStorage.getItem('PARAGLIDE_LOCALE') === null) {
			localStorage.setItem('PARAGLIDE_LOCALE', value);
		}
	}, locale);
}

const CASES = {
	en: {
		plain: 'blood pressure',
		accented: 'BLÖOD PRÉSSURE',
		title: 'Living with high blood pressure',
		textSize: /^Larger$/u,
		readAloud: /Read aloud|Reading aloud needs|Reading aloud is not available/u,
		note: 'Worth reading before the visit',
		shared: /^✓ Shared with your circle on \w+ \d{1,2}, \d{4}\.$/u,
		sharedNote: 'Your message: Worth reading before the visit',
		sources: 'Sources'
	},
	fr: {
		plain: 'medicaments',
		accented: 'MÉDICAMENTS',
		title: 'Prendre ses médicaments en sécurité',
		textSize: /^Très grande$/u,
		readAloud: /Lire à voix haute|a besoin d’une voix|n’est pas possible/u,
		note: 'À lire avant le rendez-vous',
		shared: /^✓ Partagé avec votre cercle le \d{1,2} \S+ \d{4}\.$/u,
		sharedNote: 'Votre message\u202f: À lire avant le rendez-vous',
		sources: 'Sources'
	}
} as const;

for (const locale of ['en', 'fr'] as const) {
	const c = CASES[locale];

	test(`library offline: search with and without accents, read an article (${locale})`, async ({
		page,
		context
	}) => {
		await useLocale(page, locale);
		const shell = createShell(page);
		const welcome = createWelcomePage(page);
		const unlock = createUnlockPage(page);
		const learn = createLearnPage(page);

		await welcome.createJournal(SECRET);
		await shell.waitForServiceWorkerControl();
		await learn.openFromNav();
		await expect(learn.articleList.getByRole('listitem')).toHaveCount(16);
		await expectNoAxeViolations(page, `library (${locale})`);

		// Offline from here: the page reloads from the service worker and the library still opens.
		await context.setOffline(true);
		await page.reload();
		await unlock.unlock(SECRET);
		await expect(learn.articleList.getByRole('listitem')).toHaveCount(16);

		await learn.searchFor(c.plain);
		expect((await learn.resultTitles())[0]).toBe(c.title);
		await learn.searchFor(c.accented);
		expect((await learn.resultTitles())[0]).toBe(c.title);
		await expectNoAxeViolations(page, `search results (${locale})`);

		await learn.search.fill('zzqxw');
		await expect(page.getByText(/zzqxw/u)).toBeVisible();

		await learn.searchFor(c.plain);
		await learn.results.getByRole('link', { name: c.title }).click();
		await expect(shell.heading).toHaveText(c.title);
		await expect(learn.readAloud).toContainText(c.readAloud);
		await expect(page.getByRole('heading', { name: c.sources })).toBeVisible();
		const external = page.locator('article a[href^="https://"]').first();
		await expect(external).toHaveAttribute('rel', /noopener noreferrer/u);

		await learn.chooseTextSize(c.textSize);
		await expect(page.locator('article.size-larger')).toBeVisible();
		await learn.bookmarkButton.click();
		await expect(learn.bookmarkButton).toHaveAttribute('aria-pressed', 'true');
		await expectNoAxeViolations(page, `article (${locale})`);

		// Share with the circle, with a message: the article says since when it is shared.
		await expect(learn.shareButton).toBeEnabled();
		await learn.shareNote.fill(c.note);
		await learn.shareButton.click();
		await expect(learn.sharedStatus).toHaveText(c.shared);
		await expect(page.getByText(c.sharedNote)).toBeVisible();
		await expect(learn.shareButton).toBeHidden();
		await expectNoAxeViolations(page, `article shared (${locale})`);

		// The share is a record in the vault: it is still there after a reload (and unlock).
		await page.reload();
		await unlock.unlock(SECRET);
		await expect(learn.sharedStatus).toHaveText(c.shared);

		// Stop sharing: back to the share form.
		await learn.unshareButton.click();
		await expect(learn.shareButton).toBeVisible();
		await expect(learn.sharedStatus).toBeHidden();
		await expect(learn.unshareButton).toBeHidden();

		// The text size is remembered, the bookmark lists the article under "saved".
		await page.locator('main a[href="/learn"]').click();
		await expect(
			page.getByRole('heading', { name: /Saved for later|Gardés pour plus tard/u })
		).toBeVisible();
		await context.setOffline(false);
	});
}

test('a member who may write notes recommends an article; the person sees it first and dismisses it', async ({
	browser
}) => {
	test.setTimeout(240_000);
	const stamp = Date.now().toString(36);
	const person = await (await browser.newContext()).newPage();
	const nurse = await (await browser.newContext()).newPage();
	const title = 'Sleeping better';

	// The person invites Claire with write on notes; Claire accepts; the person confirms.
	await createWelcomePage(person).createJournal(SECRET);
	await createAccountPages(person).createAccount(`odette.${stamp}@example.org`);
	const circle = createCirclePages(person);
	await circle.open();
	const link = await circle.invite('Claire', { Notes: 'write' });

	await createWelcomePage(nurse).createJournal(SECRET);
	await createAccountPages(nurse).createAccount(`claire.${stamp}@example.org`);
	await nurse.goto(link);
	await createUnlockPage(nurse).unlock(SECRET);
	await nurse.getByLabel(/^Your name for this circle$/u).fill('Marie');
	await nurse.getByRole('button', { name: /^Accept the invitation$/u }).click();
	await expect(nurse.getByText(/Accepted\. The person must now confirm/u)).toBeVisible();

	await circle.refresh();
	await person.getByRole('button', { name: /^Confirm Claire$/u }).click();
	await expect(person.getByText(/Claire is now in your circle/u)).toBeVisible();

	// Claire recommends the article to Marie, from the article page.
	const nurseLearn = createLearnPage(nurse);
	await nurseLearn.openFromNav();
	await nurseLearn.articleList.getByRole('link', { name: title }).click();
	await expect(createShell(nurse).heading).toHaveText(title);
	await expect(nurseLearn.recommendTo).toBeVisible({ timeout: 30_000 });
	await expect(nurseLearn.recommendTo.getByRole('option')).toHaveText(['Marie']);
	await nurseLearn.recommendNote.fill('Before our next visit');
	await nurseLearn.recommendButton.click();
	await expect(nurse.getByRole('status').filter({ hasText: 'Recommended to Marie.' })).toBeVisible({
		timeout: 20_000
	});
	await expectNoAxeViolations(nurse, 'article with recommend-to');

	// The person's library (synced on unlock) lists it first, naming Claire; she dismisses it.
	const personLearn = createLearnPage(person);
	await person.goto('/learn');
	await createUnlockPage(person).unlock(SECRET);
	await expect(personLearn.recommended.getByRole('heading', { name: title })).toBeVisible({
		timeout: 30_000
	});
	await expect(personLearn.recommended).toContainText(
		/Recommended by Claire on \w+ \d{1,2}, \d{4}/u
	);
	await expect(personLearn.recommended).toContainText('Note from Claire: Before our next visit');
	await expectNoAxeViolations(person, 'library with a recommendation');
	await personLearn.recommended
		.getByRole('button', { name: `Dismiss the recommendation of “${title}”` })
		.click();
	await expect(personLearn.recommended).toBeHidden();
	await expect(personLearn.articleList.getByRole('link', { name: title })).toBeVisible();
});
