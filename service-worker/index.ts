/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
// Cercle's service worker: wiring only. Precaches the build, the static files and the app shell so
// that every page opens offline after the first visit; serves the shell for any navigation (the
// pages render in the browser from the vault); keeps content fresh in the background. It never
// activates a new version by itself: the page asks with {type: 'SKIP_WAITING'} when the person
// taps "Reload", so nobody loses what they were typing.
import { clientsClaim } from 'workbox-core';
import { ExpirationPlugin } from 'workbox-expiration';
import {
	cleanupOutdatedCaches,
	createHandlerBoundToURL,
	precacheAndRoute
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { StaleWhileRevalidate } from 'workbox-strategies';
import { build, files, prerendered, version } from '$service-worker';
import { precacheEntries } from './precache-entries';
import './push';
import { handleSyncEvent } from './sync';

declare const self: ServiceWorkerGlobalScope;

const SHELL_URL = '/';

// `prerendered` holds the education library and decision aids (JSON built at build time), so
// Learn and Decide work offline from the first visit. The build's hashed files are fetched through
// the HTTP cache, so what the page has already downloaded is not downloaded again (see
// ./precache-entries.ts).
precacheAndRoute(precacheEntries([...build, ...files, ...prerendered, SHELL_URL], version));
cleanupOutdatedCaches();

registerRoute(new NavigationRoute(createHandlerBoundToURL(SHELL_URL), { denylist: [/^\/api\//u] }));

registerRoute(
	({ url, request }) =>
		url.origin === self.location.origin &&
		url.pathname.startsWith('/content/') &&
		request.method === 'GET',
	new StaleWhileRevalidate({
		cacheName: 'cercle-content',
		plugins: [new ExpirationPlugin({ maxEntries: 200, maxAgeSeconds: 60 * 60 * 24 * 90 })]
	})
);

// Take control of pages on the first install (nothing to replace yet); later versions wait.
clientsClaim();

const skipWaitingMessage = { type: 'SKIP_WAITING' } as const;

function isSkipWaiting(data: unknown): boolean {
	return (
		typeof data === 'object' &&
		data !== null &&
		'type' in data &&
		data.type === skipWaitingMessage.type
	);
}

self.addEventListener('message', (event) => {
	if (isSkipWaiting(event.data)) void self.skipWaiting();
});

// Background Sync: wake the open pages to sync (the worker holds no keys; see ./sync.ts).
self.addEventListener('sync', (event) => {
	handleSyncEvent(event, () => self.clients.matchAll({ type: 'window' }));
});
