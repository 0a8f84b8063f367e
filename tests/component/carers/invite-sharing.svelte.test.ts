// Handing over an invitation (issue 11 §4 and §5): "Share the link" opens the phone's share sheet
// where the browser has the Web Share API, falls back to copying when sharing fails, and only the
// copy button shows without it; the QR code of the link is drawn. In the invitation form, choosing
// a role proposes its grants with a sentence saying what they share (plural-correct), which the
// person can adjust. English and French.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { setLocale } from '$lib/paraglide/runtime.js';
import InviteForm from '$lib/ui/circle/InviteForm.svelte';
import InviteLink from '$lib/ui/circle/InviteLink.svelte';

const LINK = 'https://cercle.example/join#AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA&from=Odette';

function stubNavigator(name: 'share' | 'clipboard', value: unknown): void {
	Object.defineProperty(navigator, name, { value, configurable: true, writable: true });
}

afterEach(async () => {
	stubNavigator('share', undefined);
	await setLocale('en', { reload: false });
});

describe('sharing an invitation link', () => {
	it('shares the link through the share sheet where the browser has one, and draws its QR code', async () => {
		const share = vi.fn(() => Promise.resolve());
		stubNavigator('share', share);
		render(InviteLink, { link: LINK, name: 'Claire', idPrefix: 't' });
		await page.getByRole('button', { name: 'Share the link' }).click();
		expect(share).toHaveBeenCalledWith(expect.objectContaining({ url: LINK }));
		await expect
			.element(page.getByRole('img', { name: 'QR code of the invitation link for Claire' }))
			.toBeVisible();
	});

	it('copies the link when sharing fails, and says so', async () => {
		stubNavigator('share', () => Promise.reject(new DOMException('no', 'NotAllowedError')));
		const writeText = vi.fn(() => Promise.resolve());
		stubNavigator('clipboard', { writeText });
		render(InviteLink, { link: LINK, name: 'Claire', idPrefix: 't' });
		await page.getByRole('button', { name: 'Share the link' }).click();
		await expect.element(page.getByText('Link copied.', { exact: false })).toBeVisible();
		expect(writeText).toHaveBeenCalledWith(LINK);
	});

	it('offers only the copy button without the Web Share API (in French)', async () => {
		await setLocale('fr', { reload: false });
		stubNavigator('share', undefined);
		render(InviteLink, { link: LINK, name: 'Claire', idPrefix: 't' });
		await expect.element(page.getByRole('button', { name: 'Copier le lien' })).toBeVisible();
		expect(page.getByRole('button', { name: 'Partager le lien' }).elements()).toHaveLength(0);
		await expect
			.element(page.getByRole('img', { name: /QR code du lien d’invitation pour Claire/u }))
			.toBeVisible();
	});
});

describe('grant presets in the invitation form', () => {
	it('proposes the role’s grants, says what they share and lets the person adjust them', async () => {
		render(InviteForm, { circleId: 'c1', oncreated: () => undefined });
		const sentence = page.getByTestId('invite-preset');
		await expect.element(sentence).toHaveTextContent(/^Preset for “carer”: shares 5 categories/u);
		await page.getByLabelText('Role').selectOptions('pharmacist');
		await expect
			.element(sentence)
			.toHaveTextContent(
				'Preset for “pharmacist”: shares 2 categories, Measurements (read), Medicines (read). You can change each one below.'
			);
		await page.getByText('Adjust what they see').click();
		await expect.element(page.getByLabelText('Access to Medicines')).toHaveValue('read');
		await page.getByLabelText('Access to Measurements').selectOptions('none');
		await expect.element(sentence).toHaveTextContent(/shares 1 category, Medicines \(read\)\./u);
		await page.getByLabelText('Role').selectOptions('social-worker');
		await expect.element(page.getByLabelText('Access to Medicines')).toHaveValue('none');
		await expect.element(page.getByLabelText('Access to Plan & tasks')).toHaveValue('write');
	});

	it('says it in French with the French plural', async () => {
		await setLocale('fr', { reload: false });
		render(InviteForm, { circleId: 'c1', oncreated: () => undefined });
		await page.getByLabelText('Rôle').selectOptions('pharmacist');
		await expect
			.element(page.getByTestId('invite-preset'))
			.toHaveTextContent(/partage 2 catégories, /u);
		await page.getByLabelText('Rôle').selectOptions('social-worker');
		await expect
			.element(page.getByTestId('invite-preset'))
			.toHaveTextContent(/partage 2 catégories/u);
	});
});
