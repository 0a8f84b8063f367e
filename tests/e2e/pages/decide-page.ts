// Page model of the decision aids (/decide), the step-by-step flow (/decide/<aid>) and the
// printable record (/decide/<aid>/summary), in either language.
import { expect, type Page } from '@playwright/test';

export function createDecidePage(page: Page) {
	return {
		page,
		progress: page.getByText(/^(Step|Étape) \d+ (of|sur) \d+$/u),
		stepHeading: page.locator('#step-heading'),
		next: page.getByRole('button', { name: /^(Next|Suivant) →$/u }),
		previous: page.getByRole('button', { name: /^← (Back|Retour)$/u }),
		optionGrid: page.getByRole('table'),
		iconArrays: page.getByTestId('icon-array'),
		sureResult: page.getByTestId('sure-result'),
		saveRecord: page.getByRole('button', {
			name: /Save my decision record|Enregistrer ma décision/u
		}),
		record: page.getByTestId('decision-record'),
		printButton: page.getByRole('button', { name: /Print|Imprimer/u }),
		/** "Share with my circle": who can read the record, or why nobody can yet. */
		share: page.getByTestId('share-with-circle'),
		async openFromNav(): Promise<void> {
			await page.locator('nav a[href="/decide"]').first().click();
			await expect(page).toHaveURL(/\/decide$/u);
		},
		async openAid(id: string): Promise<void> {
			await page.locator(`main a[href="/decide/${id}"]`).click();
			await expect(page).toHaveURL(new RegExp(`/decide/${id}$`, 'u'));
			await expect(this.progress).toBeVisible();
		},
		async expectStep(n: number, total = 8): Promise<void> {
			await expect(this.progress).toHaveText(
				new RegExp(`^(Step|Étape) ${n} (of|sur) ${total}$`, 'u')
			);
		},
		async goNext(): Promise<void> {
			await this.next.click();
		},
		/** Answers the four SURE questions (true = yes). */
		async answerSure(answers: readonly [boolean, boolean, boolean, boolean]): Promise<void> {
			const groups = page.locator('fieldset.sure-item');
			for (const [i, yes] of answers.entries()) {
				await groups
					.nth(i)
					.getByRole('radio', { name: yes ? /^(Yes|Oui)$/u : /^(No|Non)$/u })
					.check();
			}
		}
	};
}

export type DecidePage = ReturnType<typeof createDecidePage>;
