// The answers of one questionnaire being filled in on a page, kept as an encrypted draft in the
// vault (it survives locking and reloads): read once per questionnaire, saved after each change
// (after `saveDelayMs`, the last change only, or at once when 0), and the layout (one question at a
// time or all) the person chose. Used by /surveys/[id] and /surveys/experience/[id].
// Invariant: a draft read after the person already answered (a slow device) never undoes her
// answers; a draft of a questionnaire she left is not applied; the same questionnaire derived
// again (a new object, the same draft key) is not read again.
import type { Answers } from '$lib/domain/surveys/enable-when';
import type { Questionnaire } from '$lib/domain/surveys/fhir';
import { initialAnswers } from '$lib/domain/surveys/response';
import { surveyWrites } from './survey-writes';
import { defaultSurveyMode, loadSurveyDraft } from './surveys.svelte';

/** The questionnaire on the page and the name its draft is kept under. */
export interface SurveyDraftTarget {
	readonly questionnaire: Questionnaire;
	readonly draftKey: string;
}

/** Call during a component's initialisation (it owns an effect). */
export function createSurveyAnswers(
	target: () => SurveyDraftTarget | undefined,
	saveDelayMs: number
) {
	let answers = $state.raw<Answers | null>(null);
	let index = $state(0);
	let mode = $state<'one' | 'all'>(defaultSurveyMode());
	let touched = false;
	let timer: ReturnType<typeof setTimeout> | null = null;

	const stopSaving = () => {
		if (timer !== null) clearTimeout(timer);
		timer = null;
	};

	// The questionnaire whose draft was read last. The target is re-derived whenever what the page
	// reads changes (a team campaign's check ending, say): the same questionnaire again is not a new
	// start, so neither her answers nor the draft being read are dropped (before, a re-derived
	// target while she answered read the draft again over her answers: "answers missing" at send).
	let current: string | null = null;
	$effect(() => {
		const t = target();
		if (t === undefined || t.draftKey === current) return;
		const key = t.draftKey;
		current = key;
		touched = false;
		void loadSurveyDraft(key).then((draft) => {
			if (current !== key || touched) return;
			answers = draft?.answers ?? initialAnswers(t.questionnaire);
			index = draft?.index ?? 0;
		});
	});

	return {
		get answers() {
			return answers;
		},
		get index() {
			return index;
		},
		get mode() {
			return mode;
		},
		setMode: (next: 'one' | 'all') => {
			mode = next;
		},
		/** The person changed an answer or moved on: kept, and saved as the draft. */
		change: (next: Answers, nextIndex: number) => {
			const t = target();
			if (t === undefined) return;
			touched = true;
			answers = next;
			index = nextIndex;
			stopSaving();
			const save = () => void surveyWrites.saveDraft(t.draftKey, next, nextIndex);
			if (saveDelayMs === 0) save();
			else
				timer = setTimeout(() => {
					timer = null;
					save();
				}, saveDelayMs);
		},
		/** No pending draft save (the answers are being submitted). */
		stopSaving,
		/** Starts again from the questionnaire's empty answers. */
		restart: (questionnaire: Questionnaire) => {
			answers = initialAnswers(questionnaire);
			index = 0;
		}
	};
}
