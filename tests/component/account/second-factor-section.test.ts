// Settings → Second factor: turning it on shows the secret as a QR code and as text, asks for a
// code (a malformed code is refused next to the field without calling the server; a wrong code's
// words come back next to the field), then shows the ten recovery codes once with how many devices
// were signed out; with it on, turning it off takes a code or a recovery code; the professional
// toggle says why it is refused. EN and FR, axe clean at each step.
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import type { SecondFactorInputBody, SecondFactorStatusBody } from '$lib/contracts/second-factor';
import { err, ok } from '$lib/domain/result';
import { setLocale } from '$lib/paraglide/runtime.js';
import SecondFactorSection from '$lib/ui/account/SecondFactorSection.svelte';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function expectAxeClean(): Promise<void> {
	const results = await axe.run(document.body, { runOnly: { type: 'tag', values: TAGS } });
	expect(
		results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)
	).toEqual([]);
}

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const CODES = Array.from({ length: 10 }, (_, i) => `abcd-efgh-23${String(i).padStart(2, '4')}`);

function harness(status: SecondFactorStatusBody, wrongCode = '000000') {
	const calls: string[] = [];
	render(SecondFactorSection, {
		status,
		onenrol: async () => {
			calls.push('enrol');
			await Promise.resolve();
			return ok({
				secret: SECRET,
				uri: `otpauth://totp/Cercle:marie?secret=${SECRET}&issuer=Cercle&digits=6&period=30`
			});
		},
		onconfirm: async (code: string) => {
			calls.push(`confirm:${code}`);
			await Promise.resolve();
			return code === wrongCode
				? err('This code is not the right one.')
				: ok({ recoveryCodes: CODES, revokedSessions: 2 });
		},
		ondisable: async (input: SecondFactorInputBody) => {
			calls.push(`disable:${JSON.stringify(input)}`);
			await Promise.resolve();
			return null;
		},
		onprofessional: async (professional: boolean) => {
			calls.push(`pro:${String(professional)}`);
			await Promise.resolve();
			return 'A professional account needs the second factor on: turn it on first.';
		}
	});
	return calls;
}

afterEach(() => {
	void setLocale('en', { reload: false });
});

describe('Second factor section', () => {
	it('enrols: QR code and key, code checked, recovery codes shown once (EN)', async () => {
		const calls = harness({ enabled: false, recoveryCodesLeft: 0, kind: 'person' });
		await expect.element(page.getByText('Off.')).toBeVisible();
		await expectAxeClean();
		await page.getByRole('button', { name: 'Turn on the second factor' }).click();
		await expect
			.element(page.getByRole('img', { name: 'QR code that adds Cercle to an authenticator app' }))
			.toBeVisible();
		await expect
			.element(page.getByLabelText('Key to type into the app'))
			.toHaveValue('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');
		await expectAxeClean();

		const codeField = page.getByLabelText('Six-digit code from the app');
		await codeField.fill('12a');
		await page.getByRole('button', { name: 'Confirm and turn on' }).click();
		await expect.element(page.getByText('Type the six digits the app shows.')).toBeVisible();
		await expect.element(codeField).toHaveAttribute('aria-invalid', 'true');
		expect(calls).toEqual(['enrol']);

		await codeField.fill('000000');
		await page.getByRole('button', { name: 'Confirm and turn on' }).click();
		await expect.element(page.getByText('This code is not the right one.')).toBeVisible();

		await codeField.fill('123 456');
		await page.getByRole('button', { name: 'Confirm and turn on' }).click();
		await expect.element(page.getByRole('heading', { name: 'Your recovery codes' })).toBeVisible();
		await expect.element(page.getByText(/Other devices signed out: 2\./)).toBeVisible();
		expect(document.querySelectorAll('ol li')).toHaveLength(10);
		await expect.element(page.getByText(CODES[0] ?? '')).toBeVisible();
		await expectAxeClean();
		expect(calls).toEqual(['enrol', 'confirm:000000', 'confirm:123 456']);

		await page.getByRole('button', { name: 'I have kept them' }).click();
		expect(document.querySelectorAll('ol li')).toHaveLength(0);
	});

	it('turns it off with a recovery code and explains the professional toggle (FR)', async () => {
		await setLocale('fr', { reload: false });
		const calls = harness({ enabled: true, recoveryCodesLeft: 7, kind: 'person' });
		await expect
			.element(page.getByText('Activé. Codes de secours restants\u202f: 7.'))
			.toBeVisible();
		await expectAxeClean();
		await page.getByRole('button', { name: 'Utiliser plutôt un code de secours' }).click();
		const field = page.getByLabelText('Code de secours');
		await field.fill('abcd');
		await page.getByRole('button', { name: 'Désactiver le second facteur' }).click();
		await expect
			.element(
				page.getByText('Un code de secours a douze lettres et chiffres, comme abcd-efgh-2345.')
			)
			.toBeVisible();
		await field.fill('ABCD-EFGH-2345');
		await page.getByRole('button', { name: 'Désactiver le second facteur' }).click();
		await expect.element(page.getByText('✓ Le second facteur est désactivé.')).toBeVisible();
		expect(calls).toEqual(['disable:{"recoveryCode":"ABCD-EFGH-2345"}']);

		const toggle = page.getByLabelText('C’est un compte professionnel');
		await toggle.click();
		await expect
			.element(page.getByText(/A professional account needs the second factor on/))
			.toBeVisible();
		await expect.element(toggle).not.toBeChecked();
		await expectAxeClean();
	});
});
