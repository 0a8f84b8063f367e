// Page model of the Learn library (/learn) and an article page (/learn/<id>), in either language.
import { expect, type Page } from '@playwright/test';

export function createLearnPage(page: Page) {
	const search = page.getByRole('searchbox', {
		name: /^(Search the library|Chercher dans la bibliothèque)$/u
	});
	return {
		page,
		search,
		articleList: page.getByTestId('article-list'),
		results: page.getByTestId('search-results'),
		readAloud: page.getByTestId('read-aloud'),
		bookmarkButton: page.getByRole('button', {
			name: /Save for later|Remove from saved|Garder pour plus tard|Ne plus garder/u
		}),
		shareButton: page.getByRole('button', {
			name: /Share with my circle|Partager avec mon cercle/u
		}),
		shareNote: page.getByRole('textbox', {
			name: /A short message for your circle|Un court message pour votre cercle/u
		}),
		unshareButton: page.getByRole('button', { name: /^(Stop sharing|Ne plus partager)$/u }),
		sharedStatus: page.getByTestId('learn-shared'),
		recommendTo: page.getByRole('combobox', {
			name: /^(Recommend this article to|Recommander cet article à)$/u
		}),
		recommendNote: page.getByRole('textbox', { name: /^(A short note|Une courte note)/u }),
		recommendButton: page.getByRole('button', { name: /^(Recommend|Recommander)$/u }),
		recommended: page.getByTestId('recommended'),
		/** Opens the library from the navigation (a client-side navigation, no reload). */
		async openFromNav(): Promise<void> {
			await page.locator('nav a[href="/learn"]').first().click();
			await expect(page).toHaveURL(/\/learn$/u);
			await expect(this.articleList.getByRole('listitem').first()).toBeVisible();
		},
		async searchFor(query: string): Promise<void> {
			await search.fill(query);
			await expect(this.results.getByRole('listitem').first()).toBeVisible();
		},
		resultTitles() {
			return this.results.getByRole('heading').allTextContents();
		},
		async chooseTextSize(name: RegExp): Promise<void> {
			await page.getByRole('radio', { name }).check();
		}
	};
}

export type LearnPage = ReturnType<typeof createLearnPage>;
