// The sync status tells the person, in words and in their language, how many changes from the
// server were refused because they did not authenticate (issue 12: altered or replayed by a
// lying server), with the right plural; nothing is said when there are none.
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { setLocale } from '$lib/paraglide/runtime.js';
import SyncStatus from '$lib/ui/account/SyncStatus.svelte';

afterEach(() => {
	void setLocale('en', { reload: false });
});

const props = (unreadable: number) => ({
	status: { kind: 'synced' as const },
	onsignin: () => undefined,
	onretry: () => undefined,
	unreadable
});

describe('SyncStatus and refused changes', () => {
	it('says nothing when every pulled change opened', async () => {
		render(SyncStatus, props(0));
		await expect.element(page.getByText('✓')).toBeInTheDocument();
		expect(document.querySelector('[data-sync-unreadable]')).toBeNull();
	});

	it('says how many changes were refused, in English (one, several)', async () => {
		const view = render(SyncStatus, props(1));
		await expect
			.element(page.getByText(/^1 change received from the server could not be opened/))
			.toBeInTheDocument();
		view.unmount();
		render(SyncStatus, props(3));
		await expect
			.element(page.getByText(/^3 changes received from the server could not be opened/))
			.toBeInTheDocument();
	});

	it('and in French, with French typography', async () => {
		void setLocale('fr', { reload: false });
		render(SyncStatus, props(2));
		const text = page.getByText(/^2 modifications reçues du serveur/);
		await expect.element(text).toBeInTheDocument();
		expect(text.element().textContent).toContain('appliquées\u202f: elles');
	});
});
