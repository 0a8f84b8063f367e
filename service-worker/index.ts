/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
// Cercle's service worker: wiring only (precache, navigation to the shell, push, clicks).
import { precacheAndRoute } from 'workbox-precaching';
import { build, files, version } from '$service-worker';

precacheAndRoute([...build, ...files].map((url) => ({ url, revision: version })));
