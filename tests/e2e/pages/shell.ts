// Page model of the parts every screen shares: header (language, lock), navigation, landmarks.
import type { Locator, Page } from '@playwright/test';

export function createShell(page: Page) {
	return {
		page,
		main: page.locator('main#main'),
		heading: page.locator('main h1').first(),
		nav: page.getByRole('navigation'),
		lockButton: page.getByRole('button', {
			name: /Lock Cercle now|Verrouiller Cercle maintenant/u
		}),
		languageButton: page.getByRole('button', {
			name: /Lire Cercle en français|Read Cercle in English/u
		}),
		navLink(name: string | RegExp): Locator {
			return page.getByRole('navigation').getByRole('link', { name });
		},
		async htmlLang(): Promise<string | null> {
			return page.locator('html').getAttribute('lang');
		},
		/** Resolves once a service worker controls this page (after the first visit installs it). */
		async waitForServiceWorkerControl(): Promise<void> {
			await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
				timeout: 30_000
			});
		}
	};
}

export type Shell = ReturnType<typeof createShell>;
