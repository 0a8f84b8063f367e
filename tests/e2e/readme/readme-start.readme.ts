// The README's first command gives a working app: on the address it prints, a journal and an
// account are created (the Origin check accepts the page); opened from another address
// (localhost instead of 127.0.0.1), the refusal is explained with that address, not as a generic
// error. Runs against `npm start` with nothing set (see readme-start.config.ts).
import { expect, test } from '@playwright/test';
import { createAccountPages } from '../pages/account';
import { createWelcomePage } from '../pages/welcome-page';

const SECRET = 'lune orange sur la riviere';

test('npm start with no environment: a journal and an account on http://127.0.0.1:3000', async ({
	page
}) => {
	await createWelcomePage(page).createJournal(SECRET);
	const login = `readme-${Date.now().toString(36)}@example.org`;
	await createAccountPages(page).createAccount(login);
	await expect(page.getByText(/Something went wrong|Un problème est survenu/u)).toHaveCount(0);
});

test.describe('opened from another address', () => {
	test.use({ baseURL: 'http://localhost:3000' });

	test('the refusal names that address', async ({ page }) => {
		await createWelcomePage(page).createJournal(SECRET);
		await createAccountPages(page).toAccountSettings();
		await page
			.getByRole('textbox', { name: /^(Email or user name|E-mail ou nom d’utilisateur)$/u })
			.first()
			.fill(`elsewhere-${Date.now().toString(36)}@example.org`);
		await page.getByRole('button', { name: /^(Create the account|Créer le compte)$/u }).click();
		await expect(
			page.getByText(
				'This server does not accept requests from this address: http://localhost:3000'
			)
		).toBeVisible();
	});
});
