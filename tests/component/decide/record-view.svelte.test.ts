// "Not decided yet" with SURE 4/4 (issue 11, item 16): the summary points out the mismatch gently,
// in the person's voice and in a member's, in English and French; a chosen option does not.
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { setLocale } from '$lib/paraglide/runtime.js';
import { getAid } from '$lib/content/load';
import { buildDecisionRecord, type DecisionRecord } from '$lib/domain/decisions/record';
import DecisionRecordView from '$lib/ui/decide/DecisionRecordView.svelte';
import { memberRecordLabels, ownRecordLabels } from '$lib/ui/decide/record-view';

const ID = 'statin-primary-prevention';

function saved(choice: string | null, lang: 'en' | 'fr'): DecisionRecord {
	const aid = getAid(ID, lang);
	if (aid === undefined) throw new Error('fixture aid missing');
	const built = buildDecisionRecord(
		aid,
		{
			aidId: ID,
			choice,
			reasons: '',
			sliders: {},
			questions: [],
			sure: { sure: true, understand: true, risks: true, encouragement: true },
			knowledge: {}
		},
		'2026-11-26'
	);
	if (!built.ok) throw new Error('fixture record invalid');
	return built.value;
}

afterEach(() => {
	void setLocale('en', { reload: false });
});

describe('decision record: ready but not decided', () => {
	it('says it gently in English, in the person’s voice', async () => {
		render(DecisionRecordView, { record: saved(null, 'en'), labels: ownRecordLabels() });
		await expect
			.element(page.getByTestId('sure-mismatch'))
			.toHaveTextContent(/You feel ready to decide, yet you have not chosen an option/u);
	});

	it('says it in French, about the person, to a member of her circle', async () => {
		void setLocale('fr', { reload: false });
		render(DecisionRecordView, {
			record: saved(null, 'fr'),
			labels: memberRecordLabels('Monique')
		});
		await expect
			.element(page.getByTestId('sure-mismatch'))
			.toHaveTextContent(/Monique se sent en mesure de décider mais n’a pas encore choisi/u);
	});

	it('says nothing of the kind once an option is chosen', async () => {
		render(DecisionRecordView, { record: saved('statin', 'en'), labels: ownRecordLabels() });
		await expect.element(page.getByText(/You feel ready/u).first()).toBeVisible();
		await expect.element(page.getByTestId('sure-mismatch')).not.toBeInTheDocument();
	});
});
