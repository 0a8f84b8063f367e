// Every page at 320, 390 and 768 px wide, in English and French, with the sample person (issue 11,
// item 10): a screenshot of each first screen (kept in the test output for review), and checks that
// the navigation's labels stay inside their boxes without breaking inside a word, that the "More"
// icon is really drawn, that no button touches the heading above or below it (8 px at least), that every
// radio and checkbox has the app's style, and that the header stays on one row with the lock
// button.
import { expect, test, type Page } from '@playwright/test';
import { createShell } from './pages/shell';
import { createWelcomePage } from './pages/welcome-page';

const WIDTHS = [320, 390, 768] as const;
const PAGES = [
	'/today',
	'/journal',
	'/journal/charts',
	'/journal/medications',
	'/journal/medications/edit',
	'/journal/measurement',
	'/journal/symptom',
	'/journal/settings',
	'/goals',
	'/goals/edit',
	'/plan',
	'/learn',
	'/learn/being-a-carer',
	'/decide',
	'/decide/statin-primary-prevention',
	'/surveys',
	'/circle',
	'/settings',
	'/settings/security',
	'/settings/account',
	'/settings/backup',
	'/settings/reminders',
	'/settings/language',
	'/settings/leave',
	'/more'
] as const;

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

/** Navigation labels that leave their box or break inside a word, described for the report. */
function navProblems(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const problems: string[] = [];
		const nav = document.querySelector('nav');
		for (const label of nav?.querySelectorAll('a span') ?? []) {
			if (!(label instanceof HTMLElement) || label.offsetParent === null) continue;
			const text = label.textContent.trim();
			const link = label.closest('a')?.getBoundingClientRect();
			const box = label.getBoundingClientRect();
			if (label.scrollWidth > label.clientWidth + 1) problems.push(`${text}: overflows`);
			if (link && (box.left < link.left - 1 || box.right > link.right + 1))
				problems.push(`${text}: outside its link`);
			const node = label.firstChild;
			if (!(node instanceof Text)) continue;
			for (const word of node.data.matchAll(/\S+/gu)) {
				const range = document.createRange();
				range.setStart(node, word.index);
				range.setEnd(node, word.index + word[0].length);
				const lines = new Set(
					[...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))
				);
				if (lines.size > 1) problems.push(`${text}: "${word[0]}" breaks inside the word`);
			}
		}
		return problems;
	});
}

/**
 * Buttons that touch or overlap the heading just above or just below them (less than 8 px between
 * the heading's box and the button's), described for the report. A heading holding the button (or
 * held by it) does not count.
 */
function buttonsTouchingHeadings(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const shown = (el: Element): boolean => {
			const r = el.getBoundingClientRect();
			return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
		};
		const words = (el: Element) => el.textContent.trim().slice(0, 40);
		const headings = [...document.querySelectorAll('main h1, main h2, main h3, main h4')].filter(
			shown
		);
		const buttons = [
			...document.querySelectorAll('main button, main .btn, main [role="button"]')
		].filter(shown);
		const problems: string[] = [];
		for (const button of buttons) {
			const b = button.getBoundingClientRect();
			let above: { heading: Element; gap: number } | null = null;
			let below: { heading: Element; gap: number } | null = null;
			for (const heading of headings) {
				if (heading.contains(button) || button.contains(heading)) continue;
				const h = heading.getBoundingClientRect();
				if (h.right <= b.left || h.left >= b.right) continue;
				if (h.top < b.top) {
					const gap = b.top - h.bottom;
					if (above === null || gap < above.gap) above = { heading, gap };
				} else {
					const gap = h.top - b.bottom;
					if (below === null || gap < below.gap) below = { heading, gap };
				}
			}
			if (above !== null && above.gap < 8)
				problems.push(
					`"${words(button)}" is ${Math.round(above.gap)} px under "${words(above.heading)}"`
				);
			if (below !== null && below.gap < 8)
				problems.push(
					`"${words(button)}" is ${Math.round(below.gap)} px over "${words(below.heading)}"`
				);
		}
		return problems;
	});
}

/** Radios and checkboxes left as the browser draws them (13 px, its own colour), described. */
function unstyledChoices(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const problems: string[] = [];
		for (const input of document.querySelectorAll<HTMLInputElement>(
			'main input[type="radio"], main input[type="checkbox"]'
		)) {
			const box = input.getBoundingClientRect();
			if (box.width === 0 || box.height === 0) continue;
			const name = (input.labels?.[0]?.textContent ?? input.name).trim().slice(0, 40);
			if (box.width < 18 || box.height < 18)
				problems.push(`${input.type} "${name}" is ${Math.round(box.width)} px`);
			if (getComputedStyle(input).accentColor === 'auto')
				problems.push(`${input.type} "${name}" has the browser's colour`);
		}
		return problems;
	});
}

/** How many pixels the "More" icon really paints (a zero-length path with flat caps paints none). */
function morePixels(page: Page): Promise<number> {
	return page.evaluate(async () => {
		const svg = document.querySelector('nav .more svg');
		if (svg === null) return -1;
		const image = new Image();
		image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(svg))}`;
		await image.decode();
		const canvas = document.createElement('canvas');
		canvas.width = 24;
		canvas.height = 24;
		const context = canvas.getContext('2d');
		if (context === null) return -1;
		context.drawImage(image, 0, 0, 24, 24);
		const { data } = context.getImageData(0, 0, 24, 24);
		let painted = 0;
		for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 128) painted++;
		return painted;
	});
}

for (const locale of ['en', 'fr'] as const) {
	test(`every page at 320, 390 and 768 px (${locale})`, async ({ page }, testInfo) => {
		test.setTimeout(240_000);
		const welcome = createWelcomePage(page);
		await page.setViewportSize({ width: 390, height: 844 });
		await welcome.goto();
		if (locale === 'fr') await welcome.chooseLanguage('Français');
		await welcome.demoButton.click();
		await expect(page).toHaveURL(/\/today$/u);
		const problems: string[] = [];
		const spacing: string[] = [];
		const choices: string[] = [];
		for (const width of WIDTHS) {
			await page.setViewportSize({ width, height: width === 768 ? 1024 : 844 });
			if (width < 768) expect(await morePixels(page), `More icon at ${width}`).toBeGreaterThan(20);
			for (const path of PAGES) {
				await go(page, path);
				problems.push(...(await navProblems(page)).map((p) => `${width}px ${path}: ${p}`));
				spacing.push(
					...(await buttonsTouchingHeadings(page)).map((p) => `${width}px ${path}: ${p}`)
				);
				choices.push(...(await unstyledChoices(page)).map((p) => `${width}px ${path}: ${p}`));
				await page.screenshot({
					path: testInfo.outputPath(`${locale}-${width}${path.replaceAll('/', '-')}.png`)
				});
			}
		}
		expect(problems).toEqual([]);
		expect(spacing, 'buttons touching the heading above them').toEqual([]);
		expect(choices, 'radios and checkboxes without the app’s style').toEqual([]);
	});
}

test('the header stays on one row with the lock button, in French, at 320 px', async ({ page }) => {
	await page.setViewportSize({ width: 320, height: 700 });
	const welcome = createWelcomePage(page);
	await welcome.goto();
	await welcome.chooseLanguage('Français');
	await welcome.createJournal('une phrase secrète assez longue pour le test');
	const shell = createShell(page);
	await expect(shell.lockButton).toBeVisible();
	const header = await page.locator('header').boundingBox();
	const lock = await shell.lockButton.boundingBox();
	expect(header?.height ?? 0).toBeLessThan(70);
	expect((lock?.y ?? 999) + (lock?.height ?? 0)).toBeLessThanOrEqual(
		(header?.y ?? 0) + (header?.height ?? 0)
	);
	expect(await navProblems(page)).toEqual([]);
});
