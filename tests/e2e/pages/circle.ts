// Page model of the circle of care: /circle (members, invitations, grants, access log), /join#secret
// and a member's view of the person's circle (/circle/:id). Labels match English or French.
import { expect, type Page } from '@playwright/test';
import { createUnlockPage } from './unlock-page';

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
		/** Creates an invitation (role: the option value, carer by default) and returns its link. */
		async invite(
			label: string,
			grants: Record<string, 'read' | 'write'>,
			role = 'carer'
		): Promise<string> {
			await page.getByLabel(/^(Role|Rôle)$/u).selectOption(role);
			await page.getByLabel(/^(Name or description|Nom ou description)$/u).fill(label);
			// The role proposes a preset; these journeys give exactly the grants listed.
			// The editor stays open after a first invitation: open it only when closed.
			if (!(await page.locator('#invite-grant-symptoms-access').isVisible())) {
				await page.getByText(/^(Adjust what they see|Ajuster ce qu’elle voit)$/u).click();
			}
			for (const select of await page.locator('select[id^="invite-grant-"]').all()) {
				await select.selectOption('none');
			}
			for (const [category, access] of Object.entries(grants)) {
				await page
					.getByLabel(new RegExp(`^(Access to|Accès à) ${category}$`, 'u'))
					.selectOption(access);
			}
			await page
				.getByRole('button', { name: /^(Create the invitation|Créer l’invitation)$/u })
				.click();
			const link = page.getByLabel(/^(Invitation link|Lien d’invitation)$/u);
			await expect(link).toHaveValue(/\/join#[A-Za-z0-9_-]{43}(&|$)/u);
			await expect(
				page.getByRole('img', {
					name: new RegExp(
						`(QR code of the invitation link for|QR code du lien d’invitation pour) ${label}`,
						'u'
					)
				})
			).toBeVisible();
			return link.inputValue();
		},
		/** The person confirms an accepted invitation (after comparing the codes). */
		async confirm(label: string): Promise<void> {
			await page
				.getByRole('button', { name: new RegExp(`^(Confirm|Confirmer) ${label}$`, 'u') })
				.click();
			await expect(
				page.getByText(
					new RegExp(`${label} (is now in your circle|fait maintenant partie de votre cercle)`, 'u')
				)
			).toBeVisible({ timeout: 20_000 });
		},
		/** A member's entry in "Members" (name, role, grants, actions). */
		member(label: string) {
			return page
				.getByRole('region', { name: /^(Members|Membres)$/u })
				.getByRole('listitem')
				.filter({ has: page.getByRole('heading', { name: new RegExp(`^${label} \\(`, 'u') }) });
		},
		/** Changes some of a member's grants ('none' takes the category back) and saves. */
		async changeGrants(
			label: string,
			grants: Record<string, 'none' | 'read' | 'write'>
		): Promise<void> {
			const member = this.member(label);
			await member
				.getByRole('button', {
					name: new RegExp(`^(Change what ${label} sees|Modifier ce que voit ${label})$`, 'u')
				})
				.click();
			for (const [category, access] of Object.entries(grants)) {
				await member
					.getByLabel(new RegExp(`^(Access to|Accès à) ${category}$`, 'u'))
					.selectOption(access);
			}
			await member.getByRole('button', { name: /^(Save|Enregistrer)$/u }).click();
			await expect(
				page
					.getByRole('region', { name: /^(Members|Membres)$/u })
					.getByText(/^✓ (Saved\.|Enregistré\.)$/u)
			).toBeVisible({ timeout: 20_000 });
		},
		/** Loads the access log; resolves once the chain check says it is intact. */
		async showAccessLog() {
			const region = page.getByRole('region', { name: /^(Access log|Journal des accès)$/u });
			await region
				.getByRole('button', { name: /^(Show the access log|Afficher le journal des accès)$/u })
				.click();
			await expect(region.getByText(/The log is intact|Le journal est intact/u)).toBeVisible({
				timeout: 20_000
			});
			return region.getByRole('listitem');
		}
	};
}

/** The invitee's side: opens the link (a full load, so unlocks), names the circle, accepts. */
export function createJoinPage(page: Page) {
	return {
		async accept(link: string, secret: string, circleName: string): Promise<void> {
			await page.goto(link);
			await createUnlockPage(page).unlock(secret);
			await page
				.getByLabel(/^(Your name for this circle|Votre nom pour ce cercle)$/u)
				.fill(circleName, { timeout: 20_000 });
			await page
				.getByRole('button', { name: /^(Accept the invitation|Accepter l’invitation)$/u })
				.click();
			await expect(
				page.getByText(/(Accepted\. The person must now confirm|Accepté\. La personne doit)/u)
			).toBeVisible({ timeout: 20_000 });
		}
	};
}

/** A member's view of the person's circle at /circle/:id, reached from "Circles I belong to". */
export function createMemberViewPage(page: Page) {
	return {
		/** From the join page or /circle: "Go to my circle", then the circle's link. */
		async openFromMyCircles(linkText: RegExp): Promise<void> {
			const back = page.getByRole('link', { name: /^(Go to my circle|Aller à mon cercle)$/u });
			if (await back.isVisible()) await back.click();
			else await createCirclePages(page).open();
			await page.getByRole('link', { name: linkText }).click({ timeout: 20_000 });
			await expect(page).toHaveURL(/\/circle\/[0-9a-f-]+$/u);
			await expect(this.refreshButton).toBeVisible({ timeout: 20_000 });
		},
		refreshButton: page.getByRole('button', { name: /^(Refresh|Actualiser)$/u }),
		/** Asks the server again (grants, keys, new records) and waits for the button to come back. */
		async refresh(): Promise<void> {
			await this.refreshButton.click();
			await expect(this.refreshButton).toBeEnabled({ timeout: 20_000 });
		},
		/** "What Maman shares with you". */
		shared(ownerName: string) {
			return page.getByRole('region', {
				name: new RegExp(
					`^(What ${ownerName} shares with you|Ce que ${ownerName} partage avec vous)$`,
					'u'
				)
			});
		},
		/** "Medicines: recent entries" (category as the screen names it). */
		recent(category: string) {
			return page.getByRole('region', {
				name: new RegExp(`^${category} ?: (recent entries|entrées récentes)$`, 'u')
			});
		}
	};
}
