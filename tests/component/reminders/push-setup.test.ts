// Settings › Reminders on this device: the explanation comes before the button that makes the
// browser ask for permission, nothing asks before the person presses it, and the status is words.
import { expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-svelte';
import { page } from 'vitest/browser';
import PushSetup from '$lib/ui/reminders/PushSetup.svelte';
import type { PushState } from '$lib/state/reminders.svelte';

const signedIn: PushState = {
	supported: true,
	permission: 'default',
	subscribed: false,
	account: 'signed-in',
	lastReceived: null
};

it('explains what the server learns before the button that asks for permission', async () => {
	const requestPermission = vi.spyOn(Notification, 'requestPermission');
	const onsubscribe = vi.fn();
	const screen = render(PushSetup, {
		state: signedIn,
		onsubscribe,
		onunsubscribe: vi.fn(),
		ontest: vi.fn()
	});
	const explanation = screen.getByTestId('push-explanation');
	await expect.element(explanation).toHaveTextContent(/only the times of your reminders/u);
	const button = page.getByRole('button', { name: 'Turn on reminders on this device' });
	await expect.element(button).toBeEnabled();
	const position = explanation.element().compareDocumentPosition(button.element());
	expect(position & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
	expect(button.element().getAttribute('aria-describedby')).toBe('push-explanation');
	expect(requestPermission).not.toHaveBeenCalled();
	await button.click();
	expect(onsubscribe).toHaveBeenCalledTimes(1);
	await expect.element(page.getByText('not asked yet')).toBeVisible();
});

it('says when there is no account and keeps the button disabled', async () => {
	render(PushSetup, {
		state: { ...signedIn, account: 'signed-out' },
		onsubscribe: vi.fn(),
		onunsubscribe: vi.fn(),
		ontest: vi.fn()
	});
	await expect
		.element(page.getByRole('button', { name: 'Turn on reminders on this device' }))
		.toBeDisabled();
	await expect.element(page.getByText(/need an account/u)).toBeVisible();
});

it('offers the test reminder once subscribed and shows the last reminder received', async () => {
	const ontest = vi.fn();
	render(PushSetup, {
		state: {
			...signedIn,
			permission: 'granted',
			subscribed: true,
			lastReceived: { opaqueId: 'abcdefghijklmnopqrstuv', at: Date.UTC(2025, 0, 6, 8) }
		},
		onsubscribe: vi.fn(),
		onunsubscribe: vi.fn(),
		ontest
	});
	await page.getByRole('button', { name: 'Send me a test reminder' }).click();
	expect(ontest).toHaveBeenCalledTimes(1);
	await expect.element(page.getByText('none yet')).not.toBeInTheDocument();
});
