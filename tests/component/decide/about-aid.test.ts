// "About this decision aid" says who wrote it and with what qualifications, how the evidence was
// found and who checked the facts, and is honest about clinical review: with no reviewer it says
// so, instead of a placeholder name beside a "last checked" date.
import { describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-svelte';
import AboutAid from '$lib/ui/decide/AboutAid.svelte';
import { makeAid } from './fixtures';

describe('AboutAid', () => {
	it('shows the authors’ qualifications, the evidence search and who checked the facts', async () => {
		const screen = render(AboutAid, { aid: makeAid() });
		await expect.element(screen.getByText('Test writer, no clinical qualification.')).toBeVisible();
		await expect.element(screen.getByText('One trial, found by hand.')).toBeVisible();
		await expect.element(screen.getByText('How the evidence was found')).toBeVisible();
		await expect.element(screen.getByText(/Facts checked by: Tester/)).toBeVisible();
		await expect
			.element(screen.getByText(/Reviewed by a clinician: Dr Reviewer, GP/))
			.toBeVisible();
	});

	it('says plainly when no clinician has reviewed the aid', async () => {
		const screen = render(AboutAid, { aid: makeAid({ reviewers: [] }) });
		await expect.element(screen.getByText(/Not yet reviewed by a clinician\./)).toBeVisible();
		expect(screen.container.textContent).not.toMatch(/Reviewed by a clinician:/);
	});
});
