// Cercle is local-first: every page renders in the browser from the encrypted vault, so the server
// only ever sends the same empty shell (which the service worker caches for offline use).
export const ssr = false;
export const prerender = false;
