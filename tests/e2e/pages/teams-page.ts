// Page model of care teams (issue 14 §1): a professional account (Settings → Account and devices:
// second factor turned on with a code computed from the key the page shows, then "This is a
// professional account"), the /teams page (create a team, invite a colleague, confirm, remove, the
// team code), a colleague's /teams/join, and the person's "Invite a care team" on /circle.
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { expect, type Page } from '@playwright/test';
import { totpAt } from '../../../server/auth/totp';
import { createAccountPages } from './account';
import { createUnlockPage } from './unlock-page';

export function createTeamsPages(page: Page, secret: string) {
	const main = page.getByRole('main');
	return {
		/** Turns the second factor on (a code from the shown key) and makes the account professional. */
		async becomeProfessional(): Promise<void> {
			await createAccountPages(page).toAccountSettings();
			await page
				.getByRole('button', { name: /^(Turn on the second factor|Activer le second facteur)$/u })
				.click();
			const key = await page
				.getByLabel(/^(Key to type into the app|Clé à saisir dans l’application)$/u)
				.inputValue();
			const code = totpAt(decodeBase32IgnorePadding(key.replace(/\s+/gu, '')), Date.now());
			await page
				.getByLabel(/^(Six-digit code from the app|Code à six chiffres de l’application)$/u)
				.fill(code);
			await page
				.getByRole('button', { name: /^(Confirm and turn on|Confirmer et activer)$/u })
				.click();
			await page.getByRole('button', { name: /^(I have kept them|Je les ai gardés)$/u }).click();
			await page
				.getByLabel(/^(This is a professional account|C’est un compte professionnel)$/u)
				.check();
			await expect(
				page.getByRole('status').filter({ hasText: /(Saved|Enregistré)/u })
			).toBeVisible();
		},
		/** /teams after a full load (so the journal unlocks). */
		async open(): Promise<void> {
			await page.goto('/teams');
			await createUnlockPage(page).unlock(secret);
			await expect(
				page.getByRole('heading', { level: 1, name: /^(Teams|Équipes)$/u })
			).toBeVisible();
		},
		async create(name: string, myName: string): Promise<void> {
			await page.getByLabel(/^(Name of the team|Nom de l’équipe)$/u).fill(name);
			await page.getByLabel(/^(Your name in the team|Votre nom dans l’équipe)$/u).fill(myName);
			await page.getByRole('button', { name: /^(Create the team|Créer l’équipe)$/u }).click();
			await expect(page.getByRole('heading', { level: 2, name })).toBeVisible({ timeout: 20_000 });
		},
		team(name: string) {
			return main.getByRole('region', { name });
		},
		/** The team code a person types to invite the team. */
		async code(name: string): Promise<string> {
			return this.team(name)
				.getByLabel(/^(Team code to give the people you care for|Code de l’équipe à donner)/u)
				.inputValue();
		},
		async inviteColleague(name: string): Promise<string> {
			await this.team(name)
				.getByRole('button', { name: /^(Invite a colleague|Inviter un ou une collègue)/u })
				.click();
			const link = this.team(name).getByLabel(/^(Invitation link|Lien d’invitation)$/u);
			await expect(link).toHaveValue(/\/teams\/join#/u);
			return link.inputValue();
		},
		/** The colleague's side: the link (a full load, so unlocks), her name, join. */
		async join(link: string, myName: string): Promise<void> {
			await page.goto(link);
			await createUnlockPage(page).unlock(secret);
			await page
				.getByLabel(/^(Your name in the team|Votre nom dans l’équipe)$/u)
				.fill(myName, { timeout: 20_000 });
			await page.getByRole('button', { name: /^(Join the team|Rejoindre l’équipe)$/u }).click();
			await expect(page.getByText(/(You accepted|Vous avez accepté)/u)).toBeVisible({
				timeout: 20_000
			});
		},
		async confirm(team: string, colleague: string): Promise<void> {
			await this.team(team)
				.getByRole('button', { name: new RegExp(`^(Confirm|Confirmer) ${colleague}$`, 'u') })
				.click({ timeout: 20_000 });
			await expect(this.team(team).getByText(new RegExp(`${colleague}.*\\(`, 'u'))).toBeVisible();
		},
		async remove(team: string, colleague: string): Promise<void> {
			await this.team(team)
				.getByRole('button', { name: new RegExp(`^(Remove|Retirer) ${colleague}$`, 'u') })
				.click();
			await expect(
				this.team(team).getByText(/(Access through the team ended at once|L’accès par l’équipe)/u)
			).toBeVisible({ timeout: 20_000 });
		},
		/** The person's side, on /circle: invites a team by its code for some categories. */
		async inviteTeamToCircle(code: string, label: string, categories: readonly string[]) {
			const form = page.getByRole('form', {
				name: /^(Invite a care team|Inviter une équipe de soins)$/u
			});
			await form.getByLabel(/^(Team code|Code de l’équipe)$/u).fill(code);
			await form
				.getByLabel(/^(How you name this team|Comment vous nommez cette équipe)$/u)
				.fill(label);
			for (const c of categories) await form.getByLabel(c, { exact: true }).check();
			await form.getByRole('button', { name: /^(Invite the team|Inviter l’équipe)$/u }).click();
			await expect(
				form.getByText(/(The team is in your circle|L’équipe fait partie de votre cercle)/u)
			).toBeVisible({
				timeout: 20_000
			});
		}
	};
}
