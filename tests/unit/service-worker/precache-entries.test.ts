// The precache list (service-worker/precache-entries.ts): the build's hashed files are fetched
// through the HTTP cache (no revision, so Workbox does not bypass it with `cache: 'reload'`), and
// every file whose name does not change with its content is fetched again for each version.
import { describe, expect, it } from 'vitest';
import { precacheEntries } from '../../../service-worker/precache-entries';

describe('precache entries', () => {
	const entries = precacheEntries(
		[
			'/_app/immutable/entry/start.BI197fr7.js',
			'/_app/immutable/chunks/Cdgb9wvH.js',
			'/_app/immutable/assets/0.BV3SNsfW.css',
			'/_app/immutable/workers/argon2.worker-B9nemnDW.js',
			'/_app/version.json',
			'/manifest.webmanifest',
			'/icons/icon.svg',
			'/content/library/en.json',
			'/'
		],
		'1765100000000'
	);

	it('gives the hashed build files no revision, so what the page downloaded is reused', () => {
		expect(entries.slice(0, 4).map((entry) => entry.revision)).toEqual([null, null, null, null]);
	});

	it('keeps the version as the revision of every file whose name does not change', () => {
		expect(entries.slice(4)).toEqual([
			{ url: '/_app/version.json', revision: '1765100000000' },
			{ url: '/manifest.webmanifest', revision: '1765100000000' },
			{ url: '/icons/icon.svg', revision: '1765100000000' },
			{ url: '/content/library/en.json', revision: '1765100000000' },
			{ url: '/', revision: '1765100000000' }
		]);
	});

	it('does not mistake a path that merely contains the folder name for a build file', () => {
		expect(precacheEntries(['/content/_app/immutable/x.json'], 'v1')).toEqual([
			{ url: '/content/_app/immutable/x.json', revision: 'v1' }
		]);
	});
});
