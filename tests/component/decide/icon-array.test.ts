// The icon array shows exactly 100 shapes, filled ones for the people it happens to, and says
// the numbers in words: as the picture's text alternative and in its visible key.
import { describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-svelte';
import IconArray from '$lib/ui/decide/IconArray.svelte';

const sentence = '12 out of 100 people like you have a stroke. 88 out of 100 do not.';

describe('IconArray', () => {
	it('has a text alternative with the numbers and 100 icons', async () => {
		const screen = render(IconArray, { value: 12, description: sentence, direction: 'harm' });
		const picture = screen.getByRole('img', { name: sentence });
		await expect.element(picture).toBeVisible();
		const svg = picture.element();
		expect(svg.querySelectorAll('rect, circle')).toHaveLength(100);
		expect(svg.querySelectorAll('rect.affected')).toHaveLength(12);
		expect(svg.querySelectorAll('circle.unaffected')).toHaveLength(88);
	});

	it('rounds decimals but always draws 100 icons, and the key shows both counts', async () => {
		const screen = render(IconArray, {
			value: 26.6,
			description: '26.6 out of 100 people like you report aches.',
			direction: 'harm'
		});
		const svg = screen.getByRole('img').element();
		expect(svg.querySelectorAll('rect, circle')).toHaveLength(100);
		expect(svg.querySelectorAll('rect.affected')).toHaveLength(27);
		await expect.element(screen.getByText(/Filled square: this happens \(27\)/u)).toBeVisible();
		await expect
			.element(screen.getByText(/Empty circle: this does not happen \(73\)/u))
			.toBeVisible();
	});

	it('shows no filled icon for zero and all filled for 100', () => {
		const none = render(IconArray, { value: 0, description: 'none', direction: 'benefit' });
		expect(none.getByRole('img').element().querySelectorAll('rect.affected')).toHaveLength(0);
		none.unmount();
		const all = render(IconArray, { value: 100, description: 'all', direction: 'benefit' });
		expect(all.getByRole('img').element().querySelectorAll('rect.affected')).toHaveLength(100);
	});
});
