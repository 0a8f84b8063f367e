// How a saved decision record is worded on screen: the headings in the person's own voice ("My
// choice", on her printable summary) or about her (a member of her circle reading what she shares),
// and the record read in another language. Invariant: only the aid's words are translated (its
// title, the decision, option labels, slider prompts and poles, matched by id); the person's own
// words (reasons, questions) are never changed.
import type { DecisionAid } from '$lib/domain/decisions/aid';
import type { DecisionRecord } from '$lib/domain/decisions/record';
import { m } from '$lib/paraglide/messages.js';

export interface DecisionRecordLabels {
	readonly choice: string;
	readonly reasons: string;
	readonly whatMatters: string;
	readonly noLeaning: string;
	readonly questions: string;
	readonly sureScore: (score: number) => string;
	readonly sureTalk: string;
	readonly sureReady: string;
	/** SURE says ready while no option is chosen: said gently, not as an error. */
	readonly sureReadyUndecided: string;
}

/** The person reading her own record. */
export function ownRecordLabels(): DecisionRecordLabels {
	return {
		choice: m.decide_record_choice(),
		reasons: m.decide_reasons(),
		whatMatters: m.decide_what_matters(),
		noLeaning: m.decide_no_leaning(),
		questions: m.decide_questions(),
		sureScore: (score) => m.decide_sure_score({ score }),
		sureTalk: m.decide_sure_talk(),
		sureReady: m.decide_sure_ready(),
		sureReadyUndecided: m.decide_sure_ready_undecided()
	};
}

/** A member of the circle reading the record of `name` (the person). */
export function memberRecordLabels(name: string): DecisionRecordLabels {
	return {
		choice: m.circle_decision_choice({ name }),
		reasons: m.circle_decision_reasons({ name }),
		whatMatters: m.circle_decision_what_matters({ name }),
		noLeaning: m.circle_decision_no_leaning({ name }),
		questions: m.circle_decision_questions({ name }),
		sureScore: (score) => m.circle_decision_sure_score({ score }),
		sureTalk: m.circle_decision_sure_talk({ name }),
		sureReady: m.circle_decision_sure_ready({ name }),
		sureReadyUndecided: m.circle_decision_sure_ready_undecided({ name })
	};
}

/**
 * The record with the aid's words taken from `aid` (the same aid in the reader's language), so a
 * reader sees the decision in their language; the record unchanged when `aid` is null, another
 * aid, or already in the record's language. Options and sliders the aid no longer has keep the
 * words the record was saved with.
 */
export function recordInLanguage(record: DecisionRecord, aid: DecisionAid | null): DecisionRecord {
	if (aid === null || aid.id !== record.aidId || aid.lang === record.aidLang) return record;
	const choice = record.choice;
	const option =
		choice.kind === 'option' ? aid.options.find((o) => o.id === choice.optionId) : undefined;
	return {
		...record,
		aidLang: aid.lang,
		aidTitle: aid.title,
		decision: aid.decision,
		choice: choice.kind === 'option' && option ? { ...choice, label: option.label } : choice,
		whatMattersMost: record.whatMattersMost.map((w) => {
			const slider = aid.values.find((v) => v.id === w.valueId);
			if (slider === undefined) return w;
			const pole = w.leaning === 'left' ? slider.left : w.leaning === 'right' ? slider.right : null;
			return { ...w, prompt: slider.prompt, pole };
		})
	};
}
