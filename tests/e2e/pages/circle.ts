// Page model of the circle of care: /circle (members, invitations, access log) and /join#secret.
import { expect, type Page } from '@playwright/test';

export function createCirclePages(page: Page) {
	return {
		/** Client-side navigation (a full load would lock the journal). */
		async open(): Promise<void> {
			await page
				.getByRole('navigation')
				.getByRole('link', { name: /^(Circle|Cercle)$/u })
				.first()
				.click();
			await expect(page).toHaveURL(/\/circle$/u);
			await expect(page.getByRole('heading', { name: /^(Members|Membres)$/u })).toBeVisible({
				timeout: 20_000
			});
		},
		/** Leaves and comes back, so the page reloads the circle from the server. */
		async refresh(): Promise<void> {
			await page
				.getByRole('navigation')
				.getByRole('link', { name: /^(Today|Aujourd’hui)$/u })
				.first()
				.click();
			await this.open();
		},
		async invite(label: string, grants: Record<string, 'read' | 'write'>): Promise<string> {
			await page.getByLabel(/^(Role|Rôle)$/u).selectOption('carer');
			await page.getByLabel(/^(Name or description|Nom ou description)$/u).fill(label);
			for (const [category, access] of Object.entries(grants)) {
				await page
					.getByLabel(new RegExp(`^(Access to|Accès à) ${category}$`, 'u'))
					.selectOption(access);
			}
			await page
				.getByRole('button', { name: /^(Create the invitation|Créer l’invitation)$/u })
				.click();
			const link = page.getByLabel(/^(Invitation link|Lien d’invitation)$/u);
			await expect(link).toHaveValue(/\/join#[A-Za-z0-9_-]{43}$/u);
			await expect(
				page.getByRole('img', {
					name: new RegExp(
						`(QR code of the invitation link for|QR code du lien d’invitation pour) ${label}`,
						'u'
					)
				})
			).toBeVisible();
			return link.inputValue();
		}
	};
}
