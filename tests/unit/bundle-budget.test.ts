// The size budget's arithmetic (tests/e2e/tools/bundle-budget.ts): a screen costs the static import
// closure of its entries — JS, CSS and the workers a chunk starts — and never what is only
// imported dynamically (the vault, loaded while the person reads or types).
import { describe, expect, it } from 'vitest';
import { staticClosure, type ViteManifest } from '../e2e/tools/bundle-budget';

const manifest: ViteManifest = {
	'entry.js': { file: 'entry.js', isEntry: true, imports: ['_runtime.js'] },
	'_runtime.js': { file: 'chunks/runtime.js' },
	'nodes/welcome.js': {
		file: 'nodes/welcome.js',
		imports: ['_runtime.js', '_shared.js'],
		dynamicImports: ['_vault.js'],
		css: ['assets/welcome.css']
	},
	'_shared.js': { file: 'chunks/shared.js', imports: ['_runtime.js'], css: ['assets/shared.css'] },
	'_vault.js': {
		file: 'chunks/vault.js',
		imports: ['_dexie.js'],
		assets: ['workers/argon2.worker.js', 'assets/argon2id.wasm', 'icons/icon.svg']
	},
	'_dexie.js': { file: 'chunks/dexie.js' }
};

describe('static closure of a screen', () => {
	it('follows static imports and CSS, not dynamic imports', () => {
		expect(staticClosure(manifest, ['entry.js', 'nodes/welcome.js'])).toEqual([
			'assets/shared.css',
			'assets/welcome.css',
			'chunks/runtime.js',
			'chunks/shared.js',
			'entry.js',
			'nodes/welcome.js'
		]);
	});

	it('counts the workers and WebAssembly a chunk starts, not its other assets', () => {
		expect(staticClosure(manifest, ['_vault.js'])).toEqual([
			'assets/argon2id.wasm',
			'chunks/dexie.js',
			'chunks/vault.js',
			'workers/argon2.worker.js'
		]);
	});

	it('refuses a key the build does not have', () => {
		expect(() => staticClosure(manifest, ['nodes/missing.js'])).toThrow(
			/not in the build manifest/u
		);
	});
});
