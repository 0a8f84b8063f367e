// Pages that start with what matters on a 390 × 844 phone (issue 11, item 8), with the sample
// person: the journal's filters folded behind one button and its days loaded as the person
// scrolls; a goal's latest check-ins first and the rest on demand; an article's text on the first
// screen; a decision aid's step list folded to "Step 1 of N" and its sources only at the end.
import { expect, test, type Page } from '@playwright/test';
import { createWelcomePage } from './pages/welcome-page';

test.use({ viewport: { width: 390, height: 844 } });

// The sample person lives in memory only: move with the client-side router, never a reload.
async function go(page: Page, path: string): Promise<void> {
	await page.evaluate((href) => {
		const link = document.createElement('a');
		link.href = href;
		document.body.append(link);
		link.click();
		link.remove();
	}, path);
	await expect(page).toHaveURL(new RegExp(`${path}$`, 'u'));
	await expect(page.locator('main h1').first()).toBeVisible();
}

for (const locale of ['en', 'fr'] as const) {
	test(`long pages start with what matters (${locale})`, async ({ page }) => {
		const fr = locale === 'fr';
		const welcome = createWelcomePage(page);
		await welcome.goto();
		if (fr) await welcome.chooseLanguage('Français');
		await welcome.demoButton.click();
		await expect(page).toHaveURL(/\/today$/u);

		// Journal: filters folded, a few days, more as the person scrolls to the end.
		await go(page, '/journal');
		const kind = page.getByRole('combobox', { name: fr ? 'Afficher' : 'Show', exact: true });
		await expect(kind).toBeHidden();
		const days = page.locator('main section.day');
		await expect(days.first()).toBeVisible();
		const before = await days.count();
		expect(before).toBeLessThanOrEqual(3);
		await page.locator('main section.day').last().scrollIntoViewIfNeeded();
		await page.mouse.wheel(0, 20_000);
		await expect.poll(() => days.count()).toBeGreaterThan(before);
		await page.getByText(fr ? 'Filtrer' : 'Filter', { exact: true }).click();
		await expect(kind).toBeVisible();

		// Goal detail: the five latest check-ins, the others on demand.
		await go(page, '/goals');
		await page.locator('main a[href*="/goals/detail"]').first().click();
		const checkIns = page.locator('main section[aria-labelledby="checkins-title"] ul > li');
		await expect(checkIns.first()).toBeVisible();
		expect(await checkIns.count()).toBeLessThanOrEqual(5);
		const all = page.getByRole('button', {
			name: fr ? /Afficher les \d+ points/u : /Show all \d+/u
		});
		if ((await all.count()) > 0) {
			await all.click();
			await expect.poll(() => checkIns.count()).toBeGreaterThan(5);
		}

		// Article: its own text begins on the first screen.
		await go(page, '/learn/being-a-carer');
		await expect(page.locator('main article h1')).toBeVisible();
		const top = await page.evaluate(() => {
			const texts = [...document.querySelectorAll('main article :is(h2, p, ul)')].filter(
				(el) => el.closest('.no-print, .about, .lead, .hint, .notice') === null
			);
			const first = texts[0];
			return first === undefined ? 9999 : first.getBoundingClientRect().top + window.scrollY;
		});
		expect(top).toBeLessThan(844);

		// Decision aid: "Step 1 of N" with the list folded; who wrote it only after the last step.
		await go(page, '/decide/statin-primary-prevention');
		await expect(page.getByText(fr ? /^Étape 1 sur \d+$/u : /^Step 1 of \d+$/u)).toBeVisible();
		await expect(page.locator('main .progress ol')).toBeHidden();
		await expect(page.locator('main .about-aid')).toHaveCount(0);
	});
}
