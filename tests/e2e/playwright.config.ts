// Playwright for Cercle's end-to-end journeys, run against the production build (`npm run build`
// first) served by server/start.js on a throwaway data directory, in the system Chromium.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 4173);
const root = fileURLToPath(new URL('../../', import.meta.url));
// E2E_APP_DIR: serve a copy of the app (server/, build/, package.json, node_modules link) instead of
// this checkout, so a build started meanwhile in the checkout cannot change the app under test.
const appDir = process.env.E2E_APP_DIR ?? root;
const dataDir = mkdtempSync(join(tmpdir(), 'cercle-e2e-'));

export default defineConfig({
	testDir: '.',
	testMatch: '**/*.e2e.ts',
	// E2E_OUTPUT_DIR (and E2E_PORT) let two runs on one machine stay out of each other's way.
	outputDir: process.env.E2E_OUTPUT_DIR ?? join(root, 'test-results'),
	// Files run on two workers (a file's tests stay in order on one worker): most of a journey's time
	// is spent waiting for the server, a sync or a worker, so two share a 2-core CI machine well.
	// Every journey makes its own accounts, so none depends on another's data. E2E_WORKERS=1 to debug.
	fullyParallel: false,
	workers: Number(process.env.E2E_WORKERS ?? 2),
	retries: 0,
	// A journey's budget with two workers sharing the machine (no journey takes half of it alone).
	timeout: 90_000,
	expect: { timeout: 10_000 },
	forbidOnly: Boolean(process.env.CI),
	reporter: [['list']],
	use: {
		baseURL: `http://127.0.0.1:${port}`,
		serviceWorkers: 'allow',
		trace: 'retain-on-failure',
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	},
	projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
	webServer: {
		command: 'node server/start.js',
		cwd: appDir,
		url: `http://127.0.0.1:${port}/`,
		reuseExistingServer: false,
		timeout: 60_000,
		env: {
			PORT: String(port),
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			ORIGIN: `http://127.0.0.1:${port}`,
			// Every journey signs up from 127.0.0.1: more than the 20 an hour one address may make.
			CERCLE_SIGNUPS_PER_HOUR: '1000'
		}
	}
});
