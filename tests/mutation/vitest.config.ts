// The node test project alone, for StrykerJS (`npm run test:mutation`): Stryker drives one vitest
// instance and cannot run the browser 'component' project, which never imports the critical core.
// Same include list, timeouts and plugins as the 'node' project in vite.config.ts.
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	root: new URL('../..', import.meta.url).pathname,
	plugins: [
		sveltekit(),
		paraglideVitePlugin({
			project: './src/lib/i18n/project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['localStorage', 'preferredLanguage', 'baseLocale'],
			emitTsDeclarations: true
		})
	],
	test: {
		expect: { requireAssertions: true },
		environment: 'node',
		include: [
			'tests/unit/**/*.test.ts',
			'tests/property/**/*.test.ts',
			'tests/integration/**/*.test.ts'
		],
		testTimeout: 60_000,
		hookTimeout: 60_000
	}
});
