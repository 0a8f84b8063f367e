// Page heights on a 390 × 844 phone (issue 11, item 8): a measuring tool, not a test. Run after a
// build: `npx playwright test -c tests/e2e/tools/heights/playwright.config.ts` (E2E_APP_DIR serves
// another copy of the app, to measure a build from before a change).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 4173);
const root = fileURLToPath(new URL('../../../../', import.meta.url));
const appDir = process.env.E2E_APP_DIR ?? root;

export default defineConfig({
	testDir: '.',
	testMatch: '*.heights.ts',
	outputDir: process.env.E2E_OUTPUT_DIR ?? join(root, 'test-results'),
	workers: 1,
	timeout: 120_000,
	reporter: [['list']],
	use: {
		baseURL: `http://127.0.0.1:${port}`,
		viewport: { width: 390, height: 844 },
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: ['--no-sandbox', '--disable-gpu', '--no-first-run']
		}
	},
	webServer: {
		command: 'node server/start.js',
		cwd: appDir,
		url: `http://127.0.0.1:${port}/`,
		reuseExistingServer: false,
		timeout: 60_000,
		env: {
			PORT: String(port),
			HOST: '127.0.0.1',
			DATA_DIR: mkdtempSync(join(tmpdir(), 'cercle-heights-')),
			ORIGIN: `http://127.0.0.1:${port}`
		}
	}
});
