// SvelteKit configuration. The app is local-first: pages render in the browser (ssr = false in the
// root layout) from the encrypted vault; the Node server only serves the shell and the /api endpoints.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/**
 * adapter-node, whose own entry (build/index.js) is replaced by an import of server/start.js: one
 * entry, with the baseline headers on every response and a graceful shutdown, whichever file a
 * process manager starts.
 * @type {import('@sveltejs/kit').Adapter}
 */
const nodeAdapter = adapter({ out: 'build', precompress: true });
const oneEntry = {
	...nodeAdapter,
	/** @param {import('@sveltejs/kit').Builder} builder */
	async adapt(builder) {
		await nodeAdapter.adapt(builder);
		writeFileSync(
			new URL('./build/index.js', import.meta.url),
			"// Cercle has one entry: server/start.js (see svelte.config.js).\nimport '../server/start.js';\n"
		);
	}
};

/**
 * The build's version: the commit it was built from, its first 12 hex digits (SvelteKit's default
 * is the build's time; the name ships in every screen's runtime, so short), so
 * two builds of one commit are the same files, with the same hashed names. The service worker's
 * cache is named after it, so redeploying a commit does not make phones download the app again;
 * and the size budgets measure here exactly what CI builds. Outside a git checkout: the time.
 */
function buildVersion() {
	try {
		const commit = execFileSync('git', ['rev-parse', 'HEAD'], {
			stdio: ['ignore', 'pipe', 'ignore']
		})
			.toString()
			.trim()
			.slice(0, 12);
		const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
			stdio: ['ignore', 'pipe', 'ignore']
		}).toString();
		return dirty === '' ? commit : `${commit}-${Date.now()}`;
	} catch {
		return String(Date.now());
	}
}

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: {
		runes: true
	},
	kit: {
		adapter: oneEntry,
		alias: {
			$server: 'server',
			'$server/*': 'server/*'
		},
		files: {
			serviceWorker: 'service-worker'
		},
		// Absolute asset paths: the service worker serves the same shell for every route, so
		// "./_app/…" would resolve against nested routes like /journal/charts.
		paths: {
			relative: false
		},
		serviceWorker: {
			// The worker registers itself from src/lib/state/pwa.svelte.ts so that we can offer
			// "update available — reload" instead of a silent skipWaiting.
			register: false
		},
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self', 'wasm-unsafe-eval'],
				'worker-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'manifest-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		},
		typescript: {
			config: (tsconfig) => {
				tsconfig.include.push('../server/**/*.ts', '../server/**/*.js');
				tsconfig.exclude.push('../build/**');
				return tsconfig;
			}
		},
		version: {
			name: buildVersion(),
			pollInterval: 0
		}
	}
};

export default config;
