// What the service worker precaches, and how each file is fetched (issue 18 §3). Workbox fetches
// an entry that has a revision with `cache: 'reload'`, past the browser's HTTP cache, and one
// without a revision normally. The build's files under `/_app/immutable/` carry their content's
// hash in their name (the server sends them `immutable`): they get no revision, so those the page
// has already downloaded (the first screen, the vault, Today's code: about 160 kB gzip on a first
// visit) come from the HTTP cache instead of a second time over a slow link, and the precache,
// after which the worker takes control, ends sooner. Every other file (static files, prerendered
// content, the shell, version.json) keeps the build's version as its revision: its name does not
// change when its content does.

export interface PrecacheEntry {
	readonly url: string;
	readonly revision: string | null;
}

const IMMUTABLE = /^\/?_app\/immutable\//u;

/** Whether `url` names a build file whose name changes with its content. */
export function isImmutable(url: string): boolean {
	return IMMUTABLE.test(url);
}

export function precacheEntries(urls: readonly string[], version: string): PrecacheEntry[] {
	return urls.map((url) => ({ url, revision: isImmutable(url) ? null : version }));
}
