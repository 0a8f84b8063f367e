// The member's "Write in Monique's circle" forms (issue 14 §7) in a real browser: offered only with
// write on the category (else the reason in words), errors by the field they concern, the saved
// target and note in the circle with the writer as author; EN and FR; axe clean.
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import type { Category } from '$lib/domain/categories';
import { METRIC_UNITS } from '$lib/domain/journal/measurements';
import { setLocale } from '$lib/paraglide/runtime.js';
import CircleWrites from '$lib/ui/people/CircleWrites.svelte';
import { fakeCircle } from '../plan/fake-circle';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function expectAxeClean(): Promise<void> {
	const results = await axe.run(document.body, { runOnly: { type: 'tag', values: TAGS } });
	expect(
		results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)
	).toEqual([]);
}

function nurseView(writable: readonly Category[]) {
	const circle = fakeCircle({ me: 'bruno', ownerId: 'monique', names: { bruno: 'Bruno' } });
	return {
		circle,
		view: { ...circle.view, canWrite: (category: Category) => writable.includes(category) }
	};
}

afterEach(async () => {
	await setLocale('en', { reload: false });
});

describe('writing in the person’s circle', () => {
	it('sets a target and writes a note, with errors by the field', async () => {
		const { circle, view } = nurseView(['measurements', 'notes']);
		render(CircleWrites, { view, name: 'Monique', preferences: METRIC_UNITS });
		await expect
			.element(page.getByRole('heading', { name: 'Write in Monique’s circle' }))
			.toBeVisible();

		await page.getByLabelText('Low bound (mmHg)').fill('150');
		await page.getByLabelText('High bound (mmHg)').fill('120');
		await page.getByRole('button', { name: 'Set the target' }).click();
		await expect
			.element(page.getByLabelText('High bound (mmHg)'))
			.toHaveAccessibleDescription('The high bound must be above the low bound.');
		expect(circle.records).toEqual([]);
		await expectAxeClean();

		await page.getByLabelText('Low bound (mmHg)').fill('110');
		await page.getByLabelText('High bound (mmHg)').fill('135');
		await page.getByRole('button', { name: 'Set the target' }).click();
		await expect
			.element(page.getByText('Target set. Monique will see it with your name.'))
			.toBeVisible();

		const note = page.getByLabelText(/Your note/);
		await expect.element(note).toHaveAccessibleDescription(/0 characters of 500/);
		await page.getByRole('button', { name: 'Send the note' }).click();
		await expect.element(note).toHaveAccessibleDescription(/Write something first\./);
		await note.fill('Pansement refait, RAS.');
		await expect.element(note).toHaveAccessibleDescription(/22 characters of 500/);
		await page.getByRole('button', { name: 'Send the note' }).click();
		await expect.element(page.getByText(/^Note sent\./)).toBeVisible();
		expect(circle.records.map((r) => [r.kind, r.category])).toEqual([
			['target-range', 'measurements'],
			['note', 'notes']
		]);
		expect(circle.records[0]?.body).toMatchObject({
			low: 110,
			high: 135,
			setBy: 'care-team',
			setByName: 'Bruno'
		});
		await expectAxeClean();
	});

	it('without write access, says why instead of offering the form (in French)', async () => {
		await setLocale('fr', { reload: false });
		const { view } = nurseView(['notes']);
		render(CircleWrites, { view, name: 'Monique', preferences: METRIC_UNITS });
		await expect
			.element(
				page.getByText(
					'Monique ne vous a pas donné le droit d’écrire les mesures\u202f: vous ne pouvez pas fixer d’objectif ici.'
				)
			)
			.toBeVisible();
		expect(page.getByRole('button', { name: 'Fixer l’objectif' }).elements()).toEqual([]);
		await expect.element(page.getByRole('button', { name: 'Envoyer la note' })).toBeVisible();
		await expectAxeClean();
	});
});
