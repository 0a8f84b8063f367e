// The key-changed warning and the re-verify flow (issue 12), over fake commands: the person reads,
// in words, that a member's security key changed and that nothing is shared; "Check the safety
// code" shows the code computed on this device; "The codes are the same" re-pins and says so;
// "The codes differ" keeps sharing stopped; a member who joined before identity keys is told what to do.
// In English and French; axe clean.
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { setLocale } from '$lib/paraglide/runtime.js';
import type { CircleResult } from '$lib/state/circle.svelte';
import KeyCheck from '$lib/ui/circle/KeyCheck.svelte';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const CODE = '12345 67890 11121 31415 16171 81920 21222 32425 26272 82930 31323 33435';

async function expectAxeClean(): Promise<void> {
	const results = await axe.run(document.body, { runOnly: { type: 'tag', values: TAGS } });
	expect(
		results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)
	).toEqual([]);
}

function fakeCommands(code: CircleResult<string> = { ok: true, value: CODE }) {
	const calls = { loads: 0, confirms: 0, verified: 0 };
	return {
		calls,
		props: {
			loadCode: () => {
				calls.loads++;
				return Promise.resolve(code);
			},
			confirm: (): Promise<CircleResult<null>> => {
				calls.confirms++;
				return Promise.resolve({ ok: true, value: null });
			},
			onverified: () => {
				calls.verified++;
			}
		}
	};
}

afterEach(() => {
	void setLocale('en', { reload: false });
});

describe('key changed: warning and re-verify', () => {
	it('tells the person in words, shows the safety code, and re-pins when the codes are the same', async () => {
		const { calls, props } = fakeCommands();
		render(KeyCheck, { name: 'Claire', check: 'changed', ...props });
		await expect
			.element(page.getByRole('alert'))
			.toHaveTextContent(
				'The security key of Claire has changed. Check it together before sharing again.'
			);
		await expectAxeClean();
		await page.getByRole('button', { name: 'Check the safety code with Claire' }).click();
		await expect.element(page.getByTestId('safety-code')).toHaveTextContent(CODE);
		await expect.element(page.getByText(/Meet or call Claire/u)).toBeVisible();
		await expectAxeClean();
		expect(calls.confirms).toBe(0);
		await page.getByRole('button', { name: 'The codes are the same' }).click();
		await expect
			.element(page.getByRole('status'))
			.toHaveTextContent(
				'The security key of Claire is verified. What you share with them reaches them again.'
			);
		expect([calls.loads, calls.confirms, calls.verified]).toEqual([1, 1, 1]);
		expect(document.body.textContent).not.toContain('has changed');
		await expectAxeClean();
	});

	it('keeps sharing stopped when the codes differ', async () => {
		const { calls, props } = fakeCommands();
		render(KeyCheck, { name: 'Claire', check: 'changed', ...props });
		await page.getByRole('button', { name: 'Check the safety code with Claire' }).click();
		await page.getByRole('button', { name: 'The codes differ' }).click();
		await expect.element(page.getByText(/Do not share with Claire for now/u)).toBeVisible();
		expect(calls.confirms).toBe(0);
		expect(page.getByTestId('safety-code').elements()).toHaveLength(0);
		await expectAxeClean();
	});

	it('tells what to do for a member who joined before identity keys', async () => {
		const { props } = fakeCommands({ ok: false, error: { type: 'proof-invalid' } });
		render(KeyCheck, { name: 'Paul', check: 'unpinned', ...props });
		await expect
			.element(page.getByRole('alert'))
			.toHaveTextContent(/The security key of Paul has not been checked on this device yet/u);
		await page.getByRole('button', { name: 'Check the safety code with Paul' }).click();
		await expect.element(page.getByText(/Paul joined before security keys existed/u)).toBeVisible();
	});

	it('en français, avec les espaces fines', async () => {
		await setLocale('fr', { reload: false });
		const { calls, props } = fakeCommands();
		render(KeyCheck, { name: 'Claire', check: 'changed', ...props });
		await expect
			.element(page.getByRole('alert'))
			.toHaveTextContent(
				'La clé de sécurité de Claire a changé. Vérifiez-la ensemble avant de partager à nouveau.'
			);
		await page.getByRole('button', { name: 'Vérifier le code de sécurité avec Claire' }).click();
		await expect.element(page.getByTestId('safety-code')).toHaveTextContent(CODE);
		await expect
			.element(page.getByText(/montre un code de sécurité\u202f: ce doit être exactement/u))
			.toBeVisible();
		await page.getByRole('button', { name: 'Les codes sont identiques' }).click();
		await expect
			.element(page.getByRole('status'))
			.toHaveTextContent(
				'La clé de sécurité de Claire est vérifiée. Ce que vous partagez avec cette personne lui parvient de nouveau.'
			);
		expect(calls.confirms).toBe(1);
		await expectAxeClean();
	});
});
