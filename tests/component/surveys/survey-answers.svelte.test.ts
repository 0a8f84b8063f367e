// A questionnaire being filled in (state/survey-answers.svelte.ts, both survey pages): the draft is
// read once and applied, unless the person already answered (a slow device); each change is kept
// and saved as the draft, at once or after a delay (then only the last change), and a submit stops
// a pending save.
import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadQuestionnaires } from '$lib/content/surveys';
import type { Answers } from '$lib/domain/surveys/enable-when';
import type { SurveyDraft } from '$lib/domain/surveys/draft';

const fake = vi.hoisted(() => {
	const state: {
		saved: { key: string; answers: unknown; index: number }[];
		resolveDraft: ((draft: SurveyDraft | null) => void) | null;
	} = { saved: [], resolveDraft: null };
	return state;
});

vi.mock('$lib/state/survey-writes', () => ({
	surveyWrites: {
		saveDraft: (key: string, answers: unknown, index: number) => {
			fake.saved.push({ key, answers, index });
			return Promise.resolve({ ok: true, value: null });
		}
	}
}));
vi.mock('$lib/state/surveys.svelte', () => ({
	defaultSurveyMode: () => 'one',
	loadSurveyDraft: () =>
		new Promise<SurveyDraft | null>((resolve) => {
			fake.resolveDraft = resolve;
		})
}));
const { createSurveyAnswers } = await import('$lib/state/survey-answers.svelte');

const found = loadQuestionnaires().find((q) => q.id === 'who5');
if (found === undefined) throw new Error('missing');
const questionnaire = found;
const answered: Answers = { x: [{ valueString: 'mine' }] };

function open(saveDelayMs: number) {
	let form: ReturnType<typeof createSurveyAnswers> | undefined;
	const stop = $effect.root(() => {
		form = createSurveyAnswers(() => ({ questionnaire, draftKey: 'who5' }), saveDelayMs);
	});
	flushSync();
	if (form === undefined) throw new Error('not created');
	return { form, stop };
}

function draftWith(index: number): void {
	const draft: SurveyDraft = {
		version: 1,
		questionnaireId: 'who5',
		answers: { y: [{ valueString: 'draft' }] },
		index
	};
	fake.resolveDraft?.(draft);
}

beforeEach(() => {
	fake.saved = [];
	fake.resolveDraft = null;
	vi.useFakeTimers();
});
afterEach(() => {
	vi.useRealTimers();
});

describe('survey answers', () => {
	it('applies the draft once read, then saves only the last change after the delay', async () => {
		const { form, stop } = open(250);
		expect(form.answers).toBeNull();
		draftWith(2);
		await vi.waitFor(() => {
			expect(form.index).toBe(2);
		});
		expect(form.answers).toEqual({ y: [{ valueString: 'draft' }] });
		form.change({ a: [] }, 3);
		form.change(answered, 4);
		expect(fake.saved).toEqual([]);
		vi.advanceTimersByTime(250);
		expect(fake.saved).toEqual([{ key: 'who5', answers: answered, index: 4 }]);
		stop();
	});

	it('keeps what the person answered before the draft was read, and a submit stops the save', async () => {
		const { form, stop } = open(250);
		form.change(answered, 1);
		form.stopSaving();
		draftWith(5);
		await Promise.resolve();
		await Promise.resolve();
		expect(form.answers).toEqual(answered);
		expect(form.index).toBe(1);
		vi.advanceTimersByTime(1000);
		expect(fake.saved).toEqual([]);
		stop();
	});

	it('keeps her answers when the page derives the same questionnaire again while she answers', async () => {
		// The experience page re-derives its target when the team campaign's check ends; before,
		// that read the draft again and put it over what she had answered since.
		let version = $state(0);
		let form: ReturnType<typeof createSurveyAnswers> | undefined;
		const stop = $effect.root(() => {
			form = createSurveyAnswers(
				() => (version >= 0 ? { questionnaire, draftKey: 'who5' } : undefined),
				250
			);
		});
		flushSync();
		if (form === undefined) throw new Error('not created');
		const answers = form;
		draftWith(2);
		await vi.waitFor(() => {
			expect(answers.index).toBe(2);
		});
		answers.change(answered, 3);
		fake.resolveDraft = null;
		version = 1;
		flushSync();
		expect(fake.resolveDraft).toBeNull();
		draftWith(0);
		await Promise.resolve();
		await Promise.resolve();
		expect(answers.answers).toEqual(answered);
		expect(answers.index).toBe(3);
		stop();
	});

	it('saves at once without a delay, and starts again from empty answers', () => {
		const { form, stop } = open(0);
		form.change(answered, 1);
		expect(fake.saved).toEqual([{ key: 'who5', answers: answered, index: 1 }]);
		form.restart(questionnaire);
		expect(form.index).toBe(0);
		expect(form.answers).not.toEqual(answered);
		stop();
	});
});
