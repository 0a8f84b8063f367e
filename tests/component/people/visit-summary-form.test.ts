// The person prepares a visit: "what changed" is pre-filled from journal facts and can be filled in
// again after editing; questions are one per line and keep their ids across saves; decisions to
// discuss are chosen by their title; saving says so, or says why not. English and French; axe clean.
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import type { ChangeFact } from '$lib/domain/plan/visit-changes';
import type { VisitSummaryBody } from '$lib/domain/plan/visit-summary';
import type { DecisionRecord } from '$lib/domain/decisions/record';
import { setLocale } from '$lib/paraglide/runtime.js';
import VisitSummaryForm from '$lib/ui/people/VisitSummaryForm.svelte';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const facts: readonly ChangeFact[] = [
	{ type: 'symptom', symptom: { source: 'catalogue', id: 'pain' }, count: 4, mean: 6, before: 3 },
	{ type: 'measurement', metric: 'systolic', count: 5, outside: 2 },
	{ type: 'medication-started', name: 'Paracetamol' }
];

const decision: DecisionRecord = {
	schemaVersion: 1,
	aidId: 'knee-replacement',
	aidLang: 'en',
	aidTitle: 'Knee replacement or not',
	decision: 'Knee replacement',
	aidLastReviewed: '2026-01-01',
	date: '2026-11-20',
	choice: { kind: 'undecided' },
	reasons: '',
	whatMattersMost: [],
	questions: [],
	sure: {
		answers: { sure: false, understand: true, risks: true, encouragement: true },
		score: 3,
		needsDiscussion: true,
		openItems: ['sure']
	},
	knowledge: { correct: 2, total: 3 }
};

async function expectAxeClean(): Promise<void> {
	const results = await axe.run(document.body, { runOnly: { type: 'tag', values: TAGS } });
	expect(
		results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)
	).toEqual([]);
}

afterEach(() => {
	void setLocale('en', { reload: false });
});

describe('preparing a visit', () => {
	it('pre-fills what changed, keeps question ids across saves and saves the chosen decisions', async () => {
		const saved: VisitSummaryBody[] = [];
		let n = 0;
		render(VisitSummaryForm, {
			initial: null,
			facts,
			decisions: [{ id: 'dec-1', at: 1, body: decision }],
			newId: () => `q${++n}`,
			onSave: (body: VisitSummaryBody) => {
				saved.push(body);
				return Promise.resolve(null);
			}
		});
		const changes = page.getByLabelText('What changed since last time');
		await expect
			.element(changes)
			.toHaveValue(
				'– Pain: average 6/10 over 4 entries (before: 3/10)\n– Systolic pressure: 5 readings, 2 outside my target\n– Started Paracetamol'
			);
		await changes.fill('My knee hurts at night.');
		await page.getByLabelText('My questions, one per line').fill('Can I stop the cream?\nSleep?');
		await page.getByLabelText('Knee replacement or not').click();
		await page.getByRole('button', { name: 'Save' }).click();
		await expect.element(page.getByRole('status')).toHaveTextContent('Saved.');
		expect(saved[0]).toMatchObject({
			changes: 'My knee hurts at night.',
			decisions: ['dec-1'],
			agreed: ''
		});
		const firstIds = saved[0]?.questions.map((q) => q.id) ?? [];
		await page.getByLabelText('My questions, one per line').fill('Sleep?\nCan I stop the cream?');
		await page.getByRole('button', { name: 'Save' }).click();
		await expect.poll(() => saved.length).toBe(2);
		expect(saved[1]?.questions.map((q) => q.id)).toEqual([...firstIds].reverse());
		await page.getByRole('button', { name: 'Fill in again from my journal' }).click();
		await expect
			.element(changes)
			.toHaveValue(
				'– Pain: average 6/10 over 4 entries (before: 3/10)\n– Systolic pressure: 5 readings, 2 outside my target\n– Started Paracetamol'
			);
		await expectAxeClean();
	});

	it('says why it was not saved, in French', async () => {
		await setLocale('fr', { reload: false });
		render(VisitSummaryForm, {
			initial: null,
			facts: [],
			decisions: [],
			newId: () => 'q',
			onSave: () => Promise.resolve('le coffre est verrouillé')
		});
		await expect
			.element(page.getByLabelText('Ce qui a changé depuis la dernière fois'))
			.toHaveValue('Rien de nouveau dans mon journal.');
		await expect
			.element(page.getByText('Aucune décision enregistrée pour le moment.'))
			.toBeVisible();
		await page.getByRole('button', { name: 'Enregistrer' }).click();
		// textContent, not toHaveTextContent: that one folds the narrow no-break space into a space.
		await expect
			.poll(() => page.getByRole('status').element().textContent)
			.toBe('Non enregistré\u202f: le coffre est verrouillé');
		await expectAxeClean();
	});
});
