// Page model of Settings (issue 11 §8): the index of sections and each section on its own page,
// reached through the real links (client-side: a full page load would lock the journal).
import { expect, type Page } from '@playwright/test';

export const SETTINGS_SECTIONS = {
	security: { en: 'Lock and passphrase', fr: 'Verrouillage et phrase secrète' },
	account: { en: 'Account and devices', fr: 'Compte et appareils' },
	backup: { en: 'Backup and export', fr: 'Sauvegarde et export' },
	reminders: { en: 'Reminders', fr: 'Rappels' },
	language: { en: 'Language', fr: 'Langue' },
	circle: { en: 'Circle and privacy', fr: 'Cercle et confidentialité' },
	leave: {
		en: 'Forget this device or delete the account',
		fr: 'Oublier cet appareil ou supprimer le compte'
	}
} as const;

export type SettingsSectionName = keyof typeof SETTINGS_SECTIONS;

const exactly = (names: { en: string; fr: string }): RegExp =>
	new RegExp(`^(${names.en}|${names.fr})$`, 'u');

export function createSettingsPages(page: Page) {
	const main = page.getByRole('main');
	return {
		/** The index: Settings in the navigation (from "More" when the tab bar hides it). */
		async openIndex(): Promise<void> {
			const link = page
				.getByRole('navigation')
				.getByRole('link', { name: /^(Settings|Réglages)$/u });
			if (await link.isVisible()) await link.click();
			else {
				await page
					.getByRole('navigation')
					.getByRole('link', { name: /^(More|Plus)$/u })
					.click();
				await main.getByRole('link', { name: /^(Settings|Réglages)$/u }).click();
			}
			await expect(page).toHaveURL(/\/settings$/u);
		},
		/** The link of a section on the index (its name is the section's title). */
		sectionLink(name: SettingsSectionName) {
			return main.getByRole('link', { name: exactly(SETTINGS_SECTIONS[name]) });
		},
		/** Index → the section's own page. */
		async open(name: SettingsSectionName): Promise<void> {
			await this.openIndex();
			await this.sectionLink(name).click();
			await expect(page.locator('main h1').first()).toHaveText(exactly(SETTINGS_SECTIONS[name]));
		},
		backLink: main.getByRole('link', { name: /^(‹ )?(All settings|Tous les réglages)$/u })
	};
}
