// Her own entries her device could not verify as hers (issue 14; `state/own-unverified.ts`), in
// words, English and French: the count, that they are left out of every figure and chart, and for
// each one its category, date and why ("it is not signed"), naming her as "you", never a writer.
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { setLocale } from '$lib/paraglide/runtime.js';
import OwnUnverified from '$lib/ui/journal/OwnUnverified.svelte';
import type { UnverifiedEntry } from '$lib/domain/care-team/shared-records';

const AT = Date.UTC(2026, 11, 3, 9, 0);
const entry = (id: string, reason: 'unsigned' | 'bad-signature'): UnverifiedEntry => ({
	id,
	at: AT,
	category: 'measurements',
	kind: 'measurement',
	writer: { type: 'not-verified', accountId: 'acc-monique', reason }
});

afterEach(() => {
	setLocale('en', { reload: false });
});

describe('OwnUnverified', () => {
	it('says how many are left out and why each one, in English', async () => {
		setLocale('en', { reload: false });
		render(OwnUnverified, {
			entries: [entry('a', 'unsigned'), entry('b', 'bad-signature')]
		});
		await expect
			.element(page.getByRole('heading', { name: 'Not verified as yours' }))
			.toBeVisible();
		await expect
			.element(page.getByText(/2 entries say they are yours but could not be checked/))
			.toBeVisible();
		const items = page.getByRole('listitem');
		await expect
			.element(items.nth(0))
			.toHaveTextContent(
				/Measurements.*it is not signed, and your devices sign everything you write/
			);
		await expect.element(items.nth(1)).toHaveTextContent(/the signature is not yours/);
	});

	it('in French, with the narrow space before the colon', async () => {
		setLocale('fr', { reload: false });
		render(OwnUnverified, { entries: [entry('a', 'unsigned')] });
		await expect
			.element(page.getByRole('heading', { name: 'Non vérifié comme venant de vous' }))
			.toBeVisible();
		await expect
			.element(page.getByText(/1 entrée dit venir de vous mais n’a pas pu être vérifiée/))
			.toBeVisible();
		const item = page.getByRole('listitem');
		await expect.element(item).toHaveTextContent(/Impossible de vérifier qui a écrit ceci/);
		// The matcher folds spaces: the narrow no-break one is read from the text itself.
		expect(item.element().textContent).toContain('\u202f: Impossible de vérifier');
	});

	it('shows nothing when every entry checked out', async () => {
		setLocale('en', { reload: false });
		const { container } = render(OwnUnverified, { entries: [] });
		expect(container.textContent?.trim()).toBe('');
	});
});
