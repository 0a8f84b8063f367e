// Playwright for the README's own start command, run exactly as a newcomer runs it: `npm start` in
// the checkout (build, then server/start.js), with nothing set — no ORIGIN, PORT, HOST or DATA_DIR
// — so the defaults a first run depends on are the ones under test. It serves on the README's
// address, http://127.0.0.1:3000, with its SQLite database in ./data.
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const environment: Record<string, string> = {};
for (const [name, value] of Object.entries(process.env)) {
	if (value === undefined) continue;
	if (['ORIGIN', 'PORT', 'HOST', 'DATA_DIR', 'DATABASE_URL'].includes(name)) continue;
	environment[name] = value;
}

export default defineConfig({
	testDir: '.',
	testMatch: '*.readme.ts',
	outputDir: process.env.E2E_OUTPUT_DIR ?? `${root}test-results/readme`,
	workers: 1,
	retries: 0,
	timeout: 90_000,
	expect: { timeout: 15_000 },
	forbidOnly: Boolean(process.env.CI),
	reporter: [['list']],
	use: {
		baseURL: 'http://127.0.0.1:3000',
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
		// The README's command (after `npm install`, which CI has just run as `npm ci`).
		command: 'npm start',
		cwd: root,
		url: 'http://127.0.0.1:3000/',
		reuseExistingServer: false,
		timeout: 300_000,
		stdout: 'pipe',
		env: environment
	}
});
