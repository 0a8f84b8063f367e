// The SURE test (Légaré et al. 2010): four yes/no questions on decisional conflict. Invariant:
// the score is the number of "yes" answers (0–4); anything below 4 means the person may not be
// ready and the decision should be talked through.
import * as z from 'zod';
import type { Lang } from '$lib/domain/education/article';

export const SURE_ITEMS = ['sure', 'understand', 'risks', 'encouragement'] as const;
export type SureItem = (typeof SURE_ITEMS)[number];

export const SURE_QUESTIONS: Readonly<Record<Lang, Readonly<Record<SureItem, string>>>> = {
	en: {
		sure: 'Do you feel SURE about the best choice for you?',
		understand: 'Do you know the benefits and risks of each option?',
		risks: 'Are you clear about which benefits and risks matter most to you?',
		encouragement: 'Do you have enough support and advice to make a choice?'
	},
	fr: {
		sure: 'Êtes-vous certain(e) de ce qui constitue le meilleur choix pour vous ?',
		understand: 'Connaissez-vous les bénéfices et les risques de chacune des options ?',
		risks: 'Savez-vous ce qui compte le plus pour vous parmi ces bénéfices et ces risques ?',
		encouragement: 'Avez-vous assez de soutien et de conseils pour faire votre choix ?'
	}
};

export const sureAnswersSchema = z.strictObject({
	sure: z.boolean(),
	understand: z.boolean(),
	risks: z.boolean(),
	encouragement: z.boolean()
});
export type SureAnswers = z.infer<typeof sureAnswersSchema>;

export const sureScoreSchema = z.strictObject({
	answers: sureAnswersSchema,
	score: z.int().min(0).max(4),
	needsDiscussion: z.boolean(),
	/** Items answered "no", in test order: what to talk through. */
	openItems: z.array(z.enum(SURE_ITEMS))
});
export type SureScore = z.infer<typeof sureScoreSchema>;

/** Scores the SURE test: one point per "yes"; below 4 suggests talking it through. */
export function scoreSure(answers: SureAnswers): SureScore {
	const openItems = SURE_ITEMS.filter((item) => !answers[item]);
	const score = SURE_ITEMS.length - openItems.length;
	return { answers, score, needsDiscussion: score < 4, openItems };
}
