// `npm run bench`: builds the benchmark page with Vite, runs it in headless Debian Chromium through
// Playwright, measures the production build's first load, prints a table and writes
// bench-report.json (git-ignored). Figures only: no benchmark asserts a time.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { build } from 'vite';
import * as z from 'zod';

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

async function benchVault(browser: Browser): Promise<void> {
	const outDir = mkdtempSync(join(tmpdir(), 'cercle-bench-'));
	await build({
		configFile: false,
		root: join(root, 'tests/bench/page'),
		logLevel: 'warn',
		resolve: { alias: { $lib: join(root, 'src/lib') } },
		worker: { format: 'es' },
		build: { outDir, emptyOutDir: true, target: 'es2022' }
	});
	const { server, url } = await serveDir(outDir);
	const context = await browser.newContext();
	const page = await context.newPage();
	await page.goto(url);
	await page.waitForSelector('body[data-ready="true"]');
	await page.evaluate(() => globalThis.cercleBench.prepareUnlock());
	const unlock = await page.evaluate(() => globalThis.cercleBench.measureUnlock(5));
	const cdp = await context.newCDPSession(page);
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
	const unlockSlow = await page.evaluate(() => globalThis.cercleBench.measureUnlock(3));
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
	report.unlock = {
		medianMs: unlock.medianMs,
		longestMainThreadBlockMs: unlock.longestBlockMs,
		throttled4xMedianMs: unlockSlow.medianMs,
		throttled4xLongestBlockMs: unlockSlow.longestBlockMs
	};
	report.vault = await page.evaluate(() => globalThis.cercleBench.measureVault(10_000));
	await context.close();
	server.close();
}

/** "My people" for a professional with 50 people × ~7,000 entries (compute on the device). */
async function benchPeople(browser: Browser): Promise<void> {
	const outDir = mkdtempSync(join(tmpdir(), 'cercle-bench-people-'));
	await build({
		configFile: false,
		root: join(root, 'tests/bench/people'),
		logLevel: 'warn',
		resolve: { alias: { $lib: join(root, 'src/lib') } },
		build: { outDir, emptyOutDir: true, target: 'es2022' }
	});
	const { server, url } = await serveDir(outDir);
	const context = await browser.newContext();
	const page = await context.newPage();
	await page.goto(url);
	await page.waitForSelector('body[data-ready="true"]');
	const prepared = await page.evaluate(() => globalThis.cercleBenchPeople.prepare(50, 730));
	// One warm-up of each (JIT), not counted.
	await page.evaluate(() => globalThis.cercleBenchPeople.measureList(1));
	await page.evaluate(() => globalThis.cercleBenchPeople.measureSummary(2));
	const list = await page.evaluate(() => globalThis.cercleBenchPeople.measureList(5));
	const summary = await page.evaluate(() => globalThis.cercleBenchPeople.measureSummary(5));
	const cdp = await context.newCDPSession(page);
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
	const listSlow = await page.evaluate(() => globalThis.cercleBenchPeople.measureList(5));
	const summarySlow = await page.evaluate(() => globalThis.cercleBenchPeople.measureSummary(5));
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
	report.people = {
		people: prepared.people,
		entriesPerPerson: prepared.entriesPerPerson,
		flaggedPeople: list.flaggedPeople,
		listMedianMs: list.medianMs,
		listThrottled4xMedianMs: listSlow.medianMs,
		summaryMedianMs: summary.medianMs,
		summaryThrottled4xMedianMs: summarySlow.medianMs
	};
	await context.close();
	server.close();
}

async function startApp(port: number): Promise<ChildProcess> {
	const dataDir = mkdtempSync(join(tmpdir(), 'cercle-bench-data-'));
	const child = spawn(process.execPath, [join(root, 'server/start.js')], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			ORIGIN: `http://127.0.0.1:${port}`
		},
		stdio: 'ignore'
	});
	for (let i = 0; i < 100; i++) {
		try {
			const res = await fetch(`http://127.0.0.1:${port}/`);
			if (res.ok) return child;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	child.kill();
	throw new Error('the app did not start');
}

async function benchFirstLoad(browser: Browser): Promise<void> {
	if (!existsSync(join(root, 'build/handler.js'))) {
		throw new Error(
			'Run `npm run build` before `npm run bench` (the first-load figure needs the production build).'
		);
	}
	const port = 4300 + Math.floor(Math.random() * 500);
	const app = await startApp(port);
	try {
		const context = await browser.newContext({ serviceWorkers: 'block' });
		const page = await context.newPage();
		const assets = new Set<string>();
		page.on('response', (response) => {
			const type = response.request().resourceType();
			if (type === 'script' || type === 'stylesheet') assets.add(new URL(response.url()).pathname);
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
		report.firstLoad = {
			files: assets.size,
			jsGzipBytes: js,
			cssGzipBytes: css,
			totalGzipKB: Math.round(((js + css) / 1024) * 10) / 10
		};
		await context.close();
	} finally {
		app.kill();
	}
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
	const port = 4300 + Math.floor(Math.random() * 500);
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

async function benchSync(): Promise<void> {
	const out = join(mkdtempSync(join(tmpdir(), 'cercle-sync-')), 'figures.json');
	await vitest(['-c', 'tests/bench/vitest.config.ts', 'tests/bench/sync.bench-run.ts'], {
		BENCH_OUT: out
	});
	const figures = z
		.record(z.string(), z.record(z.string(), z.number()))
		.parse(JSON.parse(readFileSync(out, 'utf8')));
	for (const [dialect, values] of Object.entries(figures)) report[`sync.${dialect}`] = values;
	const seeds = 1000;
	const ms = await vitest(['--project', 'node', 'tests/property/sync/convergence.test.ts'], {
		SYNC_SEEDS: String(seeds)
	});
	report.convergence = { seeds, allConverged: 'yes', wallSeconds: Math.round(ms / 100) / 10 };
}

/** Reminder scheduler at 10,000 due jobs (SQLite, PostgreSQL) and circle key rotation. */
async function benchReminders(): Promise<void> {
	const out = join(mkdtempSync(join(tmpdir(), 'cercle-reminders-')), 'figures.json');
	await vitest(['-c', 'tests/bench/vitest.config.ts', 'tests/bench/reminders.bench-run.ts'], {
		BENCH_OUT: out
	});
	const figures = z
		.record(z.string(), z.record(z.string(), z.number()))
		.parse(JSON.parse(readFileSync(out, 'utf8')));
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
// BENCH_ONLY=vault,firstLoad,journal,sync,reminders,people runs only those parts (all of them when
// unset); "reminders" also gives the "circle" section.
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
	if (wanted('people')) await benchPeople(browser);
} finally {
	await browser.close();
}
if (wanted('sync')) await benchSync();
if (wanted('reminders')) await benchReminders();
report.machine = {
	cpus: (await import('node:os')).cpus().length,
	node: process.version,
	date: new Date().toISOString()
};
printTable();
writeFileSync(join(root, 'bench-report.json'), JSON.stringify(report, null, '\t') + '\n');
process.stdout.write('\nWrote bench-report.json\n');
