// The SURE step: four yes/no questions; the score appears only when all four are answered; below
// 4 the person is told to talk it through, with the open items and their own questions listed.
import { describe, expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-svelte';
import { scoreSure, SURE_QUESTIONS } from '$lib/domain/decisions/sure';
import SureStep from '$lib/ui/decide/SureStep.svelte';

const unanswered = { sure: null, understand: null, risks: null, encouragement: null };

describe('SureStep', () => {
	it('asks four yes/no questions and reports each answer', async () => {
		const onanswer = vi.fn();
		const screen = render(SureStep, {
			lang: 'en',
			answers: unanswered,
			score: null,
			questions: [],
			onanswer
		});
		expect(screen.getByRole('group').elements()).toHaveLength(4);
		await expect
			.element(screen.getByText('Answer all four questions to see your score.'))
			.toBeVisible();
		await screen
			.getByRole('group', { name: SURE_QUESTIONS.en.risks })
			.getByRole('radio', { name: 'No' })
			.click();
		expect(onanswer).toHaveBeenCalledWith('risks', false);
	});

	it('below 4 suggests talking it through and lists open items and questions', async () => {
		const answers = { sure: true, understand: false, risks: true, encouragement: true };
		const screen = render(SureStep, {
			lang: 'en',
			answers,
			score: scoreSure(answers),
			questions: ['Can I stop later?'],
			onanswer: vi.fn()
		});
		const result = screen.getByTestId('sure-result');
		await expect.element(result).toHaveTextContent('Your SURE score: 3 out of 4');
		await expect.element(result).toHaveTextContent(/Talk it through/u);
		await expect.element(result).toHaveTextContent(SURE_QUESTIONS.en.understand);
		await expect.element(result).toHaveTextContent('Can I stop later?');
	});

	it('at 4 says the person feels ready, in French too', async () => {
		const answers = { sure: true, understand: true, risks: true, encouragement: true };
		const screen = render(SureStep, {
			lang: 'fr',
			answers,
			score: scoreSure(answers),
			questions: [],
			onanswer: vi.fn()
		});
		await expect.element(screen.getByTestId('sure-result')).toHaveTextContent('4 out of 4');
		await expect.element(screen.getByText(SURE_QUESTIONS.fr.sure)).toBeVisible();
	});
});
