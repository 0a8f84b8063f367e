// The questionnaire renderer: fieldset + legend radio groups named by the question, one question
// per screen with a progress indicator, keyboard use, errors by the question in the person's
// language, enableWhen as the person answers, the PHQ-9 item 9 safety message at once; axe clean.
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { parseQuestionnaireFiles } from '$lib/content/surveys';
import type { Answers } from '$lib/domain/surveys/enable-when';
import type { Questionnaire } from '$lib/domain/surveys/fhir';
import { setLocale } from '$lib/paraglide/runtime.js';
import QuestionnaireForm from '$lib/ui/surveys/QuestionnaireForm.svelte';
import who5File from '$lib/content/surveys/who5.json';
import phq9File from '$lib/content/surveys/phq9.json';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const [who5, phq9] = parseQuestionnaireFiles({ './who5.json': who5File, './phq9.json': phq9File });

async function expectAxeClean(): Promise<void> {
	const results = await axe.run(document.body, { runOnly: { type: 'tag', values: TAGS } });
	expect(
		results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)
	).toEqual([]);
}

/** Renders the form and keeps answers/index as a parent page would. */
function mount(q: Questionnaire | undefined, mode: 'one' | 'all', lang: 'en' | 'fr' = 'en') {
	if (q === undefined) throw new Error('fixture');
	const state: { answers: Answers; index: number; submitted: Answers | null } = {
		answers: {},
		index: 0,
		submitted: null
	};
	const screen = render(QuestionnaireForm, {
		questionnaire: q,
		lang,
		answers: state.answers,
		index: 0,
		mode,
		onchange: (answers: Answers, index: number) => {
			state.answers = answers;
			state.index = index;
			void screen.rerender({ answers, index });
		},
		onmode: () => undefined,
		onsubmit: (answers: Answers) => {
			state.submitted = answers;
		}
	});
	return { screen, state };
}

afterEach(() => {
	void setLocale('en', { reload: false });
});

describe('QuestionnaireForm', () => {
	it('shows the whole WHO-5 as five named radio groups, axe clean', async () => {
		const { screen } = mount(who5, 'all');
		const groups = screen.getByRole('group');
		expect(groups.elements()).toHaveLength(5);
		const first = screen.getByRole('group', { name: 'I have felt cheerful and in good spirits' });
		await expect.element(first).toBeVisible();
		expect(first.getByRole('radio').elements()).toHaveLength(6);
		await expectAxeClean();
	});

	it('one question per screen: progress, keyboard, error by the question, then next', async () => {
		const { screen, state } = mount(who5, 'one');
		await expect.element(screen.getByText('Question 1 of 5')).toBeVisible();
		expect(screen.getByRole('group').elements()).toHaveLength(1);
		await screen.getByRole('button', { name: 'Next' }).click();
		const group = screen.getByRole('group', { name: 'I have felt cheerful and in good spirits' });
		await expect.element(group).toHaveAccessibleDescription('Please answer this question.');
		await expect.element(group.getByRole('radio').first()).toHaveFocus();
		await expectAxeClean();
		// Keyboard: arrow keys move between the options and choose, Enter goes on.
		await userEvent.keyboard('{ArrowDown}');
		expect(state.answers['who5-1']).toEqual([
			{ valueCoding: { system: 'https://cercle.health/fhir/CodeSystem/who5', code: '4' } }
		]);
		await expect.element(group).not.toHaveAccessibleDescription();
		await userEvent.keyboard('{Enter}');
		await expect.element(screen.getByText('Question 2 of 5')).toBeVisible();
		await expect
			.element(
				screen
					.getByRole('group', { name: 'I have felt calm and relaxed' })
					.getByRole('radio')
					.first()
			)
			.toHaveFocus();
		expect(state.index).toBe(1);
	});

	it('errors come in the person’s language, by the question', async () => {
		await setLocale('fr', { reload: false });
		const { screen } = mount(who5, 'all', 'fr');
		await screen.getByRole('button', { name: 'Voir mon résultat' }).click();
		await expect
			.element(screen.getByRole('group', { name: 'Je me suis senti(e) calme et tranquille' }))
			.toHaveAccessibleDescription('Merci de répondre à cette question.');
		await expect
			.element(screen.getByRole('alert'))
			.toHaveTextContent(/Certaines réponses manquent/u);
		await expectAxeClean();
	});

	it('submits only a complete form', async () => {
		const { screen, state } = mount(who5, 'all');
		for (const name of [
			'I have felt cheerful and in good spirits',
			'I have felt calm and relaxed',
			'I have felt active and vigorous',
			'I woke up feeling fresh and rested',
			'My daily life has been filled with things that interest me'
		]) {
			await screen
				.getByRole('group', { name })
				.getByRole('radio', { name: 'More than half of the time' })
				.click();
		}
		await screen.getByRole('button', { name: 'See my result' }).click();
		expect(Object.keys(state.submitted ?? {})).toHaveLength(5);
	});

	it('PHQ-9: item 9 above 0 shows who to call at once; the difficulty question follows enableWhen', async () => {
		const { screen } = mount(phq9, 'all');
		expect(screen.getByRole('group').elements()).toHaveLength(9);
		await expect.element(screen.getByTestId('safety')).not.toBeInTheDocument();
		await screen
			.getByRole('group', { name: /better off dead/u })
			.getByRole('radio', { name: 'Several days' })
			.click();
		const safety = screen.getByTestId('safety');
		await expect.element(safety).toBeVisible();
		await expect.element(safety).toHaveTextContent(/not watch answers in real time/u);
		await expect
			.element(safety.getByRole('link', { name: /3114/u }))
			.toHaveAttribute('href', 'tel:3114');
		await expect
			.element(safety.getByRole('link', { name: /116 123/u }))
			.toHaveAttribute('href', 'tel:116123');
		await expect.element(safety.getByRole('link', { name: /^999/u })).toBeVisible();
		await expect.element(safety.getByRole('link', { name: /^111/u })).toBeVisible();
		await expect
			.element(safety.getByRole('link', { name: /112/u }))
			.toHaveAttribute('href', 'tel:15');
		// Item 9 > 0 also made the difficulty question appear.
		expect(screen.getByRole('group').elements()).toHaveLength(10);
		await expectAxeClean();
		await screen
			.getByRole('group', { name: /better off dead/u })
			.getByRole('radio', { name: 'Not at all' })
			.click();
		await expect.element(page.getByTestId('safety')).not.toBeInTheDocument();
	});
});
