// "People I help" in the main navigation (issue 11 §3): for someone who belongs to other people's
// circles it is in the phone's tab bar right after Today (Goals moves to "More"); for anyone else
// the tab bar is unchanged. English and French, on a 390 px wide phone.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { setLocale } from '$lib/paraglide/runtime.js';
import AppNav from '$lib/ui/AppNav.svelte';

beforeEach(async () => {
	await page.viewport(390, 844);
});

afterEach(async () => {
	await setLocale('en', { reload: false });
});

const visibleLinks = (): string[] =>
	[...document.querySelectorAll('nav a')]
		.filter((a) => a instanceof HTMLElement && a.offsetParent !== null)
		.map((a) => a.textContent.trim());

describe('navigation for a carer', () => {
	it('puts People I help in the tab bar right after Today', async () => {
		render(AppNav, { pathname: '/today', helping: true });
		await expect
			.element(page.getByRole('link', { name: 'People I help' }))
			.toHaveAttribute('href', '/helping');
		expect(visibleLinks()).toEqual(['Today', 'People I help', 'Journal', 'Plan', 'More']);
	});

	it('leaves the tab bar as it is for someone who helps nobody', async () => {
		render(AppNav, { pathname: '/today', helping: false });
		await expect.element(page.getByRole('link', { name: 'Goals' })).toBeVisible();
		expect(visibleLinks()).toEqual(['Today', 'Journal', 'Goals', 'Plan', 'More']);
		expect(page.getByRole('link', { name: 'People I help' }).elements()).toHaveLength(0);
	});

	it('says it in French and marks it current on its page', async () => {
		await setLocale('fr', { reload: false });
		render(AppNav, { pathname: '/helping', helping: true });
		await expect
			.element(page.getByRole('link', { name: 'Mes proches' }))
			.toHaveAttribute('aria-current', 'page');
		expect(visibleLinks()[1]).toBe('Mes proches');
	});
});
