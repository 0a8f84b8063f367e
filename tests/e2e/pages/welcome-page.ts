// Page model of the first run at /welcome: intro, language, passphrase, recovery key, persistence.
import { expect, type Page } from '@playwright/test';

export function createWelcomePage(page: Page) {
	const passphrase = page.getByLabel(/^(Passphrase|Phrase secrète)$/u);
	const confirm = page.getByLabel(/^(Type it again|Tapez-la encore une fois)$/u);
	return {
		page,
		passphrase,
		confirm,
		startButton: page.getByRole('button', { name: /^(Create my journal|Créer mon journal)$/u }),
		demoButton: page.getByRole('button', {
			name: /Try with a sample person|Essayer avec une personne d’exemple/u
		}),
		recoveryKey: page.getByTestId('recovery-key'),
		async goto(): Promise<void> {
			await page.goto('/welcome');
			await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		},
		async chooseLanguage(name: 'English' | 'Français'): Promise<void> {
			await page.getByRole('radio', { name }).check();
		},
		async start(): Promise<void> {
			await this.startButton.click();
			await expect(passphrase).toBeVisible();
		},
		async fillPassphrase(value: string, confirmation = value): Promise<void> {
			await passphrase.fill(value);
			await confirm.fill(confirmation);
		},
		async submit(): Promise<void> {
			await page.getByRole('button', { name: /^(Create my journal|Créer mon journal)$/u }).click();
		},
		/** The recovery key as shown, groups joined by single spaces. */
		async readRecoveryKey(): Promise<string> {
			await expect(this.recoveryKey).toBeVisible({ timeout: 30_000 });
			return ((await this.recoveryKey.textContent()) ?? '').trim().replace(/\s+/gu, ' ');
		},
		async confirmRecoveryKeySaved(): Promise<void> {
			await page.getByRole('checkbox', { name: /I have written it down|Je l’ai écrite/u }).check();
			await page.getByRole('button', { name: /^(Continue|Continuer)$/u }).click();
		},
		async finish(): Promise<void> {
			await page.getByRole('button', { name: /Go to my journal|Aller à mon journal/u }).click();
		},
		/** The whole first run, from /welcome to Today. Returns the recovery key. */
		async createJournal(secret: string): Promise<string> {
			await this.goto();
			await this.start();
			await this.fillPassphrase(secret);
			await this.submit();
			const key = await this.readRecoveryKey();
			await this.confirmRecoveryKeySaved();
			await this.finish();
			await expect(page).toHaveURL(/\/today$/u);
			return key;
		}
	};
}
