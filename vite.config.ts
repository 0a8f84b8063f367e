import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { sveltekit } from '@sveltejs/kit/vite';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

/**
 * Three chunks of the client build chosen by hand (issue 18), because Rolldown, left to itself,
 * splits the vault's code wherever another route shares a part of it (Dexie with AEAD, zod alone,
 * the rest) and the parts compress apart: an unlocked Today paid 2.3 kB gzip for it.
 * - `vault`: Dexie and everything `vault/vault.ts` and `vault/wipe.ts` reach (zod core and mini,
 *   the vault's and crypto's code, the HLC); first, so that zod lands here.
 * - `time`: `domain/time`, which surveys, reminders and plans read without the journal.
 * - `journal`: the journal's repository, commands, digests and the domain code they reach.
 * Captured modules bring their dependencies (Rolldown's default), so a group's seeds are modules that
 * reach no Svelte code. No first screen imports any of them statically (`vault/names.ts` and the
 * Argon2 worker's client are imported by `state/`, not by the vault): the first screens still load
 * no part of them (tests/e2e/first-screen-budget.e2e.ts). The server build is left alone.
 */
function clientChunks(): Plugin {
	const path = String.raw`[\\/]src[\\/]lib[\\/]`;
	const vault = new RegExp(
		String.raw`[\\/]node_modules[\\/]dexie[\\/]|${path}vault[\\/](?:vault|wipe)\.ts$`,
		'u'
	);
	const time = new RegExp(String.raw`${path}domain[\\/]time[\\/]`, 'u');
	const journal = new RegExp(
		String.raw`${path}(?:vault[\\/]repos[\\/]journal|commands[\\/]journal|state[\\/]journal-digest)\.ts$`,
		'u'
	);
	return {
		name: 'cercle-client-chunks',
		apply: 'build',
		enforce: 'post',
		config(config) {
			if (config.build?.ssr === true) return;
			return {
				build: {
					rolldownOptions: {
						output: {
							codeSplitting: {
								groups: [
									// Vite's preload helper, used by every dynamic import: on its own, or the
									// group that first reaches it (the vault, since its lazy signer) takes it and
									// every first screen downloads the vault with it.
									{ name: 'preload', test: /vite[\\/]preload-helper/u, priority: 3 },
									{ name: 'vault', test: vault, priority: 2 },
									{ name: 'time', test: time, priority: 1 },
									{ name: 'journal', test: journal }
								]
							}
						}
					}
				}
			};
		}
	};
}

const chromium = {
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
};

export default defineConfig({
	plugins: [
		sveltekit(),
		clientChunks(),
		paraglideVitePlugin({
			project: './src/lib/i18n/project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['localStorage', 'preferredLanguage', 'baseLocale'],
			emitTsDeclarations: true
		})
	],
	resolve: {
		// Dexie's modern ES module (ES2018), not its ES5 bundle behind `import-wrapper.mjs`: the same
		// Dexie 4, 1.3 kB gzip lighter on the way to an unlocked Today (issue 18). Only `dexie` itself.
		alias: [
			{
				find: /^dexie$/u,
				replacement: fileURLToPath(
					new URL('./node_modules/dexie/dist/modern/dexie.mjs', import.meta.url)
				)
			}
		]
	},
	worker: {
		format: 'es'
	},
	test: {
		expect: { requireAssertions: true },
		projects: [
			{
				extends: './vite.config.ts',
				test: {
					name: 'component',
					browser: {
						enabled: true,
						headless: true,
						provider: playwright(chromium),
						instances: [{ browser: 'chromium' }]
					},
					include: ['tests/component/**/*.test.ts']
				}
			},
			{
				extends: './vite.config.ts',
				test: {
					name: 'node',
					environment: 'node',
					include: [
						'tests/unit/**/*.test.ts',
						'tests/property/**/*.test.ts',
						'tests/integration/**/*.test.ts'
					],
					testTimeout: 60_000,
					hookTimeout: 60_000
				}
			}
		]
	}
});
