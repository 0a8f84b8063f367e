// Lighthouse in the bench (issue 18 §2): the mobile profile (Lighthouse's default: Moto G Power
// screen, simulated slow 4G and 4× CPU) on the welcome page, the unlock page and Today with the
// sample person, in the system Chromium launched by chrome-launcher (no browser is downloaded).
// Welcome and unlock are cold navigations (performance, accessibility, best practices). Today opens
// only after an unlock, which no cold navigation can do: it is measured as a timespan (pressing
// "Try with a sample person" until Today is drawn: its performance score weighs TBT and CLS only)
// and a snapshot of Today (accessibility, best practices). Scores are figures: nothing asserts.
// The aim is "on every run": the flow runs LIGHTHOUSE_RUNS times (3 by default), each in a fresh
// Chromium and server, and the report gives the worst score (and the slowest LCP and TBT) of the
// runs, with every run's figure beside it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch } from 'chrome-launcher';
import { generateReport, startFlow, type FlowResult } from 'lighthouse';
import puppeteer, { type Page } from 'puppeteer-core';
import { benchPort, startApp } from './app.ts';
import { worstOf } from './worst-of.ts';

const PASSPHRASE = 'phare au bout de la jetee grise';
const CATEGORIES = ['performance', 'accessibility', 'best-practices'] as const;

async function createJournal(page: Page, origin: string): Promise<void> {
	await page.goto(`${origin}/welcome`);
	await page.locator('::-p-aria([name="Create my journal"][role="button"])').click();
	await page.locator('#create-new').fill(PASSPHRASE);
	await page.locator('#create-confirm').fill(PASSPHRASE);
	await page.locator('form ::-p-aria([name="Create my journal"][role="button"])').click();
	await page.locator('[data-testid="recovery-key"]').setTimeout(60_000).wait();
	await page.locator('input[type="checkbox"]').click();
	await page.locator('::-p-aria([name="Continue"][role="button"])').click();
	await page.locator('::-p-aria([name="Go to my journal"][role="button"])').click();
	await page.waitForFunction(() => location.pathname === '/today', { timeout: 60_000 });
}

function scoresOf(flow: FlowResult): Record<string, number | string> {
	const figures: Record<string, number | string> = {};
	for (const step of flow.steps) {
		const name = step.name.replace(/[^a-z]+(.)/giu, (_, c: string) => c.toUpperCase());
		// Lighthouse sometimes fails to record a trace on a loaded machine (NO_NAVSTART): said, not
		// hidden, and the step's performance score is then absent.
		if (step.lhr.runtimeError !== undefined) figures[`${name}.error`] = step.lhr.runtimeError.code;
		for (const id of CATEGORIES) {
			const score = step.lhr.categories[id]?.score;
			if (typeof score === 'number') {
				figures[`${name}.${id}`] = Math.round(score * 100);
			}
		}
		// What kept a score down, for the report reader (audits scored below 0.9 that count).
		const failing = Object.values(step.lhr.audits)
			.filter(
				(audit) =>
					typeof audit.score === 'number' &&
					audit.score < 0.9 &&
					audit.scoreDisplayMode !== 'informative' &&
					audit.scoreDisplayMode !== 'manual'
			)
			.map((audit) => audit.id);
		if (failing.length > 0) figures[`${name}.below90`] = failing.join(' ');
		const lcp = step.lhr.audits['largest-contentful-paint']?.numericValue;
		if (typeof lcp === 'number') figures[`${name}.lcpMs`] = Math.round(lcp);
		const tbt = step.lhr.audits['total-blocking-time']?.numericValue;
		if (typeof tbt === 'number') figures[`${name}.tbtMs`] = Math.round(tbt);
	}
	return figures;
}

/** Runs the flow LIGHTHOUSE_RUNS times; returns the worst figures of the runs. */
export async function benchLighthouse(): Promise<Record<string, number | string>> {
	const count = Math.max(1, Number(process.env.LIGHTHOUSE_RUNS ?? 3) || 3);
	const runs: Record<string, number | string>[] = [];
	for (let i = 0; i < count; i++) runs.push(await benchLighthouseOnce());
	return worstOf(runs);
}

/** Runs the flow once; returns the scores and writes the HTML report next to the bench's temp files. */
async function benchLighthouseOnce(): Promise<Record<string, number | string>> {
	const port = benchPort();
	const origin = `http://127.0.0.1:${port}`;
	const app = await startApp(port);
	const chrome = await launch({
		chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		chromeFlags: [
			'--headless=new',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--lang=en-GB'
		]
	});
	try {
		const browser = await puppeteer.connect({
			browserURL: `http://127.0.0.1:${String(chrome.port)}`,
			defaultViewport: null
		});
		const page = await browser.newPage();
		const flow = await startFlow(page, { name: 'Cercle on a phone' });
		const categories = [...CATEGORIES];
		// A fresh device: storage is cleared before this navigation.
		await flow.navigate(`${origin}/`, { name: 'welcome', onlyCategories: categories });

		await flow.startTimespan({
			name: 'sample person today',
			onlyCategories: ['performance', 'best-practices']
		});
		await page.locator('::-p-aria([name="Try with a sample person"][role="button"])').click();
		await page.waitForFunction(
			() =>
				location.pathname === '/today' &&
				document.querySelector('section[aria-labelledby="summary-title"]') !== null,
			{ timeout: 60_000 }
		);
		await flow.endTimespan();
		await flow.snapshot({
			name: 'sample person today snapshot',
			onlyCategories: ['accessibility', 'best-practices']
		});

		// A journal on this device, then the unlock page cold (storage kept).
		await page.locator('::-p-aria([name="Leave the sample"][role="button"])').click();
		await createJournal(page, origin);
		await flow.navigate(`${origin}/unlock`, {
			name: 'unlock',
			disableStorageReset: true,
			onlyCategories: categories
		});

		const result = await flow.createFlowResult();
		const out = join(mkdtempSync(join(tmpdir(), 'cercle-lighthouse-')), 'flow.html');
		writeFileSync(out, generateReport(result, 'html'));
		process.stdout.write(`Lighthouse report: ${out}\n`);
		await browser.disconnect();
		return scoresOf(result);
	} finally {
		chrome.kill();
		app.kill();
	}
}
