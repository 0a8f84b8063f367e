// The passphrase forms as a person meets them: labelled fields, the strength meter in words, errors
// next to the field they concern (linked for screen readers, in the person's language), keyboard
// submit, and the unlock countdown after a wrong passphrase.
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { setLocale } from '$lib/paraglide/runtime.js';
import type { UnlockError } from '$lib/domain/records';
import type { Result } from '$lib/domain/result';
import NewPassphraseForm from '$lib/ui/NewPassphraseForm.svelte';
import type { PassphraseFormError, PassphraseFormValues } from '$lib/ui/passphrase-form';
import UnlockForm from '$lib/ui/UnlockForm.svelte';

afterEach(() => {
	void setLocale('en', { reload: false });
});

function renderNewForm(
	answer: (values: PassphraseFormValues) => PassphraseFormError | null = () => null,
	withCurrent = false
) {
	const submitted: PassphraseFormValues[] = [];
	render(NewPassphraseForm, {
		idPrefix: 't',
		submitLabel: 'Create my journal',
		onsubmit: (values: PassphraseFormValues) => {
			submitted.push(values);
			return Promise.resolve(answer(values));
		},
		...(withCurrent
			? {
					current: {
						label: 'Current passphrase',
						requiredMessage: () => 'Type your current passphrase.',
						autocomplete: 'current-password' as const
					}
				}
			: {})
	});
	return submitted;
}

describe('new passphrase form', () => {
	it('labels each field and describes the strength in words', async () => {
		renderNewForm();
		const field = page.getByLabelText('Passphrase', { exact: true });
		await expect.element(field).toBeVisible();
		await expect.element(page.getByLabelText('Type it again')).toBeVisible();
		await expect.element(page.getByText('Level 0 of 4. Type a passphrase.')).toBeVisible();
		await field.fill('lune chevalx');
		await expect.element(page.getByText('Level 2 of 4. Fair.', { exact: false })).toBeVisible();
		await field.fill('lune cheval bleu sous la table');
		await expect.element(page.getByText('Level 4 of 4. Strong.')).toBeVisible();
	});

	it('shows a too-short passphrase next to its field and moves focus there', async () => {
		const submitted = renderNewForm();
		const field = page.getByLabelText('Passphrase', { exact: true });
		await field.fill('court');
		await page.getByLabelText('Type it again').fill('court');
		await userEvent.keyboard('{Enter}');
		const error = page.getByText('Too short: use at least 12 characters.', { exact: true });
		await expect.element(error).toBeVisible();
		await expect.element(field).toHaveAttribute('aria-invalid', 'true');
		await expect.element(field).toHaveAccessibleDescription(/Too short/u);
		await expect.element(field).toHaveFocus();
		expect(submitted).toEqual([]);
	});

	it('refuses a common password whatever its case', async () => {
		const submitted = renderNewForm();
		await page.getByLabelText('Passphrase', { exact: true }).fill('MotDePasse 1234');
		await page.getByLabelText('Type it again').fill('MotDePasse 1234');
		await page.getByRole('button', { name: 'Create my journal' }).click();
		await expect
			.element(page.getByText(/^Too common/u).last())
			.toHaveAttribute('id', 't-new-error');
		expect(submitted).toEqual([]);
	});

	it('says when the confirmation differs, next to the confirmation', async () => {
		const submitted = renderNewForm();
		await page.getByLabelText('Passphrase', { exact: true }).fill('tortue lente sous la pluie');
		await page.getByLabelText('Type it again').fill('tortue lente sous la pluie.');
		await userEvent.keyboard('{Enter}');
		const confirm = page.getByLabelText('Type it again');
		await expect.element(confirm).toHaveAccessibleDescription('The two passphrases are different.');
		await expect.element(confirm).toHaveFocus();
		expect(submitted).toEqual([]);
	});

	it('submits a good passphrase with the keyboard', async () => {
		const submitted = renderNewForm();
		await page.getByLabelText('Passphrase', { exact: true }).fill('tortue lente sous la pluie');
		await page.getByLabelText('Type it again').fill('tortue lente sous la pluie');
		await userEvent.keyboard('{Enter}');
		await expect.poll(() => submitted.length).toBe(1);
		expect(submitted[0]?.passphrase).toBe('tortue lente sous la pluie');
	});

	it('shows the caller’s error on the current-secret field', async () => {
		const submitted = renderNewForm(
			() => ({ field: 'current', message: () => 'The current passphrase is not right.' }),
			true
		);
		await page.getByLabelText('Current passphrase').fill('pas la bonne');
		await page.getByLabelText('Passphrase', { exact: true }).fill('tortue lente sous la pluie');
		await page.getByLabelText('Type it again').fill('tortue lente sous la pluie');
		await userEvent.keyboard('{Enter}');
		const current = page.getByLabelText('Current passphrase');
		await expect
			.element(current)
			.toHaveAccessibleDescription('The current passphrase is not right.');
		await expect.element(current).toHaveFocus();
		expect(submitted).toHaveLength(1);
	});

	it('speaks French when the person chose French', async () => {
		void setLocale('fr', { reload: false });
		renderNewForm();
		const field = page.getByLabelText('Phrase secrète', { exact: true });
		await field.fill('court');
		await page.getByLabelText('Tapez-la encore une fois').fill('court');
		await userEvent.keyboard('{Enter}');
		await expect
			.element(field)
			.toHaveAccessibleDescription('Trop courte : au moins 12 caractères.');
		await expect
			.element(page.getByRole('button', { name: 'Afficher la phrase secrète' }).first())
			.toBeVisible();
	});

	it('shows and hides the passphrase with a labelled toggle', async () => {
		renderNewForm();
		const field = page.getByLabelText('Passphrase', { exact: true });
		await expect.element(field).toHaveAttribute('type', 'password');
		await page.getByRole('button', { name: 'Show the passphrase' }).first().click();
		await expect.element(field).toHaveAttribute('type', 'text');
		await page.getByRole('button', { name: 'Hide the passphrase' }).click();
		await expect.element(field).toHaveAttribute('type', 'password');
	});
});

describe('unlock form', () => {
	it('explains a wrong passphrase, counts down, then lets the person try again', async () => {
		let clock = 1_000_000;
		const attempts: string[] = [];
		const wrong: Result<void, UnlockError> = {
			ok: false,
			error: { type: 'wrong-secret', failures: 3, retryAfterMs: 4_000 }
		};
		render(UnlockForm, {
			onunlock: (passphrase: string) => {
				attempts.push(passphrase);
				return Promise.resolve(wrong);
			},
			now: () => clock
		});
		const field = page.getByLabelText('Passphrase', { exact: true });
		await field.fill('pas la bonne phrase');
		await userEvent.keyboard('{Enter}');
		await expect
			.element(field)
			.toHaveAccessibleDescription(
				'This passphrase does not open the journal. Nothing was erased. Attempts that failed: 3.'
			);
		await expect.element(page.getByText('You can try again in 4 s.')).toBeVisible();
		const open = page.getByRole('button', { name: 'Open' });
		await expect.element(open).toBeDisabled();
		clock += 4_000;
		await expect.element(open).toBeEnabled();
		await field.fill('encore une autre');
		await userEvent.keyboard('{Enter}');
		await expect.poll(() => attempts).toEqual(['pas la bonne phrase', 'encore une autre']);
	});

	it('asks for a passphrase before trying', async () => {
		const attempts: string[] = [];
		render(UnlockForm, {
			onunlock: (passphrase: string) => {
				attempts.push(passphrase);
				return Promise.resolve({ ok: true, value: undefined } as const);
			}
		});
		await page.getByRole('button', { name: 'Open' }).click();
		await expect
			.element(page.getByLabelText('Passphrase', { exact: true }))
			.toHaveAccessibleDescription('Type a passphrase.');
		expect(attempts).toEqual([]);
	});
});
