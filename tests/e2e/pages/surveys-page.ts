// Page model of /surveys and /surveys/[id]: the list, a questionnaire form, its result.
import { expect, type Locator, type Page } from '@playwright/test';

export function createSurveysPage(page: Page) {
	return {
		page,
		result: page.getByTestId('survey-result'),
		safety: page.getByTestId('safety'),
		history: page.getByTestId('survey-history'),
		async openFromNav(): Promise<void> {
			await page
				.getByRole('navigation')
				.getByRole('link', { name: /^(Surveys|Questionnaires)$/u })
				.click();
			await expect(page).toHaveURL(/\/surveys$/u);
			await expect(page.locator('main ul.instruments > li').first()).toBeVisible();
		},
		async open(title: string | RegExp): Promise<void> {
			await page.getByRole('link', { name: title }).click();
			await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
		},
		question(name: string | RegExp): Locator {
			return page.getByRole('group', { name });
		},
		async answer(question: string | RegExp, option: string): Promise<void> {
			await page
				.getByRole('group', { name: question })
				.getByRole('radio', { name: option, exact: true })
				.check();
		},
		async submit(): Promise<void> {
			await page.getByRole('button', { name: /^(See my result|Voir mon résultat)$/u }).click();
		}
	};
}
