// `npm run bench`: builds the benchmark page with Vite, runs it in headless Debian Chromium through
// Playwright, measures the production build's first load, prints a table and writes
// bench-report.json (git-ignored). Figures only: no benchmark asserts a time.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { build } from 'vite';
import * as z from 'zod';
import {
	FIRST_SCREENS,
	screenCosts,
	TODAY_CEILING_BYTES,
	TODAY_SCREEN,
	TODAY_TARGET_BYTES
} from '../e2e/tools/bundle-budget.ts';
import { benchPort, startApp } from './app.ts';
import { benchLighthouse } from './lighthouse.ts';
import { benchServerScale } from './server-scale.ts';
import { benchSlowNetwork } from './slow-network.ts';

const root = resolve(import.meta.dirname, '../..');
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];
const TYPES: Record<string, string> = {
	'.html': 'text/html',
	'.js': 'text/javascript',
	'.css': 'text/css',
	'.wasm': 'application/wasm'
};

type Figures = Record<string, number | string>;
const report: Record<string, Figures> = {};

function serveDir(dir: string): Promise<{ server: Server; url: string }> {
	const server = createServer((req, res) => {
		const path = new URL(req.url ?? '/', 'http://x').pathname;
		const file = join(dir, path === '/' ? 'index.html' : path);
		if (!file.startsWith(dir) || !existsSync(file)) {
			res.statusCode = 404;
			res.end();
			return;
		}
		res.setHeader('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
		res.end(readFileSync(file));
	});
	return new Promise((ok) => {
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			ok({ server, url: `http://127.0.0.1:${port}/` });
		});
	});
}

/** A built bench page open in its own browser context. */
interface BenchPage {
	readonly page: Page;
	/** Sets the CPU throttling rate (4 = a slow phone, 1 = none). */
	readonly throttle: (rate: number) => Promise<void>;
}

interface BenchPageOptions {
	/** The page's folder under tests/bench. */
	readonly dir: string;
	/** What the Vite config adds for this page (plugins, workers, more aliases). */
	readonly vite?: {
		readonly plugins?: ReturnType<typeof svelte>;
		readonly worker?: { readonly format: 'es' };
		readonly alias?: Readonly<Record<string, string>>;
	};
	/** Wait for the ready mark only in the DOM (a page whose body is hidden while it works). */
	readonly attached?: boolean;
}

/**
 * The one launcher of the in-browser benchmarks: builds the page folder with Vite into a temporary
 * folder, serves it, opens it in a new context, waits for `body[data-ready="true"]`, runs `use`,
 * then closes the context and the server (also on failure).
 */
async function withBenchPage<T>(
	browser: Browser,
	options: BenchPageOptions,
	use: (bench: BenchPage) => Promise<T>
): Promise<T> {
	const outDir = mkdtempSync(join(tmpdir(), `cercle-bench-${options.dir}-`));
	const pageRoot = join(root, 'tests/bench', options.dir);
	await build({
		configFile: false,
		root: pageRoot,
		logLevel: 'warn',
		...(options.vite?.plugins === undefined ? {} : { plugins: [options.vite.plugins] }),
		resolve: { alias: { $lib: join(root, 'src/lib'), ...options.vite?.alias } },
		...(options.vite?.worker === undefined ? {} : { worker: options.vite.worker }),
		build: { outDir, emptyOutDir: true, target: 'es2022' }
	});
	const { server, url } = await serveDir(outDir);
	const context = await browser.newContext();
	try {
		const page = await context.newPage();
		await page.goto(url);
		await page.waitForSelector(
			'body[data-ready="true"]',
			options.attached === true ? { state: 'attached' } : {}
		);
		let cdp: Awaited<ReturnType<typeof context.newCDPSession>> | null = null;
		return await use({
			page,
			throttle: async (rate) => {
				cdp ??= await context.newCDPSession(page);
				await cdp.send('Emulation.setCPUThrottlingRate', { rate });
			}
		});
	} finally {
		await context.close();
		server.close();
	}
}

async function benchVault(browser: Browser): Promise<void> {
	await withBenchPage(
		browser,
		{ dir: 'page', vite: { worker: { format: 'es' } } },
		async ({ page, throttle }) => {
			await page.evaluate(() => globalThis.cercleBench.prepareUnlock());
			const unlock = await page.evaluate(() => globalThis.cercleBench.measureUnlock(5));
			await throttle(4);
			const unlockSlow = await page.evaluate(() => globalThis.cercleBench.measureUnlock(3));
			await throttle(1);
			report.unlock = {
				medianMs: unlock.medianMs,
				longestMainThreadBlockMs: unlock.longestBlockMs,
				throttled4xMedianMs: unlockSlow.medianMs,
				throttled4xLongestBlockMs: unlockSlow.longestBlockMs
			};
			report.vault = await page.evaluate(() => globalThis.cercleBench.measureVault(10_000));
		}
	);
}

/**
 * A member circle of 10,000 records opened the first time (pull and decrypt everything) and the
 * second time (from the cache and its digests), as the member screen opens it, at 4× CPU
 * throttling (issue 18 §5: the second opening under 300 ms).
 */
async function benchMemberCircle(browser: Browser): Promise<void> {
	await withBenchPage(browser, { dir: 'member' }, async ({ page, throttle }) => {
		const count = 10_000;
		await page.evaluate((n) => globalThis.cercleMemberBench.prepare(n), count);
		await throttle(4);
		const first = await page.evaluate(() => globalThis.cercleMemberBench.openOnce());
		const seconds: number[] = [];
		const opens: number[] = [];
		let shown = 0;
		for (let run = 0; run < 3; run++) {
			const again = await page.evaluate(() => globalThis.cercleMemberBench.openOnce());
			seconds.push(again.ms);
			opens.push(again.openMs);
			shown = again.shown;
		}
		await throttle(1);
		const secondFast = await page.evaluate(() => globalThis.cercleMemberBench.openOnce());
		const sorted = [...seconds].sort((a, b) => a - b);
		report.memberCircle = {
			records: count,
			firstOpenMs4x: Math.round(first.ms),
			secondOpenMedianMs4x: Math.round(sorted[1] ?? Number.NaN),
			secondOpenRunsMs4x: seconds.map((ms) => Math.round(ms)).join(' '),
			secondOpenOfWhichOpeningMs4x: opens.map((ms) => Math.round(ms)).join(' '),
			secondOpenMs1x: Math.round(secondFast.ms),
			entriesShown: shown
		};
	});
}

/** "My people" for a professional with 50 people × ~7,000 entries (compute on the device). */
async function benchPeople(browser: Browser): Promise<void> {
	await withBenchPage(browser, { dir: 'people' }, async ({ page, throttle }) => {
		const prepared = await page.evaluate(() => globalThis.cercleBenchPeople.prepare(50, 730));
		// One warm-up of each (JIT), not counted.
		await page.evaluate(() => globalThis.cercleBenchPeople.measureList(1));
		await page.evaluate(() => globalThis.cercleBenchPeople.measureSummary(2));
		const list = await page.evaluate(() => globalThis.cercleBenchPeople.measureList(5));
		const summary = await page.evaluate(() => globalThis.cercleBenchPeople.measureSummary(5));
		await throttle(4);
		const listSlow = await page.evaluate(() => globalThis.cercleBenchPeople.measureList(5));
		const summarySlow = await page.evaluate(() => globalThis.cercleBenchPeople.measureSummary(5));
		await throttle(1);
		report.people = {
			people: prepared.people,
			entriesPerPerson: prepared.entriesPerPerson,
			flaggedPeople: list.flaggedPeople,
			listMedianMs: list.medianMs,
			listThrottled4xMedianMs: listSlow.medianMs,
			summaryMedianMs: summary.medianMs,
			summaryThrottled4xMedianMs: summarySlow.medianMs
		};
	});
	await benchPeopleDevice(browser);
}

/**
 * "My people" end to end on the device (issue 14 §3 figures): 50 member circles × ~7,000 entries
 * cached with real encryption, then, at 4× CPU throttling, keys in memory → the 50 rows with
 * their flags rendered from the sealed people digests, and one person's summary opened offline
 * from the cache and rendered. Aim: the list under 2 s, a summary under 500 ms.
 */
async function benchPeopleDevice(browser: Browser): Promise<void> {
	await withBenchPage(
		browser,
		{
			dir: 'people-device',
			vite: {
				plugins: svelte(),
				alias: { '$app/paths': join(root, 'tests/bench/people-device/app-paths.ts') }
			},
			attached: true
		},
		async ({ page, throttle }) => {
			const people = Number(process.env.BENCH_PEOPLE ?? 50);
			const seedStart = performance.now();
			// BENCH_PEOPLE_DAYS shortens the history for a quick look (the figures are for 730 days).
			const days = Number(process.env.BENCH_PEOPLE_DAYS ?? 730);
			const prepared = await page.evaluate(
				([n, d]) => globalThis.cercleBenchPeopleDevice.prepare(n, d),
				[people, days] as const
			);
			const seedMs = performance.now() - seedStart;
			// One warm-up of each (JIT), not counted.
			await page.evaluate(() => globalThis.cercleBenchPeopleDevice.measureList());
			await page.evaluate(() => globalThis.cercleBenchPeopleDevice.measureSummary(1));
			await throttle(4);
			const lists: number[] = [];
			const listParts: string[] = [];
			const probes: number[] = [];
			const summaries: number[] = [];
			const parts: string[] = [];
			let shown = { rows: 0, flags: 0, fresh: 0 };
			let read = { trends: 0, records: 0 };
			for (let run = 0; run < 3; run++) {
				const list = await page.evaluate(() => globalThis.cercleBenchPeopleDevice.measureList());
				lists.push(list.ms);
				listParts.push([list.readMs, list.rowsMs].map((ms) => Math.round(ms)).join('/'));
				probes.push(await page.evaluate(() => globalThis.cercleBenchPeopleDevice.probeOpen()));
				shown = list;
				const summary = await page.evaluate(
					(i) => globalThis.cercleBenchPeopleDevice.measureSummary(i),
					run + 2
				);
				summaries.push(summary.ms);
				parts.push(
					[summary.openMs, summary.readMs, summary.computeMs].map((ms) => Math.round(ms)).join('/')
				);
				read = summary;
			}
			await throttle(1);
			const fast = await page.evaluate(() => globalThis.cercleBenchPeopleDevice.measureList());
			const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[1] ?? Number.NaN;
			report.people = {
				...report.people,
				deviceSeedSeconds: Math.round(seedMs / 1000),
				deviceEntriesPerPerson: prepared.entriesPerPerson,
				listFromDigestsMedianMs4x: Math.round(median(lists)),
				listFromDigestsRunsMs4x: lists.map((ms) => Math.round(ms)).join(' '),
				listFromDigestsReadRowsMs4x: listParts.join(' '),
				listOpenCachesOnlyMs4x: probes.map((ms) => Math.round(ms)).join(' '),
				listFromDigestsMs1x: Math.round(fast.ms),
				listRowsRendered: shown.rows,
				listFlagsRendered: shown.flags,
				listDigestsFresh: shown.fresh,
				summaryOpenMedianMs4x: Math.round(median(summaries)),
				summaryOpenRunsMs4x: summaries.map((ms) => Math.round(ms)).join(' '),
				summaryOpenReadComputeMs4x: parts.join(' '),
				summaryRecordsRead: read.records,
				summaryTrends: read.trends
			};
		}
	);
}

async function benchFirstLoad(browser: Browser): Promise<void> {
	if (!existsSync(join(root, 'build/handler.js'))) {
		throw new Error(
			'Run `npm run build` before `npm run bench` (the first-load figure needs the production build).'
		);
	}
	const port = benchPort();
	const app = await startApp(port);
	try {
		const context = await browser.newContext({ serviceWorkers: 'block' });
		const page = await context.newPage();
		const assets = new Set<string>();
		page.on('response', (response) => {
			const type = response.request().resourceType();
			const path = new URL(response.url()).pathname;
			// Argon2's WebAssembly is fetched by its worker (a `fetch`, not a `script`).
			if (type === 'script' || type === 'stylesheet' || path.endsWith('.wasm')) assets.add(path);
		});
		await page.goto(`http://127.0.0.1:${port}/`, { waitUntil: 'networkidle' });
		let js = 0;
		let css = 0;
		for (const path of assets) {
			const file = join(root, 'build/client', path);
			if (!existsSync(file)) continue;
			const size = gzipSync(readFileSync(file), { level: 9 }).length;
			if (path.endsWith('.css')) css += size;
			else js += size;
		}
		// What each screen needs before it is usable (the build manifest's static closure; the vault
		// loads on mount in parallel and is counted above, by network idle, not here).
		const kB = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
		const [welcome, unlock, signIn, today] = screenCosts(root, [...FIRST_SCREENS, TODAY_SCREEN]);
		report.firstLoad = {
			files: assets.size,
			jsGzipBytes: js,
			cssGzipBytes: css,
			totalGzipKB: kB(js + css),
			welcomeScreenGzipKB: kB(welcome?.totalGzipBytes ?? Number.NaN),
			unlockScreenGzipKB: kB(unlock?.totalGzipBytes ?? Number.NaN),
			signInScreenGzipKB: kB(signIn?.totalGzipBytes ?? Number.NaN),
			unlockedTodayGzipKB: kB(today?.totalGzipBytes ?? Number.NaN),
			unlockedTodayCeilingKB: kB(TODAY_CEILING_BYTES),
			unlockedTodayAimKB: kB(TODAY_TARGET_BYTES)
		};
		await context.close();
	} finally {
		app.kill();
	}
}

/**
 * Survey results on the publisher's device (issue 15): fetch + open + tally 2,000 sealed answers
 * to a 15-question survey at 4× CPU throttling; and the gzip size of what opening a questionnaire
 * loads lazily (its route's chunks not already in the first load, plus /content/surveys.json).
 */
async function benchSurveys(browser: Browser): Promise<void> {
	await withBenchPage(browser, { dir: 'surveys' }, async ({ page, throttle }) => {
		const bytes = await page.evaluate(() => globalThis.cercleSurveyBench.prepare(2000));
		const fast = await page.evaluate(() => globalThis.cercleSurveyBench.measureResults(3));
		await throttle(4);
		const slow = await page.evaluate(() => globalThis.cercleSurveyBench.measureResults(3));
		const again = await page.evaluate(() => globalThis.cercleSurveyBench.measureResults(3, true));
		await throttle(1);
		report.surveys = {
			answers: slow.answers,
			questions: 15,
			answersJsonKB: Math.round(bytes / 1024),
			resultsMedianMs: Math.round(fast.medianMs),
			resultsThrottled4xMedianMs: Math.round(slow.medianMs),
			openThrottled4xMedianMs: Math.round(slow.openMedianMs),
			tallyThrottled4xMedianMs: Math.round(slow.tallyMedianMs),
			openWorkers: slow.workers,
			reopenThrottled4xMedianMs: Math.round(again.medianMs),
			reopenCacheThrottled4xMedianMs: Math.round(again.openMedianMs),
			reopenTallyThrottled4xMedianMs: Math.round(again.tallyMedianMs),
			...questionnaireChunk()
		};
	});
}

/** gzip bytes of the questionnaire route's own chunks (not in the root layout's) and its JSON. */
function questionnaireChunk(): Figures {
	const manifestPath = join(root, '.svelte-kit/output/client/.vite/manifest.json');
	if (!existsSync(manifestPath)) return { questionnaireChunk: 'run `npm run build` first' };
	const manifestSchema = z.record(
		z.string(),
		z.object({ file: z.string(), imports: z.array(z.string()).optional() })
	);
	const manifest = manifestSchema.parse(JSON.parse(readFileSync(manifestPath, 'utf8')));
	const closure = (key: string, seen = new Set<string>()): Set<string> => {
		if (seen.has(key)) return seen;
		seen.add(key);
		for (const next of manifest[key]?.imports ?? []) closure(next, seen);
		return seen;
	};
	// Manifest keys are SvelteKit's generated nodes: find the ones that import each source file.
	const nodesDir = join(root, '.svelte-kit/generated/client-optimized/nodes');
	const nodeOf = (source: string) =>
		Object.keys(manifest).find((key) => {
			const match = /client-optimized\/nodes\/(\d+)\.js$/u.exec(key);
			if (match === null) return false;
			const file = join(nodesDir, `${match[1] ?? ''}.js`);
			return existsSync(file) && readFileSync(file, 'utf8').includes(source);
		});
	const layoutKey = nodeOf('src/routes/+layout.svelte');
	const appLayoutKey = nodeOf('src/routes/(app)/+layout.svelte');
	const routeKey = nodeOf('src/routes/(app)/surveys/[id]/+page.svelte');
	if (routeKey === undefined) return { questionnaireChunk: 'route not found in the manifest' };
	const shared = new Set([
		...(layoutKey === undefined ? [] : closure(layoutKey)),
		...(appLayoutKey === undefined ? [] : closure(appLayoutKey))
	]);
	let js = 0;
	for (const key of closure(routeKey)) {
		if (shared.has(key)) continue;
		const file = join(root, '.svelte-kit/output/client', manifest[key]?.file ?? '');
		if (existsSync(file)) js += gzipSync(readFileSync(file), { level: 9 }).length;
	}
	const json = join(root, 'build/prerendered/content/surveys.json');
	const jsonGzip = existsSync(json) ? gzipSync(readFileSync(json), { level: 9 }).length : 0;
	return {
		questionnaireRouteJsGzipKB: Math.round((js / 1024) * 10) / 10,
		surveysJsonGzipKB: Math.round((jsonGzip / 1024) * 10) / 10
	};
}

const FILL_PASSPHRASE = 'three years of journal for the benchmark';

/** Unlock → Today and unlock → 1-year chart, with ~20,000 entries, at 4× CPU throttling. */
async function benchJournal(browser: Browser): Promise<void> {
	const fillDir = mkdtempSync(join(tmpdir(), 'cercle-fill-'));
	await build({
		configFile: false,
		root: join(root, 'tests/bench/fill'),
		base: '/__bench/',
		logLevel: 'warn',
		plugins: [svelte()],
		resolve: { alias: { $lib: join(root, 'src/lib') } },
		worker: { format: 'es' },
		build: { outDir: fillDir, emptyOutDir: true, target: 'es2022' }
	});
	const port = benchPort();
	const app = await startApp(port);
	const origin = `http://127.0.0.1:${port}`;
	try {
		const context = await browser.newContext({ serviceWorkers: 'block' });
		await context.route('**/__bench/**', async (route) => {
			const path = new URL(route.request().url()).pathname.replace('/__bench/', '');
			const file = join(fillDir, path);
			if (!file.startsWith(fillDir) || !existsSync(file)) return route.fulfill({ status: 404 });
			return route.fulfill({
				body: readFileSync(file),
				contentType: TYPES[extname(file)] ?? 'application/octet-stream'
			});
		});
		const page = await context.newPage();
		await page.goto(`${origin}/__bench/index.html`);
		await page.waitForSelector('body[data-ready="true"]');
		const fillStart = performance.now();
		const entries = await page.evaluate(
			(secret) =>
				(globalThis as unknown as { cercleFill(s: string): Promise<number> }).cercleFill(secret),
			FILL_PASSPHRASE
		);
		const fillMs = performance.now() - fillStart;
		const cdp = await context.newCDPSession(page);

		// BENCH_PROFILE=<dir> also records a CPU profile of the page's main thread per measurement
		// (open the .cpuprofile files in Chrome DevTools' Performance panel).
		const profileDir = process.env.BENCH_PROFILE;
		let profiled = 0;
		let traced = 0;
		// The page's main-thread task time (seconds, cumulative), from Chromium's own counters: a
		// figure less sensitive than wall time to other processes on a shared machine.
		await cdp.send('Performance.enable');
		async function taskSeconds(): Promise<number> {
			const { metrics } = await cdp.send('Performance.getMetrics');
			return metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? 0;
		}
		interface Run {
			readonly wallMs: number;
			readonly taskMs: number;
			/** "Open" pressed → unlock form gone (Argon2id, keys, vault status), in the page. */
			readonly unlockMs: number;
		}
		async function unlockAndWait(
			path: string,
			ready: string,
			/** Also wait until this section no longer says it is loading. */
			loadingSection?: string
		): Promise<Run> {
			await page.goto(`${origin}${path}`);
			const field = page.getByLabel(/^(Passphrase|Phrase secrète)$/u);
			await field.fill(FILL_PASSPHRASE);
			// In the page: when "Open" is pressed and when the unlock form is gone (the vault is
			// usable and the screen starts rendering), seen by an observer rather than by polling.
			await page.evaluate(() => {
				const marks: { pressed?: number; unlocked?: number } = {};
				Object.assign(globalThis, { benchUnlockMarks: marks });
				document.addEventListener(
					'click',
					() => {
						marks.pressed ??= performance.now();
					},
					{ capture: true }
				);
				const observer = new MutationObserver(() => {
					if (document.querySelector('input[autocomplete="current-password"]')) return;
					marks.unlocked = performance.now();
					observer.disconnect();
				});
				observer.observe(document.body, { childList: true, subtree: true });
			});
			if (profileDir !== undefined) {
				await cdp.send('Profiler.enable');
				await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
				await cdp.send('Profiler.start');
			}
			// BENCH_TRACE=<dir> records a Chromium trace (parse, compile, style, layout, GC, IndexedDB)
			// per measurement: where a CPU profile only says "(program)".
			const traceDir = process.env.BENCH_TRACE;
			if (traceDir !== undefined) {
				traced += 1;
				await browser.startTracing(page, {
					path: join(
						traceDir,
						`${String(traced)}-${path.replace(/[^a-z0-9]+/giu, '-').replace(/^-|-$/gu, '')}.json`
					),
					categories: [
						'devtools.timeline',
						'disabled-by-default-devtools.timeline',
						'v8',
						'v8.execute',
						'blink',
						'IndexedDB'
					]
				});
			}
			// Playwright compiles its injected script in the page's main world on the first
			// waitForFunction (~400 ms of main thread at 4×, measured in a trace): done here, before
			// the throttle and the clock start, so the figure is the app's alone.
			await page.waitForFunction(() => true, undefined, { polling: 'raf' });
			await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
			const taskStart = await taskSeconds();
			const start = performance.now();
			await page.getByRole('button', { name: /^(Open|Ouvrir)$/u }).click();
			// Polled on every animation frame: Playwright's locator waits back off to 500 ms between
			// checks, which quantised the wall figure by up to half a second.
			await page.waitForFunction(
				(selector) => {
					const element = document.querySelector(selector);
					if (!element) return false;
					const box = element.getBoundingClientRect();
					return box.width > 0 && box.height > 0;
				},
				ready,
				{ timeout: 120_000, polling: 'raf' }
			);
			if (loadingSection !== undefined) {
				await page.waitForFunction(
					(selector) => {
						const text = document.querySelector(selector)?.textContent;
						return typeof text === 'string' && !/Loading…|Chargement…/u.test(text);
					},
					loadingSection,
					{ timeout: 120_000, polling: 'raf' }
				);
			}
			await page.evaluate(
				() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))
			);
			const ms = performance.now() - start;
			const taskMs = ((await taskSeconds()) - taskStart) * 1000;
			const unlockMs = await page.evaluate(() => {
				const { benchUnlockMarks: marks } = globalThis as unknown as {
					benchUnlockMarks: { pressed?: number; unlocked?: number };
				};
				return marks.pressed === undefined || marks.unlocked === undefined
					? Number.NaN
					: marks.unlocked - marks.pressed;
			});
			await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
			if (traceDir !== undefined) await browser.stopTracing();
			if (profileDir !== undefined) {
				const { profile } = await cdp.send('Profiler.stop');
				profiled += 1;
				const name = path.replace(/[^a-z0-9]+/giu, '-').replace(/^-|-$/gu, '');
				writeFileSync(
					join(profileDir, `${String(profiled)}-${name}.cpuprofile`),
					JSON.stringify(profile)
				);
			}
			return { wallMs: ms, taskMs, unlockMs };
		}

		// BENCH_REPEAT=n measures each figure n times on the same filled vault and reports medians.
		const repeat = Math.max(1, Number.parseInt(process.env.BENCH_REPEAT ?? '1', 10) || 1);
		const todayRuns: Run[] = [];
		const chartRuns: Run[] = [];
		for (let run = 0; run < repeat; run += 1) {
			// Today is rendered when its summary of the last days and its list of what is due are.
			todayRuns.push(
				await unlockAndWait(
					'/today',
					'section[aria-labelledby="summary-title"] ul.summary',
					'section[aria-labelledby="due-title"]'
				)
			);
			chartRuns.push(
				await unlockAndWait('/journal/charts?show=metric:systolic&days=365', 'figure.chart canvas')
			);
		}
		// Opened again (a new page load and unlock, as every figure here): the digests the first
		// openings computed and sealed on this device are read back instead of decrypting and
		// parsing every bucket. The figures above are the first opening after the fill (cold).
		const todayAgain = await unlockAndWait(
			'/today',
			'section[aria-labelledby="summary-title"] ul.summary',
			'section[aria-labelledby="due-title"]'
		);
		const chartAgain = await unlockAndWait(
			'/journal/charts?show=metric:systolic&days=365',
			'figure.chart canvas'
		);
		const median = (values: readonly number[]) => {
			const sorted = [...values].sort((a, b) => a - b);
			const middle = Math.floor(sorted.length / 2);
			return Math.round(
				sorted.length % 2 === 1
					? (sorted[middle] ?? 0)
					: ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
			);
		};
		const list = (values: readonly number[]) => values.map((v) => Math.round(v)).join(' ');
		report.journal = {
			entries,
			fillSeconds: Math.round(fillMs / 100) / 10,
			unlockToTodayMs4x: median(todayRuns.map((r) => r.wallMs)),
			unlockToYearChartMs4x: median(chartRuns.map((r) => r.wallMs)),
			todayMainThreadTaskMs4x: median(todayRuns.map((r) => r.taskMs)),
			yearChartMainThreadTaskMs4x: median(chartRuns.map((r) => r.taskMs)),
			openToUnlockedMs4x: median([...todayRuns, ...chartRuns].map((r) => r.unlockMs)),
			unlockToTodayAgainMs4x: Math.round(todayAgain.wallMs),
			unlockToYearChartAgainMs4x: Math.round(chartAgain.wallMs),
			...(repeat > 1
				? {
						runs: repeat,
						todayRunsMs4x: list(todayRuns.map((r) => r.wallMs)),
						yearChartRunsMs4x: list(chartRuns.map((r) => r.wallMs)),
						todayRunsTaskMs4x: list(todayRuns.map((r) => r.taskMs)),
						yearChartRunsTaskMs4x: list(chartRuns.map((r) => r.taskMs))
					}
				: {})
		};
		await context.close();
	} finally {
		app.kill();
	}
}

/** Runs a vitest command for the Node-side figures; returns its wall time. */
function vitest(args: readonly string[], env: Record<string, string>): Promise<number> {
	const start = performance.now();
	return new Promise((ok, fail) => {
		const child = spawn(
			process.execPath,
			[join(root, 'node_modules/vitest/vitest.mjs'), 'run', ...args],
			{
				cwd: root,
				env: { ...process.env, ...env },
				stdio: ['ignore', 'ignore', 'inherit']
			}
		);
		child.on('exit', (code) => {
			if (code === 0) ok(performance.now() - start);
			else fail(new Error(`vitest ${args.join(' ')} exited with ${String(code)}`));
		});
	});
}

const figuresSchema = z.record(z.string(), z.record(z.string(), z.number()));

/**
 * The one launcher of the Node-side bench files (`tests/bench/<name>.bench-run.ts`): runs the file
 * under vitest, which writes its figures, section by section, to a temporary JSON file; returns them.
 */
async function nodeBenchFigures(name: string): Promise<z.infer<typeof figuresSchema>> {
	const out = join(mkdtempSync(join(tmpdir(), `cercle-${name}-`)), 'figures.json');
	await vitest(['-c', 'tests/bench/vitest.config.ts', `tests/bench/${name}.bench-run.ts`], {
		BENCH_OUT: out
	});
	return figuresSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
}

async function benchSync(): Promise<void> {
	const figures = await nodeBenchFigures('sync');
	for (const [dialect, values] of Object.entries(figures)) report[`sync.${dialect}`] = values;
	const seeds = 1000;
	const ms = await vitest(['--project', 'node', 'tests/property/sync/convergence.test.ts'], {
		SYNC_SEEDS: String(seeds)
	});
	report.convergence = { seeds, allConverged: 'yes', wallSeconds: Math.round(ms / 100) / 10 };
}

/** Reminder scheduler at 10,000 due jobs (SQLite, PostgreSQL) and circle key rotation. */
async function benchReminders(): Promise<void> {
	const figures = await nodeBenchFigures('reminders');
	for (const [section, values] of Object.entries(figures)) report[section] = values;
}

function printTable(): void {
	for (const [section, figures] of Object.entries(report)) {
		process.stdout.write(`\n${section}\n`);
		for (const [name, value] of Object.entries(figures)) {
			const shown =
				typeof value === 'number'
					? Number.isInteger(value)
						? String(value)
						: value.toFixed(2)
					: value;
			process.stdout.write(`  ${name.padEnd(32)} ${shown}\n`);
		}
	}
}

const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: CHROMIUM_ARGS
});
// BENCH_ONLY=vault,firstLoad,journal,lighthouse,slowNetwork,sync,reminders,surveys,memberCircle,people
// runs only those parts (all of them when unset); "reminders" also gives the "circle" section;
// "serverScale" runs only when named.
const only = new Set(
	(process.env.BENCH_ONLY ?? '')
		.split(',')
		.map((part) => part.trim())
		.filter((part) => part.length > 0)
);
const wanted = (part: string) => only.size === 0 || only.has(part);
try {
	if (wanted('vault')) await benchVault(browser);
	if (wanted('firstLoad')) await benchFirstLoad(browser);
	if (wanted('journal')) await benchJournal(browser);
	if (wanted('surveys')) await benchSurveys(browser);
	if (wanted('memberCircle')) await benchMemberCircle(browser);
	if (wanted('people')) await benchPeople(browser);
	if (wanted('slowNetwork')) report.slowNetwork = await benchSlowNetwork(browser);
} finally {
	await browser.close();
}
// Lighthouse runs its own Chromium (chrome-launcher), after Playwright's has closed.
if (wanted('lighthouse')) report.lighthouse = await benchLighthouse();
if (wanted('sync')) await benchSync();
// Long (a million envelopes on PostgreSQL): only when asked for by name.
if (only.has('serverScale')) Object.assign(report, await benchServerScale());
if (wanted('reminders')) await benchReminders();
report.machine = {
	cpus: (await import('node:os')).cpus().length,
	node: process.version,
	date: new Date().toISOString()
};
printTable();
writeFileSync(join(root, 'bench-report.json'), JSON.stringify(report, null, '\t') + '\n');
process.stdout.write('\nWrote bench-report.json\n');
