// Page model of the care plan at /plan: the task form, a task's card and actions, the week of who
// does what and the .ics download, for tests/e2e/plan.e2e.ts. Labels match English or French.
import { expect, type Page } from '@playwright/test';

export interface NewTask {
	readonly title: string;
	readonly date: string;
	readonly time: string;
	readonly place: string;
	/** The option value of the kind (appointment, pharmacy…). */
	readonly kind: string;
}

export function createPlanPage(page: Page) {
	return {
		heading: page.getByRole('heading', { level: 1, name: /^(Care plan|Plan de soins)$/u }),
		/** Client-side navigation: a full page load would lock the journal. */
		async open(): Promise<void> {
			await page
				.getByRole('navigation')
				.getByRole('link', { name: /^Plan$/u })
				.click();
			await expect(page).toHaveURL(/\/plan$/u);
			await expect(this.heading).toBeVisible();
		},
		async openForm(): Promise<void> {
			await page.getByRole('button', { name: /^(Add a task|Ajouter une tâche)$/u }).click();
		},
		titleField: page.getByLabel(/^(What needs doing|Ce qu’il faut faire)$/u),
		submitButton: page.getByRole('button', { name: /^(Add the task|Ajouter la tâche)$/u }),
		async fill(task: NewTask): Promise<void> {
			await this.titleField.fill(task.title);
			await page.getByLabel(/^Date$/u).fill(task.date);
			await page.getByLabel(/^(Time \(optional\)|Heure \(facultatif\))$/u).fill(task.time);
			await page.getByLabel(/^(Place \(optional\)|Lieu \(facultatif\))$/u).fill(task.place);
			await page.getByLabel(/^(Kind|Type)$/u).selectOption(task.kind);
		},
		card(title: string) {
			return page.getByRole('article', { name: title });
		},
		/** An action button of a task's card, by the start of its visible text. */
		action(title: string, label: RegExp) {
			return this.card(title).getByRole('button', { name: label });
		},
		week: page.getByRole('region', {
			name: /^(This week: who does what|Week of .+|Cette semaine\s: qui fait quoi|Semaine du .+)$/u
		}),
		/** Shows next week when `nextWeek` (a task due just after Sunday midnight). */
		async showWeek(nextWeek: boolean): Promise<void> {
			if (nextWeek) {
				await page.getByRole('button', { name: /^(Next week|Semaine suivante)$/u }).click();
			}
		},
		status: page.getByRole('status').filter({ hasText: /./u }).first(),
		icsButton: page.getByRole('button', {
			name: /^(Download my tasks \(\.ics\)|Télécharger mes tâches \(\.ics\))$/u
		})
	};
}

/**
 * A local date and "HH:MM" `minutes` from now in the browser's zone, and whether that falls in
 * next week (late on a Sunday evening).
 */
export async function localSoon(
	page: Page,
	minutes: number
): Promise<{ readonly date: string; readonly time: string; readonly nextWeek: boolean }> {
	return page.evaluate((offset) => {
		const now = new Date();
		const at = new Date(now.getTime() + offset * 60_000);
		const pad = (n: number): string => String(n).padStart(2, '0');
		return {
			date: `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`,
			time: `${pad(at.getHours())}:${pad(at.getMinutes())}`,
			nextWeek: now.getDay() === 0 && at.getDate() !== now.getDate()
		};
	}, minutes);
}
