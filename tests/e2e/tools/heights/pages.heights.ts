// Measures, with the sample person on a 390 × 844 viewport, the scroll height of Journal, Settings
// (the index and each section's page) and a goal's detail, and how far down an article's own text starts. Prints one line per page.
import { expect, test, type Page } from '@playwright/test';

const settle = async (page: Page) => {
	await expect(page.locator('main h1').first()).toBeVisible();
	await page.waitForTimeout(1500);
};

// The sample person lives in memory only: move with the client-side router, never a reload.
const go = async (page: Page, path: string) => {
	await page.evaluate((href) => {
		const link = document.createElement('a');
		link.href = href;
		document.body.append(link);
		link.click();
		link.remove();
	}, path);
	await expect(page).toHaveURL(new RegExp(`${path}$`, 'u'));
};

const height = (page: Page) => page.evaluate(() => document.documentElement.scrollHeight);

test('page heights with the sample person', async ({ page }) => {
	await page.goto('/welcome');
	await page.getByRole('button', { name: /Try with a sample person/u }).click();
	await expect(page).toHaveURL(/\/today$/u);
	const out: string[] = [];
	await go(page, '/journal');
	await settle(page);
	out.push(`journal ${await height(page)}`);
	await go(page, '/settings');
	await settle(page);
	out.push(`settings ${await height(page)}`);
	// Each section of Settings on its own page (issue 11 §8); missing routes show the error page.
	for (const section of ['security', 'account', 'backup', 'reminders', 'language', 'leave']) {
		await go(page, `/settings/${section}`);
		await settle(page);
		out.push(`settings/${section} ${await height(page)}`);
	}
	await go(page, '/goals');
	await settle(page);
	await page.locator('main a[href*="/goals/detail"]').first().click();
	await settle(page);
	out.push(`goal-detail ${await height(page)}`);
	await go(page, '/learn');
	await settle(page);
	await page.locator('main a[href^="/learn/"]').first().click();
	await settle(page);
	const top = await page.evaluate(() => {
		const article = document.querySelector('article');
		if (article === null) return -1;
		const candidates = [...article.querySelectorAll('h2, p, ul, ol')].filter(
			(el) =>
				el.closest('.no-print, .about, .lead, .hint, .notice, [data-article-meta]') === null &&
				!el.classList.contains('lead') &&
				!el.classList.contains('hint') &&
				!el.classList.contains('notice')
		);
		const first = candidates[0];
		return first === undefined
			? -1
			: Math.round(first.getBoundingClientRect().top + window.scrollY);
	});
	out.push(`article-text-top ${top} (${page.url()})`);
	console.info(out.join('\n'));
});
