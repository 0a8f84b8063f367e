// The team results view (issue 15 §6) over real tallies: below ten answers only "fewer than 10"
// (and the invalid count when it may be shown); from ten, per-question tables where a small count
// reads "fewer than 5", the overall score, comments marked when not to be quoted, the score per
// quarter; in French with French words; axe clean.
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { parseQuestionnaireFiles } from '$lib/content/surveys';
import { ballotPlain, tallyCampaign } from '$lib/domain/surveys/ballot';
import type { Answers } from '$lib/domain/surveys/enable-when';
import { buildResponse } from '$lib/domain/surveys/response';
import { setLocale } from '$lib/paraglide/runtime.js';
import CampaignResults from '$lib/ui/surveys/CampaignResults.svelte';
import coordinationFile from '$lib/content/surveys/coordination.json';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const [survey] = parseQuestionnaireFiles({ './coordination.json': coordinationFile });
const SURVEY_ID = 'survey-1';

afterEach(() => {
	void setLocale('en', { reload: false });
});

async function expectAxeClean(): Promise<void> {
	const results = await axe.run(document.body, { runOnly: { type: 'tag', values: TAGS } });
	expect(
		results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)
	).toEqual([]);
}

function box(overall: string, comment?: string, noQuote = false, pro: string | null = null) {
	if (survey === undefined) throw new Error('fixture');
	const coding = (code: string) => [{ valueCoding: { code } }];
	const answers: Answers = {
		'coord-repeat': coding('never'),
		'coord-treatments': coding('yes'),
		'coord-others': coding('yes'),
		'coord-who': coding('yes'),
		'coord-involved': coding('yes'),
		'coord-carer': coding('na'),
		'coord-overall': coding(overall),
		...(comment === undefined ? {} : { 'coord-comment': [{ valueString: comment }] }),
		...(noQuote ? { 'coord-no-quote': [{ valueBoolean: true }] } : {})
	};
	const built = buildResponse(survey, answers, '2026-12-07T00:00:00.000Z');
	if (!built.ok) throw new Error('fixture');
	return { week: '2026-W50', plain: ballotPlain(SURVEY_ID, 'coordination', built.value, pro) };
}

function mount(boxes: readonly { week: string; plain: string | null }[]) {
	if (survey === undefined) throw new Error('fixture');
	const tally = tallyCampaign(survey, SURVEY_ID, boxes);
	return render(CampaignResults, {
		questionnaire: survey,
		results: tally.results,
		trend: tally.trend,
		lang: 'en',
		professionals: tally.professionals
	});
}

describe('campaign results', () => {
	it('shows only "fewer than 10" at nine answers', async () => {
		mount([...Array.from({ length: 9 }, () => box('5')), { week: '2026-W50', plain: null }]);
		await expect.element(page.getByText(/^Fewer than 10 answers so far/u)).toBeVisible();
		expect(page.getByRole('table').elements()).toHaveLength(0);
		await expectAxeClean();
	});

	it('shows tables, hidden small counts, comments and the trend from ten answers', async () => {
		mount([
			...Array.from({ length: 8 }, () => box('5')),
			box('4', 'The nurse called back the next day.'),
			box('4', 'My GP did not know about the hospital stay.', true)
		]);
		await expect.element(page.getByText('Answers counted: 10')).toBeVisible();
		await expect.element(page.getByText(/^Overall score: \d+ out of 100$/u)).toBeVisible();
		const overall = page.getByRole('table', { name: /how was your experience/iu });
		await expect.element(overall).toBeVisible();
		await expect.element(overall.getByRole('row', { name: /^Good fewer than 5$/u })).toBeVisible();
		await expect.element(page.getByText('The nurse called back the next day.')).toBeVisible();
		await expect.element(page.getByText('Not to be quoted word for word')).toBeVisible();
		await expect.element(page.getByText(/^2026-Q4 to 2026-Q4: \d+ out of 100/u)).toBeVisible();
		await expectAxeClean();
	});

	it('speaks French', async () => {
		void setLocale('fr', { reload: false });
		mount(Array.from({ length: 10 }, () => box('5')));
		await expect.element(page.getByText('Réponses comptées\u202f: 10')).toBeVisible();
	});

	it('per professional: from 25 answers only; the others "not enough answers yet", in words', async () => {
		mount([
			...Array.from({ length: 25 }, () => box('5', undefined, false, 'pro-a')),
			...Array.from({ length: 10 }, () => box('4', undefined, false, 'pro-b'))
		]);
		await expect.element(page.getByRole('heading', { name: 'Per professional' })).toBeVisible();
		await expect
			.element(page.getByText(/Professional 1: score \d+ out of 100 \(answers: 25\)/u))
			.toBeVisible();
		await expect.element(page.getByText(/^Professional 2/u)).not.toBeInTheDocument();
		await expect
			.element(page.getByText(/^Not enough answers yet for the other professionals/u))
			.toBeVisible();
		await expectAxeClean();
	});

	it('per professional: nothing but "not enough answers yet" under 25', async () => {
		void setLocale('fr', { reload: false });
		mount(Array.from({ length: 24 }, () => box('5', undefined, false, 'pro-a')));
		await expect
			.element(
				page.getByText(
					/^Pas encore assez de réponses pour montrer des résultats par professionnel\u202f:/u
				)
			)
			.toBeVisible();
		await expect.element(page.getByText(/^Professionnel 1/u)).not.toBeInTheDocument();
	});
});
