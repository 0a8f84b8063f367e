// Sharing an article with the circle and recommending one to a person: every control is labelled
// in English and French, works from the keyboard, and says what happened (shared since when,
// recommended to whom, or why not).
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { setLocale } from '$lib/paraglide/runtime.js';
import RecommendArticleControl from '$lib/ui/learn/RecommendArticleControl.svelte';
import ShareArticleControl from '$lib/ui/learn/ShareArticleControl.svelte';

const SHARED_AT = new Date(2026, 2, 3, 12).getTime();

afterEach(() => {
	void setLocale('en', { reload: false });
});

describe('share with the circle', () => {
	it('shares with an optional message, from the keyboard', async () => {
		const notes: string[] = [];
		render(ShareArticleControl, {
			shared: null,
			onshare: (note: string) => {
				notes.push(note);
				return Promise.resolve(null);
			},
			onunshare: () => Promise.resolve(null)
		});
		const message = page.getByLabelText('A short message for your circle (optional)');
		await expect.element(message).toHaveAccessibleDescription(/who may read your notes/u);
		await message.click();
		await userEvent.keyboard('Worth a read');
		await userEvent.keyboard('{Tab}');
		await expect.element(page.getByRole('button', { name: 'Share with my circle' })).toHaveFocus();
		await userEvent.keyboard('{Enter}');
		expect(notes).toEqual(['Worth a read']);
	});

	it('says since when it is shared and offers to stop, in French', async () => {
		void setLocale('fr', { reload: false });
		let unshared = 0;
		render(ShareArticleControl, {
			shared: { at: SHARED_AT, note: 'Pour toi' },
			onshare: () => Promise.resolve(null),
			onunshare: () => {
				unshared++;
				return Promise.resolve(null);
			}
		});
		await expect
			.element(page.getByRole('heading', { name: 'Partager avec votre cercle' }))
			.toBeVisible();
		await expect.element(page.getByText('Partagé avec votre cercle le 3 mars 2026.')).toBeVisible();
		await expect.element(page.getByText('Votre message : Pour toi')).toBeVisible();
		await expect.element(page.getByRole('button', { name: 'Ne plus partager' })).toBeVisible();
		await userEvent.keyboard('{Tab}');
		await expect.element(page.getByRole('button', { name: 'Ne plus partager' })).toHaveFocus();
		await userEvent.keyboard('{Enter}');
		expect(unshared).toBe(1);
	});

	it('shows why sharing failed', async () => {
		render(ShareArticleControl, {
			shared: null,
			onshare: () => Promise.resolve('This could not be saved. Try again.'),
			onunshare: () => Promise.resolve(null)
		});
		await page.getByRole('button', { name: 'Share with my circle' }).click();
		await expect.element(page.getByRole('alert')).toHaveTextContent('This could not be saved.');
	});
});

describe('recommend to a person', () => {
	const targets = [
		{ circleId: 'c-marie', name: 'Marie Dupont' },
		{ circleId: 'c-paul', name: 'Paul Martin' }
	];

	it('lists the circles, takes a note and confirms, from the keyboard', async () => {
		const calls: [string, string][] = [];
		render(RecommendArticleControl, {
			targets,
			onrecommend: (circleId: string, note: string) => {
				calls.push([circleId, note]);
				return Promise.resolve(null);
			}
		});
		await expect.element(page.getByRole('heading', { name: 'Recommend to…' })).toBeVisible();
		const to = page.getByLabelText('Recommend this article to');
		await expect.element(to).toHaveValue('c-marie');
		await to.selectOptions('Paul Martin');
		await page.getByLabelText('A short note (optional)').click();
		await userEvent.keyboard('See you Tuesday{Tab}{Enter}');
		expect(calls).toEqual([['c-paul', 'See you Tuesday']]);
		await expect.element(page.getByRole('status')).toHaveTextContent('Recommended to Paul Martin.');
	});

	it('is labelled in French and says when the article is refused', async () => {
		void setLocale('fr', { reload: false });
		render(RecommendArticleControl, {
			targets,
			onrecommend: () =>
				Promise.resolve(
					'Cet article n’est pas dans la bibliothèque\u202f: rien n’a été enregistré.'
				)
		});
		await expect.element(page.getByLabelText('Recommander cet article à')).toBeVisible();
		await expect.element(page.getByLabelText('Une courte note (facultatif)')).toBeVisible();
		await page.getByRole('button', { name: 'Recommander' }).click();
		await expect.element(page.getByRole('alert')).toHaveTextContent(/pas dans la bibliothèque/u);
		await expect.element(page.getByRole('status')).toHaveTextContent('');
	});
});
