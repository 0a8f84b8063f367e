// Page model of accounts and sync: Settings → Account and devices (create an account, sessions,
// log out), the sign-in page of a new device, the sync status bar and the "two versions" choice.
import { expect, type Page } from '@playwright/test';
import { createSettingsPages } from './settings';

export function createAccountPages(page: Page) {
	const status = page.getByRole('status', { name: /^(Sync status|État de la synchronisation)$/u });
	/** Client-side navigation: a full page load would lock the journal. */
	const navigate = async (name: 'Today' | 'Journal' | 'Settings'): Promise<void> => {
		const names = {
			Today: /^(Today|Aujourd’hui)$/u,
			Journal: /^Journal$/u,
			Settings: /^(Settings|Réglages)$/u
		} as const;
		await page.getByRole('navigation').getByRole('link', { name: names[name] }).click();
		await expect(page).toHaveURL(new RegExp(`/${name.toLowerCase()}$`, 'u'));
	};
	/** Settings → Account and devices, through the index's link. */
	const toAccountSettings = (): Promise<void> => createSettingsPages(page).open('account');
	return {
		status,
		navigate,
		toAccountSettings,
		async createAccount(login: string): Promise<void> {
			await toAccountSettings();
			await page
				.getByRole('textbox', { name: /^(Email or user name|E-mail ou nom d’utilisateur)$/u })
				.first()
				.fill(login);
			await page.getByRole('button', { name: /^(Create the account|Créer le compte)$/u }).click();
			await expect(page.getByText(/Signed in as|Connecté en tant que/u)).toBeVisible();
		},
		/** On a device without a journal: welcome → "I already have an account" → sign in. */
		async logInOnNewDevice(login: string, passphrase: string): Promise<void> {
			await page.goto('/welcome');
			await page
				.getByRole('link', { name: /I already have an account|J’ai déjà un compte/u })
				.click();
			await expect(page).toHaveURL(/\/sign-in$/u);
			await page.getByLabel(/^(Email or user name|E-mail ou nom d’utilisateur)$/u).fill(login);
			await page.getByLabel(/^(Passphrase|Phrase secrète)$/u).fill(passphrase);
			await page.getByRole('button', { name: /^(Log in|Se connecter)$/u }).click();
			await expect(page).not.toHaveURL(/sign-in/u, { timeout: 30_000 });
		},
		async expectSynced(): Promise<void> {
			await expect(status).toHaveText(/^\s*✓\s*(Synced|Synchronisé)\s*$/u, { timeout: 20_000 });
		},
		async signInAgain(): Promise<void> {
			await page.getByRole('button', { name: /^(Sign in again|Se reconnecter)$/u }).click();
		},
		conflictHeading: page.getByRole('heading', {
			name: /^(Two versions of this entry|Deux versions de cette entrée)$/u
		}),
		async keepOtherVersion(): Promise<void> {
			await page
				.getByRole('button', { name: /^(Keep the other version|Garder l’autre version)$/u })
				.click();
		}
	};
}
