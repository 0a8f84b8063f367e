// Node-side benchmarks (server and sync on loopback) run through vitest for its TypeScript and
// $lib resolution; `npm run bench` (tests/bench/run.ts) starts this and merges the figures.
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	root: new URL('../..', import.meta.url).pathname,
	plugins: [sveltekit()],
	test: {
		include: ['tests/bench/**/*.bench-run.ts'],
		testTimeout: 900_000,
		hookTimeout: 120_000
	}
});
