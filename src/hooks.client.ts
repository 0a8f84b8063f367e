// A first visit to the start address goes straight to its screen (issue 18). SvelteKit runs `init`
// before its first navigation and reads the address after it: replacing `/` by `/welcome` or
// `/unlock` here (from the light IndexedDB probe, state/vault-status.svelte.ts) means no
// "Opening Cercle…" drawn at `/` and no second navigation, i.e. no extra round trip on 2G. Any other
// address, a navigation inside the app, or a probe that cannot tell, is left to the pages.
import type { ClientInit } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import { startScreen } from '$lib/state/vault-status.svelte';

export const init: ClientInit = async () => {
	if (location.pathname !== resolve('/')) return;
	const screen = await startScreen(typeof indexedDB === 'undefined' ? undefined : indexedDB);
	if (screen !== null) history.replaceState(history.state, '', resolve(screen));
};
