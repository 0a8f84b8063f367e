// Words for the surveys UI that depend on domain values: a band explained in plain words, an
// answer error by its question, and the screens of a questionnaire (one per question on a phone).
// Kept apart from the components so the mapping is exhaustive and tested in one place.
import type { Answers } from '$lib/domain/surveys/enable-when';
import { enabledLinkIds } from '$lib/domain/surveys/enable-when';
import type { Questionnaire, QuestionnaireItem } from '$lib/domain/surveys/fhir';
import { flattenItems, itemText, type Lang } from '$lib/domain/surveys/items';
import type { AnswerError } from '$lib/domain/surveys/response';
import type { Band } from '$lib/domain/surveys/scoring';
import { m } from '$lib/paraglide/messages.js';

export function bandText(band: Band): string {
	switch (band) {
		case 'who5-good':
			return m.surveys_band_who5_good();
		case 'who5-poor':
			return m.surveys_band_who5_poor();
		case 'who5-depression':
			return m.surveys_band_who5_depression();
		case 'phq9-minimal':
			return m.surveys_band_phq9_minimal();
		case 'phq9-mild':
			return m.surveys_band_phq9_mild();
		case 'phq9-moderate':
			return m.surveys_band_phq9_moderate();
		case 'phq9-moderately-severe':
			return m.surveys_band_phq9_moderately_severe();
		case 'phq9-severe':
			return m.surveys_band_phq9_severe();
		case 'gad7-minimal':
			return m.surveys_band_gad7_minimal();
		case 'gad7-mild':
			return m.surveys_band_gad7_mild();
		case 'gad7-moderate':
			return m.surveys_band_gad7_moderate();
		case 'gad7-severe':
			return m.surveys_band_gad7_severe();
		case 'screen-negative':
			return m.surveys_band_screen_negative();
		case 'screen-positive':
			return m.surveys_band_screen_positive();
		case 'collaborate-top':
			return m.surveys_band_collaborate_top();
		case 'collaborate-not-top':
			return m.surveys_band_collaborate_not_top();
		case 'experience':
			return m.surveys_band_experience();
	}
}

export function answerErrorText(error: AnswerError): string {
	switch (error.type) {
		case 'required':
			return m.surveys_error_required();
		case 'wrong-type':
		case 'not-enabled':
		case 'unknown-item':
			return m.surveys_error_wrong_type();
		case 'unknown-option':
			return m.surveys_error_unknown_option();
		case 'too-long':
			return m.surveys_error_too_long({ max: error.max });
	}
}

export interface Screen {
	readonly item: QuestionnaireItem;
	/** The text of the enclosing group (e.g. "Over the last 2 weeks…"), shown as context. */
	readonly context: string | null;
}

/** The enabled questions and displays, in order: one screen each on a phone. */
export function screensOf(q: Questionnaire, answers: Answers, lang: Lang): readonly Screen[] {
	const enabled = enabledLinkIds(q.item, answers);
	const flat = flattenItems(q.item);
	const byId = new Map(flat.map((f) => [f.item.linkId, f.item]));
	return flat
		.filter((f) => f.item.type !== 'group' && enabled.has(f.item.linkId))
		.map((f) => {
			const parent = f.parent === null ? undefined : byId.get(f.parent);
			const context = parent?.text === undefined ? null : itemText(parent, lang);
			return { item: f.item, context };
		});
}
