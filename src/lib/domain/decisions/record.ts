// The decision record: what the person ends a decision aid with, to print, keep in the encrypted
// journal ("decisions" category) and share with the circle. Invariant: a record only refers to
// options and sliders of the aid it was built from, carries the aid's review date so it can be
// read in context later, and its SURE score is computed, never typed in.
import * as z from 'zod';
import { langSchema } from '$lib/domain/education/article';
import { err, ok, type Result } from '$lib/domain/result';
import type { DecisionAid } from './aid';
import { scoreSure, sureAnswersSchema, sureScoreSchema } from './sure';

/** What the person entered while stepping through the aid (a draft can be saved as is). */
export const decisionAnswersSchema = z.strictObject({
	aidId: z.string(),
	/** The chosen option id, or null for "not decided yet". */
	choice: z.string().nullable(),
	/** Reasons in the person's own words. */
	reasons: z.string().max(4000),
	/** sliderId → position 0 (left pole) … 100 (right pole); 50 is neither. */
	sliders: z.record(z.string(), z.number().min(0).max(100)),
	questions: z.array(z.string().max(500)).max(30),
	sure: sureAnswersSchema,
	/** questionId → chosen index. */
	knowledge: z.record(z.string(), z.int().min(0)).default({})
});
export type DecisionAnswers = z.infer<typeof decisionAnswersSchema>;

export const whatMattersSchema = z.strictObject({
	valueId: z.string(),
	prompt: z.string(),
	leaning: z.enum(['left', 'right', 'neither']),
	/** The pole the person leans to, in the aid's words (null when neither). */
	pole: z.string().nullable(),
	/** 0 (in the middle) … 50 (at a pole). */
	strength: z.number().min(0).max(50)
});
export type WhatMatters = z.infer<typeof whatMattersSchema>;

export const decisionRecordSchema = z.strictObject({
	schemaVersion: z.literal(1),
	aidId: z.string(),
	aidLang: langSchema,
	aidTitle: z.string(),
	decision: z.string(),
	aidLastReviewed: z.iso.date(),
	date: z.iso.date(),
	choice: z.discriminatedUnion('kind', [
		z.strictObject({ kind: z.literal('option'), optionId: z.string(), label: z.string() }),
		z.strictObject({ kind: z.literal('undecided') })
	]),
	reasons: z.string(),
	/** Sliders ordered from the strongest preference to the weakest. */
	whatMattersMost: z.array(whatMattersSchema),
	questions: z.array(z.string()),
	sure: sureScoreSchema,
	knowledge: z.strictObject({ correct: z.int().min(0), total: z.int().min(0) })
});
export type DecisionRecord = z.infer<typeof decisionRecordSchema>;

export type DecisionRecordError =
	| { readonly type: 'wrong-aid'; readonly expected: string; readonly got: string }
	| { readonly type: 'unknown-option'; readonly optionId: string }
	| { readonly type: 'unknown-slider'; readonly sliderId: string }
	| { readonly type: 'invalid-date'; readonly date: string };

/** Orders the slider answers by how strongly the person leans, strongest first. */
export function whatMattersMost(
	aid: DecisionAid,
	sliders: Readonly<Record<string, number>>
): readonly WhatMatters[] {
	return aid.values
		.filter((v) => sliders[v.id] !== undefined)
		.map((v): WhatMatters => {
			const position = sliders[v.id] ?? 50;
			const leaning = position < 50 ? 'left' : position > 50 ? 'right' : 'neither';
			return {
				valueId: v.id,
				prompt: v.prompt,
				leaning,
				pole: leaning === 'left' ? v.left : leaning === 'right' ? v.right : null,
				strength: Math.abs(position - 50)
			};
		})
		.toSorted((a, b) => b.strength - a.strength);
}

/**
 * Builds the record from the person's answers. `today` (YYYY-MM-DD) is injected so the record is
 * deterministic. Blank questions are dropped and reasons are trimmed; the words are kept as typed.
 */
export function buildDecisionRecord(
	aid: DecisionAid,
	answers: DecisionAnswers,
	today: string
): Result<DecisionRecord, DecisionRecordError> {
	if (answers.aidId !== aid.id)
		return err({ type: 'wrong-aid', expected: aid.id, got: answers.aidId });
	if (!z.iso.date().safeParse(today).success) return err({ type: 'invalid-date', date: today });
	const unknownSlider = Object.keys(answers.sliders).find(
		(id) => !aid.values.some((v) => v.id === id)
	);
	if (unknownSlider !== undefined) return err({ type: 'unknown-slider', sliderId: unknownSlider });

	let choice: DecisionRecord['choice'] = { kind: 'undecided' };
	if (answers.choice !== null) {
		const option = aid.options.find((o) => o.id === answers.choice);
		if (option === undefined) return err({ type: 'unknown-option', optionId: answers.choice });
		choice = { kind: 'option', optionId: option.id, label: option.label };
	}

	const correct = aid.knowledgeCheck.filter((q) => answers.knowledge[q.id] === q.correct).length;
	return ok({
		schemaVersion: 1,
		aidId: aid.id,
		aidLang: aid.lang,
		aidTitle: aid.title,
		decision: aid.decision,
		aidLastReviewed: aid.lastReviewed,
		date: today,
		choice,
		reasons: answers.reasons.trim(),
		whatMattersMost: [...whatMattersMost(aid, answers.sliders)],
		questions: answers.questions.map((q) => q.trim()).filter((q) => q !== ''),
		sure: scoreSure(answers.sure),
		knowledge: { correct, total: aid.knowledgeCheck.length }
	});
}
