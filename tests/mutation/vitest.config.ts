// The node test project alone, for StrykerJS (`npm run test:mutation`): Stryker drives one vitest
// instance and cannot run the browser 'component' project, which never imports the critical core.
// Same include list, timeouts and plugins as the 'node' project in vite.config.ts.
//
// MUTATION_TESTS (comma-separated test files) narrows the run to the tests that target the file
// being mutated: on two shared cores, the `related` graph of a low-level module such as hlc.ts pulls
// in most of the vault and integration suites. A narrowed score is a lower bound (a mutant the
// narrowed set misses may still be killed elsewhere), e.g.
//   MUTATION_TESTS=tests/property/sync/hlc.test.ts npm run test:mutation -- --mutate src/lib/sync/hlc.ts
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

const narrowed = (process.env.MUTATION_TESTS ?? '')
	.split(',')
	.map((file) => file.trim())
	.filter((file) => file !== '');

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
		include:
			narrowed.length > 0
				? narrowed
				: [
						'tests/unit/**/*.test.ts',
						'tests/property/**/*.test.ts',
						'tests/integration/**/*.test.ts'
					],
		testTimeout: 60_000,
		hookTimeout: 60_000
	}
});
