// Page model of the unlock screen (at /unlock or in place of any page while locked).
import { expect, type Page } from '@playwright/test';

export function createUnlockPage(page: Page) {
	const passphrase = page.getByLabel(/^(Passphrase|Phrase secrète)$/u);
	const submit = page.getByRole('button', { name: /^(Open|Ouvrir)$/u });
	return {
		page,
		heading: page.getByRole('heading', {
			level: 1,
			name: /Open your journal|Ouvrir votre journal/u
		}),
		passphrase,
		submit,
		error: page.locator('#unlock-passphrase-error'),
		countdown: page.getByText(/You can try again in|Vous pourrez réessayer dans/u),
		async unlock(secret: string): Promise<void> {
			await expect(submit).toBeEnabled({ timeout: 30_000 });
			await passphrase.fill(secret);
			await submit.click();
		}
	};
}
